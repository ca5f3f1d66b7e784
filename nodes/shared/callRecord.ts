/**
 * One vendor-neutral record of a call (`call` on every item that describes a call), the same
 * shape for NXCloud, icsoc and Huawei iSales, so one workflow serves them all. Types and small
 * builders only; each vendor's mapping is in its own callRecord.ts. Pure: no n8n imports.
 */
import { unixMs, unixToZonedIso, wallClockToZonedIso } from './dates';

export type CallVendor = 'nxcloud' | 'icsoc' | 'huawei';

export type CallOutcome = 'answered' | 'noAnswer' | 'busy' | 'rejected' | 'invalidNumber' | 'failed' | 'inProgress' | 'other';

export const CALL_OUTCOMES: readonly CallOutcome[] = [
	'answered',
	'noAnswer',
	'busy',
	'rejected',
	'invalidNumber',
	'failed',
	'inProgress',
	'other',
];

/** The vendor's own status code, as sent, and its meaning (null when the vendor's tables do not know it). */
export interface CallVendorStatus {
	code: string | number | null;
	label: string | null;
}

export interface CallRecord {
	vendor: CallVendor;
	callId: string | null;
	/** The user's own ID of the call or contact (NXCloud orderID, icsoc ext_id, iSales customField). */
	externalId: string | null;
	phone: string | null;
	outcome: CallOutcome;
	vendorStatus: CallVendorStatus;
	/** ISO 8601 with an offset, or null. */
	startedAt: string | null;
	answeredAt: string | null;
	endedAt: string | null;
	durationSec: number | null;
	talkSec: number | null;
	recordingUrl: string | null;
	/** The same for every reading of the same call (polling or push). */
	dedupeKey: string | null;
}

/** One row of a vendor's status table: what the code means, and the outcome it stands for. */
export interface CallStatusEntry {
	outcome: CallOutcome;
	label: string;
}

export type CallStatusTable = Readonly<Record<string, CallStatusEntry>>;

/**
 * The outcome and vendor status of `code` in `table`. An unknown code is outcome `other` with
 * the raw code kept and no label; a missing code gives `fallback` (e.g. `inProgress`).
 */
export function callStatusOf(
	table: CallStatusTable,
	code: unknown,
	fallback: CallOutcome = 'other',
): { outcome: CallOutcome; vendorStatus: CallVendorStatus } {
	if (code === null || code === undefined || code === '' || typeof code === 'object' || typeof code === 'boolean') {
		return { outcome: fallback, vendorStatus: { code: null, label: null } };
	}
	const raw = typeof code === 'number' ? code : String(code);
	const key = typeof code === 'number' ? String(code) : String(code).trim();
	const entry = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
	if (!entry) return { outcome: 'other', vendorStatus: { code: raw, label: null } };
	return { outcome: entry.outcome, vendorStatus: { code: raw, label: entry.label } };
}

/** A scalar as text (trimmed), or null for empty, missing, lists and objects. */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' ? null : text;
	}
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	return null;
}

/** A whole or fractional number of seconds (number or numeric text), at least 0; null otherwise. */
export function secondsOrNull(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * A unix time (seconds or milliseconds, number or numeric text) as ISO 8601 in `zone`, an IANA
 * time zone or a fixed offset: `Z` gives "2023-11-14T22:13:20Z", "+08:00" and "Asia/Shanghai"
 * give "2023-11-15T06:13:20+08:00". Null for 0, empty and non-numeric values (see unixToZonedIso).
 */
export function unixToOffsetIso(value: unknown, zone: string): string | null {
	return unixToZonedIso(value, zone) ?? null;
}

/**
 * A vendor's wall-clock time ("2022-02-10 11:45:47", no zone) with the offset it has in `zone`:
 * "2022-02-10T11:45:47+08:00". Null when the text is not such a time, names no real moment,
 * or is PHP's "0000-00-00 00:00:00" (never) (see wallClockToZonedIso).
 */
export function wallClockToOffsetIso(value: unknown, zone: string): string | null {
	return wallClockToZonedIso(value, zone) ?? null;
}

/** Whole seconds from one unix time to another (both > 0, end not before start), else null. */
export function secondsBetweenUnix(start: unknown, end: unknown): number | null {
	const from = unixMs(start);
	const to = unixMs(end);
	if (from === undefined || to === undefined || to < from) return null;
	return Math.round((to - from) / 1000);
}

/** Whole seconds between two ISO 8601 texts with offsets, else null. */
export function secondsBetweenIso(start: string | null, end: string | null): number | null {
	if (start === null || end === null) return null;
	const from = Date.parse(start);
	const to = Date.parse(end);
	if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return null;
	return Math.round((to - from) / 1000);
}
