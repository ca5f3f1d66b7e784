/**
 * Huawei CC-iSales "auth-v2" AK/SK signing (the C2 scheme of Huawei's demo code). Pure: only
 * Node's crypto, no n8n imports, so it is unit-tested against the vendor's vector.
 */
import { createHmac } from 'crypto';

export interface IsalesKeys {
	accessKey: string;
	secretKey: string;
}

export interface IsalesRequestToSign {
	method: string;
	/** Path exactly as sent, e.g. /rest/isales/v1/openapi/campaigns/8/callresultdetail/1-2 */
	path: string;
	/** Query parameters (unencoded); signed sorted. */
	query?: ReadonlyArray<[string, string]>;
	/** Headers to sign (the demo signs only `host`), values exactly as sent. */
	headers: Readonly<Record<string, string>>;
	/** Body text exactly as sent; undefined when no body is sent. */
	body?: string;
}

/** Percent-encodes every UTF-8 byte except A-Z a-z 0-9 - . _ ~ (uppercase hex). */
export function normalize(text: string): string {
	let out = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const char = String.fromCharCode(byte);
		out += /[A-Za-z0-9\-._~]/.test(char) ? char : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}

/** UTC `yyyy-MM-dd'T'HH:mm:ss'Z'`. */
export function authTimestamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function byCodeUnit(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function signedHeaderNames(headers: Readonly<Record<string, string>>): string {
	return Object.keys(headers)
		.map((name) => name.toLowerCase())
		.sort(byCodeUnit)
		.join(';');
}

export function canonicalRequest(request: IsalesRequestToSign): string {
	let text = `${request.method.toUpperCase()}\n${request.path}\n`;
	if (request.query && request.query.length > 0) {
		text +=
			request.query
				.map(([key, value]) => `${normalize(key)}=${normalize(value)}`)
				.sort(byCodeUnit)
				.join('&') + '\n';
	}
	text += signedHeaderNames(request.headers) + '\n';
	text +=
		Object.entries(request.headers)
			.map(([name, value]) => `${normalize(name.toLowerCase())}:${normalize(value.trim())}`)
			.sort(byCodeUnit)
			.join('\n') + '\n';
	if (request.body !== undefined && request.body !== '') text += normalize(request.body);
	return text;
}

function hmacHex(key: string, text: string): string {
	return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** The `Authorization` header value: `auth-v2/<AK>/<ts>/<signedHeaders>/<signature>`. */
export function isalesAuthorization(keys: IsalesKeys, request: IsalesRequestToSign, now: Date): string {
	const prefix = `auth-v2/${keys.accessKey}/${authTimestamp(now)}/${signedHeaderNames(request.headers)}`;
	const signingKey = hmacHex(keys.secretKey, prefix);
	return `${prefix}/${hmacHex(signingKey, canonicalRequest(request))}`;
}

/**
 * The Host header value the HTTP client sends for `url`: host[:port], default port omitted
 * (Node's http/https modules, used by axios, write it this way; IPv6 hosts keep brackets).
 */
export function hostHeaderOf(url: string): string {
	return new URL(url).host;
}
