/**
 * Paging plan for iSales bulk call results: page sizes per the documented limits, and the
 * schedule of the remaining pages (at most 10 requests at once, batches at least 1 s apart).
 * Pure: the caller passes the sleep function and the clock.
 */

export const MAX_PAGE_SIZE_WITH_DETAIL = 100;
export const MAX_PAGE_SIZE_WITHOUT_DETAIL = 500;
export const MAX_CONCURRENT_REQUESTS = 10;
export const MIN_BATCH_SPACING_MS = 1000;

export function maxPageSize(showDetail: boolean): number {
	return showDetail ? MAX_PAGE_SIZE_WITH_DETAIL : MAX_PAGE_SIZE_WITHOUT_DETAIL;
}

/** Page numbers after page 1 needed to read `totalCount` results (or the first `wanted`). */
export function remainingPages(totalCount: number, pageSize: number, wanted = Infinity): number[] {
	const needed = Math.min(Math.max(0, Math.floor(totalCount)), wanted);
	const pages = Math.ceil(needed / pageSize);
	return Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
}

/** Splits `values` into consecutive groups of at most `size`. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
	const groups: T[][] = [];
	for (let start = 0; start < values.length; start += size) groups.push(values.slice(start, start + size));
	return groups;
}

export interface BatchSchedule {
	concurrency: number;
	spacingMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
	/** When the previous request batch started (e.g. page 1), to keep spacing from it too. */
	previousBatchStart?: number;
}

/**
 * Fetches `pages` in batches of at most `concurrency` parallel requests, each batch starting
 * at least `spacingMs` after the previous one started. Results keep the order of `pages`.
 */
export async function fetchInSpacedBatches<T>(
	pages: readonly number[],
	schedule: BatchSchedule,
	fetchPage: (page: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	let previousStart = schedule.previousBatchStart;
	for (const batch of chunk(pages, Math.max(1, schedule.concurrency))) {
		if (previousStart !== undefined) {
			const wait = previousStart + schedule.spacingMs - schedule.now();
			if (wait > 0) await schedule.sleep(wait);
		}
		previousStart = schedule.now();
		results.push(...(await Promise.all(batch.map(fetchPage))));
	}
	return results;
}
