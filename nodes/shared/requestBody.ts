/**
 * Request shaping shared by the signing credentials. Pure (types only from n8n-workflow).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * The JSON text to send and sign. A string body was already serialised by the caller and is
 * kept byte for byte; an object is serialised once here; no body is sent as "{}" because
 * the vendors' signatures cover the body text.
 */
export function serializeJsonBody(body: IHttpRequestOptions['body']): string {
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '{}';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

/** Base URL without trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/**
 * Where a request goes, as a credential's `authenticate` receives it: `url` from n8n's request
 * helpers, or `uri` from the older ones, which n8n's HTTP Request node uses with a predefined
 * credential type. `field` names the one to set when changing it.
 */
export function requestTargetOf(options: IHttpRequestOptions): { field: 'url' | 'uri'; target: string } {
	const { uri } = options as { uri?: unknown };
	if (options.url === undefined && typeof uri === 'string') return { field: 'uri', target: uri };
	return { field: 'url', target: options.url ?? '' };
}

/**
 * Points a request at the credential's base URL unless it already names a host: node calls
 * pass only the path, so the base URL lives in one place, the credential.
 */
export function withBaseUrl(options: IHttpRequestOptions, baseUrl: string): IHttpRequestOptions {
	if (options.baseURL || /^https?:\/\//i.test(requestTargetOf(options).target)) return options;
	return { ...options, baseURL: normalizeBaseUrl(baseUrl) };
}

/** A body n8n left as text (some servers answer JSON as text/plain): parsed when it is JSON. */
export function parseJsonText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
