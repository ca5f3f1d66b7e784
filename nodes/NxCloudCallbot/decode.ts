/**
 * Readable labels and ISO dates for NXCloud order and call records. Pure.
 */
import { decodeFields, decodeFieldsInPlace, type DecodeRules } from '../shared/decodeFields';
import { unixToIso } from '../shared/dates';
import { AGENT_CALL_STATUS, CALL_STATUS, MANUAL_HANGUP_BY, RECORD_ROLE, RECORD_TYPE, TASK_STATUS } from './codes';

export const NXCLOUD_DECODE_RULES: DecodeRules = {
	labels: {
		callStatus: CALL_STATUS,
		agentCallStatus: AGENT_CALL_STATUS,
		recordRole: RECORD_ROLE,
		recordType: RECORD_TYPE,
		manualHangupBy: MANUAL_HANGUP_BY,
		taskStatus: TASK_STATUS,
	},
	dates: Object.fromEntries(
		[
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
		].map((field) => [field, unixToIso]),
	),
};

export function decodeNxCloudRecord<T>(record: T): T {
	return decodeFields(record, NXCLOUD_DECODE_RULES);
}

/** Decodes records just parsed from an answer (one, or a whole list), in place (see decodeFieldsInPlace). */
export function decodeNxCloudAnswerInPlace<T>(records: T): T {
	return decodeFieldsInPlace(records, NXCLOUD_DECODE_RULES);
}
