/**
 * Pooling of per-item values into vendor-sized batches.
 *
 * Vendor APIs accept many IDs per request (NXCloud: 500 order IDs). n8n hands a node one
 * item per ID, so a node that sends one request per item is hundreds of times slower than
 * it needs to be. These helpers pool the values of all items, keep track of which items
 * asked for which value (for `pairedItem`), and cut the pool into batches.
 */

export interface ItemRequest {
	/** Values must share this key to travel in one request (e.g. the userTaskId). */
	key: string;
	values: string[];
	itemIndex: number;
}

export interface PooledValue {
	value: string;
	/** Every input item that asked for this value, in input order. */
	itemIndexes: number[];
}

export interface Batch {
	key: string;
	values: PooledValue[];
}

/**
 * Groups the requests by key, de-duplicates values within a key (the vendor answers each
 * once) and splits every group into batches of at most `maxPerBatch` values.
 * Order is kept: keys and values appear in the order the items first asked for them.
 */
export function poolIntoBatches(requests: ItemRequest[], maxPerBatch: number): Batch[] {
	if (!Number.isInteger(maxPerBatch) || maxPerBatch < 1) {
		throw new RangeError(`maxPerBatch must be a positive integer, got ${maxPerBatch}`);
	}
	const groups = new Map<string, Map<string, PooledValue>>();
	for (const { key, values, itemIndex } of requests) {
		let group = groups.get(key);
		if (!group) {
			group = new Map();
			groups.set(key, group);
		}
		for (const value of values) {
			const pooled = group.get(value);
			if (!pooled) {
				group.set(value, { value, itemIndexes: [itemIndex] });
			} else if (pooled.itemIndexes[pooled.itemIndexes.length - 1] !== itemIndex) {
				pooled.itemIndexes.push(itemIndex);
			}
		}
	}
	const batches: Batch[] = [];
	for (const [key, group] of groups) {
		const pooled = [...group.values()];
		for (let start = 0; start < pooled.length; start += maxPerBatch) {
			batches.push({ key, values: pooled.slice(start, start + maxPerBatch) });
		}
	}
	return batches;
}

/** Every item index a batch serves, ascending and without repeats. */
export function itemIndexesOf(batch: Batch): number[] {
	const indexes = new Set<number>();
	for (const pooled of batch.values) for (const index of pooled.itemIndexes) indexes.add(index);
	return [...indexes].sort((a, b) => a - b);
}

/**
 * Splits a user-typed list of IDs: a comma/semicolon/whitespace separated string, a number,
 * or an array of those (as an expression may return). Empty entries are dropped.
 */
export function parseIdList(input: unknown): string[] {
	const parts: string[] = [];
	const visit = (value: unknown) => {
		if (value === null || value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach(visit);
			return;
		}
		if (typeof value === 'number' || typeof value === 'bigint') {
			parts.push(String(value));
			return;
		}
		if (typeof value === 'string') {
			for (const part of value.split(/[\s,;，；]+/)) if (part !== '') parts.push(part);
			return;
		}
		throw new TypeError(`expected a string, a number or a list of them, got ${typeof value}`);
	};
	visit(input);
	return parts;
}

/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight, keeping the result order.
 * The first rejection rejects the whole run (tasks already started finish in the background).
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker);
	await Promise.all(workers);
	return results;
}
