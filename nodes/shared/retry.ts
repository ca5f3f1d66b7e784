/**
 * When to send a request again. Pure: the request engine passes in what happened, this says
 * whether another attempt is safe and when.
 *
 * The rule that keeps a call from being placed twice: a request that is not idempotent (it may
 * place calls or change a campaign) is sent again only when it provably never reached the
 * vendor, or the vendor said it did nothing. Any other failure leaves its outcome unknown.
 */

/** How far a failed attempt got, as far as the client can tell. */
export type Delivery =
	/** Never reached the vendor's server (refused connection, unknown host, TLS refused). */
	| 'notSent'
	/** The vendor answered that it did not carry the request out (rate limit, busy, maintenance). */
	| 'notCarriedOut'
	/** May have been carried out: the answer was lost or came from a gateway (reset, timeout, 502, 504). */
	| 'ambiguous'
	/** The vendor answered, and another attempt would get the same answer (4xx, its error codes). */
	| 'answered';

export interface RetryPolicy {
	/** Total attempts, first included. */
	maxAttempts: number;
	/** Delay before the second attempt; doubles each time. */
	baseDelayMs: number;
	/** Upper bound of one backoff delay. */
	maxDelayMs: number;
	/** Lower bound of every delay (iSales wants at least 1 s between requests). */
	minDelayMs: number;
	/** The longest Retry-After honoured; a vendor asking for more gets no further attempt. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	minDelayMs: 0,
	maxRetryAfterMs: 30_000,
};

/** Delay before attempt `attempt + 1` (attempt counts from 1), without a Retry-After. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
	return Math.max(policy.minDelayMs, Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/** Network error codes after which nothing reached the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Of those, the ones worth another try (a server restarting, a passing DNS failure); an unknown host is a set-up error. */
const PASSING_NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
/** HTTP statuses by which the server says it did not carry the request out. */
const NOT_CARRIED_OUT_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** HTTP statuses after which the request may or may not have been carried out. */
const AMBIGUOUS_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 504]);

/** How far an attempt got, from its HTTP status or, without one, its network error code. */
export function deliveryOf(failure: { status?: number; networkCode?: string }): Delivery {
	const { status, networkCode } = failure;
	if (status !== undefined) {
		if (NOT_CARRIED_OUT_STATUSES.has(status)) return 'notCarriedOut';
		return AMBIGUOUS_STATUSES.has(status) ? 'ambiguous' : 'answered';
	}
	if (networkCode !== undefined && (NOT_SENT_CODES.has(networkCode) || /CERT|SSL|TLS/.test(networkCode))) return 'notSent';
	// A reset, a timeout, or an error we cannot place: the request may have arrived.
	return 'ambiguous';
}

export type NextStep =
	| { action: 'retry'; delayMs: number }
	| { action: 'stop' }
	/** A non-idempotent request that may have been carried out: never sent again on a guess. */
	| { action: 'outcomeUnknown' }
	/** The vendor asked to wait longer than the policy allows. */
	| { action: 'waitTooLong'; retryAfterMs: number };

export interface FailedAttempt {
	delivery: Delivery;
	networkCode?: string;
	/** The wait the vendor asked for (Retry-After), if it did. */
	retryAfterMs?: number;
}

/** What to do after attempt number `attempt` (from 1) failed. */
export function nextStep(policy: RetryPolicy, idempotent: boolean, attempt: number, failed: FailedAttempt): NextStep {
	const { delivery, networkCode, retryAfterMs } = failed;
	if (delivery === 'ambiguous' && !idempotent) return { action: 'outcomeUnknown' };
	const worthRetrying =
		delivery === 'notCarriedOut' ||
		delivery === 'ambiguous' ||
		(delivery === 'notSent' && networkCode !== undefined && PASSING_NOT_SENT_CODES.has(networkCode));
	if (!worthRetrying || attempt >= policy.maxAttempts) return { action: 'stop' };
	if (retryAfterMs !== undefined) {
		if (retryAfterMs > policy.maxRetryAfterMs) return { action: 'waitTooLong', retryAfterMs };
		return { action: 'retry', delayMs: Math.max(policy.minDelayMs, retryAfterMs) };
	}
	return { action: 'retry', delayMs: backoffDelay(policy, attempt) };
}

/**
 * A Retry-After header in milliseconds: delay-seconds, or an HTTP date (relative to `now`).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: unknown, now: number = Date.now()): number | undefined {
	const text = Array.isArray(header) ? header[0] : header;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const value = String(text).trim();
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
