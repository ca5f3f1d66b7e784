/**
 * Readable twins for iSales call results: callStatus label, and the server's wall-clock
 * `yyyy-mm-dd hh:mm:ss` times as ISO UTC given the server's UTC offset. Pure.
 */
import { localDateTimeToIso } from '../shared/dates';
import { decodeFields, rulesPerSetting } from '../shared/decodeFields';
import { CALL_STATUSES } from './codes';

export const CALL_RESULT_TIME_FIELDS = ['ackBeginTime', 'callBeginTime', 'callEndTime', 'beginTime', 'endTime'] as const;

/** True for "+08:00", "-05:30", "+0000". */
export function isUtcOffset(text: string): boolean {
	return /^[+-](?:[01]\d|2[0-3]):?[0-5]\d$/.test(text.trim());
}

const rulesForOffset = rulesPerSetting((offset) => {
	const toIso = (value: unknown) => localDateTimeToIso(value, offset);
	return {
		labels: { callStatus: CALL_STATUSES },
		dates: Object.fromEntries(CALL_RESULT_TIME_FIELDS.map((field) => [field, toIso])),
	};
});

export function decodeCallResult<T>(record: T, utcOffset: string): T {
	return decodeFields(record, rulesForOffset(utcOffset.trim()));
}
