/**
 * Date conversions shared by all vendors. Pure: no n8n imports.
 */

const MS_THRESHOLD = 1e11; // below: seconds (until year 5138), above: milliseconds
const MAX_DATE_MS = 8.64e15;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * A unix time (seconds or milliseconds, number or numeric text) in milliseconds. Undefined
 * for empty, zero, negative or non-numeric values: vendors send 0 for "did not happen" (a
 * call never answered has callAnswerTs 0).
 */
export function unixMs(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(n) || n <= 0) return undefined;
	const ms = Math.floor(n < MS_THRESHOLD ? n * 1000 : n);
	return ms <= MAX_DATE_MS ? ms : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** "HH:MM:" of every minute of a day, and "SS" of every second of a minute. */
const HOURS_MINUTES = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`);
const SECONDS = Array.from({ length: 60 }, (_, s) => pad2(s));
/** "YYYY-MM-DDT" of recent days: the records of one report fall on few days. */
const dayPrefixes = new Map<number, string>();

/** "YYYY-MM-DDT" of day `day` (days since 1970). */
function dayPrefix(day: number): string {
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		const iso = new Date(day * MS_PER_DAY).toISOString();
		prefix = iso.slice(0, iso.indexOf('T') + 1);
		if (dayPrefixes.size >= 1000) dayPrefixes.clear();
		dayPrefixes.set(day, prefix);
	}
	return prefix;
}

/** Offsets of one zone in one hour of UTC: `before` until `changeAt` (ms), `after` from then (zones change at most once an hour). */
interface HourOffsets {
	before: number;
	changeAt: number;
	after: number;
}

/** A time zone times are written in: a fixed offset, or an IANA zone whose offsets are read from Intl once per hour of time. */
interface Zone {
	/** Minutes east of UTC of a fixed offset; undefined for an IANA zone. */
	fixed: number | undefined;
	name: string;
	/** How an offset of 0 is written: "Z" for UTC itself, "+00:00" in a zone that is at UTC only for now (London in winter). */
	zeroText: string;
	hours: Map<number, HourOffsets>;
	/** The hour read last, and its offsets: a list's times fall in few hours. */
	lastHour?: number;
	lastOffsets?: HourOffsets;
}

const FIXED_OFFSET = /^([+-])([01]\d|2[0-3]):?([0-5]\d)$/;
const UTC_NAMES = /^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Universal|Zulu|Greenwich)$/i;
const zones = new Map<string, Zone | null>();
/** The zone asked for last: a list's times are all in one zone. */
let lastZoneName: string | undefined;
let lastZone: Zone | undefined;

function resolveZone(name: string): Zone | null {
	if (name === 'Z') return { fixed: 0, name, zeroText: 'Z', hours: new Map() };
	const fixed = FIXED_OFFSET.exec(name);
	if (fixed) {
		const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
		return { fixed: fixed[1] === '-' ? -minutes : minutes, name, zeroText: '+00:00', hours: new Map() };
	}
	try {
		formatterFor(name);
	} catch {
		return null;
	}
	return { fixed: undefined, name, zeroText: UTC_NAMES.test(name) ? 'Z' : '+00:00', hours: new Map() };
}

/** `zone` read once: a fixed offset ("Z", "+08:00", "-0530") or an IANA zone; undefined for neither. */
function zoneOf(zone: string): Zone | undefined {
	if (zone === lastZoneName) return lastZone;
	let resolved = zones.get(zone);
	if (resolved === undefined) {
		resolved = resolveZone(zone.trim());
		if (zones.size >= 1000) zones.clear();
		zones.set(zone, resolved);
	}
	lastZoneName = zone;
	lastZone = resolved ?? undefined;
	return lastZone;
}

/** Whether `zone` is a fixed UTC offset ("+08:00", "Z") or an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
	return zoneOf(zone) !== undefined;
}

/** The offsets of `timeZone` in hour `hour` (hours since 1970 UTC): two Intl readings, more only where the offset changes. */
function hourOffsets(timeZone: string, hour: number): HourOffsets {
	const start = hour * MS_PER_HOUR;
	let last = Math.min(start + MS_PER_HOUR - 1000, MAX_DATE_MS);
	const before = offsetMinutes(new Date(start), timeZone);
	const after = offsetMinutes(new Date(last), timeZone);
	if (before === after) return { before, changeAt: Infinity, after };
	// The first whole second at the new offset, by halving: about 12 more readings, a few times a year.
	let first = start;
	while (last - first > 1000) {
		const middle = first + Math.floor((last - first) / 2000) * 1000;
		if (offsetMinutes(new Date(middle), timeZone) === before) first = middle;
		else last = middle;
	}
	return { before, changeAt: last, after };
}

/**
 * Minutes east of UTC of `zone` at `ms`. Intl is slow (a reading costs microseconds), so an
 * IANA zone's offsets are read once per hour of time and kept, with the moment within the hour
 * where they change (daylight saving time) when they do.
 */
function offsetAt(zone: Zone, ms: number): number {
	if (zone.fixed !== undefined) return zone.fixed;
	const hour = Math.floor(ms / MS_PER_HOUR);
	let offsets = hour === zone.lastHour ? zone.lastOffsets : zone.hours.get(hour);
	if (offsets === undefined) {
		offsets = hourOffsets(zone.name, hour);
		if (zone.hours.size >= 100_000) zone.hours.clear();
		zone.hours.set(hour, offsets);
	}
	zone.lastHour = hour;
	zone.lastOffsets = offsets;
	return ms < offsets.changeAt ? offsets.before : offsets.after;
}

const offsetTexts = new Map<number, string>();

/** "+08:00", "-05:30"; 0 as the zone writes it. */
function offsetText(minutes: number, zone: Zone): string {
	if (minutes === 0) return zone.zeroText;
	let text = offsetTexts.get(minutes);
	if (text === undefined) {
		const abs = Math.abs(minutes);
		text = `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
		offsetTexts.set(minutes, text);
	}
	return text;
}

/**
 * The offset a wall-clock time (`asUtc`: its digits read as if UTC) has in `zone`. Where the
 * clock is turned back and the time happens twice, the first (the offset before the change);
 * where it is turned forward and the time never happens, the offset before the change too, so
 * "02:30" on the morning New York skips from 02:00 to 03:00 is 02:30-05:00, the moment 03:30-04:00.
 */
function wallClockOffset(zone: Zone, asUtc: number): number {
	if (zone.fixed !== undefined) return zone.fixed;
	const early = offsetAt(zone, asUtc - MS_PER_DAY);
	const late = offsetAt(zone, asUtc + MS_PER_DAY);
	if (early === late || offsetAt(zone, asUtc - early * 60_000) === early) return early;
	return offsetAt(zone, asUtc - late * 60_000) === late ? late : early;
}

/**
 * A unix time (seconds or milliseconds, number or numeric text) as ISO 8601 in `zone`, an IANA
 * time zone (its offset at that moment: "2023-11-15T06:13:20+08:00" in Asia/Shanghai) or a
 * fixed offset ("+08:00", "Z"). Whole seconds unless the value has milliseconds. Undefined for
 * 0, empty and non-numeric values (vendors send 0 for "never"), and for an unknown zone.
 */
export function unixToZonedIso(value: unknown, zone: string): string | undefined {
	const ms = unixMs(value);
	const known = ms === undefined ? undefined : zoneOf(zone);
	return known === undefined ? undefined : isoAt(ms as number, known);
}

/** unixToZonedIso with `zone` read once: the converter of decoding rules, called for every timestamp of a list. */
export function unixToZonedIsoIn(zone: string): (value: unknown) => string | undefined {
	const known = zoneOf(zone);
	if (known === undefined) return () => undefined;
	return (value) => {
		const ms = unixMs(value);
		return ms === undefined ? undefined : isoAt(ms, known);
	};
}

/**
 * `ms` as ISO text at the offset `zone` has then, from ready-made pieces: the day's
 * "YYYY-MM-DDT", "HH:MM:" and "SS+08:00". Vendors send seconds, and a list of 10,000 orders
 * carries 50,000 of them, where Date's formatter cost a fifth of the node's time (most of it
 * in garbage collection).
 */
function isoAt(ms: number, zone: Zone): string {
	const minutes = offsetAt(zone, ms);
	const offset = offsetText(minutes, zone);
	const local = ms + minutes * 60_000;
	const day = Math.floor(local / MS_PER_DAY);
	const msOfDay = local - day * MS_PER_DAY;
	const secondOfDay = Math.floor(msOfDay / 1000);
	const fraction = msOfDay - secondOfDay * 1000;
	const clock = dayPrefix(day) + HOURS_MINUTES[Math.floor(secondOfDay / 60)];
	if (fraction === 0) return clock + secondsWithOffset(offset)[secondOfDay % 60];
	return `${clock}${SECONDS[secondOfDay % 60]}.${String(fraction).padStart(3, '0')}${offset}`;
}

/** "00+08:00" … "59+08:00": the seconds of a minute with an offset, made once per offset text. */
const secondsPieces = new Map<string, readonly string[]>();

function secondsWithOffset(offset: string): readonly string[] {
	let pieces = secondsPieces.get(offset);
	if (pieces === undefined) {
		pieces = SECONDS.map((second) => second + offset);
		secondsPieces.set(offset, pieces);
	}
	return pieces;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;

/**
 * A vendor's wall-clock time ("2022-02-10 11:45:47", no zone) as ISO 8601 with the offset it
 * has in `zone` (an IANA zone, or a fixed offset): "2022-02-10T11:45:47+08:00". The digits stay
 * as the vendor wrote them. Undefined when the text is not such a time, names no real date,
 * is PHP's "0000-00-00 00:00:00" (never), or the zone is unknown.
 */
export function wallClockToZonedIso(value: unknown, zone: string): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = WALL_CLOCK.exec(value.trim());
	const known = match ? zoneOf(zone) : undefined;
	if (!match || known === undefined) return undefined;
	const [, y, mo, d, h, mi, s = '00', fraction = ''] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (year === 0 || calendarProblem(year, month, day, hour, minute, second)) return undefined;
	const minutes = known.fixed ?? wallClockOffset(known, Date.UTC(year, month - 1, day, hour, minute, second));
	return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offsetText(minutes, known)}`;
}

const UNIX_TEXT = /^\s*\d+(?:\.\d+)?\s*$/;
const ZONED_TEXT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time a vendor sends either way: a unix time (number or digits) or wall-clock text in
 * `zone`; ISO text with an offset of its own is shown in `zone` too. Undefined for none of these.
 */
export function vendorTimeToZonedIso(value: unknown, zone: string): string | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && UNIX_TEXT.test(value))) return unixToZonedIso(value, zone);
	if (typeof value !== 'string') return undefined;
	const wallClock = wallClockToZonedIso(value, zone);
	if (wallClock !== undefined) return wallClock;
	const zoned = ZONED_TEXT.exec(value.trim());
	const known = zoned ? zoneOf(zone) : undefined;
	if (!zoned || known === undefined) return undefined;
	const [year, month, day, hour, minute, second = 0] = zoned.slice(1).map((part) => Number(part ?? 0));
	const ms = Date.parse(value.trim());
	if (calendarProblem(year, month, day, hour, minute, second) || !Number.isFinite(ms)) return undefined;
	return isoAt(ms, known);
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
	const asUtc = new Date(Date.UTC(2000, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)).setUTCFullYear(parts.year);
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
