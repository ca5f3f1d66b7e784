/**
 * The package's API credentials sign n8n's own HTTP Request node too ("Predefined Credential
 * Type"), which is how users call an endpoint the nodes do not cover. n8n's HTTP Request node
 * (from the n8n 2.8.4 install) runs in n8n-core against the emulators, which check signatures
 * and tokens as the vendors do.
 */
import { IcsocEmulator, makeCdrs } from '../emulators/icsocEmulator';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { HTTP_REQUEST_NODE_VERSION, httpRequestParameters, registerHttpRequestNode } from '../harness/httpRequestNode';
import { newCredentialsHelper, runNode } from '../harness/n8nRunner';

jest.setTimeout(600_000);

let httpRequestNode: string;
beforeAll(() => {
	httpRequestNode = registerHttpRequestNode();
});

const runHttpRequest = (parameters: ReturnType<typeof httpRequestParameters>, options: Omit<Parameters<typeof runNode>[0], 'nodeType' | 'parameters'>) =>
	runNode({ nodeType: httpRequestNode, typeVersion: HTTP_REQUEST_NODE_VERSION, parameters, ...options });

test('NXCloud Callbot API signs a POST with a JSON body of n8n\'s HTTP Request node', async () => {
	const account = { uuid: 'uuid-1', secretKey: 'secret-1' };
	const emulator = await new NxCloudEmulator(account).start();
	try {
		emulator.addOrders('task-1', ['o-1', 'o-2']);
		const { items, error } = await runHttpRequest(
			httpRequestParameters('nxCloudCallbotApi', {
				method: 'POST',
				url: `${emulator.baseUrl}/callcentre/api/v3/listOrderDetail`,
				jsonBody: '={{ JSON.stringify({ productID: "callbot", userTaskID: $json.task, orderList: $json.orders }) }}',
			}),
			{
				credentials: { nxCloudCallbotApi: { baseUrl: emulator.baseUrl, ...account, algorithm: 'SHA256' } },
				input: [{ task: 'task-1', orders: ['o-1', 'o-2'] }],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.retCode).toBe(0); // 6 would be a rejected signature
		expect((items[0].json.orderDetailList as unknown[]).length).toBe(2);
	} finally {
		await emulator.stop();
	}
});

test('icsoc Autocall API fetches its token and authorises a GET of n8n\'s HTTP Request node', async () => {
	const account = { clientId: 'client-1', clientSecret: 'client-secret-1', username: '1001|8001', password: 'agent-pass' };
	const emulator = await new IcsocEmulator(account).start();
	try {
		emulator.cdrs = makeCdrs(3);
		const credentials = {
			icsocAutocallApi: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' },
		};
		const credentialsHelper = newCredentialsHelper(credentials);
		const { items, error } = await runHttpRequest(
			httpRequestParameters('icsocAutocallApi', { method: 'GET', url: `${emulator.baseUrl}/api/v1/cdr/search`, query: { perPage: '2' } }),
			{ credentials, credentialsHelper },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.code).toBe(0);
		expect(emulator.searches).toEqual([expect.objectContaining({ perPage: 2 })]);
		expect(emulator.tokenRequests).toBe(1);
		expect(emulator.unauthorizedSearches).toBe(0);
	} finally {
		await emulator.stop();
	}
});

test('Huawei CC-iSales API signs a GET with a query of n8n\'s HTTP Request node (auth-v2), self-signed HTTPS allowed', async () => {
	const account = { accessKey: 'ak-1', secretKey: 'sk-1' };
	const emulator = await new IsalesEmulator(account, makeSelfSignedCertificate()).start();
	try {
		emulator.addCallResult(8, '1644464743-1388');
		const { items, error } = await runHttpRequest(
			httpRequestParameters('huaweiIsalesApi', {
				method: 'GET',
				url: `${emulator.baseUrl}/rest/isales/v1/openapi/campaigns/8/callresultdetail/1644464743-1388`,
				query: { lang: 'en' },
			}),
			{ credentials: { huaweiIsalesApi: { baseUrl: emulator.baseUrl, ...account, ignoreSSLIssues: true } } },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.returnCode).toBe('0200000');
		expect(emulator.requests.at(-1)).toEqual(expect.objectContaining({ authorized: true }));
	} finally {
		await emulator.stop();
	}
});
