/**
 * List Order Details, 10,000 order IDs through the NXCloud node in n8n-core
 * (test/harness/n8nRunner) vs the same 20 signed listOrderDetail requests made directly with
 * undici at the same concurrency (the floor), vs one request per item: what a user gets from
 * n8n's own HTTP Request node (4.2, from the n8n install of scripts/ensure-n8n.sh, signing with
 * this package's credential), and the cheapest possible form of it (signed undici requests, one
 * after another). The node runs with its defaults (Decode Codes and Dates on) and, to show what
 * decoding costs, with decoding off.
 *
 * Two more contenders show where the rest goes: the same requests made with axios, the HTTP
 * client n8n's request helpers use (and so must every node), and a bare n8n node that sends the
 * same 20 requests through n8n's helper and returns the orders as items, doing nothing else
 * (no parameters, no pooling, no decoding): the least any node in n8n pays.
 *
 * Contenders run in rounds, in a rotating order, and each round gives its own ratios: this
 * machine's speed drifts by more than the differences measured, and a ratio within one round
 * is far steadier than a ratio of two best times taken at different moments.
 */
import axios from 'axios';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { request } from 'undici';

import { CONCURRENT_REQUESTS } from '../../nodes/NxCloudCallbot/order/getDetails.operation';
import { nxCloudSpec } from '../../nodes/NxCloudCallbot/api';
import { nxCloudSignedHeaders } from '../../nodes/NxCloudCallbot/signing';
import { mapWithConcurrency } from '../../nodes/shared/batching';
import { NxCloudEmulator } from '../../test/emulators/nxCloudEmulator';
import { HTTP_REQUEST_NODE_VERSION, httpRequestParameters, registerHttpRequestNode } from '../../test/harness/httpRequestNode';
import { registerTestNodeType, runNode } from '../../test/harness/n8nRunner';
import { best, collectGarbage, passFail, ratio, timed } from './measure';

const account = { uuid: 'bench-uuid', secretKey: 'bench-secret' };
const ORDER_COUNT = 10_000;
const PER_REQUEST = 500;
const ROUNDS = 15;
const PATH = '/callcentre/api/v3/listOrderDetail';

async function signedPost(baseUrl: string, payload: Record<string, unknown>): Promise<unknown> {
	const body = JSON.stringify({ productID: 'callbot', ...payload });
	const response = await request(`${baseUrl}${PATH}`, {
		method: 'POST',
		headers: nxCloudSignedHeaders({ ...account, algorithm: 'MD5' }, body),
		body,
	});
	const answer = (await response.body.json()) as { retCode: number };
	if (answer.retCode !== 0) throw new Error(`retCode ${answer.retCode}`);
	return answer;
}

/** The bare n8n node: the batches' requests through n8n's helper, orders out as items. */
function bareNodeType(batches: string[][]): INodeType {
	return {
		description: {
			displayName: 'Bare',
			name: 'bareOrderDetails',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Bare' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
			credentials: [{ name: nxCloudSpec.credentialType, required: true }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const answers = await mapWithConcurrency(batches, CONCURRENT_REQUESTS, async (orderList) => {
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, nxCloudSpec.credentialType, {
					method: 'POST',
					url: PATH,
					body: { productID: 'callbot', userTaskID: 'task-1', orderList },
					json: true,
				})) as { orderDetailList: IDataObject[] };
				return answer.orderDetailList;
			});
			const output: INodeExecutionData[] = [];
			for (const orders of answers) for (const json of orders) output.push({ json, pairedItem: { item: output.length } });
			return [output];
		},
	};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const spread = (values: number[]) => `${ratio(Math.min(...values), 1)}–${ratio(Math.max(...values), 1)}`;

export async function benchOrderDetails(): Promise<void> {
	const emulator = await new NxCloudEmulator(account).start();
	try {
		const ids = Array.from({ length: ORDER_COUNT }, (_, i) => `o-${i}`);
		emulator.addOrders('task-1', ids);
		const input = ids.map((id) => ({ task: 'task-1', orders: id }));
		const batches = Array.from({ length: ORDER_COUNT / PER_REQUEST }, (_, b) => ids.slice(b * PER_REQUEST, (b + 1) * PER_REQUEST));
		registerTestNodeType('bareOrderDetails', bareNodeType(batches));
		const credentials = { [nxCloudSpec.credentialType]: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5' } };

		const inN8n = (nodeType: string, parameters: INodeParameters) => async () => {
			const { items, error } = await runNode({ nodeType, parameters, credentials, input });
			if (error || items.length !== ORDER_COUNT) throw new Error(`${nodeType} run failed: ${error?.message ?? items.length}`);
		};
		const throughNode = (decodeValues: boolean, addCallRecord = true) =>
			inN8n('nxCloudCallbot', {
				resource: 'order',
				operation: 'getDetails',
				userTaskId: '={{ $json.task }}',
				orderIds: '={{ $json.orders }}',
				decodeValues,
				addCallRecord,
			});
		const floor = () =>
			mapWithConcurrency(batches, CONCURRENT_REQUESTS, (orderList) => signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList }));
		const withAxios = () =>
			mapWithConcurrency(batches, CONCURRENT_REQUESTS, async (orderList) => {
				const body = JSON.stringify({ productID: 'callbot', userTaskID: 'task-1', orderList });
				const response = await axios.post(`${emulator.baseUrl}${PATH}`, body, {
					headers: { ...nxCloudSignedHeaders({ ...account, algorithm: 'MD5' }, body), 'Content-Type': 'application/json' },
				});
				if (response.data.retCode !== 0) throw new Error(`retCode ${response.data.retCode}`);
				return response.data;
			});
		const perItem = async () => {
			for (const id of ids) await signedPost(emulator.baseUrl, { userTaskID: 'task-1', orderList: [id] });
		};
		const httpRequestNode = registerHttpRequestNode();
		const perItemHttpRequestNode = (count: number) => async () => {
			const { items, error } = await runNode({
				nodeType: httpRequestNode,
				typeVersion: HTTP_REQUEST_NODE_VERSION,
				parameters: httpRequestParameters(nxCloudSpec.credentialType, {
					method: 'POST',
					url: `${emulator.baseUrl}${PATH}`,
					jsonBody: '={{ JSON.stringify({ productID: "callbot", userTaskID: $json.task, orderList: [$json.orders] }) }}',
				}),
				credentials,
				input: input.slice(0, count),
			});
			const answered = items.filter((item) => item.json.retCode === 0).length;
			if (error || answered !== count) throw new Error(`HTTP Request node run failed: ${error?.message ?? `${answered} answers`}`);
		};

		const before = emulator.requests.length;
		await throughNode(true)();
		const nodeRequests = emulator.requests.length - before;

		const contenders = {
			node: throughNode(true),
			nodeRaw: throughNode(false),
			// Neither decoding nor the call record: what reading, pooling, the engine and pairing cost.
			nodePlain: throughNode(false, false),
			bare: inN8n('bareOrderDetails', {}),
			withAxios,
			floor,
		};
		type Name = keyof typeof contenders;
		const names = Object.keys(contenders) as Name[];
		const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
		for (const name of names) await contenders[name](); // warm-up
		for (let round = 0; round < ROUNDS; round++) {
			for (let turn = 0; turn < names.length; turn++) {
				const name = names[(round + turn) % names.length];
				collectGarbage(); // no contender pays for the garbage of the one before
				times[name].push(await timed(contenders[name]));
			}
		}
		const perItemMs = await best(1, perItem);
		await perItemHttpRequestNode(100)(); // warm-up
		const perItemNodeMs = await timed(perItemHttpRequestNode(ORDER_COUNT));
		const perRound = (name: Name, base: Name = 'floor') => times[name].map((ms, round) => ms / times[base][round]);
		const line = (name: Name, base: Name = 'floor') => {
			const ratios = perRound(name, base);
			return `${ratio(median(ratios), 1)}x (rounds: ${spread(ratios)})`;
		};
		const ms = (name: Name) => `${median(times[name]).toFixed(0)} ms`;

		console.log(
			`1. List Order Details (NXCloud), ${ORDER_COUNT.toLocaleString('en')} order IDs: medians of ${ROUNDS} rounds ` +
				`(every contender once per round, rotating order; ratios taken within each round):`,
		);
		console.log(`  node in n8n-core (defaults):          ${ms('node')}, ${nodeRequests} requests, ${ORDER_COUNT.toLocaleString('en')} output items`);
		console.log(`  node, Decode Codes and Dates off:     ${ms('nodeRaw')}`);
		console.log(`  node, decoding and call record off:   ${ms('nodePlain')}`);
		console.log(`  bare n8n node, same 20 requests:      ${ms('bare')} (n8n's helper, orders out as items, nothing else)`);
		console.log(`  same batches with axios:              ${ms('withAxios')} (n8n's HTTP client)`);
		console.log(`  direct undici, same batches (floor):  ${ms('floor')}, ${batches.length} requests (concurrency ${CONCURRENT_REQUESTS}), answers parsed`);
		console.log(`  per item, n8n's HTTP Request node:    ${perItemNodeMs.toFixed(0)} ms, ${ORDER_COUNT} requests (one run; answers still to be split into orders)`);
		console.log(`  per item, direct undici:              ${perItemMs.toFixed(0)} ms, ${ORDER_COUNT} requests (sequential, best of 1 after a warm-up)`);
		const nodeOverFloor = median(perRound('node'));
		console.log(`  node / floor = ${line('node')} (target <= 1.2x): ${passFail(nodeOverFloor <= 1.2)}`);
		console.log(`    decoding off / floor = ${line('nodeRaw')}`);
		console.log(`    bare n8n node / floor = ${line('bare')}: what any node pays for n8n's helper, items and engine`);
		console.log(`    axios / floor = ${line('withAxios')}`);
		console.log(`    node / bare n8n node = ${line('node', 'bare')} (decoding off: ${line('nodeRaw', 'bare')}; decoding and call record off: ${line('nodePlain', 'bare')}): what this node adds`);
		const fewerRequests = ORDER_COUNT / nodeRequests;
		const nodeMs = median(times.node);
		console.log(
			`  per item / node: ${fewerRequests.toFixed(0)}x the requests; ${ratio(perItemNodeMs, nodeMs)}x slower with n8n's HTTP Request node, ` +
				`${ratio(perItemMs, nodeMs)}x with direct undici (target >= 10x fewer requests and faster than per-item): ` +
				passFail(fewerRequests >= 10 && nodeMs < perItemMs && nodeMs < perItemNodeMs),
		);
	} finally {
		await emulator.stop();
	}
}
