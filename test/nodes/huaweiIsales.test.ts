import { HuaweiIsalesApi } from '../../credentials/HuaweiIsalesApi.credentials';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { runNode } from '../harness/n8nRunner';

const account = { accessKey: 'globalaktest', secretKey: '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p' };
const tls = makeSelfSignedCertificate();

describe('Huawei CC-iSales node in n8n (HTTPS emulator with a self-signed certificate)', () => {
	let emulator: IsalesEmulator;
	const credentials = (overrides: Record<string, unknown> = {}) => ({
		huaweiIsalesApi: { baseUrl: emulator.baseUrl + '/', ...account, ignoreSSLIssues: true, ...overrides },
	});
	const get = (extra: Record<string, unknown> = {}) => ({
		resource: 'callResult',
		operation: 'get',
		vdnId: '={{ $json.vdn }}',
		callId: '={{ $json.callId }}',
		...extra,
	});
	const getMany = (extra: Record<string, unknown> = {}) => ({
		resource: 'callResult',
		operation: 'getMany',
		vdnId: 8,
		campaignId: 'camp-1',
		...extra,
	});

	beforeEach(async () => {
		emulator = await new IsalesEmulator(account, tls).start();
	});
	afterEach(async () => emulator.stop());

	test('get: signed GET accepted; data decoded with label and ISO times (+08:00), raw kept', async () => {
		emulator.addCallResult(8, '1644464743-1388');
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			input: [{ vdn: 8, callId: '1644464743-1388' }],
		});
		expect(error).toBeUndefined();
		expect(emulator.requests.map((r) => [r.method, r.path, r.authorized, r.rawBody])).toEqual([
			['GET', '/rest/isales/v1/openapi/campaigns/8/callresultdetail/1644464743-1388', true, ''],
		]);
		expect(emulator.requests[0].headers.host).toBe(new URL(emulator.baseUrl).host);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					callId: '1644464743-1388',
					callStatus: 6,
					callStatusLabel: 'succeeded',
					callBeginTime: '2024-03-01 09:00:05',
					callBeginTimeIso: '2024-03-01T09:00:05+08:00',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('get: call, with the Server UTC Offset, also when decoding is off; off on request', async () => {
		emulator.addCallResult(8, '1644464743-1388');
		const run = (extra: Record<string, unknown>) =>
			runNode({ nodeType: 'huaweiIsales', parameters: get(extra), credentials: credentials(), input: [{ vdn: 8, callId: '1644464743-1388' }] });
		const { items } = await run({});
		expect(items[0].json.call).toMatchObject({
			vendor: 'huawei',
			callId: '1644464743-1388',
			outcome: 'answered',
			vendorStatus: { code: 6, label: 'succeeded' },
			startedAt: '2024-03-01T09:00:00+08:00',
			answeredAt: '2024-03-01T09:00:05+08:00',
			dedupeKey: 'huawei:call:1644464743-1388',
		});
		const raw = (await run({ decodeValues: false, serverUtcOffset: '-05:00' })).items[0].json;
		expect(raw.callStatusLabel).toBeUndefined();
		expect(raw.call).toMatchObject({ startedAt: '2024-03-01T09:00:00-05:00' });
		expect((await run({ addCallRecord: false })).items[0].json.call).toBeUndefined();
	});

	test('get: a call ID with space, percent sign and non-ASCII is percent-encoded once and the sent path is the signed one', async () => {
		emulator.addCallResult(8, 'a b%呼叫');
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'a b%呼叫' }],
		});
		expect(error).toBeUndefined();
		expect(emulator.requests[0]).toMatchObject({
			authorized: true,
			path: '/rest/isales/v1/openapi/campaigns/8/callresultdetail/a%20b%25%E5%91%BC%E5%8F%AB',
		});
		expect(items[0].json.callId).toBe('a b%呼叫');
	});

	test.each([
		['..', /Call ID/],
		['.', /Call ID/],
		['a/b', /Call ID may not contain/],
		['', /Call ID is empty/],
	])('get: a Call ID of "%s" is refused before anything is sent, naming the item and parameter', async (callId, message) => {
		emulator.addCallResult(8, 'ok');
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'ok' }, { vdn: 8, callId }],
		});
		expect(error?.message).toMatch(message);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(emulator.requests.map((r) => r.path)).toEqual(['/rest/isales/v1/openapi/campaigns/8/callresultdetail/ok']);
	});

	test('get: decoding off and another UTC offset', async () => {
		emulator.addCallResult(8, 'c1');
		const off = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get({ decodeValues: false }),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'c1' }],
		});
		expect(off.items[0].json.callStatusLabel).toBeUndefined();
		expect(off.items[0].json.callBeginTimeIso).toBeUndefined();
		const utc = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get({ serverUtcOffset: '+00:00' }),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'c1' }],
		});
		expect(utc.items[0].json.callBeginTimeIso).toBe('2024-03-01T09:00:05+00:00');
	});

	test('get: unknown call → error naming 0200007 and its meaning; Continue On Fail keeps other items', async () => {
		emulator.addCallResult(8, 'c1');
		const failed = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'ghost' }],
		});
		expect(failed.error?.message).toBe('Huawei CC-iSales error 0200007: call record or campaign not found');
		expect(failed.error?.description).toContain('call record not exist');

		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			continueOnFail: true,
			input: [{ vdn: 8, callId: 'c1' }, { vdn: 8, callId: 'ghost' }, { vdn: 0, callId: 'c1' }, { vdn: 8, callId: ' ' }],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.callId ?? i.json.error, i.pairedItem])).toEqual([
			['c1', { item: 0 }],
			['Huawei CC-iSales error 0200007: call record or campaign not found', { item: 1 }],
			['VDN ID must be a whole number from 1 to 9999, got "0"', { item: 2 }],
			['Call ID is empty', { item: 3 }],
		]);
		// 1 request by the first run, then 2: the bad VDN ID and the empty call ID were refused before sending.
		expect(emulator.requests).toHaveLength(3);
	});

	test('a VDN ID out of range is refused before sending, naming the item', async () => {
		emulator.addCallResult(8, 'x');
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials(),
			input: [{ vdn: 8, callId: 'x' }, { vdn: 10000, callId: 'x' }],
		});
		expect(error?.message).toContain('VDN ID must be a whole number from 1 to 9999');
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	test('wrong secret key → 401 → error about AK/SK or the server clock, no secret shown', async () => {
		emulator.addCallResult(8, 'c1');
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials({ secretKey: 'not-the-secret-key' }),
			input: [{ vdn: 8, callId: 'c1' }],
		});
		expect(emulator.requests[0].authorized).toBe(false);
		expect(error?.message).toBe('Huawei CC-iSales error HTTP 401: authentication failed');
		expect(error?.description).toMatch(/Access Key and Secret Key.*clock/);
		expect(JSON.stringify(error)).not.toContain('not-the-secret-key');
		expect(JSON.stringify(error)).not.toContain(account.secretKey);
	});

	test('self-signed certificate without "Ignore SSL Issues" → message pointing to that option', async () => {
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: get(),
			credentials: credentials({ ignoreSSLIssues: false }),
			input: [{ vdn: 8, callId: 'c1' }],
		});
		expect(emulator.requests).toHaveLength(0);
		expect(error?.message).toMatch(/Could not reach Huawei CC-iSales: .*(SELF_SIGNED|CERT)/);
		expect(error?.description).toContain('Ignore SSL Issues (Insecure)');
	});

	test('getMany returnAll: 1,234 results in pages of 500 (1 then 2 in parallel), signed bodies, paired', async () => {
		emulator.addCampaign(8, 'camp-1', 1234);
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true }),
			credentials: credentials(),
			input: [{}],
		});
		expect(error).toBeUndefined();
		expect(emulator.requests.every((r) => r.authorized)).toBe(true);
		expect(emulator.bulkBodies().map((b) => [b.pageNum, b.pageSize, b.showDetail]).sort()).toEqual([
			[1, 500, 0],
			[2, 500, 0],
			[3, 500, 0],
		]);
		expect(items).toHaveLength(1234);
		items.forEach((item, n) => {
			expect(item.json.callId).toBe(`camp-1-call-${n}`);
			expect(item.pairedItem).toEqual({ item: 0 });
		});
	});

	test('getMany showDetail: pages of 100, at most 10 requests in flight, every result once', async () => {
		emulator.addCampaign(8, 'camp-1', 1234);
		emulator.latencyMs = 150;
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true, showDetail: true }),
			credentials: credentials(),
			input: [{}],
		});
		expect(error).toBeUndefined();
		const pages = emulator.bulkBodies().map((b) => Number(b.pageNum)).sort((a, b) => a - b);
		expect(pages).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
		expect(emulator.bulkBodies().every((b) => b.pageSize === 100 && b.showDetail === 1)).toBe(true);
		expect(emulator.maxInFlight).toBeGreaterThan(1);
		expect(emulator.maxInFlight).toBeLessThanOrEqual(10);
		expect(new Set(items.map((i) => i.json.callId)).size).toBe(1234);
		expect(items[0].json.detail).toBeDefined();
	});

	test('getMany limit: one page of the limit size, no more requests', async () => {
		emulator.addCampaign(8, 'camp-1', 1234);
		const { items } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: false, limit: 30 }),
			credentials: credentials(),
			input: [{}],
		});
		expect(items).toHaveLength(30);
		expect(emulator.bulkBodies()).toEqual([{ pageSize: 30, pageNum: 1, showDetail: 0 }]);
	});

	test('getMany date filters are sent as YYYY-MM-DD when valid', async () => {
		emulator.addCampaign(8, 'camp-1', 3);
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true, beginDate: '2024-03-01', endDate: '2024-03-31T00:00:00' }),
			credentials: credentials(),
			input: [{}],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(emulator.bulkBodies()[0]).toMatchObject({ beginTime: '2024-03-01', endTime: '2024-03-31' });
	});

	test.each([
		[{ beginDate: '2024-03-01' }, 'Set both Begin Date and End Date, or neither'],
		[{ beginDate: '2024-03-05', endDate: '2024-03-01' }, 'Begin Date (2024-03-05) must be before End Date (2024-03-01)'],
		[{ beginDate: '2024-03-01', endDate: '2024-04-01' }, 'spans 31 days; iSales allows at most 30'],
		[{ beginDate: '2024-02-30', endDate: '2024-03-01' }, 'Begin Date "2024-02-30" is not a date like 2024-01-31'],
	])('getMany date filter %j is refused before sending', async (dates, message) => {
		emulator.addCampaign(8, 'camp-1', 3);
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true, ...dates }),
			credentials: credentials(),
			input: [{}],
		});
		expect(error?.message).toContain(message);
		expect(emulator.requests).toHaveLength(0);
	});

	test('getMany vendor error (database error 0200006) names code, meaning and resultDesc; retries 0200022', async () => {
		emulator.addCampaign(8, 'camp-1', 3);
		emulator.scripted.push({ status: 200, body: { returnCode: '0200022', resultDesc: 'too fast' } });
		const slowedDown = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true }),
			credentials: credentials(),
			input: [{}],
		});
		expect(slowedDown.items).toHaveLength(3);
		expect(emulator.requests).toHaveLength(2);

		emulator.scripted.push({ status: 200, body: { returnCode: '0200006', resultCode: '0200006', resultDesc: 'db down' } });
		const { error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ returnAll: true }),
			credentials: credentials(),
			input: [{}],
		});
		expect(error?.message).toBe('Huawei CC-iSales error 0200006: database error');
		expect(error?.description).toContain('db down');
	});

	test('getMany Continue On Fail: unknown campaign becomes an error item, others continue', async () => {
		emulator.addCampaign(8, 'camp-1', 2);
		const { items, error } = await runNode({
			nodeType: 'huaweiIsales',
			parameters: getMany({ campaignId: '={{ $json.campaign }}', returnAll: true }),
			credentials: credentials(),
			continueOnFail: true,
			input: [{ campaign: 'nope' }, { campaign: 'camp-1' }],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.callId ?? i.json.error, i.pairedItem])).toEqual([
			['Huawei CC-iSales error 0200007: call record or campaign not found', { item: 0 }],
			['camp-1-call-0', { item: 1 }],
			['camp-1-call-1', { item: 1 }],
		]);
	});

	test('credential authenticate: signs, sets JSON content type, TLS option, full URL', async () => {
		const options = await new HuaweiIsalesApi().authenticate(
			{ baseUrl: 'https://10.22.26.181:28080/', ...account, ignoreSSLIssues: true },
			{ method: 'POST', url: '/rest/x', body: { a: '名' }, qs: { b: 'c d' } },
		);
		expect(options.url).toBe('https://10.22.26.181:28080/rest/x?b=c+d');
		expect(options.body).toBe('{"a":"名"}');
		expect(options.skipSslCertificateValidation).toBe(true);
		expect(options.headers).toMatchObject({
			'Content-Type': 'application/json;charset=UTF-8',
			Authorization: expect.stringMatching(/^auth-v2\/globalaktest\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\/host\/[0-9a-f]{64}$/),
		});
	});
});
