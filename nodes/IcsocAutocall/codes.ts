/**
 * icsoc Autocall code tables (from icsoc's developer documentation). Pure.
 */
import type { CodeTable } from '../shared/codeTables';

/** `callresult` of a CDR: how far the call got. */
export const CALL_RESULT: CodeTable = {
	'0': 'caller not connected',
	'1': 'only caller connected',
	'2': 'caller and called connected',
};

/** `endresult` of a CDR: who hung up. */
export const END_RESULT: CodeTable = {
	'11': 'caller hung up',
	'12': 'agent hung up',
};

/** `type` of a push icsoc sends to the customer's URL. */
export const PUSH_TYPE: CodeTable = {
	'1': 'cdr',
	'2': 'preCall',
};

/**
 * OAuth2 error codes a token endpoint answers with (RFC 6749 §5.2), and what the user
 * should check in the credential.
 */
export const TOKEN_ERRORS: CodeTable = {
	invalid_client: 'the Client ID or Client Secret is wrong',
	unauthorized_client: 'this client may not use the password grant: ask icsoc to enable it',
	invalid_grant: 'the Username or Password is wrong (Username is enterprise code|agent number, e.g. 1001|8001), or the agent is disabled',
	invalid_scope: 'the Scope is not allowed for this client (icsoc expects "openid")',
	invalid_request: 'the token request was incomplete: check that every credential field is filled in',
	unsupported_grant_type: 'the token endpoint does not accept the password grant: check the Token URL',
};
