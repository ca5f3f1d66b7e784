import {
	formatVendorDate,
	formatVendorDateTime,
	isKnownZone,
	offsetMinutes,
	parseUserDateTime,
	unixToZonedIso,
	vendorTimeToZonedIso,
	wallClockToZonedIso,
} from '../../nodes/shared/dates';

describe('dates', () => {
	test('unix seconds and milliseconds become ISO at the zone\'s offset; zero and junk do not', () => {
		expect(unixToZonedIso(1_700_000_000, 'UTC')).toBe('2023-11-14T22:13:20Z');
		expect(unixToZonedIso('1700000000123', 'UTC')).toBe('2023-11-14T22:13:20.123Z');
		expect(unixToZonedIso(1_700_000_000, 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(unixToZonedIso(1_700_000_000, '+05:30')).toBe('2023-11-15T03:43:20+05:30');
		// London is at UTC in winter: written +00:00, not Z (that is UTC itself).
		expect(unixToZonedIso(1_700_000_000, 'Europe/London')).toBe('2023-11-14T22:13:20+00:00');
		for (const never of [0, '', 'soon', -5, null, undefined, true, 8.64e15 + 1]) expect(unixToZonedIso(never, 'UTC')).toBeUndefined();
		expect(unixToZonedIso(1_700_000_000, 'Nowhere/Atlantis')).toBeUndefined();
	});

	test('in UTC, unixToZonedIso writes what Date.toISOString writes (less ".000" of whole seconds), at the edges of days, years and ranges', () => {
		const edges = [
			1, 999, 1_000, 59_999, 86_399_999, 86_400_000, 951_782_400_000 /* 2000-02-29 */, 1_709_251_199_999,
			99_999_999_999 /* largest value read as seconds */, 100_000_000_000, 253_402_300_799_999 /* 9999-12-31 */,
			253_402_300_800_000 /* year 10000: +010000 */, 8.64e15, 1_700_000_000.5, 1_700_000_000_123.7,
		];
		// A fixed walk through 2000-2100, seconds and milliseconds alike.
		for (let ms = 946_684_800_123; ms < 4_102_444_800_000; ms += 977_777_777_777 / 997) edges.push(Math.floor(ms), Math.floor(ms / 1000));
		for (const value of edges) {
			const ms = Math.floor(value < 1e11 ? value * 1000 : value);
			expect([value, unixToZonedIso(value, 'UTC')]).toEqual([value, new Date(ms).toISOString().replace('.000Z', 'Z')]);
		}
	});

	/** What Intl itself says, uncached: the wall clock of `ms` in `timeZone`, and its offset. */
	function intlIso(ms: number, timeZone: string): string {
		const offset = offsetMinutes(new Date(ms), timeZone);
		const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
		const abs = Math.abs(offset);
		const text = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
		return local + text;
	}

	test.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Asia/Shanghai', 'Pacific/Chatham'])(
		'%s: the cached offsets agree with Intl every second around each change of 2024 (Lord Howe and Chatham change off the hour), and across years',
		(timeZone) => {
			// The offset changes of 2024, found by Intl hour by hour.
			const changes: number[] = [];
			for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 3_600_000) {
				if (offsetMinutes(new Date(ms), timeZone) !== offsetMinutes(new Date(ms + 3_600_000), timeZone)) changes.push(ms);
			}
			for (const hour of changes) {
				for (let ms = hour - 60_000; ms <= hour + 3_660_000; ms += 1000) {
					// Compared first, expect() only on a difference: 50,000 seconds per zone.
					const expected = intlIso(ms, timeZone);
					if (unixToZonedIso(ms, timeZone) !== expected) expect([ms, unixToZonedIso(ms, timeZone)]).toEqual([ms, expected]);
				}
			}
			for (let ms = Date.UTC(1990, 0, 1, 0, 0, 7); ms < Date.UTC(2040, 0, 1); ms += 7_777_777_000) {
				expect([ms, unixToZonedIso(ms, timeZone)]).toEqual([ms, intlIso(ms, timeZone)]);
			}
		},
	);

	test('New York around daylight saving time: unix times', () => {
		// 2024-03-10 07:00Z: 02:00 EST becomes 03:00 EDT. 2024-11-03 06:00Z: 02:00 EDT becomes 01:00 EST.
		expect(unixToZonedIso(Date.UTC(2024, 2, 10, 6, 59, 59), 'America/New_York')).toBe('2024-03-10T01:59:59-05:00');
		expect(unixToZonedIso(Date.UTC(2024, 2, 10, 7, 0, 0), 'America/New_York')).toBe('2024-03-10T03:00:00-04:00');
		expect(unixToZonedIso(Date.UTC(2024, 10, 3, 5, 30, 0), 'America/New_York')).toBe('2024-11-03T01:30:00-04:00');
		expect(unixToZonedIso(Date.UTC(2024, 10, 3, 6, 30, 0), 'America/New_York')).toBe('2024-11-03T01:30:00-05:00');
	});

	test('New York around daylight saving time: wall-clock text keeps its digits and gets the offset it has then', () => {
		const ny = (text: string) => wallClockToZonedIso(text, 'America/New_York');
		expect(ny('2024-03-10 01:59:59')).toBe('2024-03-10T01:59:59-05:00');
		expect(ny('2024-03-10 03:00:00')).toBe('2024-03-10T03:00:00-04:00');
		// 02:30 never happens that morning: the offset before the change (the moment 03:30-04:00).
		expect(ny('2024-03-10 02:30:00')).toBe('2024-03-10T02:30:00-05:00');
		// 01:30 happens twice in November: the first.
		expect(ny('2024-11-03 01:30:00')).toBe('2024-11-03T01:30:00-04:00');
		expect(ny('2024-11-03 02:00:00')).toBe('2024-11-03T02:00:00-05:00');
		expect(ny('2024-11-02 23:00:00')).toBe('2024-11-02T23:00:00-04:00');
		expect(ny('2024-11-04 00:00:00')).toBe('2024-11-04T00:00:00-05:00');
		// Each written time names the moment it says (outside the skipped hour).
		for (let ms = Date.UTC(2024, 10, 2); ms < Date.UTC(2024, 10, 5); ms += 900_000) {
			const iso = unixToZonedIso(ms, 'America/New_York') as string;
			if (iso.startsWith('2024-11-03T01:')) continue; // happens twice: the first is chosen
			expect(Date.parse(wallClockToZonedIso(iso.slice(0, 19).replace('T', ' '), 'America/New_York') as string)).toBe(ms);
		}
	});

	test('wall-clock text in a fixed offset or a zone; junk, impossible dates and PHP\'s zero date give nothing', () => {
		expect(wallClockToZonedIso('2024-05-01 08:30:00', '+08:00')).toBe('2024-05-01T08:30:00+08:00');
		expect(wallClockToZonedIso('2024-05-01 08:30:00', '-0330')).toBe('2024-05-01T08:30:00-03:30');
		expect(wallClockToZonedIso('2024-05-01T08:30', 'Asia/Shanghai')).toBe('2024-05-01T08:30:00+08:00');
		expect(wallClockToZonedIso('2024-05-01 08:30:00.250', 'UTC')).toBe('2024-05-01T08:30:00.250Z');
		for (const bad of ['01/05/2024', '2024-05-01', '2024-02-30 10:00:00', '0000-00-00 00:00:00', 5, null]) {
			expect(wallClockToZonedIso(bad, '+08:00')).toBeUndefined();
		}
	});

	test('vendor times either way: unix, wall-clock, or ISO with its own offset, all shown in the zone', () => {
		expect(vendorTimeToZonedIso(1_700_000_000, 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(vendorTimeToZonedIso(' 1700000000 ', 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(vendorTimeToZonedIso('2023-11-15 06:13:20', 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(vendorTimeToZonedIso('2023-11-14T22:13:20Z', 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(vendorTimeToZonedIso('2024-02-30T22:13:20Z', 'Asia/Shanghai')).toBeUndefined();
		expect(vendorTimeToZonedIso('0000-00-00 00:00:00', 'Asia/Shanghai')).toBeUndefined();
		expect(vendorTimeToZonedIso({}, 'Asia/Shanghai')).toBeUndefined();
	});

	test('zones known: fixed offsets and IANA names', () => {
		expect(['Z', '+08:00', '-0530', 'UTC', 'Asia/Shanghai'].map(isKnownZone)).toEqual([true, true, true, true, true]);
		expect(['0800', '+24:00', 'Nowhere/Atlantis', ''].map(isKnownZone)).toEqual([false, false, false, false]);
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
