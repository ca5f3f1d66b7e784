/**
 * The NXCloud credential's Test as n8n's credential tester runs it (test/harness/credentialTester:
 * n8n-core's RoutingNode, the credential's authenticate, n8n's HTTP helpers and the test's
 * rules), against the NXCloud emulator: what the user reads for each wrong value.
 */
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { testCredential } from '../harness/credentialTester';

const account = { uuid: 'uuid-1', secretKey: 'secret-1' };

describe('NXCloud Callbot API credential: Test', () => {
	let emulator: NxCloudEmulator;
	const values = (overrides: Record<string, unknown> = {}) => ({ baseUrl: `${emulator.baseUrl}/`, ...account, algorithm: 'MD5', ...overrides });
	beforeAll(async () => {
		emulator = await new NxCloudEmulator(account).start();
	});
	afterAll(async () => emulator.stop());

	test.each(['MD5', 'SHA256'])('right values (%s): the signed ping passes, sent only to the Base URL', async (algorithm) => {
		const before = emulator.requests.length;
		expect(await testCredential('nxCloudCallbotApi', values({ algorithm }))).toMatchObject({ status: 'OK' });
		expect(emulator.requests.slice(before).map((r) => r.path)).toEqual(['/callcentre/api/v3/ping']);
	});

	test.each([
		['UUID', { uuid: 'uuid-unknown' }, /^NXCloud has no account with this UUID \(retCode 6002\): check "UUID"/],
		['Secret Key', { secretKey: 'secret-wrong' }, /^NXCloud refused the signature \(retCode 6\): the UUID exists, so check "Secret Key" and "Signature Algorithm"/],
	])('a wrong %s is named', async (_label, overrides, message) => {
		const result = await testCredential('nxCloudCallbotApi', values(overrides));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
		expect(result.message).not.toContain('secret-');
	});

	test.each([
		[6001, /without its signature \(retCode 6001\).*check "Base URL"/],
		[6003, /refused this account the API \(retCode 6003/],
		[7, /busy \(retCode 7\).*try again later/],
		[4, /refused the test request \(retCode 4, invalid parameter value\)/],
	])('NXCloud answering retCode %s is explained', async (retCode, message) => {
		emulator.scriptedFailures.push({ body: { retCode, retMsg: 'scripted', responseID: 'r' } });
		const result = await testCredential('nxCloudCallbotApi', values());
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
	});

	test('a Base URL with a path (HTTP 404, not NXCloud) names "Base URL"', async () => {
		const result = await testCredential('nxCloudCallbotApi', values({ baseUrl: `${emulator.baseUrl}/api` }));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/did not answer as the NXCloud Callbot API.*check "Base URL"/) });
	});

	test('an unreachable Base URL fails (offline: nothing but the Base URL is contacted)', async () => {
		const result = await testCredential('nxCloudCallbotApi', values({ baseUrl: 'http://127.0.0.1:1' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the connection/);
	});
});
