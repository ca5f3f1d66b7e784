/**
 * Readable labels and ISO dates for icsoc CDRs, keeping the raw values. Pure.
 *
 * icsoc writes times as wall-clock text of its platform's zone (Asia/Shanghai unless the
 * account says otherwise) or as unix timestamps; both twins are written in that zone, with its
 * offset at that moment ("2024-05-01 08:00:00" → "2024-05-01T08:00:00+08:00"), as the call
 * record's times are (callRecord.ts).
 */
import { decodeFields, rulesPerSetting, type DecodeRules } from '../shared/decodeFields';
import { vendorTimeToZonedIso } from '../shared/dates';
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

/** An icsoc time (epoch seconds/ms, or wall-clock text in `timeZone`) as ISO 8601 at that zone's offset; undefined for "0000-…" and non-times. */
export function icsocTimeToIso(value: unknown, timeZone: string = ICSOC_TIME_ZONE): string | undefined {
	return vendorTimeToZonedIso(value, timeZone);
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
