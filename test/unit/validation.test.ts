import { parseIdList } from '../../nodes/shared/batching';
import {
	readCalendarDate,
	readId,
	readIdList,
	readPathSegment,
	type CalendarParts,
	type Checked,
} from '../../nodes/shared/validation';

/** The accepted value; fails the test when the reader refused. */
function accepted<T>(result: Checked<T>): T {
	if ('problem' in result) throw new Error(`refused: ${result.problem}`);
	return result.value;
}

/** The problem; fails the test when the reader accepted. */
function refused<T>(result: Checked<T>): string {
	if ('value' in result) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
	return result.problem;
}

describe('readId', () => {
	test.each<[unknown, string]>([
		['ORD-1', 'ORD-1'],
		['  42 ', '42'],
		[42, '42'],
		[0, '0'],
		[-0, '0'],
		[-7, '-7'],
		[1.5, '1.5'],
		[Number.MAX_SAFE_INTEGER, '9007199254740991'],
		[123456789012345, '123456789012345'],
		[12345678901234567890n, '12345678901234567890'],
	])('accepts %p as %p', (input, id) => {
		expect(accepted(readId(input))).toBe(id);
	});

	test.each<[unknown, string]>([
		[{ id: 1 }, 'must be text or a number, got an object'],
		[[1, 2], 'must be text or a number, got a list'],
		[[], 'must be text or a number, got a list'],
		[true, 'must be text or a number, got a boolean (true)'],
		[false, 'must be text or a number, got a boolean (false)'],
		[new Date(0), 'must be text or a number, got a date'],
		[null, 'is empty'],
		[undefined, 'is empty'],
		['', 'is empty'],
		[' \t\n', 'is empty'],
		[Number.NaN, 'is not a finite number (NaN)'],
		[Number.POSITIVE_INFINITY, 'is not a finite number (Infinity)'],
		[Number.NEGATIVE_INFINITY, 'is not a finite number (-Infinity)'],
		[12345678901234567890, 'is a number too large to be exact (12345678901234567000); give it as text'],
		[2 ** 53, 'is a number too large to be exact (9007199254740992); give it as text'],
	])('refuses %p: %s', (input, problem) => {
		expect(refused(readId(input))).toBe(problem);
	});

	test('never turns a list or an object into "1,2" or "[object Object]"', () => {
		for (const input of [[1, 2], { toString: () => 'x' }, ['1'], new Map()]) {
			expect(readId(input)).not.toHaveProperty('value');
		}
	});
});

describe('readIdList', () => {
	test.each<[unknown, string[]]>([
		['1,2;3 4\t5\n6', ['1', '2', '3', '4', '5', '6']],
		['a\uFF0Cb\uFF1Bc', ['a', 'b', 'c']],
		[' ,;1,, ;2 ', ['1', '2']],
		['', []],
		[null, []],
		[undefined, []],
		[[], []],
		[7, ['7']],
		[12n, ['12']],
		[['1', 2, '3,4'], ['1', '2', '3', '4']],
		[[null, '5', undefined, ''], ['5']],
		[['1', ['2', [3]]], ['1', '2', '3']],
	])('splits %p into %p', (input, ids) => {
		expect(accepted(readIdList(input))).toEqual(ids);
	});

	test.each<[unknown]>([['1,2;3 4'], ['a\uFF0Cb\uFF1Bc'], [[null, '5', 6, '7 8']], [['1', ['2', [3]]]], [9], ['']])(
		'splits %p exactly as parseIdList does',
		(input) => {
			expect(accepted(readIdList(input))).toEqual(parseIdList(input));
		},
	);

	test.each<[unknown, string]>([
		[['1', '2', { id: 3 }], 'must list only text or numbers, but entry 3 is an object'],
		[['1', true], 'must list only text or numbers, but entry 2 is a boolean (true)'],
		[['1', Number.NaN], 'must list only text or numbers, but entry 2 is not a finite number (NaN)'],
		[['1', ['2', { id: 3 }]], 'must list only text or numbers, but entry 2.2 is an object'],
		[[new Date(0)], 'must list only text or numbers, but entry 1 is a date'],
		[{ ids: [1, 2] }, 'must be text, a number or a list of them, got an object'],
		[false, 'must be text, a number or a list of them, got a boolean (false)'],
		[Number.POSITIVE_INFINITY, 'is not a finite number (Infinity)'],
	])('refuses %p: %s', (input, problem) => {
		expect(refused(readIdList(input))).toBe(problem);
	});
});

describe('readPathSegment', () => {
	test.each<[unknown, string]>([
		['vdn-1', 'vdn-1'],
		[' 1001 ', '1001'],
		[1001, '1001'],
		['...', '...'],
		['.hidden', '.hidden'],
		['a b?#%', 'a b?#%'],
	])('accepts %p as %p', (input, segment) => {
		expect(accepted(readPathSegment(input))).toBe(segment);
	});

	test.each<[unknown, string]>([
		['', 'is empty'],
		['  ', 'is empty'],
		['.', 'may not be "."'],
		['..', 'may not be ".."'],
		[' .. ', 'may not be ".."'],
		['a/b', 'may not contain "/" or "\\"'],
		['/', 'may not contain "/" or "\\"'],
		['..\\tasks', 'may not contain "/" or "\\"'],
		['a\u0000b', 'may not contain control characters'],
		['a\rb', 'may not contain control characters'],
		['a\u007Fb', 'may not contain control characters'],
		['a\u0085b', 'may not contain control characters'],
		[{ id: 1 }, 'must be text or a number, got an object'],
		[[1], 'must be text or a number, got a list'],
	])('refuses %p: %s', (input, problem) => {
		expect(refused(readPathSegment(input))).toBe(problem);
	});
});

describe('readCalendarDate', () => {
	const parts = (text: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): CalendarParts => ({
		year,
		month,
		day,
		hour,
		minute,
		second,
		text,
	});

	test.each<[unknown, CalendarParts]>([
		['2024-02-29', parts('2024-02-29', 2024, 2, 29)],
		['2000-02-29', parts('2000-02-29', 2000, 2, 29)],
		[' 2024-12-31 ', parts('2024-12-31', 2024, 12, 31)],
		['2024-04-30', parts('2024-04-30', 2024, 4, 30)],
		['2023-01-31', parts('2023-01-31', 2023, 1, 31)],
		[new Date('2024-05-01T23:30:00Z'), parts('2024-05-01', 2024, 5, 1)],
	])('date %p exists', (input, expected) => {
		expect(accepted(readCalendarDate(input, 'YYYY-MM-DD'))).toEqual(expected);
	});

	test.each<[unknown, string]>([
		['2024-02-30', 'is not a date: 2024-02-30 (February 2024 has 29 days)'],
		['2023-02-29', 'is not a date: 2023-02-29 (February 2023 has 28 days)'],
		['1900-02-29', 'is not a date: 1900-02-29 (February 1900 has 28 days)'],
		['2024-04-31', 'is not a date: 2024-04-31 (April 2024 has 30 days)'],
		['2024-13-01', 'is not a date: 2024-13-01 (there is no month 13)'],
		['2024-00-10', 'is not a date: 2024-00-10 (there is no month 0)'],
		['2024-05-00', 'is not a date: 2024-05-00 (there is no day 0)'],
		['2024-5-1', 'must be written YYYY-MM-DD, got "2024-5-1"'],
		['01/05/2024', 'must be written YYYY-MM-DD, got "01/05/2024"'],
		['2024-05-01 10:00:00', 'must be written YYYY-MM-DD, got "2024-05-01 10:00:00"'],
		['', 'is empty'],
		[null, 'is empty'],
		[1714521600000, 'must be a date written YYYY-MM-DD, got a number'],
		[{}, 'must be a date written YYYY-MM-DD, got an object'],
		[new Date('nonsense'), 'is not a valid date'],
	])('refuses date %p: %s', (input, problem) => {
		expect(refused(readCalendarDate(input, 'YYYY-MM-DD'))).toBe(problem);
	});

	test.each<[unknown, CalendarParts]>([
		['2024-02-29 23:59:59', parts('2024-02-29 23:59:59', 2024, 2, 29, 23, 59, 59)],
		['2024-02-29T00:00:00', parts('2024-02-29 00:00:00', 2024, 2, 29, 0, 0, 0)],
		['2024-05-01 12:30:05', parts('2024-05-01 12:30:05', 2024, 5, 1, 12, 30, 5)],
		[new Date('2024-05-01T23:30:00Z'), parts('2024-05-01 23:30:00', 2024, 5, 1, 23, 30, 0)],
	])('date-time %p exists', (input, expected) => {
		expect(accepted(readCalendarDate(input, 'YYYY-MM-DD HH:mm:ss'))).toEqual(expected);
	});

	test.each<[string, string]>([
		['2024-02-30 10:00:00', 'is not a date: 2024-02-30 (February 2024 has 29 days)'],
		['2024-13-01T10:00:00', 'is not a date: 2024-13-01 (there is no month 13)'],
		['2023-02-29 10:00:00', 'is not a date: 2023-02-29 (February 2023 has 28 days)'],
		['2024-05-01 24:00:00', 'is not a time of day: 24:00:00 (hours run 0 to 23)'],
		['2024-05-01 23:60:00', 'is not a time of day: 23:60:00 (minutes run 0 to 59)'],
		['2024-05-01 23:59:60', 'is not a time of day: 23:59:60 (seconds run 0 to 59)'],
		['2024-05-01', 'must be written YYYY-MM-DD HH:mm:ss, got "2024-05-01"'],
		['2024-05-01 10:00', 'must be written YYYY-MM-DD HH:mm:ss, got "2024-05-01 10:00"'],
		['2024-05-01T10:00:00Z', 'must be written YYYY-MM-DD HH:mm:ss, got "2024-05-01T10:00:00Z"'],
		['2024-05-01 1:00:00', 'must be written YYYY-MM-DD HH:mm:ss, got "2024-05-01 1:00:00"'],
	])('refuses date-time %p: %s', (input, problem) => {
		expect(refused(readCalendarDate(input, 'YYYY-MM-DD HH:mm:ss'))).toBe(problem);
	});

	test('reads a Date as wall-clock time in the given zone', () => {
		const instant = new Date('2024-05-01T23:30:00Z');
		expect(accepted(readCalendarDate(instant, 'YYYY-MM-DD', 'Asia/Shanghai')).text).toBe('2024-05-02');
		expect(accepted(readCalendarDate(instant, 'YYYY-MM-DD HH:mm:ss', 'Asia/Shanghai')).text).toBe('2024-05-02 07:30:00');
		expect(accepted(readCalendarDate(instant, 'YYYY-MM-DD HH:mm:ss', 'America/New_York')).text).toBe('2024-05-01 19:30:00');
	});
});
