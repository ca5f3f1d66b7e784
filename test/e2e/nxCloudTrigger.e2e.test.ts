/**
 * End-to-end: the NXCloud Callbot Trigger of the packed package in a real n8n 2.8.4 (`n8n start`,
 * published workflows, production webhooks), fed by the emulated NXCloud's push sender. A signed
 * push starts exactly one execution; unsigned or altered ones start none; the reply modes send
 * NXCloud what the README says, as n8n itself evaluates them.
 */
import { rmSync } from 'fs';

import { icsocPushBody, icsocSign } from '../emulators/icsocEmulator';
import { makeCallPush, makeOrderPush, makeTaskPush, NxCloudPushSender } from '../emulators/nxCloudEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const account = { uuid: 'e2e-nx-push-uuid', secretKey: 'e2e-nx-push-secret-key' };
const credentialIds = { md5: 'nxPushMd5Cred001', sha256: 'nxPushShaCred001' };

/** Workflow id → webhook id of its trigger; the trigger's path is nxcloud-callbot. */
const hooks = {
	e2eNxPushDefault: 'e2e-nx-push-default',
	e2eNxPushSuccess: 'e2e-nx-push-on-success',
	e2eNxPushFailing: 'e2e-nx-push-failing',
	e2eNxPushLastNod: 'e2e-nx-push-last-node',
	e2eIcsocOnSucc01: 'e2e-icsoc-on-success',
};
const icsocSecret = 'e2e-icsoc-push-secret';

let n8n: RealN8n;
const nxCloud = new NxCloudPushSender(account);
const url = (workflowId: keyof typeof hooks) =>
	`http://127.0.0.1:${n8n.port}/webhook/${hooks[workflowId]}/${workflowId.startsWith('e2eIcsoc') ? 'icsoc-autocall' : 'nxcloud-callbot'}`;

function workflow(id: keyof typeof hooks, parameters: Record<string, unknown>, credentialId: string, next?: Record<string, unknown>) {
	const trigger = {
		id: `${id}-trigger`,
		name: 'NXCloud push',
		type: 'n8n-nodes-callcenter.nxCloudCallbotTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: hooks[id],
		parameters,
		credentials: { nxCloudCallbotApi: { id: credentialId, name: 'NXCloud push' } },
	};
	return {
		id,
		name: id,
		active: false,
		settings: {},
		nodes: next ? [trigger, { id: `${id}-next`, name: 'Next', position: [240, 0], ...next }] : [trigger],
		connections: next ? { 'NXCloud push': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } } : {},
	};
}

beforeAll(async () => {
	n8n = new RealN8n(n8nInstallDir(), makeUserFolderWithPackage(), await freePort(), await freePort());
	await n8n.importJson('credentials', [
		{ id: credentialIds.md5, name: 'NXCloud push (MD5)', type: 'nxCloudCallbotApi', data: { baseUrl: 'https://nxbot.nxcloud.com', ...account, algorithm: 'MD5' } },
		{ id: credentialIds.sha256, name: 'NXCloud push (SHA256)', type: 'nxCloudCallbotApi', data: { baseUrl: 'https://nxbot.nxcloud.com', ...account, algorithm: 'SHA256' } },
		{ id: 'icsocPushCred001', name: 'icsoc push', type: 'icsocAutocallPushApi', data: { secret: icsocSecret } },
	]);
	const reply = { type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: '{"retCode":0}', options: {} } };
	const crmUpdate = { type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: '={{ JSON.stringify({ updated: $json.dedupeKey }) }}', options: {} } };
	const failing = { type: 'n8n-nodes-base.stopAndError', typeVersion: 1, parameters: { errorMessage: 'CRM is down' } };
	await n8n.importJson('workflow', [
		workflow('e2eNxPushDefault', {}, credentialIds.md5),
		workflow('e2eNxPushSuccess', { responseMode: 'onSuccess' }, credentialIds.sha256, crmUpdate),
		workflow('e2eNxPushFailing', { responseMode: 'onSuccess' }, credentialIds.sha256, failing),
		workflow('e2eNxPushLastNod', { responseMode: 'lastNode' }, credentialIds.md5, reply),
		{
			...workflow('e2eIcsocOnSucc01', { responseMode: 'onSuccess' }, '', crmUpdate),
			nodes: [
				{
					id: 'icsoc-trigger',
					name: 'NXCloud push',
					type: 'n8n-nodes-callcenter.icsocAutocallTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: hooks.e2eIcsocOnSucc01,
					parameters: { responseMode: 'onSuccess' },
					credentials: { icsocAutocallPushApi: { id: 'icsocPushCred001', name: 'icsoc push' } },
				},
				{ id: 'icsoc-next', name: 'Next', position: [240, 0], ...crmUpdate },
			],
		},
	]);
	for (const id of Object.keys(hooks)) await n8n.activateWorkflow(id);
	await n8n.start();
});

afterAll(async () => {
	await n8n?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('NXCloud Callbot Trigger in a real n8n (n8n start, production webhook)', () => {
	test('a signed call push gets {"retCode":0} and starts exactly one successful execution carrying event and dedupeKey', async () => {
		const reply = await nxCloud.send(url('e2eNxPushDefault'), makeCallPush('o-e2e', 'c-e2e-1'));
		if (reply.status !== 200) throw new Error(`${reply.status} ${reply.text}\n${n8n.serverLog}`);
		expect(JSON.parse(reply.text)).toEqual({ retCode: 0 });
		const rows = await n8n.waitForExecutions('e2eNxPushDefault', 1);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await n8n.executions('e2eNxPushDefault')).map((row) => row.status)).toEqual(['success']);
		// Run data is stored "flatted": values appear as strings.
		expect(rows[0].data).toContain('"nxcloud:call:c-e2e-1"');
		expect(rows[0].data).toContain('"completed"');
	});

	test('unsigned, altered, wrongly signed and wrong-algorithm pushes get HTTP 401 and start nothing', async () => {
		const before = (await n8n.executions('e2eNxPushDefault')).length;
		const good = nxCloud.sign(makeCallPush('o-e2e', 'c-e2e-2'));
		const unsigned = { requestID: good.headers.requestID, uuid: good.headers.uuid, createTs: good.headers.createTs };
		const attempts = [
			await nxCloud.sendRaw(url('e2eNxPushDefault'), good.body, unsigned),
			await nxCloud.sendRaw(url('e2eNxPushDefault'), good.body.replace('"c-e2e-2"', '"c-e2e-3"'), good.headers),
			await nxCloud.sendRaw(url('e2eNxPushDefault'), good.body, { ...good.headers, createTs: String(Number(good.headers.createTs) - 1) }),
			await new NxCloudPushSender({ ...account, secretKey: 'someone-else' }).send(url('e2eNxPushDefault'), makeCallPush('o', 'c')),
			await nxCloud.send(url('e2eNxPushDefault'), makeCallPush('o', 'c'), { algorithm: 'SHA256' }),
		];
		for (const attempt of attempts) {
			expect(attempt.status).toBe(401);
			expect(JSON.parse(attempt.text)).toEqual({ retCode: 401, retMsg: expect.any(String) });
			expect(attempt.text).not.toContain(account.secretKey);
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await n8n.executions('e2eNxPushDefault')).toHaveLength(before);
	});

	test('signed order and task pushes start one execution each; a signed body nested 20,000 deep gets 400 through n8n\'s own body parser and starts nothing', async () => {
		const before = (await n8n.executions('e2eNxPushDefault')).length;
		for (const push of [makeOrderPush('o-e2e'), makeTaskPush('task-e2e', 3)]) {
			expect((await nxCloud.send(url('e2eNxPushDefault'), push)).status).toBe(200);
		}
		const deep = await nxCloud.send(url('e2eNxPushDefault'), `{"orderID":"o","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
		expect([deep.status, JSON.parse(deep.text).retMsg]).toEqual([400, 'The push body nests deeper than 32 levels']);
		const rows = await n8n.waitForExecutions('e2eNxPushDefault', before + 2);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n.executions('e2eNxPushDefault')).toHaveLength(before + 2);
		expect(rows.slice(before).every((row) => row.status === 'success')).toBe(true);
		expect(rows[before].data).toContain('"nxcloud:order:o-e2e:true"');
		expect(rows[before + 1].data).toContain('"nxcloud:task:task-e2e:3:1714525200"');
	});

	test('When Workflow Succeeds (SHA256 credential): HTTP 200 with an empty body after the run, whatever the last node output; HTTP 500 when the run fails', async () => {
		const success = await nxCloud.send(url('e2eNxPushSuccess'), makeCallPush('o-e2e', 'c-e2e-9'), { algorithm: 'SHA256' });
		expect([success.status, success.text]).toEqual([200, '']);
		expect((await n8n.executions('e2eNxPushSuccess')).map((row) => row.status)).toEqual(['success']);

		const failure = await nxCloud.send(url('e2eNxPushFailing'), makeCallPush('o-e2e', 'c-e2e-10'), { algorithm: 'SHA256' });
		expect([failure.status, JSON.parse(failure.text)]).toEqual([500, { message: 'Error in workflow' }]);
		expect((await n8n.waitForExecutions('e2eNxPushFailing', 1)).map((row) => row.status)).toEqual(['error']);
	});

	test('When Last Node Finishes: NXCloud receives the last node\'s first item, here {"retCode":0}', async () => {
		const reply = await nxCloud.send(url('e2eNxPushLastNod'), makeTaskPush('task-e2e', 2));
		expect([reply.status, JSON.parse(reply.text)]).toEqual([200, { retCode: 0 }]);
	});

	test('icsoc Autocall Trigger on the same layer: When Workflow Succeeds answers HTTP 200 with an empty body; a push of an unknown type gets 400, not a silent 200', async () => {
		const ok = await fetch(url('e2eIcsocOnSucc01'), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: icsocPushBody({ type: 1, data: { call_id: 'c-e2e', callresult: '2' }, secret: icsocSecret }),
		});
		expect([ok.status, await ok.text()]).toEqual([200, '']);
		const data = '{"call_id":"c-e2e"}';
		const unknownType = await fetch(url('e2eIcsocOnSucc01'), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: `{"type":{"1":1},"sign":"${icsocSign(data, icsocSecret)}","data":${data}}`,
		});
		expect([unknownType.status, await unknownType.json()]).toEqual([400, { code: 400, message: expect.stringMatching(/not 1 .* or 2/) }]);
		expect((await n8n.waitForExecutions('e2eIcsocOnSucc01', 1)).map((row) => row.status)).toEqual(['success']);
	});
});
