/**
 * Credential tests that check the values in the form with requests of their own, inside n8n's
 * own credential tester, and say which field to fix.
 *
 * What n8n's tester does with a credential's `test` (n8n 2.8.4, tested; 1.123 and 2.41 take the
 * same paths in their code): it sends `test.request` through the credential's
 * `preAuthentication` (only when the expirable field is empty, so a stored token is reused) and
 * `authenticate`; for an HTTP error it shows its own generic text
 * ("Authorization failed - please check your credentials"), as the NodeApiError it catches
 * keeps neither status nor cause; its `rules` see only the answer's body, never the status.
 *
 * So a credential whose test must prove more:
 * 1. marks its test request with TEST_REQUEST_HEADER;
 * 2. its `authenticate` answers the first sight of the marked request with RenewBeforeSending:
 *    a 401 raised before anything is sent, upon which n8n calls `preAuthentication` again (as
 *    it does after any 401) and then `authenticate` once more;
 * 3. that `preAuthentication` finds the credentials under test (isUnderTest), checks the form's
 *    values with requests of its own, reading status and body, and throws a
 *    CredentialCheckFailure naming the field to fix, which n8n shows as it is; when all is
 *    well it calls markTestPassed;
 * 4. the second `authenticate` lets the marked request go (admitTestRequest strips the
 *    marker); its answer goes through the test's `rules`.
 * The marks live in WeakSets keyed by the credentials object n8n passes to both functions
 * (one object per test, per request in executions): nothing outlives the test.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

/** The header that marks a credential's test request (removed before it is sent). */
export const TEST_REQUEST_HEADER = 'X-Callcenter-Credential-Test';

/** How long each request of a credential check may take, in all. */
export const CHECK_TIMEOUT_MS = 15_000;

/**
 * Thrown by `authenticate` to have n8n run `preAuthentication` before the request is sent:
 * n8n's request helpers answer an error whose `response.status` is 401 by calling
 * `preAuthentication` (credentials expired) and `authenticate` again, then sending. Nothing
 * has been sent when it is thrown.
 */
export class RenewBeforeSending extends Error {
	readonly response = { status: 401 };

	constructor(reason: string) {
		super(reason);
		this.name = 'RenewBeforeSending';
	}
}

/**
 * A credential check that failed, saying which field to fix. Carries no status or code
 * property, so n8n's NodeApiError keeps its message instead of a generic one; its text never
 * holds a secret, nor a Node.js error code name (n8n replaces a message naming one).
 */
export class CredentialCheckFailure extends Error {
	readonly credentialCheckFailure = true;

	constructor(message: string) {
		super(message);
		this.name = 'CredentialCheckFailure';
	}
}

const underTest = new WeakSet<object>();
const passed = new WeakSet<object>();

function headerName(options: IHttpRequestOptions): string | undefined {
	return Object.keys(options.headers ?? {}).find((name) => name.toLowerCase() === TEST_REQUEST_HEADER.toLowerCase());
}

/** Whether `options` is a credential's marked test request. */
export function isTestRequest(options: IHttpRequestOptions): boolean {
	return headerName(options) !== undefined;
}

/**
 * For `authenticate` with a marked test request: the request without its marker once the
 * check in `preAuthentication` passed for these credentials; before that, marks them under
 * test and throws RenewBeforeSending, so n8n runs `preAuthentication` (the check) first.
 */
export function admitTestRequest(credentials: object, options: IHttpRequestOptions): IHttpRequestOptions {
	if (!passed.has(credentials)) {
		underTest.add(credentials);
		throw new RenewBeforeSending('The credential test checks the values in the form first');
	}
	const name = headerName(options);
	const headers = { ...(options.headers ?? {}) };
	if (name !== undefined) delete headers[name];
	return { ...options, headers, timeout: CHECK_TIMEOUT_MS };
}

/** Whether `preAuthentication` runs for a credential test (see admitTestRequest). */
export function isUnderTest(credentials: object): boolean {
	return underTest.has(credentials);
}

/** Records that the check of `credentials` passed: their test request may now be sent. */
export function markTestPassed(credentials: object): void {
	passed.add(credentials);
}

/** The request helper a credential check needs (n8n's httpRequest, as preAuthentication gets it). */
export interface CheckHttpHelpers {
	helpers: { httpRequest(options: IHttpRequestOptions): Promise<unknown> };
}

/** What a check's request got: the answer, whatever its status, or the code of why none came. */
export type CheckAnswer =
	| { statusCode: number; headers?: Record<string, unknown>; body: unknown }
	| { unreachable: true; networkCode: string | undefined };

/**
 * Sends one request of a credential check: the full answer whatever its status, no redirect
 * followed (credentials are not sent on), at most CHECK_TIMEOUT_MS. A request that got no
 * answer comes back as its error code only (the error itself may hold the request's secrets).
 */
export async function sendCheckRequest(http: CheckHttpHelpers, options: IHttpRequestOptions): Promise<CheckAnswer> {
	try {
		return (await http.helpers.httpRequest({
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: CHECK_TIMEOUT_MS,
			abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
		})) as CheckAnswer;
	} catch (error) {
		return { unreachable: true, networkCode: networkCodeOf(error) };
	}
}

/** A URL as messages show it: scheme, host and path, never user info, query or fragment. */
export function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
	} catch {
		return '(not a URL)';
	}
}

/** The error code of a failed request (axios' or Node's), read from it and its causes. */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
		const { code } = current as { code?: unknown };
		if (typeof code === 'string' && code !== '') return code.toUpperCase();
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Certificate problems, by their code: the server's certificate is not trusted. */
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** Whether a failed request's code says the server's TLS certificate was not trusted. */
export function isCertificateProblem(code: string | undefined): boolean {
	return code !== undefined && CERTIFICATE.test(code);
}

/** TLS spoken to a plain-HTTP port, or the reverse: the scheme is wrong. */
const WRONG_PROTOCOL = /EPROTO|WRONG_VERSION_NUMBER|SSL_ROUTINES|HPE_INVALID|PARSE_ERROR/;

/**
 * What went wrong on the way to an address, from the failed request's code, in words that
 * n8n shows as they are (it replaces a message naming ECONNREFUSED and the like with its own
 * generic text). `certificateFix`: what to do about an untrusted certificate.
 */
export function unreachableReason(code: string | undefined, certificateFix: string): string {
	const name = code ?? '';
	if (name === 'ECONNREFUSED') return 'refused the connection (nothing listens at that host and port)';
	if (name === 'ENOTFOUND' || name === 'EAI_AGAIN') return 'has a host name that could not be resolved';
	if (['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ABORT_ERR', 'ERR_SOCKET_CONNECTION_TIMEOUT'].includes(name)) {
		return `did not answer within ${CHECK_TIMEOUT_MS / 1000} s`;
	}
	if (name === 'ECONNRESET' || name === 'EPIPE') return 'closed the connection without answering';
	if (name === 'EHOSTUNREACH' || name === 'ENETUNREACH') return 'is unreachable from this n8n';
	if (name === 'ERR_INVALID_URL') return 'is not a valid URL';
	if (isCertificateProblem(name)) return `presented a TLS certificate this n8n does not trust: ${certificateFix}`;
	if (WRONG_PROTOCOL.test(name)) return 'does not speak the protocol its scheme says (check https:// against http://)';
	return 'could not be reached';
}

/** A header of an answer's headers, by name in any case. */
export function headerValue(headers: unknown, name: string): string | undefined {
	if (headers === null || typeof headers !== 'object') return undefined;
	const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
	return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/** An answer's body as JSON when it is JSON text; otherwise as it came. */
export function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}
