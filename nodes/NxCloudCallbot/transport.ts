/**
 * The one place the NXCloud Callbot node talks HTTP: signed POSTs (the credential signs),
 * retries of transient failures, and mapping of retCode and HTTP failures to node errors.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeCode } from '../shared/codeTables';
import { vendorApiError } from '../shared/errors';
import { explainNetworkFailure, isTransientFailure, readHttpFailure } from '../shared/httpFailure';
import { parseJsonText as parseBody } from '../shared/requestBody';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from '../shared/retry';
import { RET_CODES, RET_CODE_HINTS, TRANSIENT_RET_CODES } from './codes';

export const CREDENTIAL_TYPE = 'nxCloudCallbotApi';
const VENDOR = 'NXCloud Callbot';

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
			throw vendorApiError(node, {
				vendor: VENDOR,
				code: `HTTP ${failure.status}`,
				meaning: failure.status === 404 ? 'endpoint not found' : undefined,
				vendorMessage: typeof answer === 'string' ? answer.slice(0, 300) : failure.message,
				hint:
					failure.status === 404
						? 'Check the Base URL in the credential: it should be the API host only, e.g. https://nxbot.nxcloud.com'
						: undefined,
				httpCode: failure.status,
				itemIndex,
			});
		}
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
		throw new NodeApiError(node, { message: failure.message }, {
			message: `Could not reach ${VENDOR}: ${failure.networkCode ?? failure.message}`,
			description: explainNetworkFailure(failure, String(credentials.baseUrl)),
			itemIndex,
		});
	}

	const answer = parseBody(outcome.response);
	if (!isEnvelope(answer)) {
		throw new NodeApiError(node, { message: 'unexpected answer' }, {
			message: `${VENDOR} answered with something that is not an API response`,
			description: `Expected JSON with a retCode; got: ${String(
				typeof answer === 'string' ? answer : JSON.stringify(answer),
			).slice(0, 300)}. Check the Base URL in the credential.`,
			itemIndex,
		});
	}
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
