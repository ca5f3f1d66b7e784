import * as net from 'net';
import { request } from 'undici';

import { NxCloudCallbotApi } from '../../credentials/NxCloudCallbotApi.credentials';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { runNode } from '../harness/n8nRunner';

const account = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };

describe('NXCloud Callbot node in n8n', () => {
	let emulator: NxCloudEmulator;
	const credentials = (overrides: Record<string, string> = {}) => ({
		nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5', ...overrides },
	});
	const getDetails = (extra: Record<string, unknown> = {}) => ({
		resource: 'order',
		operation: 'getDetails',
		userTaskId: '={{ $json.task }}',
		orderIds: '={{ $json.orders }}',
		...extra,
	});

	beforeEach(async () => {
		emulator = await new NxCloudEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test('1,234 items of one task: 3 requests of 500, 500 and 234 IDs, 1,234 items paired to their inputs', async () => {
		const ids = Array.from({ length: 1234 }, (_, i) => `o-${i}`);
		emulator.addOrders('task-1', ids);
		const input = ids.map((id) => ({ task: 'task-1', orders: id }));
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input,
		});
		expect(error).toBeUndefined();
		expect(emulator.orderListSizes.sort((a, b) => b - a)).toEqual([500, 500, 234]);
		expect(items).toHaveLength(1234);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.orderID).toBe(`o-${index}`);
			expect(item.json.callInfoDetailList).toHaveLength(2);
		});
	});

	test('orders of several tasks and items are pooled per task; each item gets its own orders in its order', async () => {
		emulator.addOrders('task-a', ['a1', 'a2', 'a3']);
		emulator.addOrders('task-b', ['b1']);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input: [
				{ task: 'task-a', orders: 'a3, a1' },
				{ task: 'task-b', orders: ['b1'] },
				{ task: 'task-a', orders: 'a1,a2' },
			],
		});
		expect(emulator.orderListSizes.sort()).toEqual([1, 3]);
		expect(items.map((i) => [i.json.orderID, i.pairedItem])).toEqual([
			['a3', { item: 0 }],
			['a1', { item: 0 }],
			['b1', { item: 1 }],
			['a1', { item: 2 }],
			['a2', { item: 2 }],
		]);
	});

	test.each([
		['decoded as answers arrive', {}],
		['decoded per item (an expression)', { decodeValues: '={{ $json.task !== "" }}' }],
		['not decoded', { decodeValues: false }],
	])('an order asked for by two items comes out as two independent items (%s)', async (_, options: Record<string, unknown>) => {
		emulator.addOrders('task-1', ['o-1']);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(options),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1' }, { task: 'task-1', orders: 'o-1' }],
		});
		expect(emulator.orderListSizes).toEqual([1]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[1].json).toEqual(items[0].json);
		expect(items[0].json.callInfoDetailList).toHaveLength(2);
		// A later node changing one item (deeply) must not change the other.
		(items[0].json.callInfoDetailList as Array<Record<string, unknown>>)[0].intents = ['changed'];
		expect((items[1].json.callInfoDetailList as Array<Record<string, unknown>>)[0].intents).toEqual([]);
		const decoded = (items[1].json.callInfoDetailList as Array<Record<string, unknown>>)[1].callStatusLabel;
		expect(decoded).toBe(options.decodeValues === false ? undefined : 'completed');
	});

	test('an order the vendor does not return is reported, not dropped; an ID listed twice comes out once', async () => {
		emulator.addOrders('task-1', ['o-1']);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1, ghost, o-1' }],
		});
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({ orderID: 'o-1', found: true }),
			{
				// Every field of a found order, empty: the same columns in n8n's table, no "undefined" cells.
				orderID: 'ghost',
				userPhone: null,
				userName: null,
				sceneID: null,
				userTaskID: 'task-1',
				taskID: null,
				finish: null,
				other: null,
				callInfoDetailList: [],
				found: false,
				// No call, and NXCloud knows no such order: outcome other, the trigger's order key.
				call: {
					vendor: 'nxcloud',
					callId: null,
					externalId: 'ghost',
					phone: null,
					outcome: 'other',
					vendorStatus: { code: null, label: null },
					startedAt: null,
					answeredAt: null,
					endedAt: null,
					durationSec: null,
					talkSec: null,
					recordingUrl: null,
					dedupeKey: 'nxcloud:order:ghost:',
				},
			},
		]);
		// The same keys as a found order, in the same order (n8n's table takes its columns from them).
		expect(Object.keys(items[1].json)).toEqual(Object.keys(items[0].json));
	});

	test.each([true, false])(
		'with One Item per Call, an unknown order and an order without calls have the columns of a call item, empty (decoding %s)',
		async (decodeValues) => {
			emulator.addOrders('task-1', ['o-1'], 1);
			emulator.addOrders('task-1', ['o-2'], 0);
			const { items } = await runNode({
				nodeType: 'nxCloudCallbot',
				parameters: getDetails({ outputMode: 'call', decodeValues }),
				credentials: credentials(),
				input: [{ task: 'task-1', orders: 'o-1, o-2, ghost' }],
			});
			const [call, noCalls, ghost] = items.map((item) => item.json);
			// Every column of the call's item (the emulator sends fewer call fields than the API lists), in the same order.
			const columns = (json: object) => Object.keys(json).filter((key) => key in call);
			expect(columns(noCalls)).toEqual(Object.keys(call));
			expect(columns(ghost)).toEqual(Object.keys(call));
			expect(noCalls).toMatchObject({ orderID: 'o-2', found: true, userPhone: '13800000002', callID: null, callStatus: null, intents: [], agent: null });
			expect(ghost).toMatchObject({ orderID: 'ghost', found: false, userPhone: null, callID: null, callStartTs: null, recordDetail: [] });
			if (decodeValues) expect(noCalls).toMatchObject({ callStatusLabel: null, callStartTsIso: null, callAnswerTsIso: null, callEndTsIso: null });
			else expect(noCalls).not.toHaveProperty('callStatusLabel');
		},
	);

	test.each([
		['decoded as answers arrive (in place)', {}],
		['decoded per item (an expression)', { decodeValues: '={{ $json.task !== "" }}' }],
	])(
		'with One Item per Call, an unanswered call has the columns of an answered one, in the same order: its callAnswerTsIso null (%s)',
		async (_, options: Record<string, unknown>) => {
			// The emulator's first call of an order is unanswered (callAnswerTs 0, agentCallStatus null), the last answered.
			emulator.addOrders('task-1', ['o-1'], 2);
			emulator.addOrders('task-1', ['o-2'], 0);
			const { items } = await runNode({
				nodeType: 'nxCloudCallbot',
				parameters: getDetails({ outputMode: 'call', ...options }),
				credentials: credentials(),
				input: [{ task: 'task-1', orders: 'o-1, o-2, ghost' }],
			});
			const [unanswered, answered, noCalls, ghost] = items.map((item) => item.json);
			expect(unanswered).toMatchObject({ callAnswerTs: 0, callAnswerTsIso: null, callStatus: 10, callStatusLabel: expect.any(String) });
			expect(answered.callAnswerTsIso).toBe('2023-11-14T22:14:26Z');
			expect(Object.keys(unanswered)).toEqual(Object.keys(answered));
			expect(Object.keys(unanswered.agent as object)).toEqual(['agentName', 'agentCallStatus', 'agentCallStatusLabel', 'manualHangupBy', 'manualHangupByLabel']);
			// The orders without a call have the same columns up to the call's nested fields.
			for (const empty of [noCalls, ghost]) expect(Object.keys(empty).filter((key) => key in answered)).toEqual(Object.keys(answered));
			expect(noCalls).toMatchObject({ callStatusLabel: null, callStartTsIso: null, callAnswerTsIso: null, callEndTsIso: null });
		},
	);

	test('orders answered in another order than asked still reach the items that asked for them', async () => {
		emulator.addOrders('task-1', ['o-1', 'o-2', 'o-3']);
		emulator.answerInReverse = true;
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-2, o-1' }, { task: 'task-1', orders: 'ghost, o-3' }],
		});
		expect(items.map((i) => [i.json.orderID, i.json.found, i.pairedItem])).toEqual([
			['o-2', true, { item: 0 }],
			['o-1', true, { item: 0 }],
			['ghost', false, { item: 1 }],
			['o-3', true, { item: 1 }],
		]);
		expect(items[3].json.userPhone).toBe('13800000003');
	});

	test('decodes codes and timestamps by default, keeping raw values; can be switched off', async () => {
		emulator.addOrders('task-1', ['o-7'], 1);
		const run = (decodeValues: boolean) =>
			runNode({
				nodeType: 'nxCloudCallbot',
				parameters: getDetails({ decodeValues }),
				credentials: credentials(),
				input: [{ task: 'task-1', orders: 'o-7' }],
			});
		const decoded = (await run(true)).items[0].json.callInfoDetailList as Array<Record<string, unknown>>;
		expect(decoded[0]).toMatchObject({
			callStatus: 6,
			callStatusLabel: 'completed',
			callStartTs: 1_700_000_007,
			callStartTsIso: '2023-11-14T22:13:27Z',
		});
		const raw = (await run(false)).items[0].json.callInfoDetailList as Array<Record<string, unknown>>;
		expect(raw[0].callStatusLabel).toBeUndefined();
	});

	test.each([
		['decoded as answers arrive (in place)', {}],
		['decoded per item (an expression)', { decodeValues: '={{ $json.task !== "" }}' }],
	])("twins and the call record in the workflow's time zone, each twin right after its raw field (%s)", async (_, options: Record<string, unknown>) => {
		emulator.addOrders('task-1', ['o-7'], 2);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			timezone: 'Asia/Shanghai',
			parameters: getDetails(options),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-7' }],
		});
		const calls = items[0].json.callInfoDetailList as Array<Record<string, unknown>>;
		expect(Object.keys(calls[1]).slice(0, 9)).toEqual([
			'callID',
			'callStatus',
			'callStatusLabel',
			'callStartTs',
			'callStartTsIso',
			'callAnswerTs',
			'callAnswerTsIso',
			'callEndTs',
			'callEndTsIso',
		]);
		// 1700000067 is 2023-11-14 22:14:27 UTC.
		expect(calls[1].callStartTsIso).toBe('2023-11-15T06:14:27+08:00');
		expect(items[0].json.call).toMatchObject({ startedAt: calls[1].callStartTsIso, endedAt: calls[1].callEndTsIso });
	});

	test('one item per call carries the order fields; an order without calls still gets an item', async () => {
		emulator.addOrders('task-1', ['o-1'], 3);
		emulator.addOrders('task-1', ['o-2'], 0);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails({ outputMode: 'call', decodeValues: false }),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1' }, { task: 'task-1', orders: 'o-2' }],
		});
		expect(items.map((i) => [i.json.orderID, i.json.callID, i.pairedItem])).toEqual([
			['o-1', 'o-1-call-1', { item: 0 }],
			['o-1', 'o-1-call-2', { item: 0 }],
			['o-1', 'o-1-call-3', { item: 0 }],
			['o-2', null, { item: 1 }],
		]);
		expect(items[0].json.userPhone).toBeDefined();
		expect(items[0].json.callInfoDetailList).toBeUndefined();
	});

	test('call: per order the latest call, per call its own; the dedupeKey of a call is the trigger\'s; off on request', async () => {
		emulator.addOrders('task-1', ['o-1'], 3);
		const run = (extra: Record<string, unknown>) =>
			runNode({ nodeType: 'nxCloudCallbot', parameters: getDetails(extra), credentials: credentials(), input: [{ task: 'task-1', orders: 'o-1' }] });
		const perOrder = (await run({})).items;
		expect(perOrder).toHaveLength(1);
		// The order's fields stay as they are; `call` describes its latest call, the answered third one.
		expect(perOrder[0].json.callInfoDetailList).toHaveLength(3);
		expect(perOrder[0].json.call).toEqual({
			vendor: 'nxcloud',
			callId: 'o-1-call-3',
			externalId: 'o-1',
			phone: '13800000001',
			outcome: 'answered',
			vendorStatus: { code: 6, label: 'completed' },
			startedAt: '2023-11-14T22:15:21Z',
			answeredAt: '2023-11-14T22:15:26Z',
			endedAt: '2023-11-14T22:15:51Z',
			durationSec: 30,
			talkSec: 25,
			recordingUrl: null,
			dedupeKey: 'nxcloud:call:o-1-call-3',
		});
		const perCall = (await run({ outputMode: 'call' })).items.map((item) => item.json.call as Record<string, unknown>);
		expect(perCall.map((call) => [call.callId, call.outcome, call.vendorStatus, call.dedupeKey])).toEqual([
			['o-1-call-1', 'busy', { code: 10, label: 'user busy' }, 'nxcloud:call:o-1-call-1'],
			['o-1-call-2', 'busy', { code: 10, label: 'user busy' }, 'nxcloud:call:o-1-call-2'],
			['o-1-call-3', 'answered', { code: 6, label: 'completed' }, 'nxcloud:call:o-1-call-3'],
		]);
		expect((await run({ addCallRecord: false })).items[0].json.call).toBeUndefined();
		expect((await run({ addCallRecord: false, outputMode: 'call' })).items[0].json.call).toBeUndefined();
	});

	test('call per item: one order asked for by an item with Add Call Record and one without', async () => {
		emulator.addOrders('task-1', ['o-1'], 1);
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails({ addCallRecord: '={{ $json.add }}' }),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1', add: true }, { task: 'task-1', orders: 'o-1', add: false }],
		});
		expect(items.map((item) => [item.json.orderID, (item.json.call as { callId?: string } | undefined)?.callId])).toEqual([
			['o-1', 'o-1-call-1'],
			['o-1', undefined],
		]);
		expect(items[1].json).not.toHaveProperty('call');
	});

	test('SHA256 signatures are accepted', async () => {
		emulator.addOrders('task-1', ['o-1']);
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials({ algorithm: 'SHA256' }),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		expect(error).toBeUndefined();
		expect(emulator.requests[0].headers.algorithm).toBe('SHA256');
		expect(items).toHaveLength(1);
	});

	test('a wrong secret fails with retCode 6, its meaning, what to check and the responseID, never the secret', async () => {
		emulator.addOrders('task-1', ['o-1']);
		const { error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials({ secretKey: 'not-the-secret-key-0000000000000' }),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		expect(error?.message).toBe('NXCloud Callbot error 6: incorrect signature');
		expect(error?.description).toMatch(/Secret Key/);
		expect(error?.description).toMatch(/quote responseID resp-\d+\./);
		expect(JSON.stringify(error)).not.toContain('not-the-secret-key');
	});

	test('a vendor error names the code and the item; Continue On Fail turns it into error items', async () => {
		const input = [{ task: 'no-such-task', orders: 'o-1' }];
		const failed = await runNode({ nodeType: 'nxCloudCallbot', parameters: getDetails(), credentials: credentials(), input });
		expect(failed.error?.message).toBe('NXCloud Callbot error 4: invalid parameter value');
		expect(failed.error?.description).toMatch(/userTaskID not exist/);
		expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);

		emulator.addOrders('task-1', ['o-1']);
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			continueOnFail: true,
			input: [{ task: 'task-1', orders: 'o-1' }, { task: 'no-such-task', orders: 'x' }, { task: '', orders: 'y' }],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.orderID ?? i.json.error, i.pairedItem])).toEqual([
			['o-1', { item: 0 }],
			['NXCloud Callbot error 4: invalid parameter value', { item: 1 }],
			['User Task ID is empty', { item: 2 }],
		]);
	});

	test('empty order IDs fail with a clear message naming the item', async () => {
		const { error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input: [{ task: 't', orders: 'o-1' }, { task: 't', orders: ' , ' }],
		});
		expect(error?.message).toBe('Order IDs are empty');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(emulator.requests).toHaveLength(0);
	});

	test('"system busy" and HTTP 503 are retried, then the request succeeds', async () => {
		emulator.addOrders('task-1', ['o-1']);
		emulator.scriptedFailures.push({ body: { retCode: 7, retMsg: 'system busy', responseID: 'r' } });
		emulator.scriptedFailures.push({ status: 503, body: 'upstream unavailable' });
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(emulator.requests).toHaveLength(3);
		// Every attempt is signed afresh.
		expect(new Set(emulator.requests.map((r) => r.headers.requestid)).size).toBe(3);
	});

	test('a wrong Base URL says so', async () => {
		const { error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials({ baseUrl: `${emulator.baseUrl}/wrong-prefix` }),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		expect(error?.message).toBe('NXCloud Callbot error HTTP 404: endpoint not found');
		expect(error?.description).toMatch(/Base URL/);
	});

	test('nothing listening at the Base URL: "Could not reach", the network code and what to check', async () => {
		const closed = net.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as net.AddressInfo;
		await new Promise((resolve) => closed.close(resolve));
		const { error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails(),
			credentials: credentials({ baseUrl: `http://127.0.0.1:${port}` }),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		expect(error?.message).toBe('Could not reach NXCloud Callbot: ECONNREFUSED');
		expect(error?.description).toBe(`Nothing answered at http://127.0.0.1:${port}: check the Base URL (host and port) in the credential.`);
	});

	test('Stop Order sends delCall and reports the vendor tally per item', async () => {
		emulator.addOrders('task-1', ['o-1', 'o-2']);
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: {
				resource: 'order',
				operation: 'stop',
				userTaskId: 'task-1',
				orderIds: '={{ $json.orders }}',
				deleteUndialed: '={{ $json.del }}',
			},
			credentials: credentials(),
			input: [
				{ orders: 'o-1, o-2, o-9', del: true },
				{ orders: 'o-1', del: false },
			],
		});
		expect(error).toBeUndefined();
		expect(emulator.requests.map((r) => JSON.parse(r.rawBody).delCall)).toEqual([1, 0]);
		expect(items.map((i) => [i.json, i.pairedItem])).toEqual([
			[
				{
					userTaskID: 'task-1',
					totalCount: 3,
					successCount: 2,
					errList: [{ orderID: 'o-9', errMsg: 'order not exist' }],
				},
				{ item: 0 },
			],
			[{ userTaskID: 'task-1', totalCount: 1, successCount: 1, errList: [] }, { item: 1 }],
		]);
	});
});

describe('NXCloud Callbot Add Calls in n8n', () => {
	let emulator: NxCloudEmulator;
	const credentials = () => ({ nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5' } });
	const parameters = {
		resource: 'order',
		operation: 'addCalls',
		userTaskId: 'task-1',
		orderId: '={{ $json.id }}',
		userPhone: '={{ $json.phone }}',
		orderCallbackUrl: 'https://example.com/order',
		callCallbackUrl: 'https://example.com/call',
		additionalFields: { userName: '={{ $json.name }}' },
		scriptVariables: { variable: [{ name: 'amount', value: '={{ $json.amount }}' }] },
	};

	beforeEach(async () => {
		emulator = await new NxCloudEmulator(account).start();
		emulator.addOrders('task-1', ['existing']);
	});
	afterEach(async () => emulator.stop());

	test('1,200 rows become 3 requests; each item reports its own order, refused ones with the reason', async () => {
		const rows = Array.from({ length: 1200 }, (_, i) => ({ id: `n-${i}`, phone: `+86 138 0000 ${String(i).padStart(4, '0')}`, name: `王${i}`, amount: i }));
		rows[7].id = 'existing';
		const { items, error } = await runNode({ nodeType: 'nxCloudCallbot', parameters, credentials: credentials(), input: rows });
		expect(error).toBeUndefined();
		expect(emulator.addedBatchSizes.sort((a, b) => b - a)).toEqual([500, 500, 200]);
		expect(items).toHaveLength(1200);
		expect(items[0]).toEqual({
			json: { userTaskID: 'task-1', orderID: 'n-0', userPhone: '8613800000000', added: true },
			pairedItem: { item: 0 },
		});
		expect(items[7].json).toMatchObject({ orderID: 'existing', added: false, errMsg: 'orderID already exists' });
		const firstBody = JSON.parse(emulator.requests[0].rawBody);
		expect(firstBody.callInfoList).toMatchObject({ orderCallbackUrl: 'https://example.com/order', callCallbackUrl: 'https://example.com/call' });
		expect(firstBody.callInfoList.callList[0]).toEqual({
			orderID: 'n-0',
			userPhone: '8613800000000',
			userName: '王0',
			params: [{ name: 'amount', value: '0' }],
		});
	});

	test('a bad phone number or a repeated order ID fails that item only (Continue On Fail)', async () => {
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters,
			credentials: credentials(),
			continueOnFail: true,
			input: [
				{ id: 'a', phone: '8613800000001' },
				{ id: 'b', phone: 'call me maybe' },
				{ id: 'a', phone: '8613800000002' },
			],
		});
		expect(items.map((i) => [i.json.added ?? i.json.error, i.pairedItem])).toEqual([
			[true, { item: 0 }],
			['Phone number "call me maybe" is not a number with country code', { item: 1 }],
			['Order ID "a" is also used by item 0', { item: 2 }],
		]);
		expect(emulator.addedBatchSizes).toEqual([1]);
	});
});

describe('NXCloud Callbot tasks in n8n', () => {
	let emulator: NxCloudEmulator;
	const credentials = () => ({ nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'MD5' } });

	beforeEach(async () => {
		emulator = await new NxCloudEmulator(account).start();
		for (let i = 0; i < 250; i++) {
			emulator.taskRecords.push({
				userTaskID: `task-${i}`,
				taskID: `t${i}`,
				taskName: `Campaign ${i}`,
				taskStatus: i % 5 === 0 ? 5 : 2,
				createTs: 1_700_000_000 + i * 3600,
			});
		}
	});
	afterEach(async () => emulator.stop());

	test('Get Many with Return All pages until a short page', async () => {
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: { resource: 'task', operation: 'getMany', returnAll: true },
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(emulator.requests.map((r) => JSON.parse(r.rawBody).page)).toEqual([1, 2, 3]);
		expect(items[0].json).toMatchObject({ userTaskID: 'task-0', taskStatus: 5, taskStatusLabel: 'paused' });
		expect(items[0].json.createTsIso).toBe('2023-11-14T22:13:20Z');
	});

	test('Get Many stops at the limit and sends the filters', async () => {
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: {
				resource: 'task',
				operation: 'getMany',
				returnAll: false,
				limit: 3,
				// task-0 (created 2023-11-14T22:13:20Z) is before the filter, task-5 after it.
				filters: { taskStatus: [5], createdAfter: '2023-11-15T08:00:00', userTaskIds: '' },
			},
			credentials: credentials(),
			timezone: 'Asia/Shanghai',
		});
		expect(items.map((i) => i.json.userTaskID)).toEqual(['task-5', 'task-10', 'task-15']);
		const sent = JSON.parse(emulator.requests[0].rawBody);
		// 08:00 in Shanghai is 00:00 UTC.
		expect(sent.queryConditions).toEqual({ taskStatus: [5], startTs: 1_700_006_400 });
		expect(emulator.requests).toHaveLength(1);
	});

	test('Start, Pause or Complete changes the task and reports its new status', async () => {
		const { items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: { resource: 'task', operation: 'updateStatus', userTaskId: 'task-1', taskAction: 'pause' },
			credentials: credentials(),
		});
		expect(JSON.parse(emulator.requests[0].rawBody)).toMatchObject({ taskOperate: 2, delCall: 0 });
		expect(items[0].json).toEqual({
			userTaskID: 'task-1',
			action: 'pause',
			taskID: 't1',
			taskStatus: 5,
			taskStatusLabel: 'paused',
		});
	});
});

describe('NXCloud credential test request', () => {
	let emulator: NxCloudEmulator;
	beforeEach(async () => {
		emulator = await new NxCloudEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	// n8n resolves the test request's expressions, runs `authenticate`, sends it and applies the rules.
	async function testCredential(secretKey: string) {
		const type = new NxCloudCallbotApi();
		const { url, method, body } = type.test.request;
		const options = await type.authenticate(
			{ baseUrl: `${emulator.baseUrl}/`, ...account, secretKey, algorithm: 'MD5' },
			{ url: url!, method, body, baseURL: emulator.baseUrl },
		);
		const response = await request(`${options.baseURL}${options.url}`, {
			method: 'POST',
			headers: options.headers as Record<string, string>,
			body: options.body as string,
		});
		const answer = (await response.body.json()) as Record<string, unknown>;
		const failedRule = type.test.rules?.find(
			(rule) => rule.type === 'responseSuccessBody' && answer[rule.properties.key] === rule.properties.value,
		);
		return { answer, failedRule };
	}

	test('the right keys pass the ping', async () => {
		const { answer, failedRule } = await testCredential(account.secretKey);
		expect(answer).toMatchObject({ code: 0, data: 'ping' });
		expect(failedRule).toBeUndefined();
	});

	test('a wrong secret is reported by a rule', async () => {
		const { failedRule } = await testCredential('wrong');
		expect(failedRule?.type === 'responseSuccessBody' && failedRule.properties.message).toMatch(/refused the signature \(retCode 6\)/);
	});
});
