/**
 * `npm run bench` (not a test): prints ratios against the NXCloud emulator on 127.0.0.1.
 *  - List Order Details, 10,000 order IDs through the node in n8n-core (test/harness/n8nRunner)
 *    vs the same 20 signed listOrderDetail requests made directly with undici, same concurrency.
 *  - vs one signed request per item, sequential (what an HTTP Request node per item would do).
 */
import { request } from 'undici';

import { CONCURRENT_REQUESTS } from '../nodes/NxCloudCallbot/order/getDetails.operation';
import { nxCloudSignedHeaders } from '../nodes/NxCloudCallbot/signing';
import { mapWithConcurrency } from '../nodes/shared/batching';
import { NxCloudEmulator } from '../test/emulators/nxCloudEmulator';
import { runNode } from '../test/harness/n8nRunner';

const account = { uuid: 'bench-uuid', secretKey: 'bench-secret' };
const ORDER_COUNT = 10_000;
const PER_REQUEST = 500;

async function signedPost(baseUrl: string, payload: Record<string, unknown>): Promise<unknown> {
	const body = JSON.stringify({ productID: 'callbot', ...payload });
	const response = await request(`${baseUrl}/callcentre/api/v3/listOrderDetail`, {
		method: 'POST',
		headers: nxCloudSignedHeaders({ ...account, algorithm: 'MD5' }, body),
		body,
	});
	const answer = (await response.body.json()) as { retCode: number };
	if (answer.retCode !== 0) throw new Error(`retCode ${answer.retCode}`);
	return answer;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	const started = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Best of `runs`, after one warm-up, so JIT and connection set-up do not decide the ratio. */
async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
	await work();
	let fastest = Infinity;
	for (let run = 0; run < runs; run++) fastest = Math.min(fastest, await timed(work));
	return fastest;
}

async function main() {
	const emulator = await new NxCloudEmulator(account).start();
	const ids = Array.from({ length: ORDER_COUNT }, (_, i) => `o-${i}`);
	emulator.addOrders('task-1', ids);
	const input = ids.map((id) => ({ task: 'task-1', orders: id }));

	const throughNode = async () => {
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: { resource: 'order', operation: 'getDetails', userTaskId: '={{ $json.task }}', orderIds: '={{ $json.orders }}' },
			credentials: { nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5' } },
			input,
		});
		if (error || items.length !== ORDER_COUNT) throw new Error(`node run failed: ${error?.message ?? items.length}`);
	};
	const batches = Array.from({ length: ORDER_COUNT / PER_REQUEST }, (_, b) => ids.slice(b * PER_REQUEST, (b + 1) * PER_REQUEST));
	const floor = () => mapWithConcurrency(batches, CONCURRENT_REQUESTS, (orderList) => signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList }));
	const perItem = async () => {
		for (const id of ids) await signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList: [id] });
	};

	const before = emulator.requests.length;
	await throughNode();
	const nodeRequests = emulator.requests.length - before;

	const nodeMs = await best(5, throughNode);
	const floorMs = await best(5, floor);
	const perItemMs = await best(1, perItem);

	const ratio = (a: number, b: number) => (a / b).toFixed(2);
	console.log(`List Order Details, ${ORDER_COUNT.toLocaleString('en')} order IDs (best of runs, ms):`);
	console.log(`  node in n8n-core:            ${nodeMs.toFixed(0)} ms, ${nodeRequests} requests`);
	console.log(`  direct undici, same batches: ${floorMs.toFixed(0)} ms, ${batches.length} requests (concurrency ${CONCURRENT_REQUESTS})`);
	console.log(`  one request per item:        ${perItemMs.toFixed(0)} ms, ${ORDER_COUNT} requests (sequential)`);
	console.log(`  node / floor = ${ratio(nodeMs, floorMs)}x (target <= 1.2x)`);
	console.log(`  per-item / node = ${ratio(perItemMs, nodeMs)}x slower, ${ratio(ORDER_COUNT, nodeRequests)}x more requests (target >= 10x)`);
	await emulator.stop();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
