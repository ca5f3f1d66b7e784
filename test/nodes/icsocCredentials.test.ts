/**
 * The icsoc credentials as n8n uses them outside a node: the token request with n8n's real
 * HTTP helper, and the credential test as n8n's credential tester runs it (preAuthentication
 * first, then `authenticate`, then the test request with its expressions resolved).
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { IcsocAutocallApi } from '../../credentials/IcsocAutocallApi.credentials';
import { IcsocAutocallPushApi } from '../../credentials/IcsocAutocallPushApi.credentials';
import { IcsocEmulator } from '../emulators/icsocEmulator';

const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };
const helpers = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;

/** What n8n's credential tester does for a credential with preAuthentication and a test request. */
async function runCredentialTest(type: IcsocAutocallApi, data: ICredentialDataDecryptedObject) {
	const credentials = { ...data, ...(await type.preAuthentication.call(helpers, data)) };
	const node: INode = { id: 'n', name: 'Temp-Node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: { temp: '' } };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => ({}), getByNameAndVersion: () => ({ description: { properties: [] } }) } as never,
	});
	const request = { ...type.test.request } as IHttpRequestOptions;
	request.baseURL = String(
		workflow.expression.getSimpleParameterValue(node, request.baseURL, 'internal', { $credentials: credentials } as never),
	);
	const authenticated = await type.authenticate(credentials, { ...request, json: true, returnFullResponse: true });
	return (await httpRequest(authenticated)) as { statusCode: number; body: unknown };
}

describe('icsoc Autocall API credential', () => {
	let emulator: IcsocEmulator;
	const data = (overrides: Record<string, string> = {}): ICredentialDataDecryptedObject => ({
		baseUrl: `${emulator.baseUrl}/`,
		tokenUrl: emulator.tokenUrl,
		...account,
		scope: 'openid',
		accessToken: '',
		...overrides,
	});
	const type = new IcsocAutocallApi();

	beforeEach(async () => {
		emulator = await new IcsocEmulator(account).start();
	});
	afterEach(async () => emulator.stop());

	test('preAuthentication gets a token with the password grant (one request)', async () => {
		const { accessToken } = await type.preAuthentication.call(helpers, data());
		expect(emulator.tokens.get(accessToken)).toBe(true);
		expect(emulator.tokenRequests).toBe(1);
	});

	test('the credential test passes with good keys: token accepted by the CDR search', async () => {
		const response = await runCredentialTest(type, data());
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual(expect.objectContaining({ code: 0 }));
		expect(emulator.searches).toEqual([expect.objectContaining({ perPage: 1 })]);
	});

	test.each([
		['password', { password: 'bad' }, /invalid_grant/],
		['client secret', { clientSecret: 'bad' }, /invalid_client/],
		['token URL', { tokenUrl: 'http://127.0.0.1:1/oauth2/token' }, /the Token URL http:\/\/127\.0\.0\.1:1\/oauth2\/token refused the connection; check "Token URL"/],
	])('the credential test fails clearly with a wrong %s, showing no secret', async (_label, overrides, message) => {
		const failure = await runCredentialTest(type, data(overrides)).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(message);
		expect((failure as Error).message).not.toMatch(/agent-pass|client-secret-1|bad/);
		expect(emulator.searches).toHaveLength(0);
	});

	test('authenticate adds the Bearer token and the base URL without trailing slash', async () => {
		const options = await type.authenticate({ ...data(), accessToken: 'tok' }, { url: '/api/v1/cdr/search' });
		expect(options.headers).toEqual({ Authorization: 'Bearer tok' });
		expect(options.baseURL).toBe(emulator.baseUrl);
	});
});

describe('icsoc Autocall Push credential', () => {
	test('has a password secret and a test request', () => {
		const type = new IcsocAutocallPushApi();
		expect(type.properties.find((p) => p.name === 'secret')?.typeOptions?.password).toBe(true);
		expect(type.test.request.url).toBeDefined();
	});
});
