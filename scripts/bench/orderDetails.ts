/**
 * List Order Details, 10,000 order IDs through the NXCloud node in n8n-core
 * (test/harness/n8nRunner) vs the same 20 signed listOrderDetail requests made directly with
 * undici at the same concurrency (the floor), vs one signed request per item, sequential
 * (what an HTTP Request node per item would do). The node runs with its defaults (Decode Codes
 * and Dates on) and, to show what decoding costs, with decoding off. The same requests made with
 * axios, the HTTP client n8n's request helpers use (and so must every node), show how much of
 * the gap is n8n's client rather than the node. All contenders alternate, so a busy moment of
 * the machine does not favour one of them.
 */
import axios from 'axios';
import { request } from 'undici';

import { CONCURRENT_REQUESTS } from '../../nodes/NxCloudCallbot/order/getDetails.operation';
import { nxCloudSignedHeaders } from '../../nodes/NxCloudCallbot/signing';
import { mapWithConcurrency } from '../../nodes/shared/batching';
import { NxCloudEmulator } from '../../test/emulators/nxCloudEmulator';
import { runNode } from '../../test/harness/n8nRunner';
import { best, passFail, ratio, timed } from './measure';

const account = { uuid: 'bench-uuid', secretKey: 'bench-secret' };
const ORDER_COUNT = 10_000;
const PER_REQUEST = 500;
const RUNS = 7;

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

export async function benchOrderDetails(): Promise<void> {
	const emulator = await new NxCloudEmulator(account).start();
	try {
		const ids = Array.from({ length: ORDER_COUNT }, (_, i) => `o-${i}`);
		emulator.addOrders('task-1', ids);
		const input = ids.map((id) => ({ task: 'task-1', orders: id }));

		const throughNode = (decodeValues: boolean) => async () => {
			const { items, error } = await runNode({
				nodeType: 'nxCloudCallbot',
				parameters: { resource: 'order', operation: 'getDetails', userTaskId: '={{ $json.task }}', orderIds: '={{ $json.orders }}', decodeValues },
				credentials: { nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5' } },
				input,
			});
			if (error || items.length !== ORDER_COUNT) throw new Error(`node run failed: ${error?.message ?? items.length}`);
		};
		const batches = Array.from({ length: ORDER_COUNT / PER_REQUEST }, (_, b) => ids.slice(b * PER_REQUEST, (b + 1) * PER_REQUEST));
		const floor = () =>
			mapWithConcurrency(batches, CONCURRENT_REQUESTS, (orderList) => signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList }));
		const withAxios = () =>
			mapWithConcurrency(batches, CONCURRENT_REQUESTS, async (orderList) => {
				const body = JSON.stringify({ productID: 'callbot', userTaskID: 'task-1', orderList });
				const response = await axios.post(`${emulator.baseUrl}/callcentre/api/v3/listOrderDetail`, body, {
					headers: { ...nxCloudSignedHeaders({ ...account, algorithm: 'MD5' }, body), 'Content-Type': 'application/json' },
				});
				if (response.data.retCode !== 0) throw new Error(`retCode ${response.data.retCode}`);
			});
		const perItem = async () => {
			for (const id of ids) await signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList: [id] });
		};

		const before = emulator.requests.length;
		await throughNode(true)();
		const nodeRequests = emulator.requests.length - before;

		const contenders = { node: throughNode(true), nodeRaw: throughNode(false), floor, withAxios };
		const fastest = { node: Infinity, nodeRaw: Infinity, floor: Infinity, withAxios: Infinity };
		for (const work of Object.values(contenders)) await work(); // warm-up
		for (let run = 0; run < RUNS; run++) {
			for (const [name, work] of Object.entries(contenders) as Array<[keyof typeof fastest, () => Promise<unknown>]>) {
				fastest[name] = Math.min(fastest[name], await timed(work));
			}
		}
		const perItemMs = await best(1, perItem);
		const { node: nodeMs, nodeRaw: nodeRawMs, floor: floorMs, withAxios: axiosMs } = fastest;

		console.log(`1. List Order Details (NXCloud), ${ORDER_COUNT.toLocaleString('en')} order IDs (best of ${RUNS} alternating runs, ms):`);
		console.log(`  node in n8n-core (defaults):  ${nodeMs.toFixed(0)} ms, ${nodeRequests} requests, ${ORDER_COUNT.toLocaleString('en')} output items`);
		console.log(`  node, Decode Codes and Dates off: ${nodeRawMs.toFixed(0)} ms`);
		console.log(`  direct undici, same batches:  ${floorMs.toFixed(0)} ms, ${batches.length} requests (concurrency ${CONCURRENT_REQUESTS}), answers parsed`);
		console.log(`  same batches with axios:      ${axiosMs.toFixed(0)} ms (n8n's HTTP client; ${ratio(axiosMs, floorMs)}x the floor)`);
		console.log(`  one request per item:         ${perItemMs.toFixed(0)} ms, ${ORDER_COUNT} requests (sequential)`);
		console.log(`  node / floor = ${ratio(nodeMs, floorMs)}x (target <= 1.2x): ${passFail(nodeMs / floorMs <= 1.2)}`);
		console.log(`    with decoding off: ${ratio(nodeRawMs, floorMs)}x; decoding adds ${ratio(nodeMs - nodeRawMs, floorMs)}x of the floor`);
		console.log(`    node / the same requests with axios = ${ratio(nodeMs, axiosMs)}x (decoding off: ${ratio(nodeRawMs, axiosMs)}x)`);
		const fewerRequests = ORDER_COUNT / nodeRequests;
		console.log(
			`  per-item / node = ${ratio(perItemMs, nodeMs)}x slower, ${fewerRequests.toFixed(2)}x more requests ` +
				`(target >= 10x fewer requests and faster than per-item): ${passFail(fewerRequests >= 10 && nodeMs < perItemMs)}`,
		);
	} finally {
		await emulator.stop();
	}
}
