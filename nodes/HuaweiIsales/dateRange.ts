/**
 * Checks of the begin/end date filter of bulk call results before anything is sent, with the
 * vendor's own rules (0200008, 0200009, 0200010, 0200011). Pure.
 */

export const MAX_RANGE_DAYS = 30;

export type DateRangeCheck = { ok: true; range?: { beginTime: string; endTime: string } } | { ok: false; message: string };

const DAY_MS = 86_400_000;

/** "2024-01-31" from "2024-01-31" or an ISO date-time from n8n's picker; undefined otherwise. */
export function toVendorDate(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
	if (!match) return undefined;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) return undefined;
	return `${match[1]}-${match[2]}-${match[3]}`;
}

export function checkDateRange(begin: unknown, end: unknown): DateRangeCheck {
	const hasBegin = typeof begin === 'string' && begin.trim() !== '';
	const hasEnd = typeof end === 'string' && end.trim() !== '';
	if (!hasBegin && !hasEnd) return { ok: true };
	if (hasBegin !== hasEnd) return { ok: false, message: 'Set both Begin Date and End Date, or neither' };
	const beginTime = toVendorDate(begin);
	const endTime = toVendorDate(end);
	if (!beginTime) return { ok: false, message: `Begin Date "${String(begin)}" is not a date like 2024-01-31` };
	if (!endTime) return { ok: false, message: `End Date "${String(end)}" is not a date like 2024-01-31` };
	const days = (Date.parse(endTime) - Date.parse(beginTime)) / DAY_MS;
	if (days <= 0) return { ok: false, message: `Begin Date (${beginTime}) must be before End Date (${endTime})` };
	if (days > MAX_RANGE_DAYS) {
		return { ok: false, message: `The date range ${beginTime} to ${endTime} spans ${days} days; iSales allows at most ${MAX_RANGE_DAYS}` };
	}
	return { ok: true, range: { beginTime, endTime } };
}
