/**
 * Search CDR's request on the wire, against the vendor page (seed 002_99ea987b9a177bc0, 1.2
 * and its example 1.4.1): field names and types as the seed has them, "0" is a string.
 */
import { IcsocEmulator, makeCdrs, seedSearchFieldError, FIELD_TYPE_ERROR_CODE } from '../emulators/icsocEmulator';
import { runNode } from '../harness/n8nRunner';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };

/** The request example of the seed (1.4.1), as icsoc documents it. */
const SEED_REQUEST_EXAMPLE = {
	callId: '6780056666542059520',
	projectId: '10008',
	searchAfter: '6780001242530852864',
	taskId: '13',
	caller: '010xxxx4343',
	called: '185xxxx2456',
	callresult: '0',
	endresult: '12',
	perPage: 1,
	startTime: { gte: '2021-03-23 17:24:35', lte: '2021-03-23 17:24:36' },
};

describe('icsoc emulator: CDR search fields typed as the seed types them', () => {
	test("the seed's own example passes", () => {
		expect(seedSearchFieldError(SEED_REQUEST_EXAMPLE)).toBeUndefined();
	});

	test.each([
		['callresult', 0],
		['endresult', 12],
		['projectId', 10008],
		['perPage', '1'],
		['startTime', '2021-03-23 17:24:35'],
	])('%s as %p is refused', (field, value) => {
		expect(seedSearchFieldError({ ...SEED_REQUEST_EXAMPLE, [field]: value })).toMatch(new RegExp(`^${field}`));
	});

	test('an unknown field name is refused', () => {
		expect(seedSearchFieldError({ callResult: '0' })).toBe('unknown field callResult');
	});

	test('a number where the seed has a string is answered with icsoc\'s error envelope', async () => {
		const emulator = await new IcsocEmulator(account).start();
		try {
			emulator.tokens.set('tok', true);
			const response = await fetch(`${emulator.baseUrl}/api/v1/cdr/search`, {
				method: 'POST',
				headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
				body: JSON.stringify({ callresult: 0, perPage: 1 }),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ code: FIELD_TYPE_ERROR_CODE, message: 'callresult must be a string, got 0', data: null });
			expect(emulator.searches).toHaveLength(0);
		} finally {
			await emulator.stop();
		}
	});
});

describe('Search CDR request in n8n', () => {
	let emulator: IcsocEmulator;
	const credentials = () => ({
		icsocAutocallApi: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' },
	});

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test.each([
		['0', '12'],
		['2', '11'],
	])('Call Result %s and End Result %s are sent as strings, as the seed types them', async (callResult, endResult) => {
		emulator.cdrs = makeCdrs(300);
		const { items, error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: { resource: 'cdr', operation: 'search', returnAll: true, filters: { callResult, endResult, taskId: 't-1' } },
			credentials: credentials(),
		});
		expect(emulator.fieldTypeRefusals).toEqual([]);
		expect(error).toBeUndefined();
		const sent = JSON.parse(emulator.requests.find((r) => r.path === '/api/v1/cdr/search')!.rawBody);
		expect(sent).toEqual({ callresult: callResult, endresult: endResult, taskId: 't-1', perPage: 100 });
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(item.json.callresult).toBe(callResult);
			expect(item.json.endresult).toBe(endResult);
		}
	});

	// Issue 12, item 7: adding the Call Result filter used to pre-select "2" and filter at once.
	// The editor now adds the filters with "Any", which must send nothing.
	test('Call Result and End Result added but left at "Any" send nothing: "any" never reaches icsoc', async () => {
		emulator.cdrs = makeCdrs(12);
		const { items, error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: { resource: 'cdr', operation: 'search', returnAll: true, filters: { callResult: 'any', endResult: 'any', taskId: '' } },
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const sent = emulator.requests.filter((r) => r.path === '/api/v1/cdr/search').map((r) => r.rawBody);
		expect(sent.map((body) => JSON.parse(body))).toEqual([{ perPage: 100 }]);
		expect(sent.join('')).not.toMatch(/any/i);
		// Every call result and end result comes back, not only those of the old default.
		expect(new Set(items.map((item) => item.json.callresult)).size).toBeGreaterThan(1);
		expect(items).toHaveLength(12);
	});

	test('every filter at once passes the seed check: names and types of the seed', async () => {
		emulator.cdrs = makeCdrs(5);
		const { error } = await runNode({
			nodeType: 'icsocAutocall',
			parameters: {
				resource: 'cdr',
				operation: 'search',
				returnAll: false,
				limit: 1,
				filters: {
					callId: 'call-00001',
					projectId: 'p-1',
					taskId: 't-0',
					caller: '02158888888',
					called: '18512340000',
					callResult: '0',
					endResult: '11',
					startTimeFrom: '2024-05-01T00:00:00',
					startTimeTo: '2024-05-01T01:00:00',
				},
			},
			credentials: credentials(),
		});
		expect(emulator.fieldTypeRefusals).toEqual([]);
		expect(error).toBeUndefined();
		expect(emulator.searches).toHaveLength(1);
	});
});
