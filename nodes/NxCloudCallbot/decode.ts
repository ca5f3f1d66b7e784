/**
 * Readable labels and ISO dates for NXCloud order and call records. Pure.
 *
 * NXCloud's timestamps are unix seconds and its platform names no zone of its own (it serves
 * many countries), so their ISO twins are written in the workflow's time zone, with that zone's
 * offset at each moment: the same zone as the call record's times (callRecord.ts).
 */
import { decodeFields, decodeFieldsInPlace, rulesPerSetting, type DecodeRules } from '../shared/decodeFields';
import { unixToZonedIsoIn } from '../shared/dates';
import { AGENT_CALL_STATUS, CALL_STATUS, MANUAL_HANGUP_BY, RECORD_ROLE, RECORD_TYPE, TASK_STATUS } from './codes';

/** Fields that hold unix timestamps (seconds). */
export const NXCLOUD_TIME_FIELDS: readonly string[] = [
	'callStartTs',
	'callAnswerTs',
	'callEndTs',
	'manualCallStart',
	'manualCallAnswer',
	'manualCallEnd',
	'smsSendTs',
	'startTs',
	'endTs',
	'createTs',
	'recordStartTs',
	'recordEndTs',
];

const rulesForZone = rulesPerSetting((timeZone) => {
	const toIso = unixToZonedIsoIn(timeZone);
	return {
		labels: {
			callStatus: CALL_STATUS,
			agentCallStatus: AGENT_CALL_STATUS,
			recordRole: RECORD_ROLE,
			recordType: RECORD_TYPE,
			manualHangupBy: MANUAL_HANGUP_BY,
			taskStatus: TASK_STATUS,
		},
		dates: Object.fromEntries(NXCLOUD_TIME_FIELDS.map((field) => [field, toIso])),
	};
});

/** The decoding rules with ISO twins in `timeZone` (the workflow's: IExecuteFunctions.getTimezone()). */
export function nxCloudDecodeRules(timeZone: string): DecodeRules {
	return rulesForZone(timeZone);
}

export function decodeNxCloudRecord<T>(record: T, timeZone: string): T {
	return decodeFields(record, rulesForZone(timeZone));
}

/** Decodes records just parsed from an answer (one, or a whole list), in place (see decodeFieldsInPlace). */
export function decodeNxCloudAnswerInPlace<T>(records: T, timeZone: string): T {
	return decodeFieldsInPlace(records, rulesForZone(timeZone));
}
