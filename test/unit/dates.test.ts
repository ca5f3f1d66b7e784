import {
	formatVendorDate,
	formatVendorDateTime,
	localDateTimeToIso,
	parseUserDateTime,
	unixToIso,
} from '../../nodes/shared/dates';

describe('dates', () => {
	test('unix seconds and milliseconds become ISO; zero and junk do not', () => {
		expect(unixToIso(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
		expect(unixToIso('1700000000123')).toBe('2023-11-14T22:13:20.123Z');
		expect(unixToIso(0)).toBeUndefined();
		expect(unixToIso('')).toBeUndefined();
		expect(unixToIso('soon')).toBeUndefined();
	});

	test('unixToIso writes exactly what Date.toISOString writes, at the edges of days, years and ranges', () => {
		const edges = [
			1, 999, 1_000, 59_999, 86_399_999, 86_400_000, 951_782_400_000 /* 2000-02-29 */, 1_709_251_199_999,
			99_999_999_999 /* largest value read as seconds */, 100_000_000_000, 253_402_300_799_999 /* 9999-12-31 */,
			253_402_300_800_000 /* year 10000: +010000 */, 8.64e15, 1_700_000_000.5, 1_700_000_000_123.7,
		];
		// A fixed walk through 2000-2100, seconds and milliseconds alike.
		for (let ms = 946_684_800_123; ms < 4_102_444_800_000; ms += 977_777_777_777 / 997) edges.push(Math.floor(ms), Math.floor(ms / 1000));
		for (const value of edges) {
			const ms = value < 1e11 ? value * 1000 : value;
			expect([value, unixToIso(value)]).toEqual([value, new Date(ms).toISOString()]);
		}
		expect(unixToIso(8.64e15 + 1)).toBeUndefined(); // beyond what a Date holds
	});

	test('vendor wall-clock time in a fixed offset becomes UTC ISO', () => {
		expect(localDateTimeToIso('2024-05-01 08:30:00', '+08:00')).toBe('2024-05-01T00:30:00.000Z');
		expect(localDateTimeToIso('2024-05-01 08:30:00', '-0330')).toBe('2024-05-01T12:00:00.000Z');
		expect(localDateTimeToIso('01/05/2024', '+08:00')).toBeUndefined();
	});

	test('user date-times without a zone are read in the workflow zone', () => {
		const date = parseUserDateTime('2024-05-01T08:30:00', 'Asia/Shanghai');
		expect(date?.toISOString()).toBe('2024-05-01T00:30:00.000Z');
		expect(parseUserDateTime('2024-05-01T08:30:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2024-05-01T08:30:00.000Z');
		// New York in summer is UTC-4, in winter UTC-5.
		expect(parseUserDateTime('2024-07-01 12:00:00', 'America/New_York')?.toISOString()).toBe('2024-07-01T16:00:00.000Z');
		expect(parseUserDateTime('2024-01-01 12:00:00', 'America/New_York')?.toISOString()).toBe('2024-01-01T17:00:00.000Z');
		expect(parseUserDateTime('not a date', 'UTC')).toBeUndefined();
	});

	test('dates are written in the vendor format in a given zone', () => {
		const date = new Date('2024-05-01T00:30:05Z');
		expect(formatVendorDateTime(date, 'Asia/Shanghai')).toBe('2024-05-01 08:30:05');
		expect(formatVendorDate(date, 'America/New_York')).toBe('2024-04-30');
	});
});

describe('dates must exist as written', () => {
	test.each(['2024-02-30', '2024-13-01', '2023-02-29 10:00:00', '2024-04-31T08:00:00', '2024-02-30T10:00:00Z', '2024-01-01 24:00:00'])(
		'%s is no date, never rolled over',
		(text) => {
			expect(parseUserDateTime(text, 'Asia/Shanghai')).toBeUndefined();
		},
	);

	test('existing dates still parse, leap day included', () => {
		expect(parseUserDateTime('2024-02-29 08:00:00', 'Asia/Shanghai')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
		expect(parseUserDateTime('2024-02-29T08:00:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2024-02-29T08:00:00.000Z');
	});
});
