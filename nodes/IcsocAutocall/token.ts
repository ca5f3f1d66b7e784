/**
 * The OAuth2 password-grant token request of icsoc, shaped and read without n8n runtime
 * imports so the credential and the tests share it. Pure.
 */
import { describeCode } from '../shared/codeTables';
import { TOKEN_ERRORS } from './codes';

export interface TokenRequestCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
	scope: string;
}

/** The form body of the token request (application/x-www-form-urlencoded). */
export function tokenRequestForm(credentials: TokenRequestCredentials): string {
	return new URLSearchParams({
		client_id: credentials.clientId,
		client_secret: credentials.clientSecret,
		grant_type: 'password',
		username: credentials.username,
		password: credentials.password,
		scope: credentials.scope,
	}).toString();
}

/** Every token failure message starts so (n8n re-wraps errors and keeps only the message). */
export const TOKEN_ERROR_PREFIX = 'Could not get an icsoc access token: ';

/**
 * A refused or failed token request. Carries only what icsoc answered (its error code and
 * description), never the request, whose form holds the client secret and the password.
 */
export class IcsocTokenError extends Error {
	readonly icsocTokenFailure = true;

	constructor(
		reason: string,
		readonly httpStatus?: number,
		readonly oauthError?: string,
	) {
		super(`${TOKEN_ERROR_PREFIX}${reason}`);
		this.name = 'IcsocTokenError';
	}
}

function parseJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** The access token from the token endpoint's answer, or an IcsocTokenError saying why not. */
export function readTokenResponse(status: number, body: unknown): string {
	const answer = parseJson(body);
	const fields = answer !== null && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
	if (status >= 200 && status < 300 && typeof fields.access_token === 'string' && fields.access_token !== '') {
		return fields.access_token;
	}
	const oauthError = typeof fields.error === 'string' ? fields.error : undefined;
	const description =
		typeof fields.error_description === 'string'
			? fields.error_description
			: typeof fields.message === 'string'
				? fields.message
				: undefined;
	if (oauthError || status >= 400) {
		const meaning = oauthError ? describeCode(TOKEN_ERRORS, oauthError) : undefined;
		const parts = [
			`icsoc refused the token request (HTTP ${status}${oauthError ? `, ${oauthError}` : ''})`,
			meaning,
			description ? `icsoc says: ${description}` : undefined,
			status === 404 ? 'check the Token URL in the credential' : undefined,
			status === 429 || /limit|frequen|too many/i.test(description ?? '')
				? 'icsoc allows 128 token requests per agent per 24 hours; wait before retrying'
				: undefined,
		];
		throw new IcsocTokenError(parts.filter(Boolean).join('; '), status, oauthError);
	}
	throw new IcsocTokenError(
		`the token endpoint answered HTTP ${status} without an access_token; check the Token URL in the credential`,
		status,
	);
}

/** The message of a failed icsoc token request in `error` (or its causes), if it is one. */
export function findTokenFailure(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const message = (current as { message?: unknown }).message;
		if (typeof message === 'string' && message.startsWith(TOKEN_ERROR_PREFIX)) return message;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
