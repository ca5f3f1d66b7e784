/**
 * icsoc Autocall → the vendor-neutral call record (`call`, nodes/shared/callRecord.ts). Pure.
 *
 * Field mapping (a Search CDR result in camelCase, or the `data` of a CDR push, type 1, in
 * snake case): callId ← callId / call_id; externalId ← userData.extId / user_data.ext_id;
 * phone ← called / called (the customer: icsoc calls the customer first, then an agent);
 * outcome and vendorStatus ← callresult (endresult, who hung up, stays a vendor field);
 * startedAt ← startTime / start_time; answeredAt ← ansTime (answerTime) / ans_time; endedAt ←
 * endTime / end_time; unix seconds (or "Y-m-d H:i:s" wall-clock text) written at the offset of
 * the Platform Time Zone (Asia/Shanghai, +08:00, unless the node says otherwise), as the ISO
 * twins are (decode.ts); durationSec ← allSecs / all_secs; talkSec ← ansSecs / ans_secs (seconds the
 * customer was connected); recordingUrl ← record_file (pushes only); dedupeKey ←
 * `icsoc:call:<callId>`.
 */
import { isRecord } from '../shared/push';
import { callStatusOf, secondsOrNull, textOrNull, type CallRecord, type CallStatusTable } from '../shared/callRecord';
import { ICSOC_TIME_ZONE, icsocTimeToIso } from './decode';

/** Every documented callresult: its meaning and outcome. */
export const ICSOC_CALL_OUTCOMES: CallStatusTable = {
	'0': { label: 'caller not connected', outcome: 'noAnswer' },
	'1': { label: 'only caller connected', outcome: 'answered' },
	'2': { label: 'caller and called connected', outcome: 'answered' },
};

type Json = Record<string, unknown>;

export function icsocCallDedupeKey(callId: string): string {
	return `icsoc:call:${callId}`;
}

/** An icsoc time (unix seconds or ms, as a number or digits, or wall-clock text) in `timeZone`; null for 0 and "0000-…". */
export function icsocTimeToOffsetIso(value: unknown, timeZone: string = ICSOC_TIME_ZONE): string | null {
	return icsocTimeToIso(value, timeZone) ?? null;
}

function first(record: Json, ...fields: string[]): unknown {
	for (const field of fields) {
		const value = record[field];
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

function userData(record: Json): Json | undefined {
	let value = record.userData ?? record.user_data;
	if (typeof value === 'string') {
		// The push page types user_data as text; its example sends an object.
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	return isRecord(value) ? value : undefined;
}

/** The call record of one CDR (search result or push data), its times in `timeZone` (the Platform Time Zone). */
export function icsocCallRecord(cdr: Json, timeZone: string = ICSOC_TIME_ZONE): CallRecord {
	const callId = textOrNull(first(cdr, 'callId', 'call_id'));
	const { outcome, vendorStatus } = callStatusOf(ICSOC_CALL_OUTCOMES, first(cdr, 'callresult', 'callResult'));
	const user = userData(cdr);
	return {
		vendor: 'icsoc',
		callId,
		externalId: user ? textOrNull(first(user, 'extId', 'ext_id')) : null,
		phone: textOrNull(cdr.called),
		outcome,
		vendorStatus,
		startedAt: icsocTimeToOffsetIso(first(cdr, 'startTime', 'start_time'), timeZone),
		answeredAt: outcome === 'answered' ? icsocTimeToOffsetIso(first(cdr, 'ansTime', 'answerTime', 'ans_time', 'answer_time'), timeZone) : null,
		endedAt: icsocTimeToOffsetIso(first(cdr, 'endTime', 'end_time'), timeZone),
		durationSec: secondsOrNull(first(cdr, 'allSecs', 'all_secs')),
		talkSec: secondsOrNull(first(cdr, 'ansSecs', 'ans_secs')),
		recordingUrl: textOrNull(first(cdr, 'record_file', 'recordFile')),
		dedupeKey: callId === null ? null : icsocCallDedupeKey(callId),
	};
}
