/**
 * End-to-end: pre-call decisions in a real n8n 2.8.4 (`n8n start`, published workflows,
 * production webhooks) with the packed package. The workflow is examples/icsoc-pre-call-do-not-call.json
 * as users import it: icsoc Autocall Trigger (Pre-Call Reply: From Workflow) → Code node
 * rejecting numbers of a do-not-call list → icsoc Autocall → Build Pre-Call Reply. Signed type-2
 * pushes of three records (plain and encrypted, as icsoc's PHP builds them) must get a reply
 * rejecting exactly the listed record; the same workflow with a Code node that throws must let
 * all three go ahead. The replies are read the way icsoc reads them (icsocReadsPreCallReply).
 */
import { readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { icsocPushBody, icsocReadsPreCallReply, type PreCallRecord } from '../emulators/icsocEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n, repoRoot } from './realN8n';

jest.setTimeout(15 * 60 * 1000);

const secret = 'e2e-icsoc-pre-call-secret';
const example = JSON.parse(readFileSync(path.join(repoRoot, 'examples/icsoc-pre-call-do-not-call.json'), 'utf8')) as {
	id: string;
	nodes: Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, unknown>; [key: string]: unknown }>;
	[key: string]: unknown;
};
/** The push credential the example refers to. */
const pushCredentialId = (example.nodes.find((node) => node.webhookId)!.credentials as { icsocAutocallPushApi: { id: string } }).icsocAutocallPushApi.id;

/**
 * The example, and variants of it: a Code node that throws; Dial All Records with Respond: When
 * Last Node Finishes; no decisions, both push types, Respond: Immediately; a Code node that
 * outputs nothing, without Always Output Data.
 */
const workflows = {
	decides: { id: example.id, webhookId: 'example-icsoc-pre-call' },
	fails: { id: 'e2eIcsocPreFail1', webhookId: 'e2e-icsoc-pre-call-fails' },
	dialAll: { id: 'e2eIcsocPreDial1', webhookId: 'e2e-icsoc-pre-call-dial-all' },
	mixed: { id: 'e2eIcsocPreMix01', webhookId: 'e2e-icsoc-pre-call-mixed' },
	noOutput: { id: 'e2eIcsocPreNone1', webhookId: 'e2e-icsoc-pre-call-no-output' },
};

function variant(
	key: keyof typeof workflows,
	triggerParameters: Record<string, unknown>,
	codeNode?: (node: (typeof example.nodes)[number]) => (typeof example.nodes)[number] | undefined,
) {
	const { id, webhookId } = workflows[key];
	const nodes = example.nodes
		.map((node) => {
			if (node.webhookId) return { ...node, id: `${id}-trigger`, webhookId, parameters: { ...node.parameters, ...triggerParameters } };
			if (node.type === 'n8n-nodes-base.code') return codeNode ? codeNode({ ...node, id: `${id}-code` }) : { ...node, id: `${id}-code` };
			return { ...node, id: `${id}-${node.name.replace(/\W+/g, '-')}` };
		})
		.filter((node): node is (typeof example.nodes)[number] => node !== undefined);
	const names = new Set(nodes.map((node) => node.name));
	const connections = Object.fromEntries(
		Object.entries(example.connections as Record<string, { main: Array<Array<{ node: string }>> }>)
			.filter(([from]) => names.has(from))
			.map(([from, connection]) => [from, { main: connection.main.map((outputs) => outputs.filter((to) => names.has(to.node))) }]),
	);
	if (!names.has('Check do-not-call list')) {
		const trigger = nodes.find((node) => node.webhookId)!.name;
		connections[trigger] = { main: [[{ node: 'Build Pre-Call Reply', type: 'main', index: 0 } as { node: string }]] };
	}
	return { ...example, id, name: `e2e ${key}`, nodes, connections };
}

const records: PreCallRecord[] = [
	{ project_id: 10000, task_id: 1000001, ext_id: 'crm-1', phone: '18512340001' },
	{ project_id: 10000, task_id: 1000002, ext_id: 'crm-2', phone: '18512340002' },
	{ project_id: 10000, task_id: 1000003, ext_id: 'crm-3', phone: '18512340003' },
];

let n8n: RealN8n;
const url = (key: keyof typeof workflows) => `http://127.0.0.1:${n8n.port}/webhook/${workflows[key].webhookId}/icsoc-autocall`;

async function push(key: keyof typeof workflows, type: 1 | 2, data: unknown, encrypt = false): Promise<{ status: number; text: string; ms: number }> {
	const started = Date.now();
	const response = await fetch(url(key), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: icsocPushBody({ type, data, secret, encrypt, timestamp: '2024-05-01 12:00:00' }),
	});
	return { status: response.status, text: await response.text(), ms: Date.now() - started };
}

beforeAll(async () => {
	n8n = new RealN8n(n8nInstallDir(), makeUserFolderWithPackage(), await freePort(), await freePort());
	await n8n.importJson('credentials', [{ id: pushCredentialId, name: 'icsoc push', type: 'icsocAutocallPushApi', data: { secret } }]);
	await n8n.importJson('workflow', [
		example,
		variant('fails', {}, (node) => ({ ...node, parameters: { jsCode: "throw new Error('CRM unreachable: the do-not-call list could not be read');" } })),
		variant('dialAll', { preCallReply: 'dialAll', responseMode: 'lastNode' }),
		variant('mixed', { pushTypes: ['1', '2'], responseMode: 'onReceived' }, () => undefined),
		variant('noOutput', {}, (node) => ({ ...node, alwaysOutputData: false, parameters: { jsCode: 'return [];' } })),
	]);
	for (const { id } of Object.values(workflows)) await n8n.activateWorkflow(id);
	await n8n.start();
});

afterAll(async () => {
	await n8n?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('icsoc pre-call decisions in a real n8n (n8n start, production webhook)', () => {
	test.each([false, true])('the example (encrypted push: %s): three records, one on the do-not-call list: the reply rejects exactly that one', async (encrypt) => {
		const before = (await n8n.executions(workflows.decides.id)).length;
		const reply = await push('decides', 2, records, encrypt);
		if (reply.status !== 200) throw new Error(`${reply.status} ${reply.text}\n${n8n.serverLog}`);
		expect(JSON.parse(reply.text)).toEqual({ code: 0, message: 'success', data: { reject: [{ project_id: 10000, task_id: 1000002 }] } });
		const icsoc = icsocReadsPreCallReply(records, reply);
		expect(icsoc.replyUsed).toBe(true);
		expect(icsoc.rejected).toEqual([records[1]]);
		expect(icsoc.dialled.map((record) => record.phone)).toEqual(['18512340001', '18512340003']);
		const rows = await n8n.waitForExecutions(workflows.decides.id, before + 1);
		expect(rows.slice(before).map((row) => row.status)).toEqual(['success']);
		console.log(`pre-call reply after ${reply.ms} ms (encrypted: ${encrypt})`);
	});

	test('the example, a push with no records: the Code node outputs nothing, Always Output Data lets Build Pre-Call Reply answer "nothing rejected"', async () => {
		const reply = await push('decides', 2, []);
		expect([reply.status, JSON.parse(reply.text)]).toEqual([200, { code: 0, message: 'success', data: { reject: [] } }]);
	});

	test('without Always Output Data, a last node with no output: n8n answers HTTP 500 {"code":0,"message":"No item to return was found"}; no record is rejected', async () => {
		const reply = await push('noOutput', 2, records);
		// (n8n adds a stacktrace outside NODE_ENV=production.)
		expect([reply.status, JSON.parse(reply.text)]).toEqual([500, expect.objectContaining({ code: 0, message: 'No item to return was found' })]);
		const icsoc = icsocReadsPreCallReply(records, reply);
		expect([icsoc.rejected, icsoc.dialled]).toEqual([[], records]);
	});

	test('a failing workflow: HTTP 500 {"message":"Error in workflow"}, no decision, all three go ahead; the failed run is kept', async () => {
		const reply = await push('fails', 2, records, true);
		expect([reply.status, JSON.parse(reply.text)]).toEqual([500, { message: 'Error in workflow' }]);
		const icsoc = icsocReadsPreCallReply(records, reply);
		expect([icsoc.replyUsed, icsoc.rejected, icsoc.dialled.map((record) => record.task_id)]).toEqual([false, [], [1000001, 1000002, 1000003]]);
		const rows = await n8n.waitForExecutions(workflows.fails.id, 1);
		expect(rows.map((row) => row.status)).toEqual(['error']);
		expect(rows[0].data).toContain('CRM unreachable');
	});

	test('Dial All Records with Respond When Last Node Finishes: {"code":0} at once, the workflow still runs, every record dialled', async () => {
		const reply = await push('dialAll', 2, records);
		expect([reply.status, JSON.parse(reply.text)]).toEqual([200, { code: 0 }]);
		expect(icsocReadsPreCallReply(records, reply).dialled).toHaveLength(3);
		expect((await n8n.waitForExecutions(workflows.dialAll.id, 1)).map((row) => row.status)).toEqual(['success']);
	});

	test('From Workflow with both push types and Respond Immediately: a CDR push gets {"code":0} from the trigger at once and runs; a pre-call push waits for the reply', async () => {
		const cdr = await push('mixed', 1, { call_id: 'c-e2e-pre', project_id: '10000', callresult: '2' });
		expect([cdr.status, JSON.parse(cdr.text)]).toEqual([200, { code: 0 }]);
		expect((await n8n.waitForExecutions(workflows.mixed.id, 1)).map((row) => row.status)).toEqual(['success']);
		const preCall = await push('mixed', 2, records);
		expect([preCall.status, JSON.parse(preCall.text)]).toEqual([200, { code: 0, message: 'success', data: { reject: [] } }]);
		expect((await n8n.waitForExecutions(workflows.mixed.id, 2)).map((row) => row.status)).toEqual(['success', 'success']);
	});

	test('a wrongly signed pre-call push: HTTP 401 with a non-zero code, nothing runs', async () => {
		const before = (await n8n.executions(workflows.decides.id)).length;
		const response = await fetch(url('decides'), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: icsocPushBody({ type: 2, data: records, secret: 'someone-else' }),
		});
		expect(response.status).toBe(401);
		expect(((await response.json()) as { code: unknown }).code).not.toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await n8n.executions(workflows.decides.id)).toHaveLength(before);
	});
});
