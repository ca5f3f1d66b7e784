/**
 * Turning failures into node errors that tell the user what to fix, shared by every vendor.
 *
 * Errors built here carry only what is safe to show: the vendor's answer, never the request
 * (whose headers hold tokens and signatures).
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
	const description = [
		vendorMessage && vendorMessage !== meaning ? `${vendor} says: ${vendorMessage}` : undefined,
		hint,
		reference ? `${reference.label}: ${reference.value} (quote it when contacting ${vendor} support)` : undefined,
	]
		.filter(Boolean)
		.join('\n');
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
	if (error instanceof NodeApiError) {
		const copy = new NodeApiError(node, { message: error.message } as JsonObject, {
			message: error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
		copy.context = { ...error.context, itemIndex };
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

/**
 * Runs `work` for one item; on failure either throws the error (pinned to the item) or,
 * with "Continue On Fail", returns the error item so the run goes on.
 */
export async function perItem(
	context: IExecuteFunctions,
	itemIndex: number,
	work: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		return await work();
	} catch (error) {
		if (context.continueOnFail()) return [errorItem(error, itemIndex)];
		throw errorForItem(context.getNode(), error, itemIndex);
	}
}
