/**
 * The iSales credential's test as n8n's credential tester runs it: expressions of the test
 * request resolved, `authenticate`, n8n's real HTTP helper, and the `rules` for a failure.
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HuaweiIsalesApi } from '../../credentials/HuaweiIsalesApi.credentials';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';

const account = { accessKey: 'ak-1', secretKey: 'sk-secret-1' };

async function runCredentialTest(type: HuaweiIsalesApi, credentials: ICredentialDataDecryptedObject) {
	const node: INode = { id: 'n', name: 'Temp-Node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };
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
	const authenticated = await type.authenticate(credentials, { ...request, json: true });
	try {
		await httpRequest(authenticated);
		return { status: 'OK' };
	} catch (error) {
		const status = Number((error as { response?: { status?: number } }).response?.status);
		for (const rule of type.test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'Error', message: (error as Error).message };
	}
}

describe('Huawei CC-iSales API credential test', () => {
	let emulator: IsalesEmulator;
	const type = new HuaweiIsalesApi();
	beforeEach(async () => {
		emulator = await new IsalesEmulator(account, makeSelfSignedCertificate()).start();
	});
	afterEach(async () => emulator.stop());

	test('good keys: the "not found" answer to an impossible call result passes', async () => {
		const result = await runCredentialTest(type, { baseUrl: emulator.baseUrl + '/', ...account, ignoreSSLIssues: true });
		expect(result).toEqual({ status: 'OK' });
		expect(emulator.requests[0]).toMatchObject({ authorized: true, method: 'GET' });
	});

	test('wrong secret key: 401 turned into a clear message without the secret', async () => {
		const result = await runCredentialTest(type, { baseUrl: emulator.baseUrl, ...account, secretKey: 'wrong', ignoreSSLIssues: true });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 401.*Access Key and Secret Key.*clock/);
		expect(result.message).not.toContain('wrong');
	});

	test('self-signed certificate refused unless "Ignore SSL Issues" is on', async () => {
		const result = await runCredentialTest(type, { baseUrl: emulator.baseUrl, ...account, ignoreSSLIssues: false });
		expect(result.status).toBe('Error');
		expect(emulator.requests).toHaveLength(0);
	});

	test('has a password secret, the insecure option off by default, and a test', () => {
		expect(type.properties.find((p) => p.name === 'secretKey')?.typeOptions).toEqual({ password: true });
		expect(type.properties.find((p) => p.name === 'ignoreSSLIssues')).toMatchObject({ type: 'boolean', default: false, displayName: 'Ignore SSL Issues (Insecure)' });
		expect(type.properties.map((p) => p.name)).toEqual(['baseUrl', 'accessKey', 'secretKey', 'ignoreSSLIssues']);
	});
});
