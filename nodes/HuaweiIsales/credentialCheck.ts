/**
 * The Huawei CC-iSales credential's request signing and its test's check: one signed read of a
 * call result that cannot exist, whose answer tells the fields apart. No n8n runtime imports.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	type CheckHttpHelpers,
	CredentialCheckFailure,
	headerValue,
	isCertificateProblem,
	parsedBody,
	sendCheckRequest,
	shownUrl,
	unreachableReason,
} from '../shared/credentialTest';
import { normalizeBaseUrl, requestTargetOf, serializeJsonBody } from '../shared/requestBody';
import { describeCode } from '../shared/codeTables';
import { RETURN_CODES } from './codes';
import { authTimestamp, hostHeaderOf, isalesAuthorization } from './signing';

/** Methods that send no body, so none is signed. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * `requestOptions` signed with the credential's AK/SK: the Host header exactly as the HTTP
 * client sends it, the path and query, and the body text, which is serialised once and sent
 * as signed. The query is folded into the (absolute) URL, so what is signed is what is sent.
 */
export function signedIsalesRequest(
	credentials: Record<string, unknown>,
	requestOptions: IHttpRequestOptions,
	now: Date = new Date(),
): IHttpRequestOptions {
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const baseURL = normalizeBaseUrl(String(requestOptions.baseURL ?? credentials.baseUrl ?? ''));
	const { field, target: path } = requestTargetOf(requestOptions);
	const target = new URL(/^https?:\/\//i.test(path) ? path : baseURL + path);
	for (const [key, value] of Object.entries(requestOptions.qs ?? {})) {
		if (value !== undefined && value !== null) target.searchParams.append(key, String(value));
	}
	const body = BODYLESS_METHODS.has(method) ? undefined : serializeJsonBody(requestOptions.body);
	const authorization = isalesAuthorization(
		{ accessKey: String(credentials.accessKey ?? '').trim(), secretKey: String(credentials.secretKey ?? '') },
		{
			method,
			path: target.pathname,
			query: [...target.searchParams.entries()],
			headers: { host: hostHeaderOf(target.href) },
			body,
		},
		now,
	);
	// The query is in the URL now and the URL is absolute: neither may be applied again.
	const rest: IHttpRequestOptions = { ...requestOptions };
	delete rest.qs;
	delete rest.baseURL;
	return {
		...rest,
		method: requestOptions.method ?? 'GET',
		[field]: target.href,
		body,
		headers: {
			...(requestOptions.headers ?? {}),
			'Content-Type': 'application/json;charset=UTF-8',
			Authorization: authorization,
		},
		// Only ever loosens: a request that already skips the check (the HTTP Request node's
		// own "Ignore SSL Issues") keeps doing so. rejectUnauthorized is the older helpers' name.
		...(credentials.ignoreSSLIssues === true ? { skipSslCertificateValidation: true, rejectUnauthorized: false } : {}),
	} as IHttpRequestOptions;
}

/** A call result that cannot exist: "not found" (0200007) proves the keys were accepted. */
export const CREDENTIAL_TEST_PATH = '/rest/isales/v1/openapi/campaigns/1/callresultdetail/n8n-credential-test';

/** returnCodes that prove iSales checked the signature and answered: found, or not found. */
const ACCEPTED = new Set(['0200000', '0200007']);

const FIX_BASE_URL = 'check "Base URL" in the Huawei CC-iSales API credential (scheme, host and port of the iSales OpenAPI, no path)';

/**
 * The credential test's check: the signed read at the Base URL with the form's values.
 * Resolves when iSales answers with returnCode 0200007 (not found) or 0200000; otherwise
 * throws a CredentialCheckFailure naming the field to fix ("Access Key (AK)" and "Secret Key
 * (SK)" with the n8n server's clock for HTTP 401, "Base URL" or "Ignore SSL Issues" for the
 * rest). Follows no redirect and gives up after 15 seconds.
 */
export async function checkIsalesCredentials(http: CheckHttpHelpers, credentials: Record<string, unknown>): Promise<void> {
	const base = normalizeBaseUrl(String(credentials.baseUrl ?? ''));
	const shown = shownUrl(base);
	if (!/^https?:\/\/[^/]/i.test(base)) {
		throw new CredentialCheckFailure(`"Base URL" must start with https:// (or http://), e.g. https://10.22.26.181:28080; it is ${base === '' ? 'empty' : 'not a URL'}.`);
	}
	const now = new Date();
	const response = await sendCheckRequest(http, {
		...signedIsalesRequest(credentials, { method: 'GET', url: `${base}${CREDENTIAL_TEST_PATH}` }, now),
		json: true,
	});
	if ('unreachable' in response) {
		if (isCertificateProblem(response.networkCode)) {
			throw new CredentialCheckFailure(
				credentials.ignoreSSLIssues === true
					? `The Base URL ${shown} presented a TLS certificate that cannot be used even with "Ignore SSL Issues (Insecure)" on: ${FIX_BASE_URL}.`
					: `The Base URL ${shown} presented a TLS certificate this n8n does not trust: turn on "Ignore SSL Issues (Insecure)" if this is your iSales server (iSales often uses a self-signed certificate), or ${FIX_BASE_URL}.`,
			);
		}
		throw new CredentialCheckFailure(
			`The Base URL ${shown} ${unreachableReason(response.networkCode, 'check the address')}: ${FIX_BASE_URL}, and that this n8n can reach it.`,
		);
	}
	const { statusCode: status } = response;
	if (status === 401) {
		throw new CredentialCheckFailure(
			`iSales refused the signature (HTTP 401): check "Access Key (AK)" and "Secret Key (SK)", and that the clock of the n8n server is right (the signature carries its time, ${authTimestamp(now)} UTC when this test signed).`,
		);
	}
	if (status >= 300 && status < 400) {
		const location = headerValue(response.headers, 'location');
		throw new CredentialCheckFailure(
			`The Base URL ${shown} redirected (HTTP ${status})${location ? ` to ${shownUrl(new URL(location, base).href)}` : ''}: ${FIX_BASE_URL}, set to the address that answers itself.`,
		);
	}
	if (status === 404) {
		throw new CredentialCheckFailure(`The Base URL ${shown} has no iSales OpenAPI (HTTP 404 for /rest/isales/v1/openapi/...): ${FIX_BASE_URL}.`);
	}
	if (status < 200 || status >= 300) {
		throw new CredentialCheckFailure(
			`The Base URL ${shown} answered HTTP ${status}: ${FIX_BASE_URL}${status >= 500 ? ', or try again later if iSales is down' : ''}.`,
		);
	}
	const answer = parsedBody(response.body);
	const fields = answer !== null && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
	if (fields.returnCode === undefined || fields.returnCode === null) {
		throw new CredentialCheckFailure(`The Base URL ${shown} did not answer as the iSales OpenAPI (no returnCode in its answer): ${FIX_BASE_URL}.`);
	}
	const code = String(fields.returnCode);
	if (!ACCEPTED.has(code)) {
		const meaning = describeCode(RETURN_CODES, code);
		const says = typeof fields.resultDesc === 'string' && fields.resultDesc !== '' ? `; iSales says: ${fields.resultDesc}` : '';
		throw new CredentialCheckFailure(
			`iSales answered the test read with returnCode ${code}${meaning ? ` (${meaning})` : ''}${says}: the keys may be right, but this is not the answer the test expects; check "Base URL" and the tenant's OpenAPI settings.`,
		);
	}
}
