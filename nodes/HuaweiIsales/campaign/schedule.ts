/**
 * Checks of a campaign's settings as Huawei's reference for adding and modifying an outbound
 * campaign states them, before anything is sent. Pure: each returns a value or a problem whose
 * subject is the parameter ("must be ...").
 */
import { readId, type Checked } from '../../shared/validation';

/** iSales holds at most three calling periods per day type (workdayBeginTime1..3). */
export const MAX_PERIODS_PER_DAY = 3;

export type DayType = 'workday' | 'holiday';

const PERIOD = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * "08:00-11:30, 13:00-17:30" as iSales' scheduleParam keys of `dayType` (workdayBeginTime1,
 * workdayEndTime1, ...); the periods not given are sent empty, as in Huawei's own examples.
 */
export function readCallingHours(value: unknown, dayType: DayType): Checked<Record<string, string>> {
	if (value !== undefined && value !== null && typeof value !== 'string') return { problem: 'must be text like 08:00-12:00, 13:30-17:30' };
	const text = typeof value === 'string' ? value.trim() : '';
	const periods = text === '' ? [] : text.split(/\s*[,;]\s*/);
	if (periods.length > MAX_PERIODS_PER_DAY) return { problem: `may list at most ${MAX_PERIODS_PER_DAY} periods, got ${periods.length}` };
	const slots: Record<string, string> = {};
	let previousEnd = -1;
	for (let n = 1; n <= MAX_PERIODS_PER_DAY; n++) {
		const period = periods[n - 1];
		if (period === undefined) {
			slots[`${dayType}BeginTime${n}`] = '';
			slots[`${dayType}EndTime${n}`] = '';
			continue;
		}
		const match = PERIOD.exec(period);
		if (!match) return { problem: `must list periods like 08:00-12:00 (24-hour clock), got "${period}"` };
		const begin = Number(match[1]) * 60 + Number(match[2]);
		const end = Number(match[3]) * 60 + Number(match[4]);
		if (begin >= end) return { problem: `has a period that ends before it begins: "${period}"` };
		if (begin < previousEnd) return { problem: `must list periods in order without overlap: "${period}"` };
		previousEnd = end;
		slots[`${dayType}BeginTime${n}`] = `${match[1]}:${match[2]}`;
		slots[`${dayType}EndTime${n}`] = `${match[3]}:${match[4]}`;
	}
	return { value: slots };
}

/** A number shown to the called party: at most 24 of 0-9, * and #. */
export function readCallerNumber(value: unknown): Checked<string> {
	const text = readId(value);
	if ('problem' in text) return text;
	if (!/^[0-9*#]{1,24}$/.test(text.value)) return { problem: `must be at most 24 of 0-9, * and #, got "${text.value}"` };
	return text;
}

/** A number to call: digits, * and # (what iSales takes), at most 24 characters. */
export function readCalledNumber(value: unknown): Checked<string> {
	const text = readId(value);
	if ('problem' in text) return text;
	// iSales takes 0-9, * and # only; a number is refused rather than rewritten, so what is called is what was given.
	if (!/^[\d*#]+$/.test(text.value)) return { problem: `must hold only digits, * and # (iSales refuses anything else, "+" included), got "${text.value}"` };
	if (text.value.length > 24) return { problem: `is longer than 24 characters: "${text.value}"` };
	return text;
}

/** Text of at most `max` characters; `forbidden` lists characters iSales refuses in it. */
export function readText(value: unknown, max: number, forbidden?: RegExp): Checked<string> {
	if (typeof value !== 'string' && typeof value !== 'number') return { problem: 'must be text' };
	const text = String(value).trim();
	if (text.length > max) return { problem: `is longer than ${max} characters` };
	const bad = forbidden ? forbidden.exec(text) : null;
	if (bad) return { problem: `may not contain "${bad[0]}"` };
	return { value: text };
}

/** A JSON object given as text or as an object (an expression's result). */
export function readJsonObject(value: unknown): Checked<Record<string, unknown>> {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { problem: 'is empty' };
		try {
			parsed = JSON.parse(value);
		} catch {
			return { problem: 'is not valid JSON' };
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'must be a JSON object' };
	if (Object.keys(parsed).length === 0) return { problem: 'is an empty object' };
	return { value: parsed as Record<string, unknown> };
}
