/**
 * The one place the nodes talk HTTP. Each vendor describes itself in a small spec (its
 * credential, its answer envelope and code tables, the codes by which it says "not done, try
 * later"); each call names its endpoint and whether sending it twice is harmless. The engine
 * sends, retries only what is safe to retry, and turns every failure into a node error that
 * says what to fix.
 *
 * Safety rules, whatever the vendor:
 * - a request that may place calls or change a campaign (not idempotent) is sent again only
 *   when it provably never reached the vendor or the vendor said it did nothing; otherwise its
 *   items fail with "outcome unknown" and what to check before sending again (see retry.ts);
 * - redirects are never followed, so the credential's signature or token never reaches
 *   another address;
 * - every attempt has a timeout (REQUEST_TIMEOUT_MS) and Retry-After is honoured up to a cap.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeCode, type CodeTable } from './codeTables';
import { errorForItem, httpStatusError, notAnApiResponseError, sentences, unreachableError, vendorApiError } from './errors';
import { readHttpFailure, type HttpFailure } from './httpFailure';
import { parseJsonText } from './requestBody';
import { DEFAULT_RETRY_POLICY, deliveryOf, nextStep, type Delivery, type RetryPolicy } from './retry';

/** Each attempt's limit: long enough for a 500-order import, short of n8n's 300 s default. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** A vendor's answer envelope, read: its status code and whether that code means success. */
export interface Envelope {
	code: string;
	ok: boolean;
	/** The vendor's own message (retMsg, message, resultDesc). */
	message?: string;
	/** The vendor's request reference, to quote to their support. */
	reference?: { label: string; value: string };
}

/** What the engine needs to know of a vendor: its whole HTTP behaviour in one object. */
export interface VendorSpec {
	/** Product name as users know it, e.g. "NXCloud Callbot". */
	vendor: string;
	credentialType: string;
	/** A Base URL to show in hints, e.g. https://nxbot.nxcloud.com */
	baseUrlExample: string;
	/** The credential's switch to accept any certificate, when it has one. */
	ignoreSslOption?: string;
	/** The envelope of an answer, or undefined when the answer is not one. */
	readEnvelope(answer: unknown): Envelope | undefined;
	/** The field an answer must have to be the vendor's (named when it is missing). */
	envelopeField: string;
	codes?: CodeTable;
	codeHints?: CodeTable;
	/** Codes by which the vendor says it did not carry the request out (busy, maintenance). */
	notCarriedOutCodes: ReadonlySet<string>;
	/** What an HTTP status means for this vendor, when it says more than the status itself. */
	statusHints?: Readonly<Record<number, { meaning?: string; hint?: string }>>;
	/** Explains a failure the generic mapping would get wrong (icsoc's token failures). */
	explainFailure?(node: INode, error: unknown, itemIndex: number): NodeApiError | undefined;
	retryPolicy?: RetryPolicy;
	/**
	 * The credential fetches tokens (preAuthentication), which n8n renews after a 401. Once the
	 * vendor refused a request even with a fresh token, the node's later requests fail with that
	 * error at once, instead of each fetching another token from a limited daily budget.
	 */
	refreshesToken?: boolean;
}

export interface Endpoint {
	method: IHttpRequestMethods;
	/** Path below the credential's Base URL. */
	path: string;
	/** How the vendor names the call (addBatchCall), for messages. */
	name: string;
	/** Whether sending it twice does no harm. Anything that may place a call or change a campaign is not. */
	idempotent: boolean;
}

export interface RequestParts {
	body?: IDataObject;
	qs?: IDataObject;
	/** The item the request is for (the first one, for pooled requests): errors name it. */
	itemIndex: number;
	/** For a request that is not idempotent: what to check before sending it again. */
	beforeResending?: string;
}

/** A vendor's answer whose code meant success. */
export type Answer = IDataObject;

interface Outcome {
	answer?: unknown;
	error?: unknown;
}

/**
 * Sends one request to `endpoint` and returns the vendor's answer once its envelope says
 * success. Every other end is a NodeApiError naming the vendor, the code and what to do.
 */
export async function apiRequest(
	context: IExecuteFunctions,
	spec: VendorSpec,
	endpoint: Endpoint,
	parts: RequestParts,
): Promise<Answer> {
	const refused = authRefused.get(context)?.get(spec);
	if (refused) throw errorForItem(context.getNode(), refused, parts.itemIndex);
	const policy = spec.retryPolicy ?? DEFAULT_RETRY_POLICY;
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		url: endpoint.path,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
		disableFollowRedirect: true,
	};
	if (parts.body !== undefined) options.body = parts.body;
	if (parts.qs !== undefined) options.qs = parts.qs;

	for (let attempt = 1; ; attempt++) {
		// A fresh copy per attempt: the credentials sign each attempt anew (request ID, time).
		const outcome = await send(context, spec, { ...options });
		const envelope = outcome.error === undefined ? spec.readEnvelope(outcome.answer) : undefined;
		if (envelope?.ok) return outcome.answer as Answer;

		const failure = outcome.error === undefined ? undefined : readHttpFailure(outcome.error);
		// A failure the vendor's spec explains (an icsoc token refused) is final.
		const explained = outcome.error === undefined ? undefined : spec.explainFailure?.(context.getNode(), outcome.error, parts.itemIndex);
		if (explained) throw explained;
		const delivery = deliveryOfOutcome(spec, failure, envelope ?? spec.readEnvelope(parseJsonText(failure?.body)));
		const step = nextStep(policy, endpoint.idempotent, attempt, {
			delivery,
			networkCode: failure?.networkCode,
			retryAfterMs: failure?.retryAfterMs,
		});
		if (step.action === 'retry') {
			await sleep(step.delayMs);
			continue;
		}
		if (step.action === 'outcomeUnknown') throw outcomeUnknownError(context.getNode(), spec, endpoint, parts, failure!);
		const error = await finalError(context, spec, parts.itemIndex, outcome, failure);
		if (spec.refreshesToken && failure?.status === 401) rememberAuthRefused(context, spec, error);
		if (step.action === 'waitTooLong') {
			error.description = sentences([error.description ?? undefined, `${spec.vendor} asked to wait ${Math.ceil(step.retryAfterMs / 1000)} s before trying again`]);
		}
		throw error;
	}
}

/** Per node run (its context), per vendor: the 401 that ended the token's use. */
const authRefused = new WeakMap<IExecuteFunctions, Map<VendorSpec, NodeApiError>>();

function rememberAuthRefused(context: IExecuteFunctions, spec: VendorSpec, error: NodeApiError): void {
	let refusals = authRefused.get(context);
	if (!refusals) authRefused.set(context, (refusals = new Map()));
	refusals.set(spec, error);
}

interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

/**
 * One attempt. HTTP error answers are taken as answers (n8n's thrown errors keep neither the
 * vendor's body nor Retry-After) and come back as `error` in the shape readHttpFailure reads.
 */
async function send(context: IExecuteFunctions, spec: VendorSpec, options: IHttpRequestOptions): Promise<Outcome> {
	const request = context.helpers.httpRequestWithAuthentication;
	try {
		const response = (await request.call(context, spec.credentialType, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FullResponse;
		if (response.statusCode === 401 && spec.refreshesToken) {
			// n8n fetches a new token only for a request that fails with a 401: send it that way once.
			return { answer: parseJsonText(await request.call(context, spec.credentialType, { ...options })) };
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { error: { message: `HTTP ${response.statusCode}`, response: { status: response.statusCode, data: response.body, headers: response.headers } } };
		}
		return { answer: parseJsonText(response.body) };
	} catch (error) {
		return { error };
	}
}

function deliveryOfOutcome(spec: VendorSpec, failure: HttpFailure | undefined, envelope: Envelope | undefined): Delivery {
	if (envelope && !envelope.ok && spec.notCarriedOutCodes.has(envelope.code)) return 'notCarriedOut';
	if (failure === undefined) return 'answered';
	// A vendor error code in an HTTP error answer is the vendor's final word.
	if (envelope && failure.status !== undefined && !spec.notCarriedOutCodes.has(envelope.code)) return 'answered';
	return deliveryOf(failure);
}

/** The error for an attempt after which no other is made. */
async function finalError(
	context: IExecuteFunctions,
	spec: VendorSpec,
	itemIndex: number,
	outcome: Outcome,
	failure: HttpFailure | undefined,
): Promise<NodeApiError> {
	const node = context.getNode();
	if (failure === undefined) {
		const envelope = spec.readEnvelope(outcome.answer);
		if (!envelope) return notAnApiResponseError(node, spec.vendor, outcome.answer, spec.envelopeField, itemIndex);
		return envelopeError(node, spec, envelope, itemIndex);
	}
	if (failure.status !== undefined && failure.status >= 300 && failure.status < 400) {
		return redirectError(node, spec, failure, itemIndex);
	}
	const answer = parseJsonText(failure.body);
	const envelope = spec.readEnvelope(answer);
	if (envelope && !envelope.ok) return envelopeError(node, spec, envelope, itemIndex, failure.status);
	if (failure.status !== undefined) {
		const hints = spec.statusHints?.[failure.status];
		return httpStatusError(node, {
			vendor: spec.vendor,
			status: failure.status,
			answer,
			baseUrlExample: spec.baseUrlExample,
			itemIndex,
			meaning: hints?.meaning,
			hint: hints?.hint,
			vendorMessage: envelope ? `${envelope.code} ${envelope.message ?? ''}`.trim() : undefined,
		});
	}
	const credentials = await context.getCredentials(spec.credentialType, itemIndex);
	return unreachableError(node, spec.vendor, failure, String(credentials.baseUrl ?? ''), itemIndex, spec.ignoreSslOption);
}

function envelopeError(node: INode, spec: VendorSpec, envelope: Envelope, itemIndex: number, httpCode?: number): NodeApiError {
	const meaning = spec.codes ? describeCode(spec.codes, envelope.code) : undefined;
	return vendorApiError(node, {
		vendor: spec.vendor,
		code: envelope.code,
		meaning: meaning ?? (envelope.message || undefined),
		vendorMessage: envelope.message,
		hint: spec.codeHints ? describeCode(spec.codeHints, envelope.code) : undefined,
		reference: envelope.reference,
		httpCode,
		itemIndex,
		response: {
			[spec.envelopeField]: envelope.code,
			message: envelope.message ?? '',
			...(envelope.reference ? { [envelope.reference.label]: envelope.reference.value } : {}),
		},
	});
}

function redirectError(node: INode, spec: VendorSpec, failure: HttpFailure, itemIndex: number): NodeApiError {
	const target = failure.location ? ` to ${failure.location}` : '';
	return vendorApiError(node, {
		vendor: spec.vendor,
		code: `HTTP ${failure.status}`,
		meaning: `redirected${target}`,
		hint: `The request was not followed there, so the credential was not sent to another address. If that address is right, set it as the Base URL in the credential (e.g. ${spec.baseUrlExample}).`,
		httpCode: failure.status,
		itemIndex,
	});
}

function outcomeUnknownError(node: INode, spec: VendorSpec, endpoint: Endpoint, parts: RequestParts, failure: HttpFailure): NodeApiError {
	const what = failure.status !== undefined ? `HTTP ${failure.status}` : (failure.networkCode ?? failure.message);
	const error = new NodeApiError(node, { message: `${endpoint.name}: outcome unknown` }, {
		message: `${spec.vendor} ${endpoint.name}: the outcome is unknown (${what})`,
		description: sentences(['The request may have been carried out before the answer was lost, so it was not sent again', parts.beforeResending]),
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: parts.itemIndex,
	});
	error.message = `${spec.vendor} ${endpoint.name}: the outcome is unknown (${what})`;
	return error;
}

/**
 * The list at `path` (dot-separated) of a success answer. An answer without it is an error
 * naming what is missing, never an empty result.
 */
export function requireList<T = IDataObject>(node: INode, spec: VendorSpec, answer: Answer, path: string, itemIndex: number): T[] {
	let value: unknown = answer;
	for (const key of path.split('.')) {
		value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	}
	if (Array.isArray(value)) return value as T[];
	const error = new NodeApiError(node, { message: `no ${path}` }, {
		message: `${spec.vendor} answered without "${path}"`,
		description: `The answer reported success but holds no list at "${path}", so its records cannot be read. Check the Base URL in the credential; if it is right, the vendor changed its API.`,
		itemIndex,
	});
	error.message = `${spec.vendor} answered without "${path}"`;
	throw error;
}
