/**
 * Every credential's Test through n8n's own credential-test endpoint (`POST /rest/credentials/test`)
 * of a real n8n 2.8.4 started with `n8n start` (the `npm start` sandbox: package, emulators,
 * credentials), logged in as the owner, with the values a user types into the form: right
 * values pass, each wrong value fails with a message naming the field to fix, no message holds
 * a secret. Secrets the user did not retype are sent blanked, as the editor sends them, so n8n
 * fills in what it has stored (the icsoc token among them).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { rmSync } from 'fs';

import { IcsocEmulator } from '../emulators/icsocEmulator';
import { CREDENTIAL_BLANKING_VALUE, N8nRest, type CredentialForm, type CredentialTestResult } from './n8nRest';
import { createSandbox, sandboxAccounts, sandboxCredentialIds, type Sandbox } from './sandbox';

jest.setTimeout(10 * 60 * 1000);

let sandbox: Sandbox;
let rest: N8nRest;
/** What the user read for each case, printed at the end (the report quotes it). */
const seen: Array<[string, CredentialTestResult]> = [];

const allSecrets = [
	sandboxAccounts.nxCloud.secretKey,
	sandboxAccounts.icsoc.clientSecret,
	sandboxAccounts.icsoc.password,
	sandboxAccounts.icsocPushSecret,
	sandboxAccounts.isales.secretKey,
	'wrong-secret-typed',
];

/** The stored credential `id` as the editor's form holds it, with `changes` typed in. */
async function form(id: string, changes: Record<string, unknown> = {}): Promise<CredentialForm> {
	const stored = await rest.credentialForm(id);
	return { ...stored, data: { ...stored.data, ...changes } };
}

async function test_(label: string, id: string, changes: Record<string, unknown> = {}): Promise<CredentialTestResult> {
	const result = await rest.testCredential(await form(id, changes));
	seen.push([label, result]);
	for (const secret of allSecrets) expect(result.message).not.toContain(secret);
	return result;
}

beforeAll(async () => {
	sandbox = await createSandbox();
	await sandbox.startN8n();
	rest = new N8nRest(`http://127.0.0.1:${sandbox.n8n.port}`);
	await rest.setUpOwnerAndLogIn();
});

afterAll(async () => {
	if (seen.length > 0) console.log(seen.map(([label, { status, message }]) => `${label}\n  ${status}: ${message}`).join('\n'));
	await sandbox?.stop();
	if (sandbox) rmSync(sandbox.n8n.userFolder, { recursive: true, force: true });
});

describe('icsoc Autocall API: a new token from the form values, then one CDR search with it', () => {
	const id = sandboxCredentialIds.icsoc;

	test('the form as stored (secrets blanked): OK, one new token, which n8n stores', async () => {
		const before = sandbox.icsoc.tokenRequests;
		expect(await test_('icsoc API, right values', id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.icsoc.tokenRequests).toBe(before + 1);
		const stored = await rest.credentialForm(id);
		// n8n keeps the token it just got (hidden and blanked in the form).
		expect(stored.data.accessToken).toBe(CREDENTIAL_BLANKING_VALUE);
	});

	test('Test again: again a new token, not the stored one', async () => {
		const before = sandbox.icsoc.tokenRequests;
		expect((await test_('icsoc API, right values again', id)).status).toBe('OK');
		expect(sandbox.icsoc.tokenRequests).toBe(before + 1);
	});

	test.each([
		['Password', { password: 'wrong-secret-typed' }, /^Could not get an icsoc access token: .*invalid_grant.*the Username or Password is wrong/],
		['Username', { username: '1001|9999' }, /invalid_grant.*the Username or Password is wrong/],
		['Client ID', { clientId: 'someone-else' }, /invalid_client.*the Client ID or Client Secret is wrong/],
		['Client Secret', { clientSecret: 'wrong-secret-typed' }, /invalid_client.*the Client ID or Client Secret is wrong/],
	])('a wrong %s fails although a valid token is stored, naming the fields', async (field, changes, message) => {
		const searches = sandbox.icsoc.searches.length;
		const result = await test_(`icsoc API, wrong ${field}`, id, changes);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(sandbox.icsoc.searches.length).toBe(searches);
	});

	test('a Token URL nothing listens at, and one without the token endpoint (404): "Token URL"', async () => {
		const refused = await test_('icsoc API, Token URL unreachable', id, { tokenUrl: 'http://127.0.0.1:1/oauth2/token' });
		expect(refused).toEqual({
			status: 'Error',
			message:
				'Could not get an icsoc access token: the Token URL http://127.0.0.1:1/oauth2/token refused the connection; check "Token URL" in the icsoc Autocall API credential and that this n8n can reach that address',
		});
		const missing = await test_('icsoc API, Token URL 404', id, { tokenUrl: `${sandbox.icsoc.baseUrl}/oauth/token` });
		expect(missing.message).toMatch(/HTTP 404.*check "Token URL"/);
	});

	test('a Base URL without the API, one nothing listens at, and an API that refuses the new token: "Base URL"', async () => {
		const wrongPath = await test_('icsoc API, Base URL 404', id, { baseUrl: `${sandbox.icsoc.baseUrl}/autocall` });
		expect(wrongPath.message).toMatch(/^The Base URL http:\/\/127\.0\.0\.1:\d+\/autocall has no icsoc Autocall API \(HTTP 404 .*check "Base URL"/);
		const refused = await test_('icsoc API, Base URL unreachable', id, { baseUrl: 'http://127.0.0.1:1' });
		expect(refused.message).toMatch(/^The Base URL http:\/\/127\.0\.0\.1:1 refused the connection .*check "Base URL".*so those are right/);
		const other = await new IcsocEmulator(sandboxAccounts.icsoc).start();
		try {
			const foreign = await test_('icsoc API, API refuses the token', id, { baseUrl: other.baseUrl });
			expect(foreign.message).toMatch(/but the API at the Base URL .* refused that token \(HTTP 401\).*same icsoc environment as "Token URL".*may use the Autocall API/);
		} finally {
			await other.stop();
		}
	});

	test('after the failures the stored values still pass (nothing wrong was stored)', async () => {
		expect((await test_('icsoc API, right values after failures', id)).status).toBe('OK');
	});
});

describe('icsoc Autocall Push: checked here, nothing sent', () => {
	const id = sandboxCredentialIds.icsocPush;

	test.each([
		['right secret (blanked, as stored)', {}, 'OK'],
		['secret with a trailing space', { secret: `${sandboxAccounts.icsocPushSecret} ` }, 'Error'],
		['secret of 33 bytes', { secret: 'x'.repeat(33) }, 'Error'],
		['empty secret', { secret: '' }, 'Error'],
	])('%s', async (label, changes, status) => {
		const requests = sandbox.icsoc.requests.length;
		const result = await test_(`icsoc push, ${label}`, id, changes);
		expect(result.status).toBe(status);
		if (status === 'OK') expect(result.message).toMatch(/Only a push can prove it right/);
		else expect(result.message).toMatch(/^Secret (is empty|starts or ends with a space|is 33 bytes long)/);
		expect(sandbox.icsoc.requests.length).toBe(requests);
	});
});

describe('Huawei CC-iSales: the AK/SK and clock message reaches the user', () => {
	const id = sandboxCredentialIds.isales;

	test('right values: OK', async () => {
		expect(await test_('Huawei, right values', id)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test.each([
		['Secret Key (SK)', { secretKey: 'wrong-secret-typed' }],
		['Access Key (AK)', { accessKey: 'someone-else' }],
	])('a wrong %s: HTTP 401 explained', async (field, changes) => {
		const result = await test_(`Huawei, wrong ${field}`, id, changes);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^iSales refused the signature \(HTTP 401\): check "Access Key \(AK\)" and "Secret Key \(SK\)", and that the clock of the n8n server is right \(the signature carries its time, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ UTC when this test signed\)\.$/,
		);
		expect(result.message).not.toMatch(/Authorization failed/);
	});

	test('"Ignore SSL Issues" off with the self-signed emulator: the message names that switch', async () => {
		const result = await test_('Huawei, Ignore SSL Issues off', id, { ignoreSSLIssues: false });
		expect(result.message).toMatch(/presented a TLS certificate this n8n does not trust: turn on "Ignore SSL Issues \(Insecure\)"/);
	});

	test('a wrong Base URL never passes: a path (404), nothing listening, another web server', async () => {
		const withPath = await test_('Huawei, Base URL with a path', id, { baseUrl: `${sandbox.isales.baseUrl}/isales` });
		expect(withPath.message).toMatch(/has no iSales OpenAPI \(HTTP 404.*check "Base URL"/);
		const refused = await test_('Huawei, Base URL unreachable', id, { baseUrl: 'https://127.0.0.1:1' });
		expect(refused.message).toMatch(/^The Base URL https:\/\/127\.0\.0\.1:1 refused the connection.*check "Base URL"/);
		const web = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>router</html>'));
		await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
		try {
			const other = await test_('Huawei, Base URL of another web server', id, { baseUrl: `http://127.0.0.1:${(web.address() as AddressInfo).port}` });
			expect(other.message).toMatch(/did not answer as the iSales OpenAPI \(no returnCode.*check "Base URL"/);
		} finally {
			web.close();
		}
	});
});

describe('NXCloud Callbot: UUID and signature told apart as far as NXCloud\'s codes allow', () => {
	const id = sandboxCredentialIds.nxCloud;

	test('right values (MD5 and SHA256): OK, and only the Base URL is contacted', async () => {
		const before = sandbox.nxCloud.requests.length;
		expect(await test_('NXCloud, right values', id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await test_('NXCloud, right values, SHA256', id, { algorithm: 'SHA256' })).status).toBe('OK');
		expect(sandbox.nxCloud.requests.slice(before).map((r) => r.path)).toEqual(['/callcentre/api/v3/ping', '/callcentre/api/v3/ping']);
	});

	test.each([
		['UUID', { uuid: 'someone-else' }, /^NXCloud has no account with this UUID \(retCode 6002\): check "UUID"/],
		['Secret Key', { secretKey: 'wrong-secret-typed' }, /^NXCloud refused the signature \(retCode 6\): the UUID exists, so check "Secret Key" and "Signature Algorithm"/],
		['Base URL (a path)', { baseUrl: 'BASE/v3' }, /did not answer as the NXCloud Callbot API.*check "Base URL"/],
	])('a wrong %s is named', async (field, changes, message) => {
		const typed = { ...changes } as Record<string, unknown>;
		if (typed.baseUrl === 'BASE/v3') typed.baseUrl = `${sandbox.nxCloud.baseUrl}/v3`;
		const result = await test_(`NXCloud, wrong ${field}`, id, typed);
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(message) });
	});
});
