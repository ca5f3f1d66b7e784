/** Timing and heap helpers shared by the bench sections. */

export async function timed(work: () => Promise<unknown>): Promise<number> {
	const started = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Best of `runs` in ms, after one warm-up, so JIT and connection set-up do not decide the ratio. */
export async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
	await work();
	let fastest = Infinity;
	for (let run = 0; run < runs; run++) fastest = Math.min(fastest, await timed(work));
	return fastest;
}

export const ratio = (a: number, b: number) => (a / b).toFixed(2);

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const signedMegabytes = (bytes: number) => `${bytes < 0 ? '-' : '+'}${megabytes(Math.abs(bytes))}`;

/** A full garbage collection, now. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run node with --expose-gc (npm run bench does)');
	gc();
}

/** Bytes of live objects on the V8 heap: heapUsed right after a full collection. */
export function liveHeapBytes(): number {
	collectGarbage();
	return process.memoryUsage().heapUsed;
}

export const passFail = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
