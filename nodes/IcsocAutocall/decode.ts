/**
 * Readable labels and ISO dates for icsoc CDRs, keeping the raw values. Pure.
 */
import { decodeFields, rulesPerSetting, type DecodeRules } from '../shared/decodeFields';
import { parseUserDateTime, unixToIso } from '../shared/dates';
import { CALL_RESULT, END_RESULT } from './codes';

/** The zone icsoc (a China-based platform) writes wall-clock times in. */
export const ICSOC_TIME_ZONE = 'Asia/Shanghai';

/**
 * Every time field of icsoc's CDR page (seed 002_99ea987b9a177bc0). Search results (1.3):
 * the agent leg (`*TimeEe`) and the user leg; the example (1.4.2) names the user's answer
 * time `ansTime` where the table says `answerTime`, so both. CDR push `data` (2.2): the same
 * in snake case plus `call_time` and `link_time`; the push itself has `timestamp`
 * ("Y-m-d H:i:s"). `*_secs`/`*Secs` are durations, not times.
 */
export const ICSOC_SEED_TIME_FIELDS: readonly string[] = [
	// CDR search results
	'startTimeEe',
	'ringTimeEe',
	'answerTimeEe',
	'endTimeEe',
	'startTime',
	'ringTime',
	'answerTime',
	'ansTime',
	'endTime',
	// CDR push data
	'call_time',
	'start_time_ee',
	'ring_time_ee',
	'answer_time_ee',
	'end_time_ee',
	'start_time',
	'ring_time',
	'ans_time',
	'link_time',
	'end_time',
	// CDR push
	'timestamp',
];

/**
 * Field names that hold times in CDRs and pushes: the seed's, and time fields this package
 * decoded before that the seed does not list (kept so no twin disappears). icsoc sends some
 * as unix timestamps and some as "Y-m-d H:i:s" wall-clock text, so the converter accepts both.
 */
export const ICSOC_TIME_FIELDS: readonly string[] = [
	...ICSOC_SEED_TIME_FIELDS,
	'answer_time',
	'create_time',
	'update_time',
	'hangup_time',
	'createTime',
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
