/**
 * Search CDR's request and answer on the wire, against the vendor page (seed
 * 002_99ea987b9a177bc0, 1.2 to 1.4): field names and types as the seed has them, "0" is a
 * string, results in camelCase, `searchAfter` a string cursor (null on the last page).
 */
import {
	cdrPushData,
	IcsocEmulator,
	makeCdr,
	makeCdrs,
	seedSearchFieldError,
	FIELD_TYPE_ERROR_CODE,
	SEED_SEARCH_RESULT_EXAMPLE,
} from '../emulators/icsocEmulator';
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
		['searchAfter', ['call-00100', 'sort-key']],
		['searchAfter', 100],
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

/** A value's type as the seed's tables name them. */
const seedType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/** Field → type of a search result, userData's fields as `userData.<field>`. */
function fieldTypes(record: Record<string, unknown>): Record<string, string> {
	const types: Record<string, string> = {};
	for (const [field, value] of Object.entries(record)) {
		if (field === 'userData') for (const [inner, innerValue] of Object.entries(value as object)) types[`userData.${inner}`] = seedType(innerValue);
		else types[field] = seedType(value);
	}
	return types;
}

describe('icsoc emulator: CDR search answers in the seed\'s shape (1.3, 1.4.2)', () => {
	const search = async (emulator: IcsocEmulator, body: Record<string, unknown>) => {
		const response = await fetch(`${emulator.baseUrl}/api/v1/cdr/search`, {
			method: 'POST',
			headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		return (await response.json()) as { code: number; message: string; data: { results: Array<Record<string, unknown>>; searchAfter: unknown } | null };
	};

	test('generated records have exactly the fields and types of the seed\'s example result, in its order', () => {
		for (const index of [0, 1, 2, 3]) {
			expect(Object.keys(makeCdr(index))).toEqual(Object.keys(SEED_SEARCH_RESULT_EXAMPLE));
			expect(fieldTypes(makeCdr(index) as unknown as Record<string, unknown>)).toEqual(fieldTypes(SEED_SEARCH_RESULT_EXAMPLE as unknown as Record<string, unknown>));
		}
		// The table's types: times and durations integers, results text.
		expect(fieldTypes(SEED_SEARCH_RESULT_EXAMPLE as unknown as Record<string, unknown>)).toMatchObject({
			startTime: 'integer',
			ansTime: 'integer',
			endTime: 'integer',
			startTimeEe: 'integer',
			allSecs: 'integer',
			callresult: 'string',
			endresult: 'string',
			callId: 'string',
			projectId: 'string',
		});
	});

	test('pages carry the records as stored, no other field, and a string cursor: the last callId, null on the last page', async () => {
		const emulator = await new IcsocEmulator({ clientId: 'c', clientSecret: 's', username: 'u', password: 'p' }).start();
		try {
			emulator.tokens.set('tok', true);
			emulator.cdrs = [{ ...SEED_SEARCH_RESULT_EXAMPLE }, ...makeCdrs(3)];
			const first = await search(emulator, { perPage: 2 });
			expect(first).toMatchObject({ code: 0, message: '操作成功' });
			expect(first.data!.results).toEqual([SEED_SEARCH_RESULT_EXAMPLE, makeCdr(0)]);
			expect(first.data!.searchAfter).toBe('call-00001');
			const second = await search(emulator, { perPage: 2, searchAfter: first.data!.searchAfter });
			expect(second.data!.results.map((record) => record.callId)).toEqual(['call-00002', 'call-00003']);
			expect(second.data!.searchAfter).toBeNull();
			// The seed's own example cursor, a 19-digit call id, as text.
			const afterSeed = await search(emulator, { perPage: 10, searchAfter: '6780056666542059520' });
			expect(afterSeed.data!.results.map((record) => record.callId)).toEqual(['call-00001', 'call-00002', 'call-00003']);
			expect(afterSeed.data!.searchAfter).toBeNull();
			// Filters read the seed's fields.
			const filtered = await search(emulator, { projectId: '10008', taskId: '13', callresult: '0', endresult: '12', called: '185xxxx2456', startTime: { gte: '2021-03-23 17:24:35', lte: '2021-03-23 17:24:36' } });
			expect(filtered.data!.results).toEqual([SEED_SEARCH_RESULT_EXAMPLE]);
			// A cursor that is no call's id is refused (inferred): a client must send back what it got.
			expect(await search(emulator, { searchAfter: 'call-99999' })).toMatchObject({ code: FIELD_TYPE_ERROR_CODE, data: null });
			expect(emulator.cursorRefusals).toHaveLength(1);
		} finally {
			await emulator.stop();
		}
	});

	test('generated volumes page the same way', async () => {
		const emulator = await new IcsocEmulator({ clientId: 'c', clientSecret: 's', username: 'u', password: 'p' }).start();
		try {
			emulator.tokens.set('tok', true);
			emulator.generatedCdrCount = 250;
			const pages: unknown[][] = [];
			let cursor: unknown = undefined;
			do {
				const answer = await search(emulator, { perPage: 100, ...(cursor === undefined ? {} : { searchAfter: cursor }) });
				pages.push(answer.data!.results.map((record) => record.callId));
				cursor = answer.data!.searchAfter;
			} while (cursor !== null);
			expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
			expect(pages.flat()).toEqual(makeCdrs(250).map((cdr) => cdr.callId));
			expect(emulator.searches.map((s) => s.searchAfter)).toEqual([null, 'call-00100', 'call-00200']);
		} finally {
			await emulator.stop();
		}
	});

	test('the push keeps icsoc\'s snake case, numbers as text (2.2, 2.4)', () => {
		expect(cdrPushData(makeCdr(2))).toMatchObject({
			call_id: 'call-00003',
			start_time: '1714521720',
			ans_time: '1714521728',
			end_time: '1714521750',
			all_secs: '30',
			callresult: '2',
			user_data: { ext_id: 'ext-3', proid: 'p-1', taskid: 't-2' },
		});
		expect(Object.keys(cdrPushData(makeCdr(2))).filter((key) => /[A-Z]/.test(key))).toEqual([]);
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
