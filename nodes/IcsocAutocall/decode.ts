/**
 * Readable labels and ISO dates for icsoc CDRs, keeping the raw values. Pure.
 */
import { decodeFields, rulesPerSetting, type DecodeRules } from '../shared/decodeFields';
import { parseUserDateTime, unixToIso } from '../shared/dates';
import { CALL_RESULT, END_RESULT } from './codes';

/** The zone icsoc (a China-based platform) writes wall-clock times in. */
export const ICSOC_TIME_ZONE = 'Asia/Shanghai';

/**
 * Field names that hold times in CDRs and pushes. icsoc sends some as unix timestamps and
 * some as "Y-m-d H:i:s" wall-clock text, so the converter accepts both.
 */
export const ICSOC_TIME_FIELDS: readonly string[] = [
	'start_time',
	'end_time',
	'answer_time',
	'ring_time',
	'create_time',
	'update_time',
	'call_time',
	'hangup_time',
	'startTime',
	'endTime',
	'answerTime',
	'ringTime',
	'createTime',
	'timestamp',
];

/** An icsoc time (epoch seconds/ms, or wall-clock text in `timeZone`) as ISO 8601 UTC. */
export function icsocTimeToIso(value: unknown, timeZone: string = ICSOC_TIME_ZONE): string | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
		return unixToIso(value);
	}
	// "0000-00-00 00:00:00" is how PHP writes "never".
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim()) || /^0000-/.test(value.trim())) {
		return undefined;
	}
	return parseUserDateTime(value, timeZone)?.toISOString();
}

const rulesForZone = rulesPerSetting((timeZone) => {
	const toIso = (value: unknown) => icsocTimeToIso(value, timeZone);
	return {
		labels: { callresult: CALL_RESULT, callResult: CALL_RESULT, endresult: END_RESULT, endResult: END_RESULT },
		dates: Object.fromEntries(ICSOC_TIME_FIELDS.map((field) => [field, toIso])),
	};
});

export function icsocDecodeRules(timeZone: string = ICSOC_TIME_ZONE): DecodeRules {
	return rulesForZone(timeZone);
}

/** `record` with `<field>Label` and `<field>Iso` twins added at every depth. */
export function decodeIcsocRecord<T>(record: T, timeZone: string = ICSOC_TIME_ZONE): T {
	return decodeFields(record, icsocDecodeRules(timeZone));
}
