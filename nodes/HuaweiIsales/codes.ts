/**
 * Huawei CC-iSales code tables (from the OpenAPI documentation). Pure.
 */
import type { CodeTable } from '../shared/codeTables';

export const SUCCESS_RETURN_CODE = '0200000';

export const RETURN_CODES: CodeTable = {
	'0200000': 'success',
	'0200001': 'parameter error',
	'0200006': 'database error',
	'0200007': 'call record or campaign not found',
	'0200008': 'begin time and end time must both be set',
	'0200009': 'bad time format',
	'0200010': 'begin time must be before end time',
	'0200011': 'time range is over 30 days',
	'0200022': 'called too fast',
	'02000001': 'empty value',
	'02000002': 'illegal characters',
	'02000003': 'value too long',
	'02000004': 'value too short',
	'02000005': 'length out of range',
	'02000006': 'wrong type',
	'02000007': 'wrong size',
	'02000008': 'conversion failed',
	'02000009': 'wrong combination of parameters',
	'02000010': 'hour and minute must both be set',
	'02000011': 'too many parameters',
};

export const RETURN_CODE_HINTS: CodeTable = {
	'0200001': 'See the vendor message for the parameter at fault.',
	'0200007': 'Check the VDN ID and the call ID / campaign ID.',
	'0200022': 'iSales limits request rates; the node retried. Slow the workflow down or retry later.',
};

/** Codes worth another try after a pause. */
export const NOT_CARRIED_OUT_RETURN_CODES: ReadonlySet<string> = new Set(['0200022']);

export const CALL_STATUSES: CodeTable = {
	'5': 'failed',
	'6': 'succeeded',
};
