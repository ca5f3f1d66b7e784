/**
 * The one place the icsoc Autocall node talks HTTP: Bearer-authenticated JSON POSTs (the
 * credential adds the token), retries of transient failures, and mapping of `code` and
 * HTTP failures to node errors.
 *
 * Token budget (icsoc allows 128 token requests a day): n8n's httpRequestWithAuthentication
 * fetches a token (the credential's preAuthentication) only when none is stored or after an
 * HTTP 401, then repeats the request once. Retries here cover only other, transient
 * failures, so they never ask for a token.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { httpStatusError, notAnApiResponseError, unreachableError, vendorApiError } from '../shared/errors';
import { isTransientFailure, readHttpFailure } from '../shared/httpFailure';
import { parseJsonText as parseBody } from '../shared/requestBody';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from '../shared/retry';
import { findTokenFailure } from './token';

export const CREDENTIAL_TYPE = 'icsocAutocallApi';
const VENDOR = 'icsoc Autocall';

export interface IcsocEnvelope extends IDataObject {
	code: number | string;
	message?: string;
	data?: IDataObject;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function isEnvelope(value: unknown): value is IcsocEnvelope {
	return value !== null && typeof value === 'object' && 'code' in value;
}

/**
 * POSTs `body` as JSON to `path` and returns the envelope when its code is 0. Anything
 * else throws a NodeApiError naming the code and icsoc's message.
 */
export async function icsocRequest(
	this: IExecuteFunctions,
	path: string,
	body: IDataObject,
	itemIndex: number,
	retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<IcsocEnvelope> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: path,
		body,
		json: true,
		returnFullResponse: true,
	};

	const outcome = await sendWithRetries<FullResponse>(
		retryPolicy,
		sleep,
		async () => (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, { ...options })) as FullResponse,
		// Token failures are not retried here: each retry could cost one of the day's 128 tokens.
		({ failure }) => failure !== undefined && findTokenFailure(failure) === undefined && isTransientFailure(readHttpFailure(failure)),
	);

	const node = this.getNode();
	if (outcome.failure !== undefined) {
		const tokenFailure = findTokenFailure(outcome.failure);
		if (tokenFailure) {
			throw new NodeApiError(node, { message: tokenFailure }, {
				message: tokenFailure,
				description: 'Check the icsoc Autocall API credential (Client ID, Client Secret, Username as enterprise code|agent number, Password).',
				itemIndex,
			});
		}
		const failure = readHttpFailure(outcome.failure);
		if (failure.status !== undefined) throw httpError(this, failure.status, parseBody(failure.body), itemIndex);
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
		throw unreachableError(node, VENDOR, failure, String(credentials.baseUrl), itemIndex);
	}

	const { statusCode, body: rawAnswer } = outcome.response!;
	const answer = parseBody(rawAnswer);
	if (statusCode >= 300) throw httpError(this, statusCode, answer, itemIndex);
	if (!isEnvelope(answer)) throw notAnApiResponseError(node, VENDOR, answer, 'code', itemIndex);
	if (Number(answer.code) !== 0) {
		throw vendorApiError(node, {
			vendor: VENDOR,
			code: String(answer.code),
			meaning: typeof answer.message === 'string' && answer.message !== '' ? answer.message : undefined,
			itemIndex,
			response: { code: answer.code, message: answer.message ?? '' },
		});
	}
	return answer;
}

function httpError(context: IExecuteFunctions, status: number, answer: unknown, itemIndex: number) {
	const hints: Record<number, string> = {
		401: 'icsoc refused the access token even after n8n fetched a new one: check that this agent may use the Autocall API.',
		403: 'This agent may not use this API: ask icsoc to grant access.',
	};
	return httpStatusError(context.getNode(), {
		vendor: VENDOR,
		status,
		answer,
		baseUrlExample: 'https://autocall.icsoc.net',
		itemIndex,
		meaning: status === 401 ? 'access token refused' : undefined,
		hint: hints[status],
		vendorMessage: isEnvelope(answer) ? `${String(answer.code)} ${answer.message ?? ''}`.trim() : undefined,
	});
}
