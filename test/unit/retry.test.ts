import { explainNetworkFailure, readHttpFailure } from '../../nodes/shared/httpFailure';
import { backoffDelay, DEFAULT_RETRY_POLICY, deliveryOf, nextStep, parseRetryAfter, type Delivery } from '../../nodes/shared/retry';

const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 };

describe('deliveryOf: how far a failed attempt got', () => {
	test.each<[string, { status?: number; networkCode?: string }, Delivery]>([
		['connection refused', { networkCode: 'ECONNREFUSED' }, 'notSent'],
		['unknown host', { networkCode: 'ENOTFOUND' }, 'notSent'],
		['passing DNS failure', { networkCode: 'EAI_AGAIN' }, 'notSent'],
		['certificate refused', { networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'notSent'],
		['rate limited', { status: 429 }, 'notCarriedOut'],
		['unavailable', { status: 503 }, 'notCarriedOut'],
		['gateway timeout after forwarding', { status: 504 }, 'ambiguous'],
		['bad gateway', { status: 502 }, 'ambiguous'],
		['server error', { status: 500 }, 'ambiguous'],
		['reset after sending', { networkCode: 'ECONNRESET' }, 'ambiguous'],
		['timed out', { networkCode: 'ECONNABORTED' }, 'ambiguous'],
		['no code at all', {}, 'ambiguous'],
		['bad request', { status: 400 }, 'answered'],
		['redirect', { status: 307 }, 'answered'],
	])('%s: %o is %s', (_, failure, delivery) => {
		expect(deliveryOf(failure)).toBe(delivery);
	});
});

describe('nextStep: never a second call on a guess', () => {
	test('a request that may have been carried out is retried only when idempotent', () => {
		expect(nextStep(policy, true, 1, { delivery: 'ambiguous' })).toEqual({ action: 'retry', delayMs: 100 });
		expect(nextStep(policy, false, 1, { delivery: 'ambiguous' })).toEqual({ action: 'outcomeUnknown' });
	});

	test('what the vendor did not carry out or never got is retried either way; an unknown host is a set-up error', () => {
		for (const idempotent of [true, false]) {
			expect(nextStep(policy, idempotent, 1, { delivery: 'notCarriedOut' }).action).toBe('retry');
			expect(nextStep(policy, idempotent, 1, { delivery: 'notSent', networkCode: 'EAI_AGAIN' }).action).toBe('retry');
			expect(nextStep(policy, idempotent, 1, { delivery: 'notSent', networkCode: 'ECONNREFUSED' }).action).toBe('retry');
			expect(nextStep(policy, idempotent, 1, { delivery: 'notSent', networkCode: 'ENOTFOUND' }).action).toBe('stop');
			expect(nextStep(policy, idempotent, 1, { delivery: 'notSent', networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }).action).toBe('stop');
			expect(nextStep(policy, idempotent, 1, { delivery: 'answered' }).action).toBe('stop');
		}
	});

	test('attempts run out', () => {
		expect(nextStep(policy, true, 2, { delivery: 'ambiguous' })).toEqual({ action: 'retry', delayMs: 150 });
		expect(nextStep(policy, true, 3, { delivery: 'ambiguous' })).toEqual({ action: 'stop' });
	});

	test('Retry-After is honoured up to the cap, and never shortened below the minimum delay', () => {
		expect(nextStep(policy, false, 1, { delivery: 'notCarriedOut', retryAfterMs: 2000 })).toEqual({ action: 'retry', delayMs: 2000 });
		expect(nextStep(policy, false, 1, { delivery: 'notCarriedOut', retryAfterMs: 60_000 })).toEqual({ action: 'waitTooLong', retryAfterMs: 60_000 });
		const isales = { ...policy, minDelayMs: 1000 };
		expect(nextStep(isales, true, 1, { delivery: 'notCarriedOut', retryAfterMs: 0 })).toEqual({ action: 'retry', delayMs: 1000 });
		expect(nextStep(isales, true, 1, { delivery: 'notCarriedOut' })).toEqual({ action: 'retry', delayMs: 1000 });
	});

	test('backoff doubles up to the cap', () => {
		expect([1, 2, 3, 4].map((n) => backoffDelay({ ...policy, maxAttempts: 9, baseDelayMs: 500, maxDelayMs: 3000 }, n))).toEqual([
			500, 1000, 2000, 3000,
		]);
	});

	test('Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(['5'])).toBe(5000);
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('readHttpFailure', () => {
	test('finds status, body and the Retry-After and Location headers through wrapped causes', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 429'), {
			response: { status: 429, data: { retCode: 7 }, headers: { 'retry-after': '3', Location: 'https://elsewhere.example' } },
		});
		const wrapped = Object.assign(new Error('wrapped'), { cause: axiosError });
		expect(readHttpFailure(wrapped)).toMatchObject({ status: 429, body: { retCode: 7 }, retryAfterMs: 3000, location: 'https://elsewhere.example' });
	});

	test('network codes are found and explained', () => {
		const failure = readHttpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		expect(failure.networkCode).toBe('ECONNREFUSED');
		expect(explainNetworkFailure(failure, 'https://x')).toMatch(/check the Base URL/);
		const tls = readHttpFailure(Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
		expect(explainNetworkFailure(tls, 'https://x', 'Ignore SSL Issues (Insecure)')).toMatch(/self-signed certificate, enable "Ignore SSL Issues \(Insecure\)"/);
		// A credential without that switch is not told to use it.
		expect(explainNetworkFailure(tls, 'https://x')).not.toMatch(/Ignore SSL/);
		expect(explainNetworkFailure(tls, 'https://x')).toMatch(/valid certificate/);
	});

	test("a TLS code n8n's NodeApiError leaves only in httpCode is read as a network code", () => {
		const nodeApiError = Object.assign(new Error('self signed certificate'), { httpCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
		expect(readHttpFailure(nodeApiError)).toMatchObject({ status: undefined, networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
		expect(readHttpFailure(Object.assign(new Error('x'), { httpCode: '502' }))).toMatchObject({ status: 502, networkCode: undefined });
	});
});
