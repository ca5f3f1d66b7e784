/**
 * End-to-end: the packed package inside a real n8n 2.8.4 (CLI import/execute, `n8n start` for
 * the trigger), talking to the vendor emulators over HTTP. One describe block per vendor.
 */
import { rmSync } from 'fs';

import { icsocPushBody } from '../emulators/icsocEmulator';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n } from './realN8n';

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

/** `n8n execute --rawOutput` prints log lines, then the run data as JSON: take the JSON. */
function parseRunOutput(stdout: string): any {
	const start = stdout.indexOf('{');
	if (start < 0) throw new Error(`no JSON in n8n output: ${stdout.slice(0, 3000)}`);
	return JSON.parse(stdout.slice(start));
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
