/**
 * Retrying transient failures with exponential backoff. Pure: the caller passes the sleep
 * function (n8n-workflow's `sleep` in nodes, which n8n Cloud allows; a fake in tests).
 */

export interface RetryPolicy {
	/** Total attempts, first included. */
	maxAttempts: number;
	/** Delay before the second attempt; doubles each time. */
	baseDelayMs: number;
	/** Upper bound of one delay. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Calls `attempt` until it returns a result `isTransient` does not flag, or throws an error
 * `isTransient` does not flag, or attempts run out (then the last result/error stands).
 */
export async function withRetries<T>(
	policy: RetryPolicy,
	sleep: (ms: number) => Promise<void>,
	isTransient: (outcome: { result?: T; error?: unknown }) => boolean,
	attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
	for (let n = 1; ; n++) {
		let outcome: { result: T } | { error: unknown };
		try {
			outcome = { result: await attempt(n) };
		} catch (error) {
			outcome = { error };
		}
		const last = n >= policy.maxAttempts || !isTransient(outcome);
		if (last && 'error' in outcome) throw outcome.error;
		if (last && 'result' in outcome) return outcome.result;
		await sleep(backoffDelay(policy, n));
	}
}

/** One HTTP exchange: the response, or what the request helper threw. */
export interface Attempt<R> {
	response?: R;
	failure?: unknown;
}

/**
 * Calls `send` again while `isTransient` flags its outcome, within `policy`. Never throws: a
 * failure comes back in `failure`, for the vendor's transport to explain.
 */
export async function sendWithRetries<R>(
	policy: RetryPolicy,
	sleep: (ms: number) => Promise<void>,
	send: () => Promise<R>,
	isTransient: (attempt: Attempt<R>) => boolean,
): Promise<Attempt<R>> {
	return await withRetries<Attempt<R>>(
		policy,
		sleep,
		({ result }) => result !== undefined && isTransient(result),
		async () => {
			try {
				return { response: await send() };
			} catch (failure) {
				return { failure };
			}
		},
	);
}

/** HTTP statuses worth another try: rate limited, or the server/gateway is briefly down. */
export const TRANSIENT_HTTP_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Network error codes worth another try. */
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
]);
