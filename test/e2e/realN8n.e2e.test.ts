/**
 * End-to-end: the packed package inside a real n8n 2.8.4 (CLI import/execute, `n8n start` for
 * the trigger), talking to the vendor emulators over HTTP. One describe block per vendor.
 */
import { rmSync } from 'fs';

import { IcsocEmulator, icsocPushBody, makeCdrs } from '../emulators/icsocEmulator';
import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, parseRunOutput, RealN8n } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const nxAccount = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };

let n8n: RealN8n;

beforeAll(async () => {
	const installDir = n8nInstallDir();
	n8n = new RealN8n(installDir, makeUserFolderWithPackage(), await freePort(), await freePort());
});

afterAll(async () => {
	await n8n?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

function manualWorkflow(id: string, node: Record<string, unknown>) {
	return {
		id,
		name: id,
		active: false,
		settings: {},
		connections: { Start: { main: [[{ node: 'Vendor', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-vendor`, name: 'Vendor', position: [200, 0], ...node },
		],
	};
}


/**
 * A failed `n8n execute`: the error n8n stored for the run (what the editor shows: message and
 * description), taken from the run data it logs, and everything it printed.
 */
async function executeExpectingFailure(workflowId: string): Promise<{ error: Record<string, any>; output: string }> {
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	const output = result.stdout + result.stderr;
	const start = output.indexOf('\n{\n');
	const end = output.indexOf('\n}\n', start);
	if (result.code === 0 || start < 0 || end < 0) throw new Error(`expected a failed run with its run data logged: ${output.slice(0, 3000)}`);
	return { error: JSON.parse(output.slice(start, end + 2)).data.resultData.error, output };
}

/** Items the node named 'Vendor' output in a successful `n8n execute --rawOutput`. */
async function executeForItems(workflowId: string): Promise<Array<{ json: Record<string, any>; pairedItem: unknown }>> {
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	if (result.code !== 0 || !result.stdout.includes('{')) throw new Error(result.stdout + result.stderr);
	return parseRunOutput(result.stdout).data.resultData.runData.Vendor[0].data.main[0];
}

describe('NXCloud Callbot in a real n8n', () => {
	let emulator: NxCloudEmulator;

	beforeAll(async () => {
		emulator = await new NxCloudEmulator(nxAccount).start();
		emulator.addOrders(
			'task-1',
			Array.from({ length: 1234 }, (_, i) => `o-${i}`),
		);
		await n8n.importJson('credentials', [
			{ id: 'nxGood0000000001', name: 'NXCloud emulator', type: 'nxCloudCallbotApi', data: { baseUrl: emulator.baseUrl, ...nxAccount, algorithm: 'MD5' } },
			{ id: 'nxWrong000000001', name: 'NXCloud wrong secret', type: 'nxCloudCallbotApi', data: { baseUrl: emulator.baseUrl, uuid: nxAccount.uuid, secretKey: 'not-the-secret', algorithm: 'MD5' } },
		]);
		const node = (credentialId: string) => ({
			type: 'n8n-nodes-callcenter.nxCloudCallbot',
			typeVersion: 1,
			parameters: {
				resource: 'order',
				operation: 'getDetails',
				userTaskId: 'task-1',
				orderIds: "={{ Array.from({ length: 1234 }, (_, i) => 'o-' + i).join(',') }}",
			},
			credentials: { nxCloudCallbotApi: { id: credentialId, name: 'x' } },
		});
		await n8n.importJson('workflow', [manualWorkflow('e2eNxOrders00001', node('nxGood0000000001')), manualWorkflow('e2eNxWrongKey001', node('nxWrong000000001'))]);
	});
	afterAll(async () => emulator?.stop());

	test('List Order Details for 1,234 order IDs: 3 signed listOrderDetail requests, 1,234 output items', async () => {
		const result = await n8n.cli(['execute', '--id=e2eNxOrders00001', '--rawOutput']);
		if (result.code !== 0 || !result.stdout.includes('{')) throw new Error(result.stdout + result.stderr);
		expect(result.code).toBe(0);
		const run = parseRunOutput(result.stdout);
		const items = run.data.resultData.runData.Vendor[0].data.main[0];
		expect(items).toHaveLength(1234);
		expect(items[0].json.orderID).toBe('o-0');
		expect(items[1233].json.orderID).toBe('o-1233');
		expect(emulator.orderListSizes.slice().sort((a, b) => b - a)).toEqual([500, 500, 234]);
	});

	test('a wrong secret key fails the execution with an error naming retCode 6, without the secret', async () => {
		const result = await n8n.cli(['execute', '--id=e2eNxWrongKey001', '--rawOutput']);
		const output = result.stdout + result.stderr;
		expect(result.code).not.toBe(0);
		expect(output).toMatch(/\b6\b/);
		expect(output).toMatch(/sign/i);
		expect(output).not.toContain('not-the-secret');
	});
});

describe('icsoc Autocall Trigger in a real n8n (n8n start, production webhook)', () => {
	const secret = 'e2e-push-secret-合同';
	const webhookId = 'e2e-icsoc-push-hook';
	let url: string;

	const successfulExecutions = async (): Promise<number> => {
		const sqlite3 = require(require.resolve('sqlite3', { paths: [n8n.bin] }));
		const db = new sqlite3.Database(`${n8n.userFolder}/.n8n/database.sqlite`, sqlite3.OPEN_READONLY);
		try {
			return await new Promise<number>((resolve, reject) =>
				db.get(
					"SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = 'e2eIcsocPush0001' AND status = 'success'",
					(error: Error | null, row: { n: number }) => (error ? reject(error) : resolve(row.n)),
				),
			);
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		await n8n.importJson('credentials', [{ id: 'icsocPush0000001', name: 'icsoc push', type: 'icsocAutocallPushApi', data: { secret } }]);
		await n8n.importJson('workflow', [
			{
				id: 'e2eIcsocPush0001',
				name: 'icsoc push e2e',
				active: false,
				settings: {},
				connections: {},
				nodes: [
					{
						id: 'icsoc-trigger',
						name: 'Push',
						type: 'n8n-nodes-callcenter.icsocAutocallTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId,
						parameters: {},
						credentials: { icsocAutocallPushApi: { id: 'icsocPush0000001', name: 'icsoc push' } },
					},
				],
			},
		]);
		const published = await n8n.cli(['publish:workflow', '--id=e2eIcsocPush0001']);
		if (published.code !== 0) throw new Error(published.stdout + published.stderr);
		await n8n.start();
		url = `http://127.0.0.1:${n8n.port}/webhook/${webhookId}/icsoc-autocall`;
	});
	afterAll(async () => n8n.stop());

	const post = async (body: string) => {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
		return { status: response.status, text: await response.text() };
	};

	test('signed plain and encrypted CDR pushes get {"code":0} and each starts one successful execution', async () => {
		const cdr = { call_id: 'c-1', project_id: '7', callresult: '2', endresult: '11', start_time: '1714521600' };
		const plain = await post(icsocPushBody({ type: 1, data: cdr, secret }));
		if (plain.status !== 200) throw new Error(`${plain.status} ${plain.text.slice(0, 300)}\n${n8n.serverLog}`);
		expect([plain.status, JSON.parse(plain.text)]).toEqual([200, { code: 0 }]);
		const encrypted = await post(icsocPushBody({ type: 1, data: cdr, secret, encrypt: true }));
		expect([encrypted.status, JSON.parse(encrypted.text)]).toEqual([200, { code: 0 }]);
		// Executions are saved after the reply in 'onReceived' mode: wait for both rows.
		let count = 0;
		for (let attempt = 0; attempt < 60 && count < 2; attempt++) {
			count = await successfulExecutions();
			if (count < 2) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(count).toBe(2);
	});

	test('a push signed with another secret gets HTTP 401; an unparseable body 422, an incomplete push 400; neither starts a run', async () => {
		const before = await successfulExecutions();
		const forged = await post(icsocPushBody({ type: 1, data: { call_id: 'x' }, secret: 'someone-else' }));
		expect(forged.status).toBe(401);
		const truncated = icsocPushBody({ type: 1, data: { call_id: 'x' }, secret });
		const malformed = await post(truncated.slice(0, truncated.length - 5));
		// n8n's own body parser answers 422 to JSON that does not parse; the trigger 400 to an incomplete push.
		expect(malformed.status).toBe(422);
		const incomplete = await post(JSON.stringify({ type: 1, timestamp: '2024-05-01 12:00:00' }));
		expect(incomplete.status).toBe(400);
		expect(await successfulExecutions()).toBe(before);
	});
});

describe('Huawei CC-iSales in a real n8n (HTTPS emulator, self-signed certificate)', () => {
	const account = { accessKey: 'e2e-isales-ak', secretKey: 'e2e-isales-sk-1qaz2wsx3edc4rfv' };
	const wrongSecret = 'e2e-isales-not-the-sk';
	const bulkPath = '/rest/isales/v1/openapi/campaigns/8/callresult/camp-e2e';
	let emulator: IsalesEmulator;

	beforeAll(async () => {
		emulator = await new IsalesEmulator(account, makeSelfSignedCertificate()).start();
		emulator.addCampaign(8, 'camp-e2e', 1234);
		emulator.addCallResult(8, 'call-e2e-1');
		const credential = (id: string, name: string, data: Record<string, unknown>) => ({
			id,
			name,
			type: 'huaweiIsalesApi',
			data: { baseUrl: emulator.baseUrl, ...account, ignoreSSLIssues: true, ...data },
		});
		await n8n.importJson('credentials', [
			credential('isalesGood000001', 'iSales emulator', {}),
			credential('isalesWrong00001', 'iSales wrong secret', { secretKey: wrongSecret }),
			credential('isalesStrict0001', 'iSales checking certificates', { ignoreSSLIssues: false }),
		]);
		const node = (credentialId: string, parameters: Record<string, unknown>) => ({
			type: 'n8n-nodes-callcenter.huaweiIsales',
			typeVersion: 1,
			parameters: { resource: 'callResult', ...parameters },
			credentials: { huaweiIsalesApi: { id: credentialId, name: 'x' } },
		});
		const getMany = { operation: 'getMany', vdnId: 8, campaignId: 'camp-e2e', returnAll: true };
		await n8n.importJson('workflow', [
			manualWorkflow('e2eIsalesMany001', node('isalesGood000001', getMany)),
			manualWorkflow('e2eIsalesWrong01', node('isalesWrong00001', getMany)),
			manualWorkflow('e2eIsalesCert001', node('isalesStrict0001', { operation: 'get', vdnId: 8, callId: 'call-e2e-1' })),
		]);
	});
	afterAll(async () => emulator?.stop());
	beforeEach(() => {
		emulator.requests.splice(0);
	});

	test('Get Many, Return All, 1,234 results: pages 1-3 of 500 signed and accepted, 1,234 decoded items in order', async () => {
		const items = await executeForItems('e2eIsalesMany001');
		expect(emulator.requests.map((r) => [r.method, r.path, r.authorized])).toEqual(Array(3).fill(['POST', bulkPath, true]));
		expect(emulator.requests.every((r) => r.headers.host === new URL(emulator.baseUrl).host)).toBe(true);
		expect(emulator.bulkBodies().map((b) => [b.pageNum, b.pageSize, b.showDetail]).sort()).toEqual([
			[1, 500, 0],
			[2, 500, 0],
			[3, 500, 0],
		]);
		expect(items).toHaveLength(1234);
		expect(items.map((i) => i.json.callId)).toEqual(Array.from({ length: 1234 }, (_, n) => `camp-e2e-call-${n}`));
		expect(items[0].json).toMatchObject({
			called: '13800000000',
			callStatus: 6,
			callStatusLabel: 'succeeded',
			callBeginTime: '2024-03-01 09:00:05',
			callBeginTimeIso: '2024-03-01T09:00:05+08:00',
			vdnId: 8,
		});
		expect(items[1233].json).toMatchObject({ called: '13800001233', callStatus: 5, failCode: '17' });
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});

	test("a wrong Secret Key: iSales answers 401 and the run fails with the node's authentication message, no secret shown", async () => {
		const { error, output } = await executeExpectingFailure('e2eIsalesWrong01');
		expect(error.message).toBe('Huawei CC-iSales error HTTP 401: authentication failed');
		expect(error.description).toContain(
			'iSales refused the AK/SK signature: check the Access Key and Secret Key in the credential, and that the n8n server clock is correct (the signature carries the current UTC time).',
		);
		expect(error.httpCode).toBe('401');
		expect(error.context).toEqual({ itemIndex: 0 });
		// The engine reads the 401 as an answer: sent once, not again by n8n.
		expect(emulator.requests.map((r) => [r.path, r.authorized])).toEqual([[bulkPath, false]]);
		expect(output).not.toContain(wrongSecret);
		expect(output).not.toContain(account.secretKey);
	});

	test('the self-signed certificate with "Ignore SSL Issues" off: no request gets through, the message names that switch', async () => {
		const { error, output } = await executeExpectingFailure('e2eIsalesCert001');
		expect(error.message).toBe('Could not reach Huawei CC-iSales: DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(error.description).toBe(
			`The TLS certificate of ${emulator.baseUrl} was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT). If the server uses a self-signed certificate, enable "Ignore SSL Issues (Insecure)" in the credential.`,
		);
		expect(emulator.requests).toHaveLength(0);
		expect(output).not.toContain(account.secretKey);
	});
});

describe('icsoc Autocall in a real n8n (OAuth2 token kept in the credential by n8n)', () => {
	const account = { clientId: 'e2e-client', clientSecret: 'e2e-client-secret-xyz', username: '1001|8001', password: 'e2e-agent-pass' };
	const credentialId = 'icsocApi00000001';
	let emulator: IcsocEmulator;

	const searchTokens = () =>
		emulator.requests.filter((r) => r.path === '/api/v1/cdr/search').map((r) => String(r.headers.authorization).replace(/^Bearer /, ''));
	const storedToken = async () => (await n8n.exportDecryptedCredential(credentialId)).data.accessToken;

	beforeAll(async () => {
		emulator = await new IcsocEmulator(account).start();
		emulator.cdrs = makeCdrs(1050);
		await n8n.importJson('credentials', [
			{
				id: credentialId,
				name: 'icsoc emulator',
				type: 'icsocAutocallApi',
				data: { baseUrl: emulator.baseUrl, tokenUrl: emulator.tokenUrl, ...account, scope: 'openid', accessToken: '' },
			},
		]);
		const node = (parameters: Record<string, unknown>) => ({
			type: 'n8n-nodes-callcenter.icsocAutocall',
			typeVersion: 1,
			parameters: { resource: 'cdr', operation: 'search', returnAll: true, ...parameters },
			credentials: { icsocAutocallApi: { id: credentialId, name: 'icsoc emulator' } },
		});
		await n8n.importJson('workflow', [
			manualWorkflow('e2eIcsocCdrAll01', node({})),
			manualWorkflow('e2eIcsocCdrP1001', node({ filters: { projectId: 'p-1' } })),
		]);
	});
	afterAll(async () => emulator?.stop());

	// The tests run in order: they follow one credential through its token's life.

	test('Search CDR, Return All: 1,050 records over 11 searchAfter pages with one token, which n8n stores', async () => {
		const items = await executeForItems('e2eIcsocCdrAll01');
		expect(items).toHaveLength(1050);
		expect(items.map((i) => i.json.callId)).toEqual(Array.from({ length: 1050 }, (_, i) => `call-${String(i + 1).padStart(5, '0')}`));
		// icsoc's search fields (camelCase), each decoded twin right after its raw field, and the call record.
		expect(items[2].json).toMatchObject({
			callId: 'call-00003',
			callresult: '2',
			callresultLabel: 'caller and called connected',
			endresult: '11',
			endresultLabel: 'caller hung up',
			startTime: 1_714_521_720,
			startTimeIso: '2024-05-01T08:02:00+08:00',
			ansTime: 1_714_521_728,
			ansTimeIso: '2024-05-01T08:02:08+08:00',
			calledAreaname: '广州/深圳',
			userData: { tag: 'autocall', extId: 'ext-3', proid: 'p-1', taskid: 't-2' },
			call: {
				callId: 'call-00003',
				externalId: 'ext-3',
				phone: '18512340002',
				outcome: 'answered',
				startedAt: '2024-05-01T08:02:00+08:00',
				answeredAt: '2024-05-01T08:02:08+08:00',
				endedAt: '2024-05-01T08:02:30+08:00',
				durationSec: 30,
				talkSec: 22,
			},
		});
		expect(Object.keys(items[2].json).slice(0, 4)).toEqual(['vccId', 'projectId', 'taskId', 'callId']);
		expect(items[2].json.ringTimeEeIso).toBe('2024-05-01T08:02:11+08:00');
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		expect(emulator.searches.map((s) => s.perPage)).toEqual(Array(11).fill(100));
		// The cursor is the string icsoc answered with (the page's last callId), sent back unchanged.
		expect(emulator.searches.map((s) => s.searchAfter)).toEqual([null, ...Array.from({ length: 10 }, (_, i) => `call-${String((i + 1) * 100).padStart(5, '0')}`)]);
		expect(emulator.cursorRefusals).toEqual([]);
		expect(emulator.fieldTypeRefusals).toEqual([]);
		expect(emulator.tokenRequests).toBe(1);
		const [token] = [...emulator.tokens.keys()];
		expect(searchTokens()).toEqual(Array(11).fill(token));
		expect(await storedToken()).toBe(token);
	});

	test('a second execution (another n8n process) reuses the stored token: still exactly one token request', async () => {
		const [token] = [...emulator.tokens.keys()];
		const items = await executeForItems('e2eIcsocCdrP1001');
		expect(items).toHaveLength(525);
		expect(items.every((i) => i.json.projectId === 'p-1')).toBe(true);
		expect(emulator.searches.slice(11).map((s) => s.filters)).toEqual(Array(6).fill({ projectId: 'p-1' }));
		expect(emulator.tokenRequests).toBe(1);
		expect(emulator.unauthorizedSearches).toBe(0);
		expect(searchTokens()).toEqual(Array(17).fill(token));
	});

	test('a revoked stored token: exactly one new token request, the run succeeds and n8n stores the new token', async () => {
		const [oldToken] = [...emulator.tokens.keys()];
		emulator.expireAllTokens();
		const searchesBefore = searchTokens().length;
		const items = await executeForItems('e2eIcsocCdrAll01');
		expect(items).toHaveLength(1050);
		expect(items[1049].json.callId).toBe('call-01050');
		expect(emulator.tokenRequests).toBe(2);
		// The engine reads the 401 as an answer, then sends once more the way n8n renews a token.
		expect(emulator.unauthorizedSearches).toBe(2);
		const newToken = [...emulator.tokens.keys()][1];
		expect(newToken).not.toBe(oldToken);
		// The two refused searches with the old token, then the same first page and the other 10 with the new one.
		expect(searchTokens().slice(searchesBefore)).toEqual([oldToken, oldToken, ...Array(11).fill(newToken)]);
		expect(await storedToken()).toBe(newToken);
	});
});
