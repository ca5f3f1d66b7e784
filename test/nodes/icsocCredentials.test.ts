/**
 * The icsoc credentials' Tests as n8n's credential tester runs them (test/harness/credentialTester:
 * n8n-core's RoutingNode with preAuthentication and authenticate, n8n's HTTP helpers), against the
 * icsoc emulator; and the token's tie to the values it was issued for, in a real node run.
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { IcsocAutocallApi } from '../../credentials/IcsocAutocallApi.credentials';
import { IcsocAutocallPushApi } from '../../credentials/IcsocAutocallPushApi.credentials';
import { tokenFingerprint, tokenIdentity, tokenMatchesValues } from '../../nodes/IcsocAutocall/token';
import { MAX_PUSH_SECRET_BYTES, pushSecretProblem } from '../../nodes/IcsocAutocall/pushSecretTest';
import { IcsocEmulator } from '../emulators/icsocEmulator';
import { testCredential } from '../harness/credentialTester';
import { newCredentialsHelper, runNode } from '../harness/n8nRunner';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };
const secrets = [account.clientSecret, account.password];
const helpers = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;

describe('icsoc Autocall API credential: Test', () => {
	let emulator: IcsocEmulator;
	const data = (overrides: Record<string, string> = {}): ICredentialDataDecryptedObject => ({
		baseUrl: `${emulator.baseUrl}/`,
		tokenUrl: emulator.tokenUrl,
		...account,
		scope: 'openid',
		accessToken: '',
		...overrides,
	});
	/** Values with a valid token stored for them, as after an earlier execution. */
	const withStoredToken = async (overrides: Record<string, string> = {}) => {
		const stored = await new IcsocAutocallApi().preAuthentication.call(helpers, data());
		const tokenRequestsBefore = emulator.tokenRequests;
		return { values: { ...data(), ...stored, ...overrides }, storedToken: stored.accessToken, tokenRequestsBefore };
	};
	const expectNoSecret = (message: string | undefined) => {
		for (const secret of secrets) expect(message).not.toContain(secret);
		expect(message).not.toMatch(/\bbad-/);
	};

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test('right values, no token stored: one token request, a CDR search with that token, the token kept with its fingerprint', async () => {
		const result = await testCredential('icsocAutocallApi', data());
		expect(result).toMatchObject({ status: 'OK' });
		expect(emulator.tokenRequests).toBe(1);
		// The check's search and the test request's own, both with the new token.
		expect(emulator.searches).toHaveLength(2);
		expect(emulator.unauthorizedSearches).toBe(0);
		const token = result.stored?.accessToken as string;
		expect(emulator.tokens.get(token)).toBe(true);
		expect(result.stored?.tokenIssuedFor).toBe(tokenFingerprint(token, tokenIdentity(data())));
		// The test's marker header never reaches icsoc.
		expect(emulator.requests.every((r) => !Object.keys(r.headers).some((h) => /credential-test/i.test(h)))).toBe(true);
	});

	test('right values with a token stored: Test still asks icsoc for a new one (never trusts the stored token)', async () => {
		const { values, storedToken, tokenRequestsBefore } = await withStoredToken();
		const result = await testCredential('icsocAutocallApi', values);
		expect(result.status).toBe('OK');
		expect(emulator.tokenRequests).toBe(tokenRequestsBefore + 1);
		expect(result.stored?.accessToken).not.toBe(storedToken);
	});

	test.each([
		['password', { password: 'bad-password' }, /invalid_grant.*Username or Password is wrong/],
		['username', { username: '1001|9999' }, /invalid_grant.*Username or Password is wrong/],
		['client ID', { clientId: 'bad-client' }, /invalid_client.*Client ID or Client Secret is wrong/],
		['client secret', { clientSecret: 'bad-secret' }, /invalid_client.*Client ID or Client Secret is wrong/],
	])('a wrong %s fails although a valid token is stored, naming the fields; nothing is searched', async (_label, overrides, message) => {
		const { values, tokenRequestsBefore } = await withStoredToken(overrides);
		const result = await testCredential('icsocAutocallApi', values);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not get an icsoc access token: /);
		expect(result.message).toMatch(message);
		expectNoSecret(result.message);
		expect(emulator.tokenRequests).toBe(tokenRequestsBefore + 1);
		expect(emulator.searches).toHaveLength(0);
	});

	test.each([
		['unreachable', () => 'http://127.0.0.1:1/oauth2/token', /the Token URL http:\/\/127\.0\.0\.1:1\/oauth2\/token refused the connection; check "Token URL"/],
		['answering 404', () => `${emulator.baseUrl}/oauth2/nothing-here`, /HTTP 404.*check "Token URL"/],
	])('a Token URL %s fails naming "Token URL"', async (_label, tokenUrl, message) => {
		const result = await testCredential('icsocAutocallApi', data({ tokenUrl: tokenUrl() }));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
		expect(result.message).not.toMatch(/ECONNREFUSED/);
	});

	test.each([
		['unreachable', () => 'http://127.0.0.1:1', /The Base URL http:\/\/127\.0\.0\.1:1 refused the connection.*check "Base URL"/],
		['without the API (404)', () => `${emulator.baseUrl}/somewhere-else`, /has no icsoc Autocall API \(HTTP 404.*check "Base URL"/],
	])('a Base URL %s fails naming "Base URL" and saying the token fields are right', async (_label, baseUrl, message) => {
		const result = await testCredential('icsocAutocallApi', data({ baseUrl: baseUrl() }));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
		expect(result.message).toMatch(/Client ID, Client Secret, Username and Password, so those are right|has no icsoc Autocall API/);
	});

	test('an API that refuses the new token (another icsoc environment) names the Base URL and the permission', async () => {
		const other = await new IcsocEmulator(account).start();
		try {
			const result = await testCredential('icsocAutocallApi', data({ baseUrl: other.baseUrl }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/refused that token \(HTTP 401\).*"Base URL" belongs to the same icsoc environment as "Token URL".*may use the Autocall API/);
			expectNoSecret(result.message);
		} finally {
			await other.stop();
		}
	});
});

describe('icsoc Autocall API credential: the stored token belongs to the values it was issued for', () => {
	let emulator: IcsocEmulator;
	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	const search = { resource: 'cdr', operation: 'search', returnAll: false, limit: 1 };
	const values = () => ({ baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' });

	test('a token issued for these values is reused: no token request', async () => {
		const stored = await new IcsocAutocallApi().preAuthentication.call(helpers, values());
		expect(tokenMatchesValues({ ...values(), ...stored })).toBe(true);
		const credentialsHelper = newCredentialsHelper({ icsocAutocallApi: { ...values(), ...stored } });
		const run = await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: {}, credentialsHelper });
		expect(run.error).toBeUndefined();
		expect(emulator.tokenRequests).toBe(1);
	});

	test.each<[string, { username?: string; password: string }]>([
		['password changed (the old token still works at icsoc)', { password: 'agent-pass-2' }],
		['another agent', { username: '1001|8002', password: 'agent-pass-2' }],
	])('%s: a new token is fetched with the new values before anything is sent', async (_label, changed) => {
		const oldToken = (await new IcsocAutocallApi().preAuthentication.call(helpers, values())) as ICredentialDataDecryptedObject;
		await emulator.stop();
		emulator = await new IcsocEmulator({ ...account, ...changed }).start();
		emulator.tokens.set(String(oldToken.accessToken), true);
		const credentialsHelper = newCredentialsHelper({ icsocAutocallApi: { ...values(), ...changed, ...oldToken } });
		const run = await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: {}, credentialsHelper });
		expect(run.error).toBeUndefined();
		expect(emulator.tokenRequests).toBe(1);
		expect(new URLSearchParams(emulator.requests[0].rawBody).get('username')).toBe(changed.username ?? account.username);
		// The old token was never sent: no refused search, and the search carried the new one.
		expect(emulator.unauthorizedSearches).toBe(0);
		const newToken = credentialsHelper.stored.get('icsocAutocallApi')?.accessToken;
		expect(newToken).not.toBe(oldToken.accessToken);
		expect(emulator.requests.find((r) => r.path === '/api/v1/cdr/search')?.headers.authorization).toBe(`Bearer ${String(newToken)}`);
	});

	test('a token stored before fingerprints existed is renewed once, then reused', async () => {
		const legacy = { ...values(), accessToken: String((await new IcsocAutocallApi().preAuthentication.call(helpers, values())).accessToken) };
		const credentialsHelper = newCredentialsHelper({ icsocAutocallApi: legacy });
		for (let run = 0; run < 3; run++) {
			expect((await runNode({ nodeType: 'icsocAutocall', parameters: search, credentials: {}, credentialsHelper })).error).toBeUndefined();
		}
		expect(emulator.tokenRequests).toBe(2);
	});
});

describe('icsoc Autocall Push credential: Test without any request', () => {
	test('has a password secret and no test request: the icsoc trigger tests it', () => {
		const type = new IcsocAutocallPushApi();
		expect(type.properties.find((p) => p.name === 'secret')?.typeOptions?.password).toBe(true);
		expect((type as { test?: unknown }).test).toBeUndefined();
	});

	test.each([
		['the agreed secret', 'sandbox-push-secret', 'OK', /form of an icsoc push secret/],
		['32 bytes', 'x'.repeat(MAX_PUSH_SECRET_BYTES), 'OK', /form/],
		['empty', '', 'Error', /^Secret is empty/],
		['a surrounding space', ' sandbox-push-secret', 'Error', /starts or ends with a space/],
		['a trailing line break', 'sandbox-push-secret\n', 'Error', /starts or ends with a space or line break/],
		['33 bytes', 'x'.repeat(33), 'Error', /Secret is 33 bytes long; an icsoc push secret is at most 32/],
		['32 characters but 33 bytes', 'é' + 'x'.repeat(31), 'Error', /33 bytes/],
	])('%s: %s', async (_label, secret, status, message) => {
		const result = await testCredential('icsocAutocallPushApi', { secret });
		expect(result).toMatchObject({ status, message: expect.stringMatching(message) });
		if (secret.length > 3) expect(result.message).not.toContain(secret.trim());
	});

	test('pushSecretProblem accepts what the trigger can use', () => {
		expect(pushSecretProblem('0123456789abcdef0123456789abcdef')).toBeUndefined();
		expect(pushSecretProblem(undefined)).toMatch(/empty/);
	});
});
