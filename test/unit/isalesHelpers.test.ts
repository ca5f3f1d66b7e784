import { RETURN_CODES, CALL_STATUSES } from '../../nodes/HuaweiIsales/codes';
import { checkDateRange, toVendorDate } from '../../nodes/HuaweiIsales/dateRange';
import { decodeCallResult, isUtcOffset } from '../../nodes/HuaweiIsales/decode';
import { chunk, fetchInSpacedBatches, maxPageSize, remainingPages } from '../../nodes/HuaweiIsales/paging';

describe('iSales paging plan', () => {
	test('page sizes follow the documented limits', () => {
		expect(maxPageSize(true)).toBe(100);
		expect(maxPageSize(false)).toBe(500);
	});

	test('remaining pages after page 1', () => {
		expect(remainingPages(1234, 500)).toEqual([2, 3]);
		expect(remainingPages(1000, 500)).toEqual([2]);
		expect(remainingPages(500, 500)).toEqual([]);
		expect(remainingPages(0, 500)).toEqual([]);
		expect(remainingPages(1234, 100)).toHaveLength(12);
		expect(remainingPages(1234, 100, 250)).toEqual([2, 3]);
	});

	test('chunk', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	});

	test('fake clock: batches of ≤10, each started ≥1 s after the previous one (page 1 included), order kept', async () => {
		let clock = 10_000;
		const sleeps: number[] = [];
		const starts: Array<{ page: number; at: number }> = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const pages = remainingPages(2345, 100); // pages 2..24: 23 pages → batches of 10, 10, 3
		const results = await fetchInSpacedBatches(
			pages,
			{
				concurrency: 10,
				spacingMs: 1000,
				now: () => clock,
				sleep: async (ms) => {
					sleeps.push(ms);
					clock += ms;
				},
				previousBatchStart: 10_000 - 200, // page 1 started 200 ms ago
			},
			async (page) => {
				starts.push({ page, at: clock });
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				await Promise.resolve();
				clock += 50; // each request takes 50 ms of the fake clock
				inFlight--;
				return page * 10;
			},
		);
		expect(results).toEqual(pages.map((p) => p * 10));
		expect(maxInFlight).toBe(10);
		const batchStarts = [...new Set(starts.map((s) => s.at))];
		expect(batchStarts).toHaveLength(3);
		expect(starts.filter((s) => s.at === batchStarts[0])).toHaveLength(10);
		expect(starts.filter((s) => s.at === batchStarts[2]).map((s) => s.page)).toEqual([22, 23, 24]);
		const allStarts = [9_800, ...batchStarts];
		for (let n = 1; n < allStarts.length; n++) expect(allStarts[n] - allStarts[n - 1]).toBeGreaterThanOrEqual(1000);
		expect(sleeps[0]).toBe(800);
	});

	test('no sleep when the previous batch started long enough ago', async () => {
		const sleeps: number[] = [];
		await fetchInSpacedBatches([2], { concurrency: 10, spacingMs: 1000, now: () => 5000, sleep: async (ms) => void sleeps.push(ms), previousBatchStart: 3000 }, async (p) => p);
		expect(sleeps).toEqual([]);
	});
});

describe('iSales date range checks', () => {
	test('valid ranges and none', () => {
		expect(checkDateRange('', '')).toEqual({ ok: true });
		expect(checkDateRange(undefined, undefined)).toEqual({ ok: true });
		expect(checkDateRange('2024-01-01', '2024-01-31')).toEqual({ ok: true, range: { beginTime: '2024-01-01', endTime: '2024-01-31' } });
		expect(checkDateRange('2024-01-01T00:00:00', '2024-01-02 12:00')).toEqual({ ok: true, range: { beginTime: '2024-01-01', endTime: '2024-01-02' } });
	});

	test.each([
		['2024-01-01', '', 'Set both Begin Date and End Date, or neither'],
		['', '2024-01-01', 'Set both Begin Date and End Date, or neither'],
		['2024-01-02', '2024-01-02', 'must be before End Date'],
		['2024-01-02', '2024-01-01', 'must be before End Date'],
		['2024-01-01', '2024-02-01', 'spans 31 days'],
		['01/01/2024', '2024-01-02', 'is not a date like'],
		['2024-01-01', '2024-13-01', 'is not a date like'],
	])('%s → %s refused', (begin, end, message) => {
		const result = checkDateRange(begin, end);
		expect(result.ok).toBe(false);
		expect(result.ok === false && result.message).toContain(message);
	});

	test('30 days is allowed', () => {
		expect(checkDateRange('2024-01-01', '2024-01-31').ok).toBe(true);
		expect(toVendorDate('2024-02-29')).toBe('2024-02-29');
		expect(toVendorDate('2023-02-29')).toBeUndefined();
	});
});

describe('iSales codes and decoding', () => {
	test('code table from the documentation', () => {
		expect(RETURN_CODES['0200007']).toBe('call record or campaign not found');
		expect(RETURN_CODES['02000011']).toBe('too many parameters');
		expect(CALL_STATUSES).toEqual({ '5': 'failed', '6': 'succeeded' });
	});

	test('decode adds label and ISO twins in the given offset (the server\'s digits, not converted to UTC), keeps raw, unknowns and empty times get null twins', () => {
		const decoded = decodeCallResult({ callStatus: '5', callEndTime: '2024-03-01 08:00:00', ackBeginTime: '', other: 1 }, '+08:00');
		expect(decoded).toEqual({
			callStatus: '5',
			callStatusLabel: 'failed',
			callEndTime: '2024-03-01 08:00:00',
			callEndTimeIso: '2024-03-01T08:00:00+08:00',
			ackBeginTime: '',
			ackBeginTimeIso: null,
			other: 1,
		});
		expect(Object.keys(decoded)).toEqual(['callStatus', 'callStatusLabel', 'callEndTime', 'callEndTimeIso', 'ackBeginTime', 'ackBeginTimeIso', 'other']);
		expect(decodeCallResult({ callEndTime: '2024-05-01 08:50:07' }, '+0800')).toEqual({ callEndTime: '2024-05-01 08:50:07', callEndTimeIso: '2024-05-01T08:50:07+08:00' });
		expect(decodeCallResult({ callEndTime: '2024-05-01 08:50:07' }, '-05:30')).toMatchObject({ callEndTimeIso: '2024-05-01T08:50:07-05:30' });
		expect(decodeCallResult({ callStatus: 9 }, '-05:00')).toEqual({ callStatus: 9, callStatusLabel: null });
	});

	test('UTC offset syntax', () => {
		expect(['+08:00', '-05:30', '+0000'].every(isUtcOffset)).toBe(true);
		expect(['8', '+8:00', 'Asia/Shanghai', '+24:00'].some(isUtcOffset)).toBe(false);
	});
});
