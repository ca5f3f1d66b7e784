/**
 * The icsoc token request as n8n runs it (n8n's real HTTP helper, real servers on
 * 127.0.0.1): one fetch in flight per credential shared by concurrent executions, no
 * redirects followed, a time limit, and failures that name the Token URL without secrets.
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { IcsocAutocallApi } from '../../credentials/IcsocAutocallApi.credentials';
import { TOKEN_ERROR_PREFIX } from '../../nodes/IcsocAutocall/token';
import { HttpEmulator } from '../emulators/httpEmulator';
import { IcsocEmulator, makeCdrs } from '../emulators/icsocEmulator';
import { newCredentialsHelper, runNode } from '../harness/n8nRunner';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };
const helpers = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
const search = { resource: 'cdr', operation: 'search', returnAll: true };

/** Neither secret of `account`, nor any of `extra`, appears in `text`. */
function expectNoSecret(text: string, ...extra: string[]) {
	for (const secret of [account.clientSecret, account.password, ...extra]) expect(text).not.toContain(secret);
}

describe('icsoc token fetch', () => {
	let emulator: IcsocEmulator;
	const credentialData = (overrides: Record<string, string> = {}): ICredentialDataDecryptedObject => ({
		baseUrl: emulator.baseUrl,
		tokenUrl: emulator.tokenUrl,
		...account,
		scope: 'openid',
		accessToken: '',
		...overrides,
	});
	const credentials = (overrides: Record<string, string> = {}) => ({ icsocAutocallApi: credentialData(overrides) });

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
		emulator.cdrs = makeCdrs(30);
	});
	afterEach(async () => emulator.stop());

	test('5 executions started together with no stored token share one token request, and all succeed', async () => {
		emulator.tokenDelayMs = 300;
		const credentialsHelper = newCredentialsHelper(credentials());
		const runs = await Promise.all(
			Array.from({ length: 5 }, () => runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials(), credentialsHelper })),
		);
		expect(emulator.tokenRequests).toBe(1);
		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(30);
		}
		expect(emulator.unauthorizedSearches).toBe(0);
	});

	test('a failed fetch is shared by the executions waiting on it, then forgotten: the next execution asks again', async () => {
		emulator.tokenDelayMs = 300;
		emulator.failNextTokens = [503];
		const runs = await Promise.all(
			Array.from({ length: 3 }, () => runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials() })),
		);
		expect(emulator.tokenRequests).toBe(1);
		for (const run of runs) expect(run.error?.message).toContain(TOKEN_ERROR_PREFIX);

		const later = await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials() });
		expect(later.error).toBeUndefined();
		expect(later.items).toHaveLength(30);
		expect(emulator.tokenRequests).toBe(2);
	});

	test('fetches for different secrets are not shared: a wrong password fails alone', async () => {
		emulator.tokenDelayMs = 300;
		const [good, bad] = await Promise.all([
			runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials() }),
			runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials({ password: 'wrong-password-xyz' }) }),
		]);
		expect(emulator.tokenRequests).toBe(2);
		expect(good.error).toBeUndefined();
		expect(bad.error?.message).toMatch(/invalid_grant/);
	});

	test('a redirecting Token URL is a token failure naming it; the secrets are never sent to the other origin', async () => {
		const otherOrigin = await new HttpEmulator(() => ({ body: { access_token: 'stolen', expires_in: 86400 } })).start();
		try {
			emulator.tokenRedirect = { status: 307, location: `${otherOrigin.baseUrl}/oauth2/token` };
			const { error } = await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials() });
			expect(otherOrigin.requests).toHaveLength(0);
			expect(emulator.tokenRequests).toBe(1);
			expect(error?.message).toContain(TOKEN_ERROR_PREFIX);
			expect(error?.message).toContain(`Token URL ${emulator.tokenUrl}`);
			expect(error?.message).toMatch(/redirected \(HTTP 307\)/);
			expect(error?.message).toContain(`${otherOrigin.baseUrl}/oauth2/token`);
			expectNoSecret(JSON.stringify({ message: error?.message, description: error?.description }));
			expect(emulator.searches).toHaveLength(0);

			// The same through the credential alone (n8n's credential test runs it so).
			emulator.tokenRedirect = { status: 302, location: `${otherOrigin.baseUrl}/login` };
			const failure = await new IcsocAutocallApi().preAuthentication.call(helpers, credentialData()).catch((e: Error) => e);
			expect((failure as Error).message).toMatch(/redirected \(HTTP 302\)/);
			expect(otherOrigin.requests).toHaveLength(0);
		} finally {
			await otherOrigin.stop();
		}
	});

	test('a Token URL that refuses connections is named in the node error, with the field to fix, and not retried', async () => {
		const closed = await new HttpEmulator(() => ({ body: '' })).start();
		const downUrl = `${closed.baseUrl}/oauth2/token`;
		await closed.stop();
		const started = Date.now();
		const { error } = await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: credentials({ tokenUrl: downUrl }) });
		expect(error?.message).toContain(TOKEN_ERROR_PREFIX);
		expect(error?.message).toContain(`Token URL ${downUrl}`);
		expect(error?.message).toMatch(/refused the connection/);
		expect(error?.message).toMatch(/check "Token URL" in the icsoc Autocall API credential/);
		expect(error?.message).not.toMatch(/Could not reach icsoc Autocall/);
		expectNoSecret(JSON.stringify({ message: error?.message, description: error?.description }));
		// Token failures are not retried (the transport's retries wait a second or more).
		expect(Date.now() - started).toBeLessThan(900);
		expect(emulator.searches).toHaveLength(0);
	});

	test('user name and password in the Token URL are never shown', async () => {
		const closed = await new HttpEmulator(() => ({ body: '' })).start();
		const port = new URL(closed.baseUrl).port;
		await closed.stop();
		const failure = await new IcsocAutocallApi().preAuthentication
			.call(helpers, credentialData({ tokenUrl: `http://proxy-user:proxy-pass-123@127.0.0.1:${port}/oauth2/token?key=k-456` }))
			.catch((e: Error) => e);
		expect((failure as Error).message).toContain(`Token URL http://127.0.0.1:${port}/oauth2/token`);
		expectNoSecret((failure as Error).message, 'proxy-pass-123', 'proxy-user', 'k-456');
	});

	test('a Token URL that never answers fails after 15 seconds, naming it', async () => {
		emulator.tokenSilent = true;
		const started = Date.now();
		const failure = await new IcsocAutocallApi().preAuthentication.call(helpers, credentialData()).catch((e: Error) => e);
		const elapsed = Date.now() - started;
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toContain(`${TOKEN_ERROR_PREFIX}the Token URL ${emulator.tokenUrl} did not answer within 15 s`);
		expect(elapsed).toBeGreaterThanOrEqual(14_500);
		expect(elapsed).toBeLessThan(20_000);
	}, 25_000);
});
