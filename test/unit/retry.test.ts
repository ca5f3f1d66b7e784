import { backoffDelay, sendWithRetries, withRetries } from '../../nodes/shared/retry';
import { explainNetworkFailure, isTransientFailure, readHttpFailure } from '../../nodes/shared/httpFailure';

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 };

describe('withRetries', () => {
	test('retries transient results and returns the first good one', async () => {
		const slept: number[] = [];
		let calls = 0;
		const result = await withRetries(
			policy,
			async (ms) => void slept.push(ms),
			({ result }) => result === 'busy',
			async () => (++calls < 3 ? 'busy' : 'ok'),
		);
		expect(result).toBe('ok');
		expect(slept).toEqual([100, 150]);
	});

	test('gives up after maxAttempts with the last outcome', async () => {
		let calls = 0;
		await expect(
			withRetries(policy, async () => {}, () => true, async () => {
				calls++;
				throw new Error(`fail ${calls}`);
			}),
		).rejects.toThrow('fail 3');
	});

	test('does not retry a permanent error', async () => {
		let calls = 0;
		await expect(
			withRetries(policy, async () => {}, () => false, async () => {
				calls++;
				throw new Error('bad request');
			}),
		).rejects.toThrow('bad request');
		expect(calls).toBe(1);
	});

	test('backoff doubles up to the cap', () => {
		expect([1, 2, 3, 4].map((n) => backoffDelay({ maxAttempts: 9, baseDelayMs: 500, maxDelayMs: 3000 }, n))).toEqual([
			500, 1000, 2000, 3000,
		]);
	});
});

describe('readHttpFailure', () => {
	test('finds status and body through wrapped causes', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 503'), {
			response: { status: 503, data: { retCode: 7 } },
		});
		const wrapped = Object.assign(new Error('wrapped'), { cause: axiosError });
		const failure = readHttpFailure(wrapped);
		expect(failure).toMatchObject({ status: 503, body: { retCode: 7 } });
		expect(isTransientFailure(failure)).toBe(true);
	});

	test('network codes are found and explained', () => {
		const failure = readHttpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		expect(failure.networkCode).toBe('ECONNREFUSED');
		expect(isTransientFailure(failure)).toBe(false);
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

	test('a 400 is not transient', () => {
		expect(isTransientFailure({ status: 400, message: '' })).toBe(false);
	});
});

describe('sendWithRetries', () => {
	const policy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
	const sleeps: number[] = [];
	const fakeSleep = async (ms: number) => {
		sleeps.push(ms);
	};
	beforeEach(() => (sleeps.length = 0));

	test('a transient failure is sent again; the success comes back as the response', async () => {
		const busy = Object.assign(new Error('busy'), { response: { status: 503 } });
		let calls = 0;
		const send = async () => {
			if (calls++ === 0) throw busy;
			return 'ok';
		};
		const outcome = await sendWithRetries(policy, fakeSleep, send, ({ failure }) => failure === busy);
		expect(outcome).toEqual({ response: 'ok' });
		expect(calls).toBe(2);
		expect(sleeps).toEqual([10]);
	});

	test('a failure that is not transient comes back at once, never thrown', async () => {
		const refused = new Error('refused');
		let calls = 0;
		const outcome = await sendWithRetries(policy, fakeSleep, async () => {
			calls++;
			throw refused;
		}, () => false);
		expect(outcome).toEqual({ failure: refused });
		expect(calls).toBe(1);
	});

	test('a transient answer is retried until attempts run out; the last one stands', async () => {
		let calls = 0;
		const outcome = await sendWithRetries(policy, fakeSleep, async () => ++calls, ({ response }) => response !== undefined);
		expect(outcome).toEqual({ response: 3 });
		expect(sleeps).toEqual([10, 20]);
	});
});

