/**
 * The OAuth2 password-grant token request of icsoc, shaped and read without n8n runtime
 * imports so the credential and the tests share it; the fingerprint that ties a stored token
 * to the values it was issued for; and the credential test's API check. Pure, except for the
 * map of token fetches in flight (see shareTokenFetch) and the requests sent through the
 * request helpers passed in.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

import { describeCode } from '../shared/codeTables';
import {
	type CheckHttpHelpers,
	CredentialCheckFailure,
	headerValue,
	parsedBody,
	sendCheckRequest,
	shownUrl,
	unreachableReason,
} from '../shared/credentialTest';
import { normalizeBaseUrl } from '../shared/requestBody';
import { TOKEN_ERRORS } from './codes';

/**
 * The token request's time limit: 15 seconds, both without a byte from the Token URL and
 * in all. A token endpoint answers in well under a second; waiting longer only holds the
 * executions that share the fetch.
 */
export const TOKEN_TIMEOUT_MS = 15_000;

/** The CDR search, below the Base URL: the credential test's API call. */
export const CDR_SEARCH_PATH = '/api/v1/cdr/search';

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

/** The token request's values, as the credential's form holds them (names trimmed, secrets as typed). */
export function tokenIdentity(credentials: Record<string, unknown>): TokenFetchIdentity {
	const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
	return {
		tokenUrl: text(credentials.tokenUrl).trim(),
		clientId: text(credentials.clientId).trim(),
		clientSecret: text(credentials.clientSecret),
		username: text(credentials.username).trim(),
		password: text(credentials.password),
		scope: text(credentials.scope).trim() || 'openid',
	};
}

/**
 * Which values a token was issued for: an HMAC of the Token URL, Client ID, Client Secret,
 * Username, Password and Scope, keyed by the token itself (so it tells nothing without the
 * token, which is stored beside it). Stored with the token; a token whose fingerprint does not
 * match the credential's values is not used but renewed.
 */
export function tokenFingerprint(accessToken: string, identity: TokenFetchIdentity): string {
	return createHmac('sha256', accessToken)
		.update(JSON.stringify([identity.tokenUrl, identity.clientId, identity.clientSecret, identity.username, identity.password, identity.scope]))
		.digest('hex');
}

/** Whether the credential holds a token issued for exactly its current values. */
export function tokenMatchesValues(credentials: Record<string, unknown>): boolean {
	const { accessToken, tokenIssuedFor } = credentials;
	if (typeof accessToken !== 'string' || accessToken === '' || typeof tokenIssuedFor !== 'string') return false;
	const expected = Buffer.from(tokenFingerprint(accessToken, tokenIdentity(credentials)), 'utf8');
	const stored = Buffer.from(tokenIssuedFor, 'utf8');
	return stored.length === expected.length && timingSafeEqual(stored, expected);
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

/** The one request helper the token request and the credential check need (n8n's httpRequest). */
export type TokenHttpHelpers = CheckHttpHelpers;

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/**
 * A new access token for `identity`, from its Token URL. Executions of this n8n process that
 * ask for the same values at the same time share one token request (icsoc allows 128 per
 * agent per 24 hours). The request follows no redirect and gives up after 15 seconds.
 */
export async function requestAccessToken(http: TokenHttpHelpers, identity: TokenFetchIdentity): Promise<string> {
	return await shareTokenFetch(tokenFetchKey(identity), async () => {
		let response: FullResponse;
		try {
			response = (await http.helpers.httpRequest({
				method: 'POST',
				url: identity.tokenUrl,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: tokenRequestForm(identity),
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// The form holds the client secret and the password: a redirect is answered
				// as a failure (readTokenResponse), never followed to another address.
				disableFollowRedirect: true,
				// 15 s (TOKEN_TIMEOUT_MS) without a byte, and 15 s in all.
				timeout: TOKEN_TIMEOUT_MS,
				abortSignal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
			})) as FullResponse;
		} catch (error) {
			// The original error holds the request form (secret, password): only its code is read.
			throw tokenUnreachableError(identity.tokenUrl, error);
		}
		return readTokenResponse(response.statusCode, response.body, identity.tokenUrl, response.headers);
	});
}

/** Where to fix a wrong Base URL, as every message about one says it. */
const FIX_BASE_URL = 'check "Base URL" in the icsoc Autocall API credential';

/** What the token proved, said in every failure of the API check. */
const TOKEN_WAS_ISSUED = 'icsoc issued a token for Client ID, Client Secret, Username and Password, so those are right';

/**
 * The credential test's second half, after a token was issued for the form's values: one CDR
 * search (perPage 1) at the Base URL with that token. Resolves when icsoc answers it with
 * code 0; otherwise throws a CredentialCheckFailure naming "Base URL" or the agent's
 * permission. Follows no redirect (the token is not sent on) and gives up after 15 seconds.
 */
export async function checkTokenAccepted(http: TokenHttpHelpers, baseUrl: string, accessToken: string): Promise<void> {
	const base = normalizeBaseUrl(baseUrl);
	const shown = shownUrl(base);
	const response = await sendCheckRequest(http, {
		method: 'POST',
		url: `${base}${CDR_SEARCH_PATH}`,
		headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
		body: { perPage: 1 },
		json: true,
	});
	if ('unreachable' in response) {
		throw new CredentialCheckFailure(
			`The Base URL ${shown} ${unreachableReason(response.networkCode, 'check the address')}: ${FIX_BASE_URL} and that this n8n can reach it (${TOKEN_WAS_ISSUED}).`,
		);
	}
	const { statusCode: status } = response;
	const answer = parsedBody(response.body);
	const fields = answer !== null && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
	const says = typeof fields.message === 'string' && fields.message !== '' ? ` (icsoc says: ${fields.message})` : '';
	if (status >= 300 && status < 400) {
		const location = headerValue(response.headers, 'location');
		const target = location ? ` to ${displayUrl(location, base)}` : '';
		throw new CredentialCheckFailure(
			`The Base URL ${shown} redirected (HTTP ${status})${target}: ${FIX_BASE_URL}, set to the address that answers itself (the token is not sent on).`,
		);
	}
	if (status === 401) {
		throw new CredentialCheckFailure(
			`${TOKEN_WAS_ISSUED}, but the API at the Base URL ${shown} refused that token (HTTP 401)${says}: check that "Base URL" belongs to the same icsoc environment as "Token URL", and that this agent may use the Autocall API.`,
		);
	}
	if (status === 403) {
		throw new CredentialCheckFailure(
			`${TOKEN_WAS_ISSUED}, but the API at the Base URL ${shown} does not let this agent search CDRs (HTTP 403)${says}: ask icsoc to give this agent access to the Autocall API.`,
		);
	}
	if (status === 404) {
		throw new CredentialCheckFailure(
			`The Base URL ${shown} has no icsoc Autocall API (HTTP 404 for ${CDR_SEARCH_PATH}): ${FIX_BASE_URL} (e.g. https://autocall.icsoc.net, without a path).`,
		);
	}
	if (status < 200 || status >= 300) {
		throw new CredentialCheckFailure(
			`The Base URL ${shown} answered a CDR search with HTTP ${status}${says}: ${FIX_BASE_URL}${status >= 500 ? ', or try again later if icsoc is down' : ''}.`,
		);
	}
	if (!('code' in fields)) {
		throw new CredentialCheckFailure(
			`The Base URL ${shown} did not answer as the icsoc Autocall API (no "code" in its answer to a CDR search): ${FIX_BASE_URL}.`,
		);
	}
	if (Number(fields.code) !== 0) {
		throw new CredentialCheckFailure(
			`${TOKEN_WAS_ISSUED}, but the API at the Base URL ${shown} refused a CDR search (code ${String(fields.code)})${says}: check that this agent may search CDRs.`,
		);
	}
}
