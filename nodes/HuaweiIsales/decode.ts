/**
 * Readable twins for iSales call results: callStatus label, and the server's wall-clock
 * `yyyy-mm-dd hh:mm:ss` times as ISO 8601 with the server's UTC offset ("2024-05-01 08:50:07"
 * at +08:00 → "2024-05-01T08:50:07+08:00": the digits the server wrote, not converted). Pure.
 */
import { wallClockToZonedIso } from '../shared/dates';
import { decodeFields, rulesPerSetting, type DecodeRules } from '../shared/decodeFields';
import { CALL_STATUSES } from './codes';

export const CALL_RESULT_TIME_FIELDS = ['ackBeginTime', 'callBeginTime', 'callEndTime', 'beginTime', 'endTime'] as const;

/** True for "+08:00", "-05:30", "+0000". */
export function isUtcOffset(text: string): boolean {
	return /^[+-](?:[01]\d|2[0-3]):?[0-5]\d$/.test(text.trim());
}

/** Decoding rules for results with `timeFields`, read at `offset` (made once per offset). */
export function isalesRulesPerOffset(timeFields: readonly string[]): (offset: string) => DecodeRules {
	return rulesPerSetting((offset) => {
		const toIso = (value: unknown) => wallClockToZonedIso(value, offset);
		return {
			labels: { callStatus: CALL_STATUSES },
			dates: Object.fromEntries(timeFields.map((field) => [field, toIso])),
		};
	});
}

const rulesForOffset = isalesRulesPerOffset(CALL_RESULT_TIME_FIELDS);

export function decodeCallResult<T>(record: T, utcOffset: string): T {
	return decodeFields(record, rulesForOffset(utcOffset.trim()));
}
