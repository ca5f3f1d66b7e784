/**
 * Turning failures into node errors that tell the user what to fix, shared by every vendor.
 *
 * Errors built here carry only what is safe to show: the vendor's answer, never the request
 * (whose headers hold tokens and signatures).
 */
import type { IDataObject, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { explainNetworkFailure, type HttpFailure } from './httpFailure';

export interface VendorErrorDetails {
	/** Product name as users know it, e.g. "NXCloud Callbot". */
	vendor: string;
	/** The vendor's error code (retCode, code, returnCode, or the HTTP status). */
	code: string | number;
	/** What the code means, from the vendor's code table. */
	meaning?: string;
	/** The vendor's own message (retMsg, message, resultDesc). */
	vendorMessage?: string;
	/** The vendor's request reference, to quote to their support. */
	reference?: { label: string; value: string };
	/** What the user can do about it. */
	hint?: string;
	httpCode?: number;
	itemIndex?: number;
	/** The vendor's response body, kept in the error's context for the user to inspect. */
	response?: IDataObject;
}

/** A NodeApiError naming the vendor, its code and what the code means. */
export function vendorApiError(node: INode, details: VendorErrorDetails): NodeApiError {
	const { vendor, code, meaning, vendorMessage, reference, hint, httpCode, itemIndex, response } = details;
	const message = `${vendor} error ${code}${meaning ? `: ${meaning}` : ''}`;
	const description = sentences([
		vendorMessage && vendorMessage !== meaning ? `${vendor} says: "${vendorMessage}"` : undefined,
		hint,
		reference ? `When contacting ${vendor} support, quote ${reference.label} ${reference.value}` : undefined,
	]);
	const errorResponse: JsonObject = { vendorCode: String(code), ...(response ?? {}) } as JsonObject;
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: description || undefined,
		httpCode: httpCode !== undefined ? String(httpCode) : undefined,
		itemIndex,
	});
	// NodeApiError reads `code`-like fields for its own wording; ours is already final.
	error.message = message;
	return error;
}

/**
 * Parts of a description as one paragraph: n8n shows a description as one block of text and
 * drops line breaks, so each part is a sentence of its own.
 */
export function sentences(parts: Array<string | undefined | false>): string {
	return parts
		.filter((part): part is string => typeof part === 'string' && part.trim() !== '')
		.map((part) => part.trim().replace(/([^.!?:])$/, '$1.'))
		.join(' ');
}

/** The start of a vendor's answer, as text, for a message. */
export function describeAnswer(answer: unknown): string {
	const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
	return String(text ?? '').slice(0, 300);
}

export interface HttpStatusErrorDetails {
	vendor: string;
	status: number;
	/** The body of the answer, parsed when it was JSON. */
	answer: unknown;
	/** A Base URL to show in the hint for a 404, e.g. https://nxbot.nxcloud.com */
	baseUrlExample: string;
	itemIndex: number;
	/** Overrides for what a status means for this vendor. */
	meaning?: string;
	hint?: string;
	vendorMessage?: string;
}

/** A server that answered with an HTTP error rather than one of the vendor's own codes. */
export function httpStatusError(node: INode, details: HttpStatusErrorDetails): NodeApiError {
	const { vendor, status, answer, baseUrlExample, itemIndex } = details;
	return vendorApiError(node, {
		vendor,
		code: `HTTP ${status}`,
		meaning: details.meaning ?? (status === 404 ? 'endpoint not found' : undefined),
		vendorMessage: details.vendorMessage ?? (describeAnswer(answer) || undefined),
		hint:
			details.hint ??
			(status === 404
				? `Check the Base URL in the credential: scheme, host and port only, e.g. ${baseUrlExample}`
				: undefined),
		httpCode: status,
		itemIndex,
	});
}

/** No answer at all (refused, unresolvable, timed out, certificate refused): what to check. */
export function unreachableError(
	node: INode,
	vendor: string,
	failure: HttpFailure,
	baseUrl: string,
	itemIndex: number,
	ignoreSslOption?: string,
): NodeApiError {
	const message = `Could not reach ${vendor}: ${failure.networkCode ?? failure.message}`;
	const description = explainNetworkFailure(failure, baseUrl, ignoreSslOption);
	const error = new NodeApiError(node, { message: failure.message }, { message, description, itemIndex });
	// NodeApiError swaps in its own generic wording for messages naming ECONNREFUSED and the like.
	error.message = message;
	return error;
}

/** An answer that is not the vendor's JSON (a proxy's page, a wrong host): say what came. */
export function notAnApiResponseError(node: INode, vendor: string, answer: unknown, expectedField: string, itemIndex: number): NodeApiError {
	return new NodeApiError(node, { message: 'unexpected answer' }, {
		message: `${vendor} answered with something that is not an API response`,
		description: `Expected JSON with a ${expectedField}; got: ${describeAnswer(answer)}. Check the Base URL in the credential.`,
		itemIndex,
	});
}

/** Message of anything thrown. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** A NodeOperationError for a bad parameter value of one item. */
export function invalidParameter(
	node: INode,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description });
}

/**
 * The output item n8n's "Continue On Fail" expects for a failed input item: the error's
 * message (and description) in `json.error`, paired to that item.
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: messageOf(error) };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Re-targets an error at another item (batched requests fail for every item they serve),
 * or wraps a non-n8n error. Keeps message and description.
 */
export function errorForItem(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const isN8nError = error instanceof NodeApiError || error instanceof NodeOperationError;
	if (isN8nError && error.context.itemIndex === itemIndex) return error;
	if (error instanceof NodeApiError) {
		const copy = new NodeApiError(node, { message: error.message } as JsonObject, {
			message: error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
		copy.context = { ...error.context, itemIndex };
		// NodeApiError rewords messages naming a network code (ECONNREFUSED ...); ours is final.
		copy.message = error.message;
		return copy;
	}
	if (error instanceof NodeOperationError) {
		const copy = new NodeOperationError(node, error.message, {
			description: error.description ?? undefined,
			itemIndex,
		});
		copy.context = { ...error.context, itemIndex };
		return copy;
	}
	return new NodeOperationError(node, messageOf(error), { itemIndex });
}
