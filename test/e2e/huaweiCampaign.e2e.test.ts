/**
 * End-to-end: Huawei CC-iSales Add Numbers in a real n8n 2.8.4 (the packed package, CLI import
 * and execute) against the HTTPS iSales emulator, which checks every auth-v2 signature. 45 numbers
 * come out of n8n's own Set and Split Out nodes, one per item, as a CRM export would.
 */
import { rmSync } from 'fs';

import { IsalesEmulator, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, parseRunOutput, RealN8n } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const account = { accessKey: 'e2e-campaign-ak', secretKey: 'e2e-campaign-sk-7ujm8ik9ol0p' };
const phones = Array.from({ length: 45 }, (_, i) => `86138${String(i).padStart(8, '0')}`);

let n8n: RealN8n;
let emulator: IsalesEmulator;
let campaignId: string;

/** Start → 45 numbers (Set, Split Out) → Add Numbers to `campaign`. */
function addNumbersWorkflow(id: string, campaign: string, parameters: Record<string, unknown> = {}) {
	return {
		id,
		name: id,
		active: false,
		settings: {},
		connections: {
			Start: { main: [[{ node: 'Numbers', type: 'main', index: 0 }]] },
			Numbers: { main: [[{ node: 'One per item', type: 'main', index: 0 }]] },
			'One per item': { main: [[{ node: 'Vendor', type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-numbers`,
				name: 'Numbers',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					assignments: { assignments: [{ id: 'phones', name: 'phone', type: 'array', value: `={{ ${JSON.stringify(phones)} }}` }] },
					options: {},
				},
			},
			{
				id: `${id}-split`,
				name: 'One per item',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'phone', options: {} },
			},
			{
				id: `${id}-vendor`,
				name: 'Vendor',
				type: 'n8n-nodes-callcenter.huaweiIsales',
				typeVersion: 1,
				position: [600, 0],
				parameters: { resource: 'callData', operation: 'add', vdnId: 8, campaignId: campaign, called: '={{ $json.phone }}', ...parameters },
				credentials: { huaweiIsalesApi: { id: 'isalesCampaign01', name: 'iSales emulator' } },
			},
		],
	};
}

beforeAll(async () => {
	emulator = await new IsalesEmulator(account, makeSelfSignedCertificate()).start();
	campaignId = emulator.defineCampaign(8, { name: 'e2e call-back list' });
	n8n = new RealN8n(n8nInstallDir(), makeUserFolderWithPackage(), await freePort(), await freePort());
	await n8n.importJson('credentials', [
		{
			id: 'isalesCampaign01',
			name: 'iSales emulator',
			type: 'huaweiIsalesApi',
			data: { baseUrl: emulator.baseUrl, ...account, ignoreSSLIssues: true },
		},
	]);
	await n8n.importJson('workflow', [
		addNumbersWorkflow('e2eIsalesAdd0001', campaignId),
		addNumbersWorkflow('e2eIsalesAddGone', '9999'),
	]);
});

afterAll(async () => {
	await emulator?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

beforeEach(() => {
	emulator.requests.splice(0);
});

test('Add Numbers, 45 items: 3 signed v1 requests of 20, 20 and 5 at least 1 s apart; 45 items paired to their inputs, each added with its dataId', async () => {
	const result = await n8n.cli(['execute', '--id=e2eIsalesAdd0001', '--rawOutput']);
	if (result.code !== 0 || !result.stdout.includes('{')) throw new Error(result.stdout + result.stderr);
	const items: Array<{ json: Record<string, unknown>; pairedItem: unknown }> = parseRunOutput(result.stdout).data.resultData.runData.Vendor[0].data.main[0];

	const requests = emulator.calldataRequests();
	expect(requests.map((r) => [r.path, r.body.callDataList.length])).toEqual(
		[20, 20, 5].map((size) => [`/rest/isales/v1/openapi/campaigns/8/calldata/${campaignId}`, size]),
	);
	expect(emulator.requests.every((r) => r.authorized)).toBe(true);
	expect(requests[1].arrivedAt - requests[0].arrivedAt).toBeGreaterThanOrEqual(1000);
	expect(requests[2].arrivedAt - requests[1].arrivedAt).toBeGreaterThanOrEqual(1000);
	expect(requests.flatMap((r) => r.body.callDataList.map((entry) => entry.called))).toEqual(phones);

	expect(items).toHaveLength(45);
	items.forEach((item, index) => {
		expect(item.json).toEqual({ vdnId: 8, campaignId, called: phones[index], added: true, dataId: expect.any(String) });
		expect(JSON.stringify(item.pairedItem)).toBe(JSON.stringify({ item: index }));
	});
	expect(new Set(items.map((item) => item.json.dataId)).size).toBe(45);
	expect(emulator.callData.get(`8/${campaignId}`)?.map((entry) => entry.called)).toEqual(phones);
});

test("Add Numbers to a campaign iSales does not know: the run fails with 0200007 and its meaning, pinned to the batch's first item; no second request", async () => {
	const result = await n8n.cli(['execute', '--id=e2eIsalesAddGone', '--rawOutput']);
	const output = result.stdout + result.stderr;
	const start = output.indexOf('\n{\n');
	const end = output.indexOf('\n}\n', start);
	if (result.code === 0 || start < 0 || end < 0) throw new Error(`expected a failed run with its run data logged: ${output.slice(0, 3000)}`);
	const error = JSON.parse(output.slice(start, end + 2)).data.resultData.error;
	expect(error.message).toBe('Huawei CC-iSales error 0200007: call record or campaign not found');
	expect(error.description).toContain('campaign not exist');
	expect(error.context).toEqual({ itemIndex: 0 });
	expect(emulator.calldataRequests()).toHaveLength(1);
	expect(output).not.toContain(account.secretKey);
});
