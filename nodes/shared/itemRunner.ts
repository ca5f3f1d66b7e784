/**
 * The item loop every operation shares: reading each input item, pairing every output item to
 * the item it came from, and n8n's error policy. With "Continue On Fail" a failing item becomes
 * an output item holding its error and the others go on; without it the node fails with the
 * error pinned to its item, and no further request starts.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { firstItemIndexOf, itemIndexesOf, poolRequests, runWithConcurrency, type Batch, type Pool, type PooledValue } from './batching';
import { errorForItem, errorItem } from './errors';

/**
 * Runs `work` once per input item, one after another. Its JSON results are paired to the item.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const output: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let results: IDataObject | IDataObject[];
		try {
			results = await work(itemIndex);
		} catch (error) {
			if (!continueOnFail) throw errorForItem(context.getNode(), error, itemIndex);
			output.push(errorItem(error, itemIndex));
			continue;
		}
		if (!Array.isArray(results)) results = [results];
		for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
	}
	return output;
}

/**
 * An operation whose items' values travel pooled: many items' IDs in one request, as many as
 * the vendor takes (List Order Details, Add Calls).
 */
export interface PooledOperation<A> {
	/** The item's values and the key they must share a request by; throws for bad input. */
	readItem(itemIndex: number): { key: string; values: string[] };
	maxPerRequest: number;
	concurrentRequests: number;
	/** Sends one batch and gives each of its values its answer (`pooled.answer`). */
	sendBatch(batch: Batch<A>, pool: Pool<A>): Promise<void>;
	/** Appends the item's output items, given its values in the order it listed them. */
	emitItem(output: INodeExecutionData[], itemIndex: number, key: string, values: Array<PooledValue<A>>): void;
}

export async function runPooled<A>(context: IExecuteFunctions, operation: PooledOperation<A>): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const count = context.getInputData().length;

	// 1. Every item's values, checked before anything is sent.
	const requests: Array<{ key: string; values: string[]; itemIndex: number }> = [];
	const failures = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			requests.push({ ...operation.readItem(itemIndex), itemIndex });
		} catch (error) {
			if (!continueOnFail) throw errorForItem(node, error, itemIndex);
			failures.set(itemIndex, error);
		}
	}

	// 2. Pooled requests. A failed batch fails every item it serves.
	const pool = poolRequests<A>(requests, operation.maxPerRequest);
	const batchFailures = await runWithConcurrency(pool.batches, operation.concurrentRequests, !continueOnFail, (batch) =>
		operation.sendBatch(batch, pool),
	);
	for (const [batch, error] of batchFailures) {
		if (!continueOnFail) throw errorForItem(node, error, firstItemIndexOf(batch));
		for (const itemIndex of itemIndexesOf(batch)) if (!failures.has(itemIndex)) failures.set(itemIndex, error);
	}

	// 3. Output in input order; requests are in item order, so one cursor walks them.
	const output: INodeExecutionData[] = [];
	let nextRequest = 0;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const requestIndex = requests[nextRequest]?.itemIndex === itemIndex ? nextRequest++ : undefined;
		const error = failures.get(itemIndex);
		if (error !== undefined) output.push(errorItem(error, itemIndex));
		else if (requestIndex !== undefined) {
			operation.emitItem(output, itemIndex, requests[requestIndex].key, pool.valuesOfRequest[requestIndex]);
		}
	}
	return output;
}
