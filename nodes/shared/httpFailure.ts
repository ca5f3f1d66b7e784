/**
 * What went wrong in an HTTP call made through n8n's request helpers, read from the error
 * they throw (n8n wraps axios' error in a NodeApiError whose `cause` is the original).
 * Pure: duck-typed, no n8n imports.
 */
import { TRANSIENT_HTTP_STATUSES, TRANSIENT_NETWORK_CODES } from './retry';

export interface HttpFailure {
	/** HTTP status, when the server answered. */
	status?: number;
	/** Parsed response body, when the server answered. */
	body?: unknown;
	/** Network error code (ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED ...), when it did not. */
	networkCode?: string;
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
	for (const candidate of candidates) {
		const response = asObject(candidate?.response);
		if (status === undefined && response && typeof response.status === 'number') {
			status = response.status;
			body = response.data;
		}
		if (status === undefined && typeof candidate?.httpCode === 'string' && /^\d{3}$/.test(candidate.httpCode)) {
			status = Number(candidate.httpCode);
		}
		const code = candidate?.code;
		if (networkCode === undefined && typeof code === 'string' && /^E[A-Z_]+$|^[A-Z_]+CERT|CERT_/.test(code)) {
			networkCode = code;
		}
	}
	const message = error instanceof Error ? error.message : String(error);
	return { status, body, networkCode, message };
}

export function isTransientFailure(failure: HttpFailure): boolean {
	if (failure.status !== undefined) return TRANSIENT_HTTP_STATUSES.has(failure.status);
	return failure.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(failure.networkCode);
}

/** A sentence telling the user what a network-level failure means and what to check. */
export function explainNetworkFailure(failure: HttpFailure, baseUrl: string): string | undefined {
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
			return `The TLS certificate of ${baseUrl} was not accepted (${failure.networkCode}). If the server uses a self-signed certificate, enable "Ignore SSL Issues" in the credential.`;
		default:
			return undefined;
	}
}
