/**
 * Request safety of the shared request engine, proven through n8n's real engine with a fault
 * proxy (test/harness/faultProxy.ts) between the node and the vendor emulators:
 *
 * 1. A batch import whose answer was lost AFTER the vendor processed it (gateway 504, reset) is
 *    never re-sent; its outcome is reported unknown, naming its order IDs.
 * 2. A request the vendor never received (refused connection, 429 not forwarded) is retried.
 * 3. Once a batch fails (Continue On Fail off), no batch that had not started is sent.
 * 4. A redirect to another origin is not followed: signatures and tokens stay home.
 * 5. Retry-After is honoured.
 * 6. Huawei iSales "called too fast" (0200022) is retried no sooner than 1 s later.
 */
import { IcsocEmulator } from '../emulators/icsocEmulator';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import {
	CaptureServer,
	FaultProxy,
	forward,
	forwardThenGatewayError,
	forwardThenReset,
	redirectTo,
	refuseWithRetryAfter,
	respond,
	type ProxyAction,
} from '../harness/faultProxy';
import { runNode } from '../harness/n8nRunner';

const nxAccount = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };
const icsocAccount = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };
const isalesAccount = { accessKey: 'globalaktest', secretKey: '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p' };

const ADD_BATCH_CALL = '/callcentre/api/v3/addBatchCall';

const addCalls = {
	resource: 'order',
	operation: 'addCalls',
	userTaskId: '={{ $json.task }}',
	orderId: '={{ $json.id }}',
	userPhone: '={{ $json.phone }}',
	orderCallbackUrl: 'https://example.com/order',
	callCallbackUrl: 'https://example.com/call',
};

const getDetails = { resource: 'order', operation: 'getDetails', userTaskId: '={{ $json.task }}', orderIds: '={{ $json.orders }}' };

/** `count` orders of `task`; IDs of equal length, so none is a substring of another. */
function orderRows(count: number, task = 'task-1', prefix = 'ORD') {
	return Array.from({ length: count }, (_, i) => ({
		task,
		id: `${prefix}-${String(i + 1).padStart(5, '0')}`,
		phone: `86138${String(i).padStart(8, '0')}`,
	}));
}

/** Message and description of an error or an error item, as the user sees them. */
function shownText(error: { message?: string; description?: string | null } | undefined): string {
	return `${error?.message ?? ''}\n${error?.description ?? ''}`;
}

describe('request safety: NXCloud Callbot behind a fault proxy', () => {
	let emulator: NxCloudEmulator;
	let proxy: FaultProxy;
	let capture: CaptureServer;
	const credentials = () => ({ nxCloudCallbotApi: { baseUrl: proxy.baseUrl, ...nxAccount, algorithm: 'MD5' } });
	/** addBatchCall requests the vendor received. */
	const importsReceived = () => emulator.requests.filter((r) => r.path === ADD_BATCH_CALL).length;

	beforeAll(async () => {
		// Loads n8n and the node once, so a test's first request goes out within milliseconds.
		const warm = await new NxCloudEmulator(nxAccount).start();
		warm.addOrders('task-1', ['o-1']);
		await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails,
			credentials: { nxCloudCallbotApi: { baseUrl: warm.baseUrl, ...nxAccount, algorithm: 'MD5' } },
			input: [{ task: 'task-1', orders: 'o-1' }],
		});
		await warm.stop();
	});

	beforeEach(async () => {
		emulator = await new NxCloudEmulator(nxAccount).start();
		emulator.addOrders('task-1', ['existing']);
		proxy = await new FaultProxy(emulator.baseUrl).start();
		capture = await new CaptureServer().start();
	});
	afterEach(async () => {
		await proxy.stop();
		await capture.stop();
		await emulator.stop();
	});

	describe('1. Add Calls: a batch the vendor may already have imported is never re-sent; its outcome is reported unknown, naming its order IDs', () => {
		const lostAnswers: Array<[string, ProxyAction]> = [
			['gateway answers HTTP 504 after the vendor imported the batch', forwardThenGatewayError(504)],
			['connection reset after the vendor imported the batch', forwardThenReset()],
		];

		test.each(lostAnswers)('%s, Continue On Fail off: exactly one import; the node fails "outcome is unknown" naming every order ID', async (_, action) => {
			proxy.next(action);
			const rows = orderRows(5);
			const { error } = await runNode({ nodeType: 'nxCloudCallbot', parameters: addCalls, credentials: credentials(), input: rows });
			await proxy.whenIdle(300);

			// The batch was imported once: re-sending it would import it twice or answer "already exists".
			expect(emulator.requests.map((r) => r.path)).toEqual([ADD_BATCH_CALL]);
			expect(emulator.addedBatchSizes).toEqual([5]);
			expect(error?.message).toMatch(/outcome is unknown/i);
			const shown = shownText(error);
			expect(rows.map((row) => row.id).filter((id) => !shown.includes(id))).toEqual([]);
		});

		test.each(lostAnswers)(
			'%s, Continue On Fail on: exactly one import; every item of the batch is an "outcome is unknown" error item, none "already exists"',
			async (_, action) => {
				proxy.next(action);
				const rows = orderRows(5);
				const { items, error } = await runNode({
					nodeType: 'nxCloudCallbot',
					parameters: addCalls,
					credentials: credentials(),
					continueOnFail: true,
					input: rows,
				});
				await proxy.whenIdle(300);

				expect(emulator.requests.map((r) => r.path)).toEqual([ADD_BATCH_CALL]);
				expect(error).toBeUndefined();
				expect(items.filter((item) => item.json.added === false || item.json.errMsg !== undefined).map((item) => item.json)).toEqual([]);
				expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_row, index) => ({ item: index })));
				items.forEach((item, index) => {
					expect(item.json.error).toMatch(/outcome is unknown/i);
					expect(shownText({ message: String(item.json.error), description: item.json.description as string })).toContain(rows[index].id);
				});
				// One error, the batch's, for all its items.
				expect(new Set(items.map((item) => item.json.error)).size).toBe(1);
			},
		);
	});

	describe('2. Add Calls: a request the vendor never received is retried and imported exactly once', () => {
		test('connection refused (nothing listening): retried, one import once the proxy listens again', async () => {
			// n8n and the node are loaded (beforeAll), so the first attempt goes out within
			// milliseconds, while nothing listens: it is refused. The proxy listens again 300 ms later.
			await proxy.refuseConnections();
			const reopenAfterMs = 300;
			const reopened = new Promise<void>((resolve, reject) =>
				setTimeout(() => proxy.reopen().then(resolve, reject), reopenAfterMs),
			);
			const rows = orderRows(3);
			const [{ items, error }] = await Promise.all([
				runNode({ nodeType: 'nxCloudCallbot', parameters: addCalls, credentials: credentials(), input: rows }),
				reopened,
			]);
			await proxy.whenIdle(300);

			expect(error?.message).toBeUndefined();
			expect(proxy.requests).toHaveLength(1);
			expect(importsReceived()).toBe(1);
			expect(items.map((item) => item.json.added)).toEqual([true, true, true]);
		});

		test('429 with Retry-After that was not forwarded: retried, one import', async () => {
			proxy.next(refuseWithRetryAfter(429, 1));
			const rows = orderRows(3);
			const { items, error } = await runNode({ nodeType: 'nxCloudCallbot', parameters: addCalls, credentials: credentials(), input: rows });
			await proxy.whenIdle(300);

			expect(error?.message).toBeUndefined();
			expect(proxy.requests.map((r) => [r.outcome, r.forwarded])).toEqual([
				[429, false],
				[200, true],
			]);
			expect(importsReceived()).toBe(1);
			expect(items.map((item) => item.json.added)).toEqual([true, true, true]);
		});
	});

	test('3. Add Calls, Continue On Fail off: once a batch fails, no batch that had not started is sent afterwards', async () => {
		// 4,000 items, 8 batches of 500 (4 in flight at a time): the first batch names a task the
		// vendor does not know (refused, retCode 4). Its answer is held 250 ms, so the first 4
		// batches have all started when it comes; the others' answers are held 800 ms, so batches
		// 5-8 have not started when the failure is answered.
		const rows = [...orderRows(500, 'no-such-task', 'BAD'), ...orderRows(3500, 'task-1', 'NEW')];
		proxy.plan = (request) => (request.body.includes('"no-such-task"') ? forward(250) : forward(800));
		const { error } = await runNode({ nodeType: 'nxCloudCallbot', parameters: addCalls, credentials: credentials(), input: rows });
		// Whatever the node left running in the background has finished.
		await proxy.whenIdle(1000, 15_000);

		expect(error?.message).toMatch(/NXCloud Callbot error 4/);
		const failed = proxy.requests.find((r) => r.body.includes('"no-such-task"'));
		expect(failed?.answeredAt).toBeDefined();
		const startedAfterFailure = proxy.requests
			.filter((r) => r.arrivedAt > failed!.answeredAt!)
			.map((r) => `request ${r.index} arrived ${Math.round(r.arrivedAt - failed!.answeredAt!)} ms after the failure was answered`);
		expect(startedAfterFailure).toEqual([]);
		const imported = emulator.tasks.get('task-1')!.size - 1;
		// At most the 3 batches already in flight with the failed one.
		expect(imported).toBeLessThanOrEqual(1500);
		expect(imported).toBe(500 * proxy.requests.filter((r) => r.body.includes('"task-1"')).length);
	});

	test('7. a success answer without the documented list (orderDetailList nested under data) is an error naming it, never every order "found: false"', async () => {
		proxy.next(respond(200, { retCode: 0, retMsg: 'ok', data: { orderDetailList: [{ orderID: 'existing' }] } }));
		const { error, items } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails,
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'existing' }],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('NXCloud Callbot answered without "orderDetailList"');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});

	test('4. a 307 from the NXCloud Base URL to another origin is not followed: nothing (no sign, no uuid) reaches it; the error says "redirect"', async () => {
		emulator.addOrders('task-1', ['o-1']);
		proxy.plan = (request) => redirectTo(`${capture.baseUrl}${request.path}`);
		const { error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails,
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});

		expect(proxy.requests.length).toBeGreaterThanOrEqual(1);
		expect(capture.requests.map((r) => ({ method: r.method, path: r.path, sign: r.headers.sign, uuid: r.headers.uuid }))).toEqual([]);
		expect(error?.message).toMatch(/redirect/i);
	});

	test('5. Retry-After is honoured: List Order Details answered 429 with Retry-After: 2 retries no sooner than 2 s later, then succeeds', async () => {
		emulator.addOrders('task-1', ['o-1']);
		proxy.next(refuseWithRetryAfter(429, 2));
		const { items, error } = await runNode({
			nodeType: 'nxCloudCallbot',
			parameters: getDetails,
			credentials: credentials(),
			input: [{ task: 'task-1', orders: 'o-1' }],
		});

		expect(error?.message).toBeUndefined();
		expect(items.map((item) => item.json.orderID)).toEqual(['o-1']);
		expect(proxy.requests).toHaveLength(2);
		const waitedMs = proxy.requests[1].arrivedAt - proxy.requests[0].arrivedAt;
		expect(Math.round(waitedMs)).toBeGreaterThanOrEqual(2000);
	});
});

describe('request safety: icsoc Autocall behind a fault proxy', () => {
	let emulator: IcsocEmulator;
	let proxy: FaultProxy;
	let capture: CaptureServer;

	beforeEach(async () => {
		emulator = await new IcsocEmulator(icsocAccount).start();
		proxy = await new FaultProxy(emulator.baseUrl).start();
		capture = await new CaptureServer().start();
	});
	afterEach(async () => {
		await proxy.stop();
		await capture.stop();
		await emulator.stop();
	});

	test('4. a 307 from the icsoc API Base URL to another origin is not followed: nothing (no Bearer token) reaches it; the error says "redirect"', async () => {
		proxy.plan = (request) => redirectTo(`${capture.baseUrl}${request.path}`);
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: { resource: 'cdr', operation: 'search', returnAll: true },
			credentials: {
				icsocAutocallApi: {
					baseUrl: proxy.baseUrl,
					tokenUrl: emulator.tokenUrl,
					...icsocAccount,
					scope: 'openid',
					accessToken: '',
				},
			},
		});

		expect(proxy.requests.length).toBeGreaterThanOrEqual(1);
		expect(capture.requests.map((r) => ({ method: r.method, path: r.path, authorization: r.headers.authorization }))).toEqual([]);
		expect(error?.message).toMatch(/redirect/i);
	});
});

describe('request safety: Huawei CC-iSales (HTTPS) behind a fault proxy', () => {
	const tls = makeSelfSignedCertificate();
	let emulator: IsalesEmulator;
	let proxy: FaultProxy;

	beforeEach(async () => {
		emulator = await new IsalesEmulator(isalesAccount, tls).start();
		proxy = await new FaultProxy(emulator.baseUrl, { tls }).start();
	});
	afterEach(async () => {
		await proxy.stop();
		await emulator.stop();
	});

	test('6. "called too fast" (0200022, in an HTTP 200 envelope) is retried no sooner than 1 s after the first attempt', async () => {
		emulator.addCallResult(8, 'c1');
		emulator.scripted.push({ status: 200, body: { returnCode: '0200022', resultCode: '0200022', resultDesc: 'called too fast' } });
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: { resource: 'callResult', operation: 'get', vdnId: 8, callId: 'c1' },
			credentials: { huaweiIsalesApi: { baseUrl: proxy.baseUrl + '/', ...isalesAccount, ignoreSSLIssues: true } },
		});

		expect(error?.message).toBeUndefined();
		expect(items.map((item) => item.json.callId)).toEqual(['c1']);
		// Both attempts reached iSales signed correctly through the proxy.
		expect(emulator.requests.map((r) => r.authorized)).toEqual([true, true]);
		expect(proxy.requests).toHaveLength(2);
		const waitedMs = proxy.requests[1].arrivedAt - proxy.requests[0].arrivedAt;
		expect(Math.round(waitedMs)).toBeGreaterThanOrEqual(1000);
	});
});
