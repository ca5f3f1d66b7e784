/**
 * Huawei CC-iSales code tables (from the OpenAPI documentation). Pure.
 */
import type { CodeTable } from '../shared/codeTables';

export const SUCCESS_RETURN_CODE = '0200000';

export const RETURN_CODES: CodeTable = {
	'0200000': 'success',
	'0200001': 'parameter error',
	'0200002': 'campaign begin time is before today 00:00',
	'0200003': 'limit of skill queue campaigns reached',
	'0200004': 'limit of IVR campaigns reached',
	'0200005': 'campaign name already used',
	'0200006': 'database error',
	'0200007': 'call record or campaign not found',
	'0200008': 'begin time and end time must both be set',
	'0200009': 'bad time format',
	'0200010': 'begin time must be before end time',
	'0200011': 'time range is over 30 days',
	'0200016': 'campaign has ended',
	'0200017': 'skill queue ID does not exist',
	'0200018': 'duplicate numbers',
	'0200019': 'the campaign status does not allow adding numbers',
	'0200020': 'campaign would hold over 200,000 uncompleted numbers',
	'0200022': 'called too fast',
	'0200024': 'numbers on the blocklist',
	'0200029': 'more numbers than one request may add',
	'0200030': 'bad time format',
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
	'0200003': 'iSales allows 20 skill queue campaigns per tenant: delete one before creating another.',
	'0200004': 'iSales allows 20 IVR campaigns per tenant: delete one before creating another.',
	'0200005': 'Give the campaign a name no other campaign of the VDN has.',
	'0200007': 'Check the VDN ID and the call ID / campaign ID.',
	'0200016': 'An ended campaign cannot be changed; create a new one.',
	'0200017': 'Check skillId in the Skill Queue Settings.',
	'0200019': 'Numbers cannot be added to a completed campaign (some iSales versions also refuse a running one: pause it first).',
	'0200024': 'The whole request was refused: remove the blocklisted numbers (see the vendor message) and add the others again.',
	'0200029': "Lower the Batch Size to your tenant's isales.api.calldata.max (20 unless changed).",
	'0200022': 'iSales limits request rates; the node retried. Slow the workflow down or retry later.',
};

/** Codes worth another try after a pause. */
export const NOT_CARRIED_OUT_RETURN_CODES: ReadonlySet<string> = new Set(['0200022']);

export const CALL_STATUSES: CodeTable = {
	'5': 'failed',
	'6': 'succeeded',
};
