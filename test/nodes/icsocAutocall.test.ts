import { IcsocEmulator, makeCdrs, type EmulatedCdr, MAX_PER_PAGE, SEED_SEARCH_RESULT_EXAMPLE } from '../emulators/icsocEmulator';
import { newCredentialsHelper, runNode } from '../harness/n8nRunner';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };

describe('icsoc Autocall node in n8n', () => {
	let emulator: IcsocEmulator;
	const credentials = (overrides: Record<string, string> = {}) => ({
		icsocAutocallApi: {
			baseUrl: emulator.baseUrl,
			tokenUrl: emulator.tokenUrl,
			...account,
			scope: 'openid',
			accessToken: '',
			...overrides,
		},
	});
	const search = (extra: Record<string, unknown> = {}) => ({ resource: 'cdr', operation: 'search', ...extra });

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test('Return All follows searchAfter through 2,500 records with one token, reused by a second execution', async () => {
		emulator.cdrs = makeCdrs(2500);
		const credentialsHelper = newCredentialsHelper(credentials());
		const first = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true }),
			credentials: credentials(),
			credentialsHelper,
		});
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(2500);
		expect(first.items.map((i) => i.json.callId)).toEqual(emulator.cdrs.map((c) => c.callId));
		expect(first.items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		expect(emulator.searches).toHaveLength(25);
		expect(emulator.searches.every((s) => s.perPage === MAX_PER_PAGE)).toBe(true);
		expect(emulator.searches[0].searchAfter).toBeNull();
		// The cursor icsoc answered with (the last record's callId), sent back as the same string.
		expect(emulator.searches.slice(1).map((s) => s.searchAfter)).toEqual(Array.from({ length: 24 }, (_, i) => `call-${String((i + 1) * 100).padStart(5, '0')}`));
		expect(emulator.cursorRefusals).toEqual([]);
		expect(emulator.tokenRequests).toBe(1);
		expect(credentialsHelper.updates.get('icsocAutocallApi')).toBe(1);

		const second = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, filters: { projectId: 'p-1' } }),
			credentials: credentials(),
			credentialsHelper,
		});
		expect(second.items).toHaveLength(1250);
		expect(emulator.tokenRequests).toBe(1);
		expect(emulator.unauthorizedSearches).toBe(0);
	});

	test('an expired token is refreshed once, then reused', async () => {
		emulator.cdrs = makeCdrs(250);
		const credentialsHelper = newCredentialsHelper(credentials());
		await runNode({ nodeType: 'icsocAutocall', parameters: search({ returnAll: true }), credentials: credentials(), credentialsHelper });
		expect(emulator.tokenRequests).toBe(1);
		emulator.expireAllTokens();
		const { items, error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true }),
			credentials: credentials(),
			credentialsHelper,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(emulator.tokenRequests).toBe(2);
		// The engine reads the 401 as an answer, then sends once more the way n8n renews a token
		// (a thrown 401): two refused searches, one new token.
		expect(emulator.unauthorizedSearches).toBe(2);
		expect(credentialsHelper.updates.get('icsocAutocallApi')).toBe(2);
	});

	test('without Return All, stops at the limit with pages no larger than needed', async () => {
		emulator.cdrs = makeCdrs(500);
		const { items } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: false, limit: 130 }),
			credentials: credentials(),
		});
		expect(items).toHaveLength(130);
		expect(emulator.searches.map((s) => s.perPage)).toEqual([100, 30]);
	});

	test('each CDR carries call beside its own fields; off on request', async () => {
		emulator.cdrs = makeCdrs(2);
		const run = (extra: Record<string, unknown>) =>
			runNode({ nodeType: 'icsocAutocall', parameters: search({ returnAll: true, ...extra }), credentials: credentials() });
		const { items } = await run({});
		const first = items[0].json;
		expect(first.call).toMatchObject({ vendor: 'icsoc', callId: 'call-00001', dedupeKey: 'icsoc:call:call-00001' });
		expect(Object.keys(first).filter((key) => key !== 'call')).toEqual(Object.keys((await run({ addCallRecord: false })).items[0].json));
		expect((await run({ addCallRecord: false })).items[0].json.call).toBeUndefined();
	});

	test("call of the seed's example result (1.4.2, camelCase): callId, userData.extId, called, startTime, endTime, allSecs, ansSecs", async () => {
		// The example as icsoc documents it, then the same call answered (callresult 2) after 8 s,
		// as the table names the answer time (answerTime) and as the example does (ansTime).
		const answered = { ...SEED_SEARCH_RESULT_EXAMPLE, callresult: '2', ansSecs: 4 };
		emulator.cdrs = [
			{ ...SEED_SEARCH_RESULT_EXAMPLE },
			{ ...answered, callId: '6780056666542059521', ansTime: 1616491484 },
		];
		const { items, error } = await runNode({ nodeType: 'icsocAutocall', parameters: search({ returnAll: true }), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(items[0].json.call).toEqual({
			vendor: 'icsoc',
			callId: '6780056666542059520',
			externalId: '1',
			phone: '185xxxx2456',
			outcome: 'noAnswer',
			vendorStatus: { code: '0', label: 'caller not connected' },
			startedAt: '2021-03-23T17:24:36+08:00',
			answeredAt: null,
			endedAt: '2021-03-23T17:24:48+08:00',
			durationSec: 12,
			talkSec: 0,
			recordingUrl: null,
			dedupeKey: 'icsoc:call:6780056666542059520',
		});
		expect(items[1].json.call).toMatchObject({
			callId: '6780056666542059521',
			outcome: 'answered',
			answeredAt: '2021-03-23T17:24:44+08:00',
			talkSec: 4,
			durationSec: 12,
		});
		// The raw fields stay as icsoc sent them, twins beside them.
		expect(items[0].json).toMatchObject({ callId: '6780056666542059520', endTime: 1616491488, endTimeIso: '2021-03-23T17:24:48+08:00', allSecs: 12 });
		// Not answered (ansTime 0): the twin is there, empty, as in an answered call's row.
		expect(items[0].json.ansTimeIso).toBeNull();
		expect(Object.keys(items[0].json)).toEqual(Object.keys(items[1].json));

		const { ansTime: _ansTime, ...withoutAnsTime } = answered;
		const tableNamed = { ...withoutAnsTime, callId: '6780056666542059522', answerTime: 1616491485 };
		emulator.cdrs = [tableNamed as unknown as EmulatedCdr];
		const byTableName = await runNode({ nodeType: 'icsocAutocall', parameters: search({ returnAll: true }), credentials: credentials() });
		expect(byTableName.items[0].json.call).toMatchObject({ callId: '6780056666542059522', answeredAt: '2021-03-23T17:24:45+08:00' });
	});

	test('filters are sent in icsoc form; start times converted from the workflow zone to China time', async () => {
		emulator.cdrs = makeCdrs(300);
		const { items, error } = await runNode({
			nodeType: 'icsocAutocall',
			timezone: 'Europe/Berlin',
			parameters: search({
				returnAll: true,
				filters: {
					projectId: 'p-1',
					callResult: '2',
					endResult: '11',
					// 2024-05-01 02:30 in Berlin (UTC+2) = 08:30 in Shanghai
					startTimeFrom: '2024-05-01T02:30:00',
					startTimeTo: '2024-05-01T03:00:00',
				},
			}),
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(emulator.searches[0].filters).toEqual({
			projectId: 'p-1',
			callresult: '2',
			endresult: '11',
			startTime: { gte: '2024-05-01 08:30:00', lte: '2024-05-01 09:00:00' },
		});
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(item.json.projectId).toBe('p-1');
			expect(item.json.callresult).toBe('2');
			expect(item.json.callresultLabel).toBe('caller and called connected');
			expect(item.json.endresultLabel).toBe('caller hung up');
			expect(String(item.json.startTimeIso)).toMatch(/^2024-05-01T\d\d:\d\d:\d\d\+08:00$/);
			expect(Date.parse(String(item.json.startTimeIso))).toBeGreaterThanOrEqual(Date.parse('2024-05-01T00:30:00Z'));
			// The call record's times are the twins' (the same Platform Time Zone).
			expect((item.json.call as Record<string, unknown>).startedAt).toBe(item.json.startTimeIso);
		}
	});

	test('a Platform Time Zone saved outside the picker\'s list (an IANA link such as Asia/Calcutta) still runs', async () => {
		emulator.cdrs = makeCdrs(5);
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			timezone: 'Asia/Shanghai',
			parameters: search({ returnAll: true, filters: { startTimeFrom: '2024-05-01T08:30:00' }, options: { icsocTimeZone: 'Asia/Calcutta' } }),
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(emulator.searches.map((request) => request.filters)).toEqual([{ startTime: { gte: '2024-05-01 06:00:00' } }]);
	});

	test('the platform time zone option changes the conversion; an unknown zone is a clear parameter error', async () => {
		emulator.cdrs = makeCdrs(5);
		const inUtc = await runNode({
			nodeType: 'icsocAutocall',
			timezone: 'Asia/Shanghai',
			parameters: search({ returnAll: true, filters: { startTimeFrom: '2024-05-01T08:30:00' }, options: { icsocTimeZone: 'UTC' } }),
			credentials: credentials(),
		});
		expect(emulator.searches[0].filters).toEqual({ startTime: { gte: '2024-05-01 00:30:00' } });
		// The twins and the call record are written in the Platform Time Zone too, and agree.
		expect(inUtc.items[0].json).toMatchObject({ startTimeIso: '2024-05-01T00:00:00Z', call: { startedAt: '2024-05-01T00:00:00Z' } });
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, options: { icsocTimeZone: 'Mars/Olympus' } }),
			credentials: credentials(),
		});
		expect(error?.message).toBe('Platform Time Zone is not an IANA time zone: Mars/Olympus');
		expect(error?.description).toMatch(/^Pick a zone from the list/);
		const reversed = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, filters: { startTimeFrom: '2024-05-02T00:00:00', startTimeTo: '2024-05-01T00:00:00' } }),
			credentials: credentials(),
		});
		expect(reversed.error?.message).toBe('Start Time From is later than Start Time To');
		expect(emulator.searches).toHaveLength(1);
	});

	test('each input item searches with its own parameters; outputs are paired to it', async () => {
		emulator.cdrs = makeCdrs(20);
		const { items } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, decodeValues: false, filters: { callId: '={{ $json.callId }}' } }),
			credentials: credentials(),
			input: [{ callId: 'call-00003' }, { callId: 'call-00007' }],
		});
		expect(items.map((i) => [i.json.callId, i.pairedItem])).toEqual([
			['call-00003', { item: 0 }],
			['call-00007', { item: 1 }],
		]);
		expect(items[0].json.callresultLabel).toBeUndefined();
	});

	test('code ≠ 0 becomes a node error with the code and message; Continue On Fail gives an error item', async () => {
		const failed = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, filters: { projectId: 'forbidden' } }),
			credentials: credentials(),
		});
		expect(failed.error?.message).toBe('icsoc Autocall error 4003: 无权限访问该项目');
		const continued = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true, filters: { projectId: 'forbidden' } }),
			credentials: credentials(),
			continueOnFail: true,
			input: [{}, {}],
		});
		expect(continued.items).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ error: 'icsoc Autocall error 4003: 无权限访问该项目' }), pairedItem: { item: 0 } }),
			expect.objectContaining({ json: expect.objectContaining({ error: 'icsoc Autocall error 4003: 无权限访问该项目' }), pairedItem: { item: 1 } }),
		]);
	});

	test('an API that refuses every token: at most one refresh per node run, however many items (Continue On Fail)', async () => {
		emulator.cdrs = makeCdrs(10);
		emulator.failNextSearches = Array.from({ length: 50 }, () => 401);
		const { items } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true }),
			credentials: credentials(),
			continueOnFail: true,
			input: Array.from({ length: 10 }, () => ({})),
		});
		expect(items).toHaveLength(10);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(String(item.json.error)).toMatch(/401/);
		});
		// One token for the first request, one renewal after its 401; the other nine items fail at once.
		expect(emulator.tokenRequests).toBe(2);
		expect(emulator.failNextSearches).toHaveLength(50 - 3);
	});

	test('a 503 is retried without spending a token', async () => {
		emulator.cdrs = makeCdrs(10);
		emulator.failNextSearches = [503];
		const { items, error } = await runNode({ nodeType: 'icsocAutocall', parameters: search({ returnAll: true }), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		expect(emulator.tokenRequests).toBe(1);
	});

	test('a wrong password gives a clear error without secrets', async () => {
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true }),
			credentials: credentials({ password: 'wrong-password-xyz' }),
		});
		expect(error?.message).toMatch(/Could not get an icsoc access token: icsoc refused the token request \(HTTP 400, invalid_grant\)/);
		const shown = JSON.stringify({ message: error?.message, description: error?.description });
		expect(shown).not.toContain('wrong-password-xyz');
		expect(shown).not.toContain(account.clientSecret);
		expect(emulator.searches).toHaveLength(0);
		// A refusal is not retried: every token request counts against icsoc's daily 128.
		expect(emulator.tokenRequests).toBe(1);
	});

	test('a wrong client secret is reported as such', async () => {
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: search({ returnAll: true }),
			credentials: credentials({ clientSecret: 'nope' }),
		});
		expect(error?.message).toMatch(/invalid_client.*Client ID or Client Secret is wrong/);
	});
});
