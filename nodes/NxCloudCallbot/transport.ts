/**
 * The one place the NXCloud Callbot node talks HTTP: signed POSTs (the credential signs),
 * retries of transient failures, and mapping of retCode and HTTP failures to node errors.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { describeCode } from '../shared/codeTables';
import { httpStatusError, notAnApiResponseError, unreachableError, vendorApiError } from '../shared/errors';
import { isTransientFailure, readHttpFailure } from '../shared/httpFailure';
import { parseJsonText as parseBody } from '../shared/requestBody';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from '../shared/retry';
import { RET_CODES, RET_CODE_HINTS, TRANSIENT_RET_CODES } from './codes';

export const CREDENTIAL_TYPE = 'nxCloudCallbotApi';
const VENDOR = 'NXCloud Callbot';
const BASE_URL_EXAMPLE = 'https://nxbot.nxcloud.com';

export interface NxCloudEnvelope extends IDataObject {
	retCode: number;
	retMsg?: string;
	responseID?: string;
}

function isEnvelope(value: unknown): value is NxCloudEnvelope {
	return value !== null && typeof value === 'object' && 'retCode' in value;
}

/**
 * POSTs `body` (plus `productID`) to `/callcentre/api/v3/<endpoint>` and returns the answer
 * when its retCode is 0. Anything else throws a NodeApiError naming the code, its meaning,
 * what to do, and the responseID to quote to NXCloud.
 */
export async function nxCloudRequest(
	this: IExecuteFunctions,
	endpoint: string,
	body: IDataObject,
	itemIndex: number,
	retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<NxCloudEnvelope> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `/callcentre/api/v3/${endpoint}`,
		body: { productID: 'callbot', ...body },
		json: true,
	};
	const outcome = await sendWithRetries<unknown>(
		retryPolicy,
		sleep,
		// A fresh copy per attempt: the credential signs each attempt with a new requestID.
		async () => await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, { ...options }),
		({ response, failure }) => {
			if (failure !== undefined) return isTransientFailure(readHttpFailure(failure));
			const answer = parseBody(response);
			return isEnvelope(answer) && TRANSIENT_RET_CODES.has(String(answer.retCode));
		},
	);

	const node = this.getNode();
	if (outcome.failure !== undefined) {
		const failure = readHttpFailure(outcome.failure);
		const answer = parseBody(failure.body);
		if (isEnvelope(answer)) throw retCodeError(this, answer, itemIndex, failure.status);
		if (failure.status !== undefined) {
			throw httpStatusError(node, { vendor: VENDOR, status: failure.status, answer, baseUrlExample: BASE_URL_EXAMPLE, itemIndex });
		}
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
		throw unreachableError(node, VENDOR, failure, String(credentials.baseUrl), itemIndex);
	}

	const answer = parseBody(outcome.response);
	if (!isEnvelope(answer)) throw notAnApiResponseError(node, VENDOR, answer, 'retCode', itemIndex);
	if (Number(answer.retCode) !== 0) throw retCodeError(this, answer, itemIndex);
	return answer;
}

function retCodeError(context: IExecuteFunctions, answer: NxCloudEnvelope, itemIndex: number, httpCode?: number) {
	const code = String(answer.retCode);
	return vendorApiError(context.getNode(), {
		vendor: VENDOR,
		code,
		meaning: describeCode(RET_CODES, code),
		vendorMessage: answer.retMsg,
		hint: describeCode(RET_CODE_HINTS, code),
		reference: answer.responseID ? { label: 'responseID', value: answer.responseID } : undefined,
		httpCode,
		itemIndex,
		response: { retCode: answer.retCode, retMsg: answer.retMsg ?? '', responseID: answer.responseID ?? '' },
	});
}
