/**
 * End-to-end: the Huawei CC-iSales Trigger of the packed package in a real n8n 2.8.4 (`n8n start`,
 * published workflows, production webhooks), fed by the emulated iSales' push sender posting to
 * the callBackUrl a user pastes: the Production URL followed by ?token=<the credential's Token>.
 * A push with the token starts exactly one execution with one item per result; without it, with
 * another or with it elsewhere, none.
 */
import { readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { IsalesEmulator, IsalesPushSender, makePushResult, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n, repoRoot, type ExecutionRow } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const TOKEN = 'e2e-isales-push-token-7f3a9c1e5b2d';
const credentialId = 'isalesPushCred01';

/** Workflow id → webhook id of its trigger; the trigger's path is huawei-isales. */
const hooks = {
	e2eIsPushDefault: 'e2e-isales-push-default',
	e2eIsPushSuccess: 'e2e-isales-push-on-success',
};

/** examples/huawei-result-push-to-callback-list.json, run here with its credentials pointed at an emulated iSales. */
const example = JSON.parse(readFileSync(path.join(repoRoot, 'examples/huawei-result-push-to-callback-list.json'), 'utf8')) as {
	id: string;
	nodes: Array<{ type: string; webhookId?: string; credentials?: Record<string, { id: string }> }>;
};
const exampleTrigger = example.nodes.find((node) => node.type === 'n8n-nodes-callcenter.huaweiIsalesTrigger')!;
const exampleCredentialId = (type: string) => example.nodes.find((node) => node.credentials?.[type])!.credentials![type].id;
const isalesAccount = { accessKey: 'e2e-access-key', secretKey: 'e2e-secret-key' };

let n8n: RealN8n;
let installDir: string;
let isalesApi: IsalesEmulator;
const productionUrl = (workflowId: keyof typeof hooks) => `http://127.0.0.1:${n8n.port}/webhook/${hooks[workflowId]}/huawei-isales`;

function workflow(id: keyof typeof hooks, parameters: Record<string, unknown>, next?: Record<string, unknown>) {
	const trigger = {
		id: `${id}-trigger`,
		name: 'iSales push',
		type: 'n8n-nodes-callcenter.huaweiIsalesTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: hooks[id],
		parameters,
		credentials: { huaweiIsalesPushApi: { id: credentialId, name: 'iSales push' } },
	};
	return {
		id,
		name: id,
		active: false,
		settings: {},
		nodes: next ? [trigger, { id: `${id}-next`, name: 'Next', position: [240, 0], ...next }] : [trigger],
		connections: next ? { 'iSales push': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } } : {},
	};
}

/** The trigger's output items of a stored execution, read with n8n's own "flatted" parser. */
function triggerItems(row: ExecutionRow): Array<Record<string, unknown>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(installDir, 'node_modules/flatted')) as { parse: (text: string) => any };
	const data = flatted.parse(row.data);
	return data.resultData.runData['iSales push'][0].data.main[0].map((item: { json: Record<string, unknown> }) => item.json);
}

beforeAll(async () => {
	installDir = n8nInstallDir();
	isalesApi = await new IsalesEmulator(isalesAccount, makeSelfSignedCertificate()).start();
	isalesApi.defineCampaign(1, { id: 2001, name: 'call-back' });
	n8n = new RealN8n(installDir, makeUserFolderWithPackage(), await freePort(), await freePort());
	await n8n.importJson('credentials', [
		{ id: credentialId, name: 'iSales push', type: 'huaweiIsalesPushApi', data: { token: TOKEN } },
		{ id: exampleCredentialId('huaweiIsalesPushApi'), name: 'Huawei CC-iSales push', type: 'huaweiIsalesPushApi', data: { token: TOKEN } },
		{
			id: exampleCredentialId('huaweiIsalesApi'),
			name: 'Huawei CC-iSales (emulator)',
			type: 'huaweiIsalesApi',
			data: { baseUrl: isalesApi.baseUrl, ...isalesAccount, ignoreSSLIssues: true },
		},
	]);
	await n8n.importJson('workflow', [example]);
	await n8n.activateWorkflow(example.id);
	const callBackList = {
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: '={{ JSON.stringify({ callBack: $json.called }) }}', options: {} },
	};
	await n8n.importJson('workflow', [workflow('e2eIsPushDefault', {}), workflow('e2eIsPushSuccess', { responseMode: 'onSuccess' }, callBackList)]);
	for (const id of Object.keys(hooks)) await n8n.activateWorkflow(id);
	await n8n.start();
});

afterAll(async () => {
	await n8n?.stop();
	await isalesApi?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('Huawei CC-iSales Trigger in a real n8n (n8n start, production webhook)', () => {
	test('a push of 3 results to <Production URL>?token=<token> gets HTTP 200 {"retCode":"0"} and starts one execution with 3 decoded items', async () => {
		const isales = new IsalesPushSender(IsalesPushSender.callBackUrlFor(productionUrl('e2eIsPushDefault'), TOKEN));
		const results = [0, 1, 2].map((n) => makePushResult('2001', n));
		const replies = await isales.deliver(results);
		if (replies[0].status !== 200) throw new Error(`${replies[0].status} ${replies[0].text}\n${n8n.serverLog}`);
		expect(replies.map((reply) => JSON.parse(reply.text))).toEqual([{ retCode: '0', retMsg: 'success' }]);
		const rows = await n8n.waitForExecutions('e2eIsPushDefault', 1);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await n8n.executions('e2eIsPushDefault')).map((row) => row.status)).toEqual(['success']);
		const items = triggerItems(rows[0]);
		expect(items).toHaveLength(3);
		expect(items.map((item) => [item.dedupeKey, item.callStatusLabel, item.callTimeStrIso])).toEqual([
			['huawei:call:1709254805-1000', 'succeeded', '2024-03-01T09:00:05+08:00'],
			['huawei:call:1709254806-1001', 'failed', '2024-03-01T09:01:05+08:00'],
			['huawei:call:1709254807-1002', 'failed', '2024-03-01T09:02:05+08:00'],
		]);
		expect(items[1]).toMatchObject(results[1]);
	});

	test('without the token, with another, twice, as an object, in a header or in the path: refused (401; the path 404), nothing started', async () => {
		const before = (await n8n.executions('e2eIsPushDefault')).length;
		const base = productionUrl('e2eIsPushDefault');
		const body = JSON.stringify([makePushResult('2001', 5)]);
		const attempts: Array<[string, Record<string, string>, number]> = [
			[base, {}, 401],
			[`${base}?token=`, {}, 401],
			[`${base}?token=${TOKEN}x`, {}, 401],
			[`${base}?token=${TOKEN}&token=${TOKEN}`, {}, 401],
			[`${base}?token[a]=${TOKEN}`, {}, 401],
			[`${base}?Token=${TOKEN}`, {}, 401],
			[base, { token: TOKEN }, 401],
			[base, { Authorization: `Bearer ${TOKEN}` }, 401],
			[`${base}/${TOKEN}`, {}, 404],
		];
		for (const [url, headers, status] of attempts) {
			const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, body });
			const text = await response.text();
			expect([url.replace(TOKEN, '<token>'), response.status]).toEqual([url.replace(TOKEN, '<token>'), status]);
			// (n8n's own 404 quotes the path it was sent, token included: one reason the token is not put in the path.)
			if (status === 401) {
				expect(JSON.parse(text)).toEqual({ retCode: '401', retMsg: expect.any(String) });
				expect(text).not.toContain(TOKEN);
			}
		}
		// As iSales delivers: refused, pushed once more at once, refused again.
		expect((await new IsalesPushSender(base).deliver([makePushResult('2001', 6)])).map((reply) => reply.status)).toEqual([401, 401]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await n8n.executions('e2eIsPushDefault')).toHaveLength(before);
	});

	test('with the token: an empty list is acknowledged and starts nothing; an object, a list holding a non-object and a body nested 20,000 deep get 400', async () => {
		const before = (await n8n.executions('e2eIsPushDefault')).length;
		const isales = new IsalesPushSender(IsalesPushSender.callBackUrlFor(productionUrl('e2eIsPushDefault'), TOKEN));
		const empty = await isales.push([]);
		expect([empty.status, JSON.parse(empty.text)]).toEqual([200, { retCode: '0', retMsg: 'success' }]);
		const malformed: Array<[string, RegExp]> = [
			[JSON.stringify(makePushResult('2001', 1)), /not a JSON list/],
			[JSON.stringify([makePushResult('2001', 1), 7]), /Entry 2 of the push is not a JSON object/],
			[`[${'['.repeat(20_000)}${']'.repeat(20_000)}]`, /nests deeper than 32 levels/],
		];
		for (const [body, message] of malformed) {
			const reply = await isales.push(body);
			expect([reply.status, JSON.parse(reply.text)]).toEqual([400, { retCode: '400', retMsg: expect.stringMatching(message) }]);
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await n8n.executions('e2eIsPushDefault')).toHaveLength(before);
	});

	test('When Workflow Succeeds: HTTP 200 with an empty body once the run succeeded (iSales looks only at the status)', async () => {
		const isales = new IsalesPushSender(IsalesPushSender.callBackUrlFor(productionUrl('e2eIsPushSuccess'), TOKEN));
		const reply = await isales.push([makePushResult('2001', 1), makePushResult('2001', 2)]);
		expect([reply.status, reply.text]).toEqual([200, '']);
		const rows = await n8n.waitForExecutions('e2eIsPushSuccess', 1);
		expect(rows.map((row) => row.status)).toEqual(['success']);
		expect(triggerItems(rows[0])).toHaveLength(2);
	});

	test('the example "campaign results push -> call-back list": the failed results of a push are added to the call-back campaign once, a resend adds nothing', async () => {
		const url = IsalesPushSender.callBackUrlFor(`http://127.0.0.1:${n8n.port}/webhook/${exampleTrigger.webhookId}/huawei-isales`, TOKEN);
		const isales = new IsalesPushSender(url);
		// n = 0 succeeded; 1 and 2 failed (makePushResult).
		const results = [0, 1, 2].map((n) => makePushResult('1001', n));
		const first = await isales.push(results);
		if (first.status !== 200) throw new Error(`${first.status} ${first.text}\n${n8n.serverLog}`);
		expect(first.text).toBe('');
		expect(isalesApi.callData.get('1/2001')?.map(({ called, customField }) => ({ called, customField }))).toEqual([
			{ called: results[1].called, customField: results[1].callId },
			{ called: results[2].called, customField: results[2].callId },
		]);
		expect(isalesApi.calldataRequests()).toHaveLength(1);

		// iSales pushes the same results again: a run, stopped by Remove Duplicates.
		const again = await isales.push(results);
		expect([again.status, again.text]).toEqual([200, '']);
		expect(isalesApi.callData.get('1/2001')).toHaveLength(2);
		expect(isalesApi.calldataRequests()).toHaveLength(1);
		expect((await new IsalesPushSender(url.replace(/\?token=.*$/, '')).push(results)).status).toBe(401);
		expect((await n8n.waitForExecutions(example.id, 2)).map((row) => row.status)).toEqual(['success', 'success']);
	});

	test('the credential\'s Test in n8n\'s own credential tester (POST /rest/credentials/test) runs the trigger\'s offline check', async () => {
		const base = `http://127.0.0.1:${n8n.port}`;
		let cookie = '';
		const rest = async (method: string, route: string, body?: unknown) => {
			const response = await fetch(`${base}${route}`, {
				method,
				headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			cookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='))?.split(';')[0] ?? cookie;
			return { status: response.status, body: (await response.json()) as { data: { status: string; message: string } } };
		};
		const owner = { email: 'owner@e2e.test', firstName: 'E2e', lastName: 'Owner', password: 'E2e-Owner-Pass-1' };
		expect((await rest('POST', '/rest/owner/setup', owner)).status).toBe(200);
		expect((await rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password })).status).toBe(200);
		const test = async (token: string) =>
			(await rest('POST', '/rest/credentials/test', { credentials: { id: credentialId, name: 'iSales push', type: 'huaweiIsalesPushApi', data: { token } } })).body.data;
		expect(await test(TOKEN)).toEqual({ status: 'OK', message: expect.stringMatching(/every push/) });
		expect(await test('too-short')).toEqual({ status: 'Error', message: expect.stringMatching(/at least 24/) });
		expect(await test(`${'a'.repeat(30)}+`)).toEqual({ status: 'Error', message: expect.stringMatching(/URL cannot carry/) });
	});

	test('neither n8n\'s log nor the stored executions hold a token sent in the query (n8n logs a token sent in the path)', async () => {
		const logged = n8n.serverLog.split('\n').filter((line) => line.includes(TOKEN));
		// Only the deliberate path attempt above: n8n logs the path of an unknown webhook, never a query.
		expect(logged.length).toBeGreaterThan(0);
		expect(logged.filter((line) => !line.includes(`huawei-isales/${TOKEN}`))).toEqual([]);
		for (const workflowId of [...Object.keys(hooks), example.id]) {
			for (const row of await n8n.executions(workflowId)) expect(row.data).not.toContain(TOKEN);
		}
	});
});
