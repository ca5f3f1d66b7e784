/**
 * The iSales credential's Test as n8n's credential tester runs it (test/harness/credentialTester:
 * n8n-core's RoutingNode with preAuthentication and authenticate, n8n's HTTP helpers), against
 * the HTTPS iSales emulator: what the user reads for each wrong value.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { HuaweiIsalesApi } from '../../credentials/HuaweiIsalesApi.credentials';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { testCredential } from '../harness/credentialTester';

const account = { accessKey: 'ak-1', secretKey: 'sk-secret-1' };

describe('Huawei CC-iSales API credential: Test', () => {
	let emulator: IsalesEmulator;
	const type = new HuaweiIsalesApi();
	const values = (overrides: Record<string, unknown> = {}) => ({ baseUrl: `${emulator.baseUrl}/`, ...account, ignoreSSLIssues: true, ...overrides });
	beforeAll(async () => {
		emulator = await new IsalesEmulator(account, makeSelfSignedCertificate()).start();
	});
	afterAll(async () => emulator.stop());
	beforeEach(() => emulator.requests.splice(0));

	test('right values: the signed "not found" answer to an impossible call result passes', async () => {
		expect(await testCredential('huaweiIsalesApi', values())).toMatchObject({ status: 'OK' });
		// The check's read and the test request's own, both signed and accepted, without the test marker.
		expect(emulator.requests).toHaveLength(2);
		expect(emulator.requests.every((r) => r.authorized && r.method === 'GET')).toBe(true);
		expect(emulator.requests.every((r) => !Object.keys(r.headers).some((h) => /credential-test/i.test(h)))).toBe(true);
	});

	test.each([
		['secret key', { secretKey: 'wrong-secret' }],
		['access key', { accessKey: 'wrong-ak' }],
	])('wrong %s: the AK/SK and clock message reaches the user, without the secret', async (_label, overrides) => {
		const result = await testCredential('huaweiIsalesApi', values(overrides));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^iSales refused the signature \(HTTP 401\): check "Access Key \(AK\)" and "Secret Key \(SK\)", and that the clock of the n8n server is right \(the signature carries its time, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ UTC/,
		);
		expect(result.message).not.toContain('wrong-secret');
		expect(result.message).not.toContain(account.secretKey);
		// Only the check's read was sent: the test request never went out.
		expect(emulator.requests).toHaveLength(1);
	});

	test('self-signed certificate refused unless "Ignore SSL Issues" is on, and the message says so', async () => {
		const result = await testCredential('huaweiIsalesApi', values({ ignoreSSLIssues: false }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/presented a TLS certificate this n8n does not trust: turn on "Ignore SSL Issues \(Insecure\)"/);
		expect(emulator.requests).toHaveLength(0);
	});

	test.each([
		['with a path (404)', () => `${emulator.baseUrl}/isales`, /has no iSales OpenAPI \(HTTP 404.*check "Base URL"/],
		['unreachable', () => 'https://127.0.0.1:1', /The Base URL https:\/\/127\.0\.0\.1:1 refused the connection.*check "Base URL"/],
		['with the wrong scheme', () => emulator.baseUrl.replace('https:', 'http:'), /check "Base URL"/],
		['not a URL', () => '10.22.26.181:28080', /"Base URL" must start with https:\/\//],
	])('a Base URL %s fails naming "Base URL"', async (_label, baseUrl, message) => {
		const result = await testCredential('huaweiIsalesApi', values({ baseUrl: baseUrl() }));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
		expect(result.message).not.toMatch(/Authorization failed|ECONNREFUSED/);
	});

	test('a Base URL pointing at another web server (200, not iSales) fails naming "Base URL"', async () => {
		const other = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>router login</html>'));
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		try {
			const result = await testCredential('huaweiIsalesApi', values({ baseUrl: `http://127.0.0.1:${(other.address() as AddressInfo).port}` }));
			expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/did not answer as the iSales OpenAPI \(no returnCode.*check "Base URL"/) });
		} finally {
			other.close();
		}
	});

	test('has a password secret, the insecure option off by default, a hidden field that only makes n8n call the check, and a test', () => {
		expect(type.properties.find((p) => p.name === 'secretKey')?.typeOptions).toEqual({ password: true });
		expect(type.properties.find((p) => p.name === 'ignoreSSLIssues')).toMatchObject({ type: 'boolean', default: false, displayName: 'Ignore SSL Issues (Insecure)' });
		expect(type.properties.map((p) => p.name)).toEqual(['baseUrl', 'accessKey', 'secretKey', 'ignoreSSLIssues', 'credentialCheck']);
		expect(type.properties.find((p) => p.name === 'credentialCheck')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(type.test.request.url).toContain('/callresultdetail/');
	});
});
