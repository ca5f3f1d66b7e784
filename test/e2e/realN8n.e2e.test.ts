/**
 * End-to-end: the packed package inside a real n8n 2.8.4 (CLI import/execute, `n8n start` for
 * the trigger), talking to the vendor emulators over HTTP. One describe block per vendor.
 */
import { rmSync } from 'fs';

import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const nxAccount = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };

let n8n: RealN8n;

beforeAll(async () => {
	const installDir = n8nInstallDir();
	n8n = new RealN8n(installDir, makeUserFolderWithPackage(), await freePort());
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
