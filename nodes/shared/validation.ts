/**
 * Checks of user input before it reaches a vendor. Pure: no n8n imports, nothing thrown.
 *
 * Each reader returns `{ value }` or `{ problem }`. A problem is the end of a sentence whose
 * subject is the parameter ("is empty", "must be text or a number, got a list"), so the
 * caller can build the NodeOperationError that names the item and the parameter from it.
 */
import { calendarProblem, formatVendorDateTime, type WallClock } from './dates';

export type Checked<T> = { value: T } | { problem: string };

/** What a value is, in words a user reading an error understands. */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a date';
	if (typeof value === 'boolean') return `a boolean (${value})`;
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** A number as ID text. Safe integers print without an exponent, so only the checks remain. */
function numberAsId(n: number): Checked<string> {
	if (!Number.isFinite(n)) return { problem: `is not a finite number (${n})` };
	// Past 2^53 a number has already lost digits (12345678901234567890 arrives as ...7000):
	// sending it would address some other record.
	if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
		return { problem: `is a number too large to be exact (${n}); give it as text` };
	}
	return { value: String(n) };
}

/**
 * An ID: trimmed non-empty text, a finite number or a bigint. Anything else is refused, so a
 * list or an object can never be sent as "1,2" or "[object Object]".
 */
export function readId(value: unknown): Checked<string> {
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' ? { problem: 'is empty' } : { value: text };
	}
	if (typeof value === 'number') return numberAsId(value);
	if (typeof value === 'bigint') return { value: String(value) };
	if (value === null || value === undefined) return { problem: 'is empty' };
	return { problem: `must be text or a number, got ${kindOf(value)}` };
}

/** The separators of parseIdList (batching.ts), full-width ones included for Chinese input. */
const ID_SEPARATORS = /[\s,;\uFF0C\uFF1B]+/;

/**
 * A list of IDs, split as parseIdList splits it (separated text, numbers, lists of those,
 * nested lists flattened, empty entries and null dropped), but refusing what is not an ID
 * and naming its position ("entry 3", "entry 2.1" in a nested list) instead of sending it.
 */
export function readIdList(value: unknown): Checked<string[]> {
	const ids: string[] = [];
	const visit = (entry: unknown, position: string): string | undefined => {
		if (entry === null || entry === undefined) return undefined;
		if (typeof entry === 'string') {
			for (const part of entry.split(ID_SEPARATORS)) if (part !== '') ids.push(part);
			return undefined;
		}
		if (Array.isArray(entry)) {
			for (let i = 0; i < entry.length; i++) {
				const problem = visit(entry[i], position === '' ? `${i + 1}` : `${position}.${i + 1}`);
				if (problem !== undefined) return problem;
			}
			return undefined;
		}
		const id = readId(entry);
		if ('value' in id) {
			ids.push(id.value);
			return undefined;
		}
		if (position === '') {
			return typeof entry === 'number' ? id.problem : `must be text, a number or a list of them, got ${kindOf(entry)}`;
		}
		const why = typeof entry === 'number' ? id.problem : `is ${kindOf(entry)}`;
		return `must list only text or numbers, but entry ${position} ${why}`;
	};
	const problem = visit(value, '');
	return problem === undefined ? { value: ids } : { problem };
}

/**
 * A value for one segment of a URL path. Dot segments and slashes would make the request
 * reach another resource (`/campaigns/../tasks`); some servers and proxies read "\" as "/".
 * The caller still percent-encodes the value.
 */
export function readPathSegment(value: unknown): Checked<string> {
	const id = readId(value);
	if ('problem' in id) return id;
	if (id.value === '.' || id.value === '..') return { problem: `may not be "${id.value}"` };
	if (/[/\\]/.test(id.value)) return { problem: 'may not contain "/" or "\\"' };
	if (/\p{Cc}/u.test(id.value)) return { problem: 'may not contain control characters' };
	return id;
}

export type CalendarFormat = 'YYYY-MM-DD' | 'YYYY-MM-DD HH:mm:ss';

/** Hour, minute and second are 0 for the date-only format. */
export interface CalendarParts extends WallClock {
	/** The value written in `format` (a "T" between date and time becomes a space). */
	text: string;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;
/**
 * A calendar date, or date and time, that exists exactly as written: Date.UTC and vendors
 * quietly roll "2024-02-30" over to 1 March and "2024-13-01" into 2025. Text may put "T"
 * between date and time. A Date is read as wall-clock time in `timeZone` (the workflow's).
 */
export function readCalendarDate(value: unknown, format: CalendarFormat, timeZone = 'UTC'): Checked<CalendarParts> {
	let text: string;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { problem: 'is not a valid date' };
		text = formatVendorDateTime(value, timeZone).slice(0, format.length);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (value === null || value === undefined) {
		return { problem: 'is empty' };
	} else {
		return { problem: `must be a date written ${format}, got ${kindOf(value)}` };
	}
	if (text === '') return { problem: 'is empty' };

	const match = DATE_TIME.exec(text);
	if (!match || (match[4] !== undefined) !== (format !== 'YYYY-MM-DD')) {
		return { problem: `must be written ${format}, got "${text}"` };
	}
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
	const problem = calendarProblem(year, month, day, hour, minute, second);
	if (problem) {
		const isTime = /^(hours|minutes|seconds)/.test(problem);
		return { problem: isTime ? `is not a time of day: ${text.slice(11)} (${problem})` : `is not a date: ${text.slice(0, 10)} (${problem})` };
	}
	return { value: { year, month, day, hour, minute, second, text: text.replace('T', ' ') } };
}
