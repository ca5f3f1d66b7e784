/**
 * Search CDR (icsoc Autocall, Return All) paging through 10,000 and 100,000 records served by
 * the icsoc emulator (generated per page, so the emulator holds nothing), inside n8n-core.
 *
 * A node that returns every record must hold every record: its output grows with the count,
 * and n8n keeps it. "Flat" means everything else does not grow: while paging, live heap is the
 * output built so far plus a constant. So the bench samples live heap (after a full GC) each
 * time the emulator receives a page request, and subtracts the output built so far (records
 * so far x the output's own bytes per record, measured after the run while n8n holds it).
 * What is left is what the node and n8n hold besides the output: it must stay small and the
 * same for 10x the records. A node keeping raw pages next to decoded copies would show here
 * as a remainder growing with the record count.
 */
import { IcsocEmulator, makeCdrCallId, makeCdrIndexOf, MAX_PER_PAGE } from '../../test/emulators/icsocEmulator';
import { newCredentialsHelper, runNode, type RunNodeResult } from '../../test/harness/n8nRunner';
import { liveHeapBytes, megabytes, passFail, signedMegabytes } from './measure';

const account = { clientId: 'bench-client', clientSecret: 'bench-client-secret', username: '1001|8001', password: 'bench-pass' };
const SMALL = 10_000;
const LARGE = 100_000;
const SAMPLES_PER_RUN = 25;
const RELEASE_WAIT_LIMIT_MS = 10_000;

/** Thresholds: the non-output remainder while paging 100,000 records, and its growth from 10,000. */
const MAX_REMAINDER_BYTES = 4 * 1024 * 1024;
const MAX_REMAINDER_GROWTH_BYTES = 2 * 1024 * 1024;
/** Heap left once the result is released (a leak would stay), waiting up to RELEASE_WAIT_LIMIT_MS. */
const MAX_LEFT_AFTER_RELEASE_BYTES = 2 * 1024 * 1024;

interface PagingResult {
	records: number;
	requests: number;
	ms: number;
	/** Live heap after the run while the output is held, minus the baseline, per record. */
	outputBytesPerRecord: number;
	outputBytes: number;
	/** Largest (live heap - baseline - records so far x outputBytesPerRecord) while paging. */
	peakRemainderBytes: number;
	/** Live heap over the baseline once the run's result is released (and collected). */
	leftAfterReleaseBytes: number;
	releaseWaitMs: number;
}

/** Live heap over `baseline`, collected every 50 ms until it is within the release threshold or the limit passes. */
async function released(baseline: number): Promise<{ leftAfterReleaseBytes: number; releaseWaitMs: number }> {
	const started = Date.now();
	for (;;) {
		const leftAfterReleaseBytes = liveHeapBytes() - baseline;
		const releaseWaitMs = Date.now() - started;
		if (leftAfterReleaseBytes <= MAX_LEFT_AFTER_RELEASE_BYTES || releaseWaitMs >= RELEASE_WAIT_LIMIT_MS) {
			return { leftAfterReleaseBytes, releaseWaitMs };
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** All records, in order, decoded. */
function checkOutput({ items, error }: RunNodeResult, count: number): void {
	if (error || items.length !== count || items[count - 1].json.callId !== makeCdrCallId(count - 1) || items[0].json.callresultLabel === undefined) {
		throw new Error(`CDR search failed: ${error?.message ?? `${items.length} records`}`);
	}
}

export async function benchCdrMemory(): Promise<void> {
	const emulator = await new IcsocEmulator(account).start();
	try {
		const credentials = {
			icsocAutocallApi: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' },
		};
		// One helper for all runs keeps the token, as n8n's database would.
		const credentialsHelper = newCredentialsHelper(credentials);

		const pageThrough = async (count: number): Promise<PagingResult> => {
			emulator.generatedCdrCount = count;
			const pages = Math.ceil(count / MAX_PER_PAGE);
			const sampleEvery = Math.max(1, Math.floor(pages / SAMPLES_PER_RUN));
			const samples: Array<{ recordsSoFar: number; heap: number }> = [];
			let requests = 0;
			emulator.onSearch = ({ searchAfter }) => {
				// The emulator's own request log is not the node's memory.
				emulator.requests.length = 0;
				emulator.searches.length = 0;
				requests++;
				if (requests % sampleEvery !== 0) return;
				// The cursor is the callId of the last record handed out: that record's index + 1 so far.
				const recordsSoFar = typeof searchAfter === 'string' ? (makeCdrIndexOf(searchAfter) ?? -1) + 1 : 0;
				samples.push({ recordsSoFar, heap: liveHeapBytes() });
			};
			const baseline = liveHeapBytes();
			// The run lives in its own async function: once it returns, no frame of ours can still
			// point at the result, so the heap measured next is what stays after n8n lets go of it.
			const { ms, outputBytes } = await (async () => {
				const started = process.hrtime.bigint();
				const result = await runNode({
					nodeType: 'icsocAutocall',
					parameters: { resource: 'cdr', operation: 'search', returnAll: true },
					credentials,
					credentialsHelper,
				});
				const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
				emulator.onSearch = undefined;
				checkOutput(result, count);
				return { ms: elapsedMs, outputBytes: liveHeapBytes() - baseline };
			})();
			const outputBytesPerRecord = outputBytes / count;
			// The finished execution is not freed by the first full GC: V8 lets go of it over a few
			// collections (about 1-2 s after 100,000 records; a heap snapshot then finds no path to
			// the records), so keep collecting until it is gone or the limit is reached.
			const { leftAfterReleaseBytes, releaseWaitMs } = await released(baseline);
			const peakRemainderBytes = Math.max(...samples.map((s) => s.heap - baseline - s.recordsSoFar * outputBytesPerRecord));
			return { records: count, requests, ms, outputBytes, outputBytesPerRecord, peakRemainderBytes, leftAfterReleaseBytes, releaseWaitMs };
		};

		await pageThrough(SMALL); // warm-up: code, token, connection pool
		const small = await pageThrough(SMALL);
		const large = await pageThrough(LARGE);

		console.log('3. Search CDR (icsoc Autocall, Return All) through generated records in n8n-core, live heap after full GCs');
		console.log(`  (sampled at ${SAMPLES_PER_RUN} page requests per run; times include those GCs):`);
		console.log('  A node returning all records must hold them (n8n keeps its output), so the output grows with the count.');
		console.log('  "Flat" = everything else does not: while paging, live heap minus the output built so far (the remainder)');
		console.log('  stays small and does not grow with 10x the records; and nothing stays once the output is released.');
		for (const run of [small, large]) {
			console.log(
				`  ${run.records.toLocaleString('en').padStart(7)} records, ${run.requests} pages, ${(run.ms / 1000).toFixed(1)} s: ` +
					`output ${megabytes(run.outputBytes)} (${run.outputBytesPerRecord.toFixed(0)} bytes/record); ` +
					`peak remainder while paging ${megabytes(run.peakRemainderBytes)}; left after release ${megabytes(run.leftAfterReleaseBytes)} ` +
					`(after ${run.releaseWaitMs} ms of collecting)`,
			);
		}
		const growth = large.peakRemainderBytes - small.peakRemainderBytes;
		const flat =
			large.peakRemainderBytes <= MAX_REMAINDER_BYTES &&
			growth <= MAX_REMAINDER_GROWTH_BYTES &&
			large.leftAfterReleaseBytes <= MAX_LEFT_AFTER_RELEASE_BYTES;
		const perExtraRecord = growth / (LARGE - SMALL);
		console.log(
			`  remainder at ${LARGE.toLocaleString('en')}: ${megabytes(large.peakRemainderBytes)}, ${signedMegabytes(growth)} vs ${SMALL.toLocaleString('en')} ` +
				`(${perExtraRecord.toFixed(1)} bytes per extra record held beyond the output)`,
		);
		console.log(
			`  target: memory flat at ${LARGE.toLocaleString('en')} records = remainder <= ${megabytes(MAX_REMAINDER_BYTES)}, ` +
				`grows <= ${megabytes(MAX_REMAINDER_GROWTH_BYTES)} from ${SMALL.toLocaleString('en')}, left after release <= ${megabytes(MAX_LEFT_AFTER_RELEASE_BYTES)}: ${passFail(flat)}`,
		);
	} finally {
		await emulator.stop();
	}
}
