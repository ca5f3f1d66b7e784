/**
 * The one place the Huawei iSales node talks HTTP: signed requests (the credential signs),
 * retries of transient failures, and mapping of returnCode and HTTP failures to node errors.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { describeCode } from '../shared/codeTables';
import { httpStatusError, notAnApiResponseError, unreachableError, vendorApiError } from '../shared/errors';
import { isTransientFailure, readHttpFailure } from '../shared/httpFailure';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from '../shared/retry';
import { parseJsonText as parseBody } from '../shared/requestBody';
import { RETURN_CODES, RETURN_CODE_HINTS, SUCCESS_RETURN_CODE, TRANSIENT_RETURN_CODES } from './codes';

export const CREDENTIAL_TYPE = 'huaweiIsalesApi';
const VENDOR = 'Huawei CC-iSales';
const BASE_URL_EXAMPLE = 'https://10.22.26.181:28080';
export const OPENAPI_PATH = '/rest/isales/v1/openapi';

export interface IsalesEnvelope extends IDataObject {
	returnCode: string;
	resultCode?: string;
	resultDesc?: string;
}

function isEnvelope(value: unknown): value is IsalesEnvelope {
	return value !== null && typeof value === 'object' && 'returnCode' in value;
}

/**
 * Sends a signed request to `<OpenAPI path><path>` and returns the answer when its returnCode
 * is 0200000; anything else throws a NodeApiError naming the code and its meaning.
 */
export async function isalesRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	body: IDataObject | undefined,
	itemIndex: number,
	retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<IsalesEnvelope> {
	const options: IHttpRequestOptions = { method, url: `${OPENAPI_PATH}${path}`, json: true };
	if (body !== undefined) options.body = body;
	const outcome = await sendWithRetries<unknown>(
		retryPolicy,
		sleep,
		// A fresh copy per attempt: the credential signs each attempt with a fresh timestamp.
		async () => await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, { ...options }),
		({ response, failure }) => {
			if (failure !== undefined) return isTransientFailure(readHttpFailure(failure));
			const answer = parseBody(response);
			return isEnvelope(answer) && TRANSIENT_RETURN_CODES.has(String(answer.returnCode));
		},
	);

	const node = this.getNode();
	if (outcome.failure !== undefined) {
		const failure = readHttpFailure(outcome.failure);
		const answer = parseBody(failure.body);
		if (failure.status === 401) {
			throw vendorApiError(node, {
				vendor: VENDOR,
				code: 'HTTP 401',
				meaning: 'authentication failed',
				hint: 'iSales refused the AK/SK signature: check the Access Key and Secret Key in the credential, and that the n8n server clock is correct (the signature carries the current UTC time).',
				httpCode: 401,
				itemIndex,
			});
		}
		if (isEnvelope(answer)) throw returnCodeError(this, answer, itemIndex, failure.status);
		if (failure.status !== undefined) {
			throw httpStatusError(node, { vendor: VENDOR, status: failure.status, answer, baseUrlExample: BASE_URL_EXAMPLE, itemIndex });
		}
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
		throw unreachableError(node, VENDOR, failure, String(credentials.baseUrl), itemIndex, 'Ignore SSL Issues (Insecure)');
	}

	const answer = parseBody(outcome.response);
	if (!isEnvelope(answer)) throw notAnApiResponseError(node, VENDOR, answer, 'returnCode', itemIndex);
	if (String(answer.returnCode) !== SUCCESS_RETURN_CODE) throw returnCodeError(this, answer, itemIndex);
	return answer;
}

function returnCodeError(context: IExecuteFunctions, answer: IsalesEnvelope, itemIndex: number, httpCode?: number) {
	const code = String(answer.returnCode);
	return vendorApiError(context.getNode(), {
		vendor: VENDOR,
		code,
		meaning: describeCode(RETURN_CODES, code),
		vendorMessage: answer.resultDesc,
		hint: describeCode(RETURN_CODE_HINTS, code),
		httpCode,
		itemIndex,
		response: { returnCode: code, resultDesc: String(answer.resultDesc ?? '') },
	});
}
