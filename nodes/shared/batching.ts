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

export interface PooledValue<A = unknown> {
	value: string;
	/** Every input item that asked for this value, in input order. */
	itemIndexes: number[];
	/** The vendor's answer for this value, once it came (see attachAnswers). */
	answer?: A;
}

export interface Batch<A = unknown> {
	key: string;
	values: Array<PooledValue<A>>;
}

export interface Pool<A = unknown> {
	batches: Array<Batch<A>>;
	/**
	 * For each request, in the order given: its pooled values in the order it listed them,
	 * without repeats. Emitting through these needs no lookup by ID.
	 */
	valuesOfRequest: Array<Array<PooledValue<A>>>;
	/** The pooled value of `value` under `key`, if any request asked for it. */
	find(key: string, value: string): PooledValue<A> | undefined;
}

/**
 * Groups the requests (at most one per item, in item order) by key, de-duplicates values
 * within a key (the vendor answers each once) and splits every group into batches of at most
 * `maxPerBatch` values. Order is kept: keys and values appear in the order the items first
 * asked for them.
 */
export function poolRequests<A = unknown>(requests: ItemRequest[], maxPerBatch: number): Pool<A> {
	if (!Number.isInteger(maxPerBatch) || maxPerBatch < 1) {
		throw new RangeError(`maxPerBatch must be a positive integer, got ${maxPerBatch}`);
	}
	const groups = new Map<string, Map<string, PooledValue<A>>>();
	const valuesOfRequest: Array<Array<PooledValue<A>>> = [];
	for (const { key, values, itemIndex } of requests) {
		let group = groups.get(key);
		if (!group) {
			group = new Map();
			groups.set(key, group);
		}
		const own: Array<PooledValue<A>> = [];
		for (const value of values) {
			let pooled = group.get(value);
			if (!pooled) {
				group.set(value, (pooled = { value, itemIndexes: [itemIndex] }));
			} else if (pooled.itemIndexes[pooled.itemIndexes.length - 1] !== itemIndex) {
				pooled.itemIndexes.push(itemIndex);
			} else {
				continue; // this item listed it twice
			}
			own.push(pooled);
		}
		valuesOfRequest.push(own);
	}
	const batches: Array<Batch<A>> = [];
	for (const [key, group] of groups) {
		const pooled = [...group.values()];
		for (let start = 0; start < pooled.length; start += maxPerBatch) {
			batches.push({ key, values: pooled.slice(start, start + maxPerBatch) });
		}
	}
	return { batches, valuesOfRequest, find: (key, value) => groups.get(key)?.get(value) };
}

/** The batches of poolRequests, for operations that need no answers matched to values. */
export function poolIntoBatches(requests: ItemRequest[], maxPerBatch: number): Batch[] {
	return poolRequests(requests, maxPerBatch).batches;
}

/**
 * Gives each record of a batch's answer to the pooled value it answers. Vendors usually answer
 * in the order asked, so each record is first tried against the next value in the batch and
 * looked up by ID only when that fails. Records for values nobody asked for are left out.
 */
export function attachAnswers<A>(pool: Pool<A>, batch: Batch<A>, records: readonly A[], idOf: (record: A) => string): void {
	let next = 0;
	for (const record of records) {
		const id = idOf(record);
		let pooled: PooledValue<A> | undefined = batch.values[next];
		if (pooled?.value === id) next++;
		else pooled = pool.find(batch.key, id);
		if (pooled) pooled.answer = record;
	}
}

/** The lowest item index a batch serves (the first value's first asker: values keep first-ask order). */
export function firstItemIndexOf(batch: Batch): number {
	return batch.values[0]?.itemIndexes[0] ?? 0;
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
			// Separators include the full-width comma and semicolon a Chinese input method types.
			for (const part of value.split(/[\s,;\uFF0C\uFF1B]+/)) if (part !== '') parts.push(part);
			return;
		}
		throw new TypeError(`expected a string, a number or a list of them, got ${typeof value}`);
	};
	visit(input);
	return parts;
}

/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight, keeping the result order.
 * The first rejection rejects the whole run; no task starts after it (those already started
 * finish in the background).
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	const failures = await runWithConcurrency(inputs, limit, true, async (input, index) => {
		results[index] = await task(input, index);
	});
	for (const failure of failures.values()) throw failure;
	return results;
}

/**
 * Runs `task` over `inputs` with at most `limit` in flight and returns the failures by input.
 * With `stopOnFailure`, no task starts once one has failed (those in flight finish): a failed
 * node must not go on sending requests, some of which may place calls.
 */
export async function runWithConcurrency<T>(
	inputs: readonly T[],
	limit: number,
	stopOnFailure: boolean,
	task: (input: T, index: number) => Promise<void>,
): Promise<Map<T, unknown>> {
	const failures = new Map<T, unknown>();
	let next = 0;
	const worker = async () => {
		while (next < inputs.length && !(stopOnFailure && failures.size > 0)) {
			const index = next++;
			try {
				await task(inputs[index], index);
			} catch (error) {
				failures.set(inputs[index], error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
	return failures;
}
