/**
 * `npm run bench` (not a test): prints ratios against the vendor emulators on 127.0.0.1,
 * each with its target (see the sections in scripts/bench/):
 *  1. List Order Details (NXCloud) through the node vs direct undici (the floor) vs per item.
 *  2. icsoc push handling: the trigger's verifying webhook() vs a bare one, plain and encrypted.
 *  3. Search CDR (icsoc) Return All through 100,000 records: memory beyond the output stays flat.
 */
import { benchCdrMemory } from './bench/cdrMemory';
import { benchOrderDetails } from './bench/orderDetails';
import { benchPushThroughput } from './bench/pushThroughput';

async function main() {
	await benchOrderDetails();
	console.log();
	await benchPushThroughput();
	console.log();
	await benchCdrMemory();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
