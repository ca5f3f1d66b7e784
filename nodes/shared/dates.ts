/**
 * Date conversions shared by all vendors. Pure: no n8n imports.
 */

const MS_THRESHOLD = 1e11; // below: seconds (until year 5138), above: milliseconds

/**
 * A unix timestamp (seconds or milliseconds, number or numeric string) as an ISO 8601 UTC
 * string. Returns undefined for empty, zero or non-numeric values: vendors send 0 for
 * "did not happen" (a call never answered has callAnswerTs 0).
 */
export function unixToIso(value: unknown): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(n) || n <= 0) return undefined;
	const ms = n < MS_THRESHOLD ? n * 1000 : n;
	if (ms % 1000 === 0 && ms <= MAX_DATE_MS) return isoOfWholeSecond(ms);
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const MAX_DATE_MS = 8.64e15;
const MS_PER_DAY = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');
/** "HH:MM:" of every minute of a day, and "SS.000Z" of every second of a minute. */
const HOURS_MINUTES = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`);
const SECONDS = Array.from({ length: 60 }, (_, s) => `${pad2(s)}.000Z`);
/** "YYYY-MM-DDT" of recent days: the records of one report fall on few days. */
const dayPrefixes = new Map<number, string>();

/**
 * The ISO text of a whole-second time, as Date.toISOString writes it, from three ready-made
 * pieces: vendors send seconds, and a list of 10,000 orders carries 50,000 of them, where
 * Date's formatter cost a fifth of the node's time (most of it in garbage collection).
 */
function isoOfWholeSecond(ms: number): string {
	const day = Math.floor(ms / MS_PER_DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		const iso = new Date(day * MS_PER_DAY).toISOString();
		prefix = iso.slice(0, iso.indexOf('T') + 1);
		if (dayPrefixes.size >= 1000) dayPrefixes.clear();
		dayPrefixes.set(day, prefix);
	}
	const secondOfDay = (ms - day * MS_PER_DAY) / 1000;
	return prefix + HOURS_MINUTES[Math.floor(secondOfDay / 60)] + SECONDS[secondOfDay % 60];
}

/** The date and time of day at the start of a text, as written (before any zone). */
const WRITTEN_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const MONTH_NAMES = 'January February March April May June July August September October November December'.split(' ');

function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why these calendar parts name no moment ("February 2024 has 29 days"), or undefined when they do. */
export function calendarProblem(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string | undefined {
	if (month < 1 || month > 12) return `there is no month ${month}`;
	if (day < 1) return 'there is no day 0';
	const days = daysInMonth(year, month);
	if (day > days) return `${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
	if (hour > 23) return 'hours run 0 to 23';
	if (minute > 59) return 'minutes run 0 to 59';
	if (second > 59) return 'seconds run 0 to 59';
	return undefined;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseUtcOffset(offset: string): number {
	const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
	if (!match) throw new RangeError(`not a UTC offset like +08:00: ${offset}`);
	const minutes = Number(match[2]) * 60 + Number(match[3]);
	return match[1] === '-' ? -minutes : minutes;
}

/**
 * A vendor wall-clock time ("2024-05-01 12:30:00", no zone) read in a fixed UTC offset
 * ("+08:00") as an ISO 8601 UTC string. Undefined when the text is not such a time.
 */
export function localDateTimeToIso(value: unknown, utcOffset: string): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = LOCAL_DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
	const utcMs =
		Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
		parseUtcOffset(utcOffset) * 60_000;
	const date = new Date(utcMs);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/**
 * Parses what n8n's date-time picker or an expression gives (ISO text with or without zone,
 * "YYYY-MM-DD HH:mm:ss", a Date, or epoch milliseconds) into a Date. A value without a
 * zone is wall-clock time in `timeZone` (the workflow's IANA zone).
 */
export function parseUserDateTime(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	// Date.UTC and Date's own parser roll "2024-02-30" over to 1 March: a date must exist as written.
	const written = WRITTEN_DATE_TIME.exec(text);
	if (written) {
		const [year, month, day, hour, minute, second] = written.slice(1).map((part) => Number(part ?? 0));
		if (calendarProblem(year, month, day, hour, minute, second)) return undefined;
	}
	const local = LOCAL_DATE_TIME.exec(text.replace(/\.\d+$/, ''));
	if (local) {
		const [, y, mo, d, h = '00', mi = '00', s = '00'] = local;
		const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
		// Shift by the zone's offset at that moment (twice, to settle across DST changes).
		let guess = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
		guess = asUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
		return new Date(guess);
	}
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Minutes east of UTC of `timeZone` at `date`. */
export function offsetMinutes(date: Date, timeZone: string): number {
	const parts = wallClockParts(date, timeZone);
	const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** A moment as a wall clock shows it. */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** One formatter per zone: making an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, format);
	}
	return format;
}

function wallClockParts(date: Date, timeZone: string): WallClock {
	const format = formatterFor(timeZone);
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(date)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

/** `date` as "YYYY-MM-DD HH:mm:ss" wall-clock time in `timeZone` (vendors' query format). */
export function formatVendorDateTime(date: Date, timeZone: string): string {
	const p = wallClockParts(date, timeZone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `date` as "YYYY-MM-DD" in `timeZone`. */
export function formatVendorDate(date: Date, timeZone: string): string {
	return formatVendorDateTime(date, timeZone).slice(0, 10);
}
