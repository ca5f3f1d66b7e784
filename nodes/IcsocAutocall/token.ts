/**
 * The OAuth2 password-grant token request of icsoc, shaped and read without n8n runtime
 * imports so the credential and the tests share it. Pure, except for the map of token
 * fetches in flight (see shareTokenFetch).
 */
import { createHmac, randomBytes } from 'crypto';

import { describeCode } from '../shared/codeTables';
import { TOKEN_ERRORS } from './codes';

/**
 * The token request's time limit: 15 seconds, both without a byte from the Token URL and
 * in all. A token endpoint answers in well under a second; waiting longer only holds the
 * executions that share the fetch.
 */
export const TOKEN_TIMEOUT_MS = 15_000;

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

/** Where to fix a wrong Token URL, as every message about one says it. */
const FIX_TOKEN_URL = 'check "Token URL" in the icsoc Autocall API credential';

/**
 * A URL as messages may show it: without user name, password, query or fragment, any of
 * which may hold a secret. Text that is no URL is shown as "(not a URL)".
 */
export function displayUrl(url: string, base?: string): string {
	try {
		const parsed = new URL(url, base);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return '(not a URL)';
	}
}

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

/**
 * The access token from the token endpoint's answer, or an IcsocTokenError saying why not
 * (naming `tokenUrl` when given). A redirect (3xx) is a failure: the token request carries
 * the client secret and the password and is never sent on to another address.
 */
export function readTokenResponse(
	status: number,
	body: unknown,
	tokenUrl?: string,
	headers: Record<string, unknown> = {},
): string {
	const shownUrl = tokenUrl === undefined ? 'the Token URL' : `the Token URL ${displayUrl(tokenUrl)}`;
	if (status >= 300 && status < 400) {
		const location = Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1];
		const target = typeof location === 'string' && location !== '' ? ` to ${displayUrl(location, tokenUrl)}` : '';
		throw new IcsocTokenError(
			`${shownUrl} redirected (HTTP ${status})${target}; the token request is not sent on, as it carries the client secret and the password: ${FIX_TOKEN_URL} (set it to the address that answers itself)`,
			status,
		);
	}
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
			status === 404 ? FIX_TOKEN_URL : undefined,
			status === 429 || /limit|frequen|too many/i.test(description ?? '')
				? 'icsoc allows 128 token requests per agent per 24 hours; wait before retrying'
				: undefined,
			tokenUrl === undefined ? undefined : `Token URL ${displayUrl(tokenUrl)}`,
		];
		throw new IcsocTokenError(parts.filter(Boolean).join('; '), status, oauthError);
	}
	throw new IcsocTokenError(`${shownUrl} answered HTTP ${status} without an access_token; ${FIX_TOKEN_URL}`, status);
}

/**
 * What went wrong on the way to the token endpoint, from the failed request's error code,
 * in words: n8n replaces a message holding a code name such as ECONNREFUSED with its own
 * generic text, which would lose the Token URL.
 */
function connectionProblem(code: unknown): string {
	const name = typeof code === 'string' ? code.toUpperCase() : '';
	if (name === 'ECONNREFUSED') return 'refused the connection';
	if (name === 'ENOTFOUND' || name === 'EAI_AGAIN') return 'has a host name that could not be resolved';
	if (['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ABORT_ERR', 'ERR_SOCKET_CONNECTION_TIMEOUT'].includes(name)) {
		return `did not answer within ${TOKEN_TIMEOUT_MS / 1000} s`;
	}
	if (name === 'ECONNRESET' || name === 'EPIPE') return 'closed the connection';
	if (name === 'EHOSTUNREACH' || name === 'ENETUNREACH') return 'is unreachable from this n8n';
	if (name === 'ERR_INVALID_URL') return 'is not a valid URL';
	if (/CERT|SSL|TLS/.test(name)) return 'presented a TLS certificate this n8n does not trust';
	return 'could not be reached';
}

/**
 * The failure of a token request that got no answer, naming the Token URL and the field to
 * fix. Only the error's code is read: the error itself holds the request form (client
 * secret, password).
 */
export function tokenUnreachableError(tokenUrl: string, error: unknown): IcsocTokenError {
	const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
	return new IcsocTokenError(
		`the Token URL ${displayUrl(tokenUrl)} ${connectionProblem(code)}; ${FIX_TOKEN_URL} and that this n8n can reach that address`,
	);
}

/** What identifies a token: its endpoint and account. The secrets enter only as a keyed hash. */
export interface TokenFetchIdentity extends TokenRequestCredentials {
	tokenUrl: string;
}

/** Makes the keys' hashes of the secrets useless outside this process. */
const keySalt = randomBytes(32);

/**
 * The key of a token fetch: Token URL, client ID, username and scope in clear, the client
 * secret and password only as an HMAC under a random per-process key.
 */
export function tokenFetchKey(identity: TokenFetchIdentity): string {
	const secrets = createHmac('sha256', keySalt)
		.update(JSON.stringify([identity.clientSecret, identity.password]))
		.digest('hex');
	return JSON.stringify([identity.tokenUrl, identity.clientId, identity.username, identity.scope, secrets]);
}

/**
 * Token fetches in flight in this n8n process, by tokenFetchKey. Concurrent executions that
 * find no stored token share one fetch (icsoc allows 128 token requests per agent per 24
 * hours). An entry lives only while its fetch runs: a failure is not kept, so the next
 * execution asks again. Losing the map (another process, a restart) costs one extra token
 * request, nothing else, so it is safe in queue mode.
 */
const fetchesInFlight = new Map<string, Promise<string>>();

/** The fetch in flight under `key`, or a new one started with `fetch` and shared until it settles. */
export async function shareTokenFetch(key: string, fetch: () => Promise<string>): Promise<string> {
	let shared = fetchesInFlight.get(key);
	if (shared === undefined) {
		shared = fetch().finally(() => fetchesInFlight.delete(key));
		fetchesInFlight.set(key, shared);
	}
	return await shared;
}

/** How many token fetches are in flight (for tests). */
export function tokenFetchesInFlight(): number {
	return fetchesInFlight.size;
}

/**
 * The message of a failed icsoc token request in `error` (or its causes), if it is one.
 * n8n's NodeApiError may replace the message with a generic one and keeps the original in
 * `messages`, which is searched too.
 */
export function findTokenFailure(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const { message, messages } = current as { message?: unknown; messages?: unknown };
		for (const text of [message, ...(Array.isArray(messages) ? messages : [])]) {
			if (typeof text === 'string' && text.startsWith(TOKEN_ERROR_PREFIX)) return text;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
