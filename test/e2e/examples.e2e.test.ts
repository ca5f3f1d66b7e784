/**
 * The `npm start` sandbox, checked: the same setup (test/e2e/sandbox.ts) in a real n8n 2.8.4,
 * every workflow in examples/ imported and run: the ones run by hand via `n8n execute`, the
 * push-started one by a signed push to its production webhook. Expected values are computed
 * here from the emulators' demo data, independently of the package's code.
 */
import { execFileSync } from 'child_process';
import { readFileSync, rmSync } from 'fs';

import { parseRunOutput } from './realN8n';
import { createSandbox, demoData, isPushExample, type Sandbox } from './sandbox';

jest.setTimeout(15 * 60 * 1000);

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await createSandbox();
});

afterAll(async () => {
	await sandbox?.stop();
	if (sandbox) rmSync(sandbox.n8n.userFolder, { recursive: true, force: true });
});

type Item = { json: Record<string, any> };


/** Runs an example as the editor's "Execute workflow" would, returns each node's output items. */
async function execute(workflowId: string): Promise<(node: string) => Item[]> {
	const result = await sandbox.n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	if (result.code !== 0 || !result.stdout.includes('{')) throw new Error(`n8n execute failed:\n${result.stdout}\n${result.stderr}`);
	const run = parseRunOutput(result.stdout);
	expect(run.data.resultData.error).toBeUndefined();
	return (node) => {
		const runs = run.data.resultData.runData[node];
		if (!runs) throw new Error(`node "${node}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
		return runs[0].data.main[0] as Item[];
	};
}

/** "YYYY-MM-DD" of an instant in an IANA zone. */
function dayIn(timeZone: string, date: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function dayBefore(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

const countBy = <T>(values: T[]) => values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<T, number>());

/** What each run-by-hand example must produce, by workflow id. */
const runByHandExpectations: Record<string, () => Promise<void>> = {
	exDailyReport001: async () => {
		const output = await execute('exDailyReport001');
		expect(output('NXCloud List Order Details').map((item) => item.json.orderID)).toEqual(['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5']);
		expect(output('Report').map((item) => item.json)).toEqual([{ count_orderID: 5 }]);
	},

	exIcsocCdrDaily1: async () => {
		const yesterday = dayBefore(dayIn(sandbox.timeZone, new Date()));
		const expected = sandbox.icsoc.cdrs.filter((cdr) => dayIn(sandbox.timeZone, new Date(cdr.start_time * 1000)) === yesterday);
		// One call every 10 minutes: a whole day, more than one page of 100.
		expect(expected.length).toBeGreaterThanOrEqual(138);
		const searchesBefore = sandbox.icsoc.searches.length;

		const output = await execute('exIcsocCdrDaily1');
		const calls = output("Yesterday's calls");
		expect(calls.map((item) => item.json.call_id)).toEqual(expected.map((cdr) => cdr.call_id));
		expect(calls[0].json.start_timeIso).toBe(new Date(expected[0].start_time * 1000).toISOString());
		const pages = sandbox.icsoc.searches.slice(searchesBefore);
		expect(pages.map((page) => page.perPage)).toEqual([100, 100]);
		expect(pages[0].filters).toEqual({ startTime: { gte: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:00$/), lte: expect.stringMatching(/:59$/) } });

		const labels: Record<string, string> = { '0': 'caller not connected', '1': 'only caller connected', '2': 'caller and called connected' };
		const expectedCounts = countBy(expected.map((cdr) => labels[cdr.callresult]));
		const report = output('Calls per result').map((item) => item.json);
		expect(new Map(report.map((row) => [row.callresultLabel, row.count_call_id]))).toEqual(expectedCounts);
		expect(report).toHaveLength(3);
	},

	exIsalesFailed01: async () => {
		const campaign = sandbox.isales.campaigns.get('1/demo-campaign')!;
		const failed = campaign.filter((record) => record.callStatus === 5);
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.length).toBeLessThan(campaign.length);
		const requestsBefore = sandbox.isales.requests.length;

		const output = await execute('exIsalesFailed01');
		expect(output('Campaign call results')).toHaveLength(campaign.length);
		expect(output('Failed calls only').every((item) => item.json.callStatusLabel === 'failed')).toBe(true);
		expect(output('Call-back list').map((item) => item.json)).toEqual(
			failed.map((record) => ({
				phone: record.called,
				lastAttemptAt: new Date(`${String(record.callBeginTime).replace(' ', 'T')}+08:00`).toISOString(),
				failCode: record.failCode,
				callId: record.callId,
			})),
		);
		// Over HTTPS with the emulator's self-signed certificate, every request signed correctly.
		expect(sandbox.isales.baseUrl).toMatch(/^https:/);
		const requests = sandbox.isales.requests.slice(requestsBefore);
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.every((request) => request.authorized)).toBe(true);
	},

	exIsalesRedial01: async () => {
		const failed = sandbox.isales.campaigns.get('1/demo-campaign')!.filter((record) => record.callStatus === 5);
		const before = sandbox.isales.calldataRequests().length;
		const output = await execute('exIsalesRedial01');
		const added = output('Add to call-back campaign').map((item) => item.json);
		expect(added.map((json) => [json.called, json.added, json.customField])).toEqual(failed.map((record) => [record.called, true, record.callId]));
		expect(added.every((json) => typeof json.dataId === 'string' && json.dataId !== '')).toBe(true);
		// 20 numbers or fewer per request, into campaign 2001 of VDN 1.
		const requests = sandbox.isales.calldataRequests().slice(before);
		expect(requests.map((request) => request.body.callDataList.length)).toEqual(
			Array.from({ length: Math.ceil(failed.length / 20) }, (_, index) => Math.min(20, failed.length - index * 20)),
		);
		expect(requests.every((request) => request.path.endsWith(`/campaigns/1/calldata/${demoData.isalesCallBackCampaignId}`))).toBe(true);
	},
};

test('every example is covered: run-by-hand ones have expectations here, push-started ones are checked below', () => {
	const runByHand = sandbox.examples.filter((example) => !isPushExample(example)).map((example) => example.id);
	expect(runByHand.sort()).toEqual(Object.keys(runByHandExpectations).sort());
	// `n8n execute` (like the editor's "Execute workflow" button) starts at a Manual Trigger.
	for (const example of sandbox.examples.filter((example) => !isPushExample(example))) {
		expect([example.id, example.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')]).toEqual([example.id, true]);
	}
	expect(sandbox.examples.filter(isPushExample).map((example) => example.id).sort()).toEqual(['exIcsocPreCall01', 'exIcsocPushCrm01', 'exIsalesPushCb01', 'exNxPushCrm00001'].sort());
	expect(new Set(sandbox.examples.map((example) => example.id)).size).toBe(sandbox.examples.length);
	expect(sandbox.examples.every((example) => example.name.startsWith('Example: '))).toBe(true);
});

test.each(Object.keys(runByHandExpectations))('example %s runs in n8n and gives the expected output', async (workflowId) => {
	await runByHandExpectations[workflowId]();
});

describe('push-started example (n8n start, production webhook)', () => {
	beforeAll(async () => sandbox.startN8n());

	const executionsOf = async (workflowId: string): Promise<Array<{ status: string; data: string }>> => {
		const sqlite3 = require(require.resolve('sqlite3', { paths: [sandbox.n8n.bin] }));
		const db = new sqlite3.Database(`${sandbox.n8n.userFolder}/.n8n/database.sqlite`, sqlite3.OPEN_READONLY);
		try {
			return await new Promise((resolve, reject) =>
				db.all(
					'SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ?',
					[workflowId],
					(error: Error | null, rows: Array<{ status: string; data: string }>) => (error ? reject(error) : resolve(rows)),
				),
			);
		} finally {
			db.close();
		}
	};

	test('"icsoc call pushes -> CRM update": the printed sample push gets {"code":0} and one successful run maps its fields', async () => {
		const response = await fetch(sandbox.icsocPushUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: readFileSync(sandbox.samplePushFile),
		});
		const text = await response.text();
		if (response.status !== 200) throw new Error(`${response.status} ${text.slice(0, 300)}\n${sandbox.n8n.serverLog}`);
		expect(JSON.parse(text)).toEqual({ code: 0 });
		// Executions are saved after the reply ('onReceived'): wait for the row.
		let executions: Array<{ status: string; data: string }> = [];
		for (let attempt = 0; attempt < 80 && executions.length === 0; attempt++) {
			executions = (await executionsOf('exIcsocPushCrm01')).filter((execution) => execution.status === 'success');
			if (executions.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(executions).toHaveLength(1);
		// Run data is stored in n8n's "flatted" form: the CRM node's values appear as strings.
		expect(executions[0].data).toContain('"CRM update (map fields)"');
		expect(executions[0].data).toContain('"demo-call"');
		expect(executions[0].data).toContain('"caller and called connected"');
	});

	test('"NXCloud call pushes -> Remove Duplicates -> CRM update": the printed curl line, sent twice, gets {"retCode":0} twice; the CRM stand-in is updated once; an altered push gets 401', async () => {
		const { curl, body } = sandbox.nxCloudSamplePush;
		const send = () => execFileSync('bash', ['-c', `${curl} -w ' HTTP %{http_code}'`], { encoding: 'utf8' });
		const successfulRuns = async (count: number) => {
			let runs: Array<{ status: string; data: string }> = [];
			for (let attempt = 0; attempt < 80; attempt++) {
				runs = (await executionsOf('exNxPushCrm00001')).filter((execution) => execution.status === 'success');
				if (runs.length >= count) break;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			return runs;
		};
		const first = send();
		if (first !== '{"retCode":0} HTTP 200') throw new Error(`${first}\n${sandbox.n8n.serverLog}`);
		expect(await successfulRuns(1)).toHaveLength(1);
		expect(sandbox.crm.updates).toEqual([
			{
				callId: 'demo-1-call-1',
				orderId: 'demo-1',
				contact: 'crm-contact-42',
				phone: '8613800138000',
				outcome: 'completed',
				startedAt: '2024-05-01T00:00:00.000Z',
				talkSeconds: 60,
				recordingUrl: 'https://record.nxcloud.com/demo-1-call-1.mp3',
				dedupeKey: 'nxcloud:call:demo-1-call-1',
			},
		]);

		// NXCloud sends the same push again: a second run, stopped by Remove Duplicates.
		expect(send()).toBe('{"retCode":0} HTTP 200');
		const runs = await successfulRuns(2);
		expect(runs).toHaveLength(2);
		expect(sandbox.crm.updates).toHaveLength(1);

		// The same curl line with the body altered: refused, nothing runs.
		const altered = await fetch(sandbox.nxCloudPushUrl, {
			method: 'POST',
			headers: { ...sandbox.nxCloudSamplePush.headers, 'Content-Type': 'application/json' },
			body: body.replace('"completed"', '"x"').replace('"callStatus":6', '"callStatus":8'),
		});
		expect(altered.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await executionsOf('exNxPushCrm00001')).length).toBe(2);
		expect(sandbox.crm.updates).toHaveLength(1);
	});

	test('"Huawei campaign results push -> call-back list": the printed push with its token gets 200, one run adds the two failed numbers; again: no new numbers; without the token: 401', async () => {
		const campaign = `${demoData.isalesVdnId}/${demoData.isalesCallBackCampaignId}`;
		const numbersBefore = sandbox.isales.callData.get(campaign)?.length ?? 0;
		const send = (url: string) =>
			fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: readFileSync(sandbox.isalesSamplePushFile) });
		const first = await send(sandbox.isalesPushUrl);
		if (first.status !== 200) throw new Error(`${first.status} ${await first.text()}\n${sandbox.n8n.serverLog}`);
		const runs = async (count: number) => {
			let found: Array<{ status: string; data: string }> = [];
			for (let attempt = 0; attempt < 80; attempt++) {
				found = (await executionsOf('exIsalesPushCb01')).filter((execution) => execution.status === 'success');
				if (found.length >= count) break;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			return found;
		};
		expect(await runs(1)).toHaveLength(1);
		const added = (sandbox.isales.callData.get(campaign) ?? []).slice(numbersBefore);
		expect(added.map((entry) => entry.called)).toEqual(['13900000001', '13900000002']);
		// The same push again (iSales resends until it gets 200): a run, but Remove Duplicates adds nothing.
		expect((await send(sandbox.isalesPushUrl)).status).toBe(200);
		expect(await runs(2)).toHaveLength(2);
		expect((sandbox.isales.callData.get(campaign) ?? []).length).toBe(numbersBefore + 2);
		expect((await send(sandbox.isalesPushUrl.replace(/\?token=.*$/, ''))).status).toBe(401);
	});

	test('"icsoc pre-call push -> do-not-call list -> reply": the printed pre-call push of three records gets a reply rejecting exactly the listed one', async () => {
		const response = await fetch(sandbox.icsocPreCallUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: readFileSync(sandbox.icsocPreCallPushFile),
		});
		const text = await response.text();
		if (response.status !== 200) throw new Error(`${response.status} ${text.slice(0, 300)}\n${sandbox.n8n.serverLog}`);
		expect(JSON.parse(text)).toEqual({ code: 0, message: 'success', data: { reject: [{ project_id: 10000, task_id: 1000002 }] } });
	});
});
