/**
 * Pre-call decisions in n8n: the icsoc Autocall node's Build Pre-Call Reply run by n8n's own
 * engine, and the icsoc Autocall Trigger over real HTTP receiving signed pre-call pushes (plain
 * and encrypted, built as icsoc's PHP builds them), with the rest of the workflow being that
 * same node fed one decision per pushed record. Each reply is checked field by field and read
 * the way icsoc reads it (icsocReadsPreCallReply).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { icsocPushBody, icsocReadsPreCallReply, type PreCallRecord } from '../emulators/icsocEmulator';
import { runNode } from '../harness/n8nRunner';
import { WebhookServer, type WebhookServerOptions } from '../harness/webhookRunner';

const SECRET = 'push-secret-precall-01';
const buildReply = { resource: 'preCall', operation: 'reply' };

/** Three records of one push, as icsoc's page lists them (integers for the IDs). */
const records: PreCallRecord[] = [
	{ project_id: 7, task_id: 70, ext_id: 'crm-1', phone: '18512340001' },
	{ project_id: 7, task_id: 71, ext_id: 'crm-2', phone: '18512340002' },
	{ project_id: 7, task_id: 72, ext_id: 'crm-3', phone: '18512340003' },
];
const doNotCall = new Set(['18512340002']);

async function runBuildReply(input: IDataObject[], continueOnFail = false) {
	return await runNode({ nodeType: 'icsocAutocall', parameters: buildReply, credentials: {}, input, continueOnFail });
}

describe('icsoc Autocall → Build Pre-Call Reply in n8n', () => {
	test('gathers all items\' decisions into one reply item, paired to every input item; sends nothing', async () => {
		const { items, error } = await runBuildReply([
			{ ...records[0], reject: false },
			{ ...records[1], reject: true },
			{ ...records[2], caller: '02158888888' },
			{ note: 'not a decision' },
		]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			code: 0,
			message: 'success',
			data: { reject: [{ project_id: 7, task_id: 71 }], caller: [{ project_id: 7, task_id: 72, caller: '02158888888' }] },
		});
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	test('no decision at all: {"code":0,"message":"success","data":{"reject":[]}}', async () => {
		const { items } = await runBuildReply(records.map((record) => ({ ...record })));
		expect(items.map((item) => item.json)).toEqual([{ code: 0, message: 'success', data: { reject: [] } }]);
	});

	test('an unreadable decision fails the node, naming the item; with Continue On Fail it is left out, the reply stays first and the error item follows', async () => {
		const input = [{ ...records[0], reject: true }, { ...records[1], reject: 'maybe' }, { project_id: 7, reject: true }];
		const failed = await runBuildReply(input);
		expect(failed.error?.message).toMatch(/pre-call decision of item 2 was not used: "reject" must be true or false, got "maybe"/);
		expect(failed.error?.description).toMatch(/icsoc dials every record/);

		const { items, error } = await runBuildReply(input, true);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ code: 0, message: 'success', data: { reject: [{ project_id: 7, task_id: 70 }] } },
			expect.objectContaining({ error: expect.stringMatching(/item 2 .*"reject"/) }),
			expect.objectContaining({ error: expect.stringMatching(/item 3 .*"task_id" .*missing/) }),
		]);
		expect(items.slice(1).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
	});

	test('needs no icsoc credential: the credential is hidden for this resource', async () => {
		const { IcsocAutocall } = await import('../../nodes/IcsocAutocall/IcsocAutocall.node');
		const [credential] = new IcsocAutocall().description.credentials!;
		expect(credential.displayOptions).toEqual({ hide: { resource: ['preCall'] } });
	});
});

describe('icsoc Autocall Trigger: pre-call pushes answered from the workflow', () => {
	let server: WebhookServer;
	let workflowFails = false;
	let runs = 0;

	/**
	 * The workflow of the README: a Code node marks each pushed record (reject when its phone is
	 * on the do-not-call list, a caller for ext_id crm-3), then Build Pre-Call Reply, last.
	 */
	const decideAndReply = async (workflowData: INodeExecutionData[][]): Promise<IDataObject[]> => {
		runs++;
		if (workflowFails) throw new Error('CRM lookup failed');
		const push = workflowData[0][0].json;
		const pushed = (push.data ?? []) as IDataObject[];
		const decisions = pushed.map((record) => ({
			...record,
			reject: doNotCall.has(String(record.phone)),
			...(record.ext_id === 'crm-3' ? { caller: '02158888888' } : {}),
		}));
		const { items, error } = await runBuildReply(decisions);
		if (error) throw error;
		return items.map((item) => item.json);
	};

	const start = async (parameters: INodeParameters, extra: Partial<WebhookServerOptions> = {}) => {
		server = await new WebhookServer({
			nodeType: 'icsocAutocallTrigger',
			parameters,
			credentials: { icsocAutocallPushApi: { secret: SECRET } },
			runWorkflow: decideAndReply,
			...extra,
		}).start();
	};
	beforeEach(() => {
		workflowFails = false;
		runs = 0;
	});
	afterEach(async () => server?.stop());

	test.each([false, true])('From Workflow, encrypted %s: the signed type-2 push is answered with the workflow\'s decisions, field by field', async (encrypt) => {
		await start({ preCallReply: 'fromWorkflow' });
		const reply = await server.post(icsocPushBody({ type: 2, data: records, secret: SECRET, encrypt }));
		expect(reply.status).toBe(200);
		const body = reply.json as { code: unknown; message: unknown; data: { reject: unknown[]; caller: unknown[] } };
		expect(Object.keys(body)).toEqual(['code', 'message', 'data']);
		expect(body.code).toBe(0);
		expect(body.message).toBe('success');
		expect(Object.keys(body.data)).toEqual(['reject', 'caller']);
		expect(body.data.reject).toEqual([{ project_id: 7, task_id: 71 }]);
		expect(body.data.caller).toEqual([{ project_id: 7, task_id: 72, caller: '02158888888' }]);
		// The trigger emitted the push (decrypted) as one item; the workflow ran once.
		expect(server.executions).toHaveLength(1);
		expect(server.executions[0][0][0].json).toEqual(expect.objectContaining({ type: 2, encrypted: encrypt, data: records }));
		expect(runs).toBe(1);

		const icsoc = icsocReadsPreCallReply(records, { status: reply.status, text: reply.body });
		expect(icsoc.rejected.map((record) => record.phone)).toEqual(['18512340002']);
		expect(icsoc.dialled.map((record) => [record.phone, record.caller])).toEqual([
			['18512340001', undefined],
			['18512340003', '02158888888'],
		]);
	});

	test.each([false, true])('From Workflow, encrypted %s: when the workflow fails, icsoc gets HTTP 500 {"message":"Error in workflow"} and dials all three (fail open)', async (encrypt) => {
		await start({ preCallReply: 'fromWorkflow' });
		workflowFails = true;
		const reply = await server.post(icsocPushBody({ type: 2, data: records, secret: SECRET, encrypt }));
		expect(reply.status).toBe(500);
		expect(reply.json).toEqual({ message: 'Error in workflow' });
		expect(runs).toBe(1);
		const icsoc = icsocReadsPreCallReply(records, { status: reply.status, text: reply.body });
		expect([icsoc.replyUsed, icsoc.rejected, icsoc.dialled.map((record) => record.task_id)]).toEqual([false, [], [70, 71, 72]]);
	});

	test('From Workflow: a wrongly signed pre-call push gets HTTP 401 with a non-zero code (icsoc dials all) and runs nothing', async () => {
		await start({ preCallReply: 'fromWorkflow' });
		const reply = await server.post(icsocPushBody({ type: 2, data: records, secret: 'not-the-secret' }));
		expect(reply.status).toBe(401);
		expect((reply.json as { code: number }).code).not.toBe(0);
		expect(runs).toBe(0);
		expect(server.executions).toHaveLength(0);
		expect(icsocReadsPreCallReply(records, { status: reply.status, text: reply.body }).dialled).toHaveLength(3);
	});

	test.each(['onReceived', 'lastNode', 'onSuccess'])('Dial All Records (default), Respond %s: a type-2 push gets {"code":0} at once, the workflow still runs', async (responseMode) => {
		await start({ responseMode });
		const reply = await server.post(icsocPushBody({ type: 2, data: records, secret: SECRET, encrypt: true }));
		expect([reply.status, reply.json]).toEqual([200, { code: 0 }]);
		expect(server.executions).toHaveLength(1);
		// Answered before the run, whatever the workflow would have decided.
		expect(runs).toBe(0);
		expect(icsocReadsPreCallReply(records, { status: reply.status, text: reply.body }).dialled).toHaveLength(3);
	});

	test('Dial All Records: CDR pushes keep today\'s replies in every Respond mode', async () => {
		const cdr = { call_id: 'c-1', project_id: '7', callresult: '2' };
		const lastNodeOutput = async () => [{ code: 0 }];
		const expected: Array<[string, number, string]> = [
			['onReceived', 200, '{"code":0}'],
			['lastNode', 200, '{"code":0}'],
			['onSuccess', 200, ''],
		];
		for (const [responseMode, status, body] of expected) {
			await start({ responseMode }, { runWorkflow: lastNodeOutput });
			const reply = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET }));
			expect([responseMode, reply.status, reply.body]).toEqual([responseMode, status, body]);
			expect(server.executions).toHaveLength(1);
			await server.stop();
		}
	});

	test('From Workflow: CDR pushes follow Respond: Immediately {"code":0} at once (answered by the trigger); When Last Node Finishes and When Workflow Succeeds the last node\'s first item; 500 on failure', async () => {
		const cdr = { call_id: 'c-2', project_id: '7', callresult: '2' };
		let cdrRuns = 0;
		const cdrWorkflow = async () => {
			cdrRuns++;
			if (workflowFails) throw new Error('CRM down');
			return [{ code: 0 }];
		};
		for (const [responseMode, body, runsBeforeReply] of [
			['onReceived', '{"code":0}', 0],
			['lastNode', '{"code":0}', 1],
			['onSuccess', '{"code":0}', 1],
		] as const) {
			cdrRuns = 0;
			workflowFails = false;
			await start({ preCallReply: 'fromWorkflow', responseMode }, { runWorkflow: cdrWorkflow });
			const reply = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET, encrypt: true }));
			expect([responseMode, reply.status, reply.body, cdrRuns]).toEqual([responseMode, 200, body, runsBeforeReply]);
			expect(server.executions).toHaveLength(1);
			if (responseMode !== 'onReceived') {
				workflowFails = true;
				const failed = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET }));
				expect([failed.status, failed.json]).toEqual([500, { message: 'Error in workflow' }]);
			}
			await server.stop();
		}
	});

	test('From Workflow with only CDR pushes chosen: a pre-call push is acknowledged {"code":0} at once and starts nothing', async () => {
		await start({ preCallReply: 'fromWorkflow', pushTypes: ['1'] });
		const reply = await server.post(icsocPushBody({ type: 2, data: records, secret: SECRET }));
		expect([reply.status, reply.json]).toEqual([200, { code: 0 }]);
		expect(server.executions).toHaveLength(0);
		expect(runs).toBe(0);
	});
});
