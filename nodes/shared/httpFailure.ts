/**
 * What went wrong in an HTTP call made through n8n's request helpers, read from the error
 * they throw (n8n wraps axios' error in a NodeApiError whose `cause` is the original).
 * Pure: duck-typed, no n8n imports.
 */
import { parseRetryAfter } from './retry';

export interface HttpFailure {
	/** HTTP status, when the server answered. */
	status?: number;
	/** Parsed response body, when the server answered. */
	body?: unknown;
	/** Network error code (ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED ...), when it did not. */
	networkCode?: string;
	/** The wait the server asked for (Retry-After), in milliseconds. */
	retryAfterMs?: number;
	/** Where a redirect pointed (Location). */
	location?: string;
	message: string;
}

type Loose = Record<string, unknown> | undefined;

function asObject(value: unknown): Loose {
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const candidates: Loose[] = [];
	for (let current = asObject(error), depth = 0; current && depth < 4; depth++) {
		candidates.push(current);
		current = asObject(current.cause);
	}
	let status: number | undefined;
	let body: unknown;
	let networkCode: string | undefined;
	let headers: Loose;
	for (const candidate of candidates) {
		const response = asObject(candidate?.response);
		if (status === undefined && response && typeof response.status === 'number') {
			status = response.status;
			body = response.data;
			headers = asObject(response.headers);
		}
		const httpCode = candidate?.httpCode;
		if (status === undefined && typeof httpCode === 'string' && /^\d{3}$/.test(httpCode)) {
			status = Number(httpCode);
		}
		// n8n's NodeApiError keeps a TLS failure's code (DEPTH_ZERO_SELF_SIGNED_CERT ...) only here.
		if (networkCode === undefined && typeof httpCode === 'string' && /^[A-Z][A-Z0-9_]+$/.test(httpCode)) {
			networkCode = httpCode;
		}
		const code = candidate?.code;
		if (networkCode === undefined && typeof code === 'string' && /^E[A-Z_]+$|^[A-Z_]+CERT|CERT_/.test(code)) {
			networkCode = code;
		}
	}
	const message = error instanceof Error ? error.message : String(error);
	const retryAfterMs = parseRetryAfter(headerOf(headers, 'retry-after'));
	const location = headerOf(headers, 'location');
	return { status, body, networkCode, retryAfterMs, location: typeof location === 'string' ? location : undefined, message };
}

/** A header of axios' response headers (an object, or an AxiosHeaders with lower-case keys). */
function headerOf(headers: Loose, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/**
 * A sentence telling the user what a network-level failure means and what to check.
 * `ignoreSslOption`: the display name of the credential's switch to accept any certificate,
 * when it has one.
 */
export function explainNetworkFailure(failure: HttpFailure, baseUrl: string, ignoreSslOption?: string): string | undefined {
	switch (failure.networkCode) {
		case 'ECONNREFUSED':
			return `Nothing answered at ${baseUrl}: check the Base URL (host and port) in the credential.`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `The host of ${baseUrl} could not be resolved: check the Base URL in the credential.`;
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
			return `${baseUrl} did not answer in time: check the network path (firewall, VPN) to the server.`;
		case 'DEPTH_ZERO_SELF_SIGNED_CERT':
		case 'SELF_SIGNED_CERT_IN_CHAIN':
		case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
		case 'CERT_HAS_EXPIRED':
		case 'ERR_TLS_CERT_ALTNAME_INVALID':
			return ignoreSslOption
				? `The TLS certificate of ${baseUrl} was not accepted (${failure.networkCode}). If the server uses a self-signed certificate, enable "${ignoreSslOption}" in the credential.`
				: `The TLS certificate of ${baseUrl} was not accepted (${failure.networkCode}). The server must present a valid certificate for that host name: check the Base URL's host and the certificate's expiry.`;
		default:
			return undefined;
	}
}
