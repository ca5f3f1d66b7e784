/**
 * NXCloud Callbot code tables (from the vendor's v3 API documentation). Pure.
 */
import type { CodeTable } from '../shared/codeTables';

export const RET_CODES: CodeTable = {
	'0': 'success',
	'1': 'general error',
	'2': 'missing parameters',
	'3': 'parameter format error',
	'4': 'invalid parameter value',
	'4001': 'too many array elements',
	'5': 'server maintenance',
	'5001': 'internal server error',
	'6': 'incorrect signature',
	'6001': 'missing signature',
	'6002': 'account does not exist',
	'6003': 'no permission',
	'7': 'system busy',
	'1001': 'batch import in progress',
};

/** What the user can do about a retCode. */
export const RET_CODE_HINTS: CodeTable = {
	'2': 'Check the node parameters: a required value is empty.',
	'3': 'Check the format of the node parameters (IDs are text, lists are lists).',
	'4': 'Check the node parameter values, e.g. that the User Task ID exists in this account.',
	'4001': 'Too many IDs in one request: the node sends at most 500, so this is a vendor limit change.',
	'6': 'The signature did not match: check UUID, Secret Key and Signature Algorithm in the credential, and that the n8n server clock is correct.',
	'6001': 'The request was not signed: check the credential.',
	'6002': 'The UUID in the credential does not belong to an NXCloud account: check it in the NXCloud console.',
	'6003': 'This account may not use the API or this task: ask NXCloud to grant API access.',
	'5': 'NXCloud is under maintenance: try again later.',
	'7': 'NXCloud is busy: try again later.',
};

/** retCodes by which NXCloud says it did not carry the request out: sending it again is safe. */
export const NOT_CARRIED_OUT_RET_CODES: ReadonlySet<string> = new Set(['5', '7', '1001']);

export const CALL_STATUS: CodeTable = {
	'1': 'preparation',
	'2': 'dispatching',
	'3': 'dialing',
	'4': 'ringing',
	'5': 'in call',
	'6': 'completed',
	'8': 'invalid number',
	'9': 'temporarily unreachable',
	'10': 'user busy',
	'11': 'busy and rejected',
	'12': 'user rejected',
	'13': 'user rejected',
	'15': 'TTS synthesis failed',
	'16': 'unknown reason',
	'17': 'blacklisted number',
	'18': 'user terminated',
	'21': 'invalid number (number check)',
	'22': 'ring missed',
	'23': 'no response',
	'24': 'voice mail',
	'25': 'ring too long',
};

export const AGENT_CALL_STATUS: CodeTable = {
	'1': 'dialing',
	'2': 'ringing',
	'3': 'connected',
	'4': 'completed',
	'10': 'agent busy',
	'12': 'user rejected',
};

export const RECORD_ROLE: CodeTable = { '0': 'robot', '1': 'user', '2': 'agent' };

export const RECORD_TYPE: CodeTable = {
	'5': 'user timeout',
	'6': 'user interruption',
	'7': 'user normal response',
	'8': 'server response',
	'18': 'customer service reply',
};

export const MANUAL_HANGUP_BY: CodeTable = { '0': 'none', '1': 'agent', '2': 'user' };

export const TASK_STATUS: CodeTable = {
	'1': 'pending',
	'2': 'in progress',
	'3': 'completed',
	'4': 'completed (failed)',
	'5': 'paused',
};

/** mgrTaskStatus `taskOperate` values. */
export const TASK_OPERATIONS = { start: 1, pause: 2, complete: 3 } as const;
