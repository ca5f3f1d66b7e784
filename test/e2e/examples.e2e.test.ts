/**
 * The `npm start` sandbox, checked: the same setup (test/e2e/sandbox.ts) in a real n8n 2.8.4,
 * every workflow in examples/ imported and run: the ones run by hand via `n8n execute`, the
 * push-started one by a signed push to its production webhook. Expected values are computed
 * here from the emulators' demo data, independently of the package's code.
 */
import { execFile, execFileSync } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { unixToZonedIso } from '../../nodes/shared/dates';
import { parseRunOutput } from './realN8n';
import { createSandbox, demoData, examplesDir, isPushExample, withCrmStandIn, type ExampleWorkflow, type Sandbox } from './sandbox';

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

/** The instant of an iSales server wall-clock time ("Y-m-d H:i:s", UTC+8). */
const isalesInstant = (text: unknown) => new Date(`${String(text).replace(' ', 'T')}+08:00`);

/**
 * Yesterday's calls in the emulators' demo data, read straight from the emulators (not from any
 * node's output), with the outcome each vendor's documented status means and the talk seconds of
 * answered calls: NXCloud an order's latest call (callStatus 6 answered, 10 busy, 22 ring missed;
 * talk = callDuration), icsoc a CDR (callresult 0 not connected, 1 and 2 connected; talk = ansSecs),
 * iSales a campaign result (callStatus 5 failed, 6 succeeded; talk = callEndTime - callBeginTime).
 */
function yesterdaysDemoCalls(): Array<{ vendor: string; callId: string; outcome: string; talkSec: number; serverDay?: string }> {
	const yesterday = dayBefore(dayIn(sandbox.timeZone, new Date()));
	const onYesterday = (date: Date) => dayIn(sandbox.timeZone, date) === yesterday;
	const calls: Array<{ vendor: string; callId: string; outcome: string; talkSec: number; serverDay?: string }> = [];
	const nxOutcome: Record<number, string> = { 6: 'answered', 10: 'busy', 22: 'noAnswer' };
	for (const orderId of demoData.nxCloudOrders) {
		const order = sandbox.nxCloud.tasks.get(demoData.nxCloudTask)!.get(orderId)!;
		const latest = [...order.callInfoDetailList].sort((a, b) => Number(a.callStartTs) - Number(b.callStartTs)).pop()!;
		if (!onYesterday(new Date(Number(latest.callStartTs) * 1000))) continue;
		const outcome = nxOutcome[Number(latest.callStatus)];
		calls.push({ vendor: 'nxcloud', callId: String(latest.callID), outcome, talkSec: outcome === 'answered' ? Number(latest.callDuration) : 0 });
	}
	for (const cdr of sandbox.icsoc.cdrs) {
		if (!onYesterday(new Date(cdr.startTime * 1000))) continue;
		const outcome = cdr.callresult === '0' ? 'noAnswer' : 'answered';
		calls.push({ vendor: 'icsoc', callId: cdr.callId, outcome, talkSec: outcome === 'answered' ? cdr.ansSecs : 0 });
	}
	for (const result of sandbox.isales.campaigns.get(`${demoData.isalesVdnId}/${demoData.isalesCampaignId}`)!) {
		if (!onYesterday(isalesInstant(result.ackBeginTime))) continue;
		const outcome = result.callStatus === 6 ? 'answered' : 'failed';
		const talkSec = outcome === 'answered' ? (isalesInstant(result.callEndTime).getTime() - isalesInstant(result.callBeginTime).getTime()) / 1000 : 0;
		calls.push({ vendor: 'huawei', callId: String(result.callId), outcome, talkSec, serverDay: String(result.ackBeginTime).slice(0, 10) });
	}
	return calls;
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
		const expected = sandbox.icsoc.cdrs.filter((cdr) => dayIn(sandbox.timeZone, new Date(cdr.startTime * 1000)) === yesterday);
		// One call every 10 minutes: a whole day, more than one page of 100.
		expect(expected.length).toBeGreaterThanOrEqual(138);
		const searchesBefore = sandbox.icsoc.searches.length;

		const output = await execute('exIcsocCdrDaily1');
		const calls = output("Yesterday's calls");
		expect(calls.map((item) => item.json.callId)).toEqual(expected.map((cdr) => cdr.callId));
		// In the Platform Time Zone (Asia/Shanghai), as the call record's startedAt.
		expect(calls[0].json.startTimeIso).toBe(unixToZonedIso(expected[0].startTime, 'Asia/Shanghai'));
		expect((calls[0].json.call as Record<string, unknown>).startedAt).toBe(calls[0].json.startTimeIso);
		const pages = sandbox.icsoc.searches.slice(searchesBefore);
		expect(pages.map((page) => page.perPage)).toEqual([100, 100]);
		expect(pages[0].filters).toEqual({ startTime: { gte: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:00$/), lte: expect.stringMatching(/:59$/) } });

		const labels: Record<string, string> = { '0': 'caller not connected', '1': 'only caller connected', '2': 'caller and called connected' };
		const expectedCounts = countBy(expected.map((cdr) => labels[cdr.callresult]));
		const report = output('Calls per result').map((item) => item.json);
		expect(new Map(report.map((row) => [row.callresultLabel, row.count_callId]))).toEqual(expectedCounts);
		expect(report).toHaveLength(3);
	},

	exCallReportAll1: async () => {
		const yesterday = dayBefore(dayIn(sandbox.timeZone, new Date()));
		const expected = yesterdaysDemoCalls();
		// The demo data gives every vendor calls yesterday, answered and not, and calls on other days to leave out.
		const perVendor = countBy(expected.map((call) => call.vendor));
		expect(perVendor.get('nxcloud')).toBe(demoData.nxCloudOrders.length);
		expect(perVendor.get('icsoc')).toBeGreaterThanOrEqual(138);
		expect(perVendor.get('huawei')).toBeGreaterThanOrEqual(15);
		expect(perVendor.get('huawei')).toBeLessThan(demoData.isalesCallResults);
		for (const vendor of ['nxcloud', 'icsoc', 'huawei']) {
			const outcomes = new Set(expected.filter((call) => call.vendor === vendor).map((call) => call.outcome));
			expect([vendor, outcomes.has('answered'), outcomes.size > 1]).toEqual([vendor, true, true]);
		}

		const isalesBefore = sandbox.isales.requests.length;
		const output = await execute('exCallReportAll1');
		expect(output('All calls').length).toBeGreaterThan(expected.length);
		// iSales filters by whole days of its clock (UTC+8): the range asked for holds yesterday's first and last call.
		const ranges = sandbox.isales.requests
			.slice(isalesBefore)
			.filter((request) => request.path.includes('/callresult/'))
			.map((request) => JSON.parse(request.rawBody) as { beginTime: string; endTime: string });
		expect(ranges).toHaveLength(1);
		const serverDays = expected.filter((call) => call.vendor === 'huawei').map((call) => call.serverDay!).sort();
		expect(ranges[0].beginTime <= serverDays[0] && serverDays[serverDays.length - 1] <= ranges[0].endTime).toBe(true);
		const kept = output('Started yesterday').map((item) => item.json);
		expect(kept.map((json) => `${json.call.vendor}/${json.call.callId}`).sort()).toEqual(expected.map((call) => `${call.vendor}/${call.callId}`).sort());
		// After the merge, only the call record and the report's own fields.
		expect(kept.every((json) => Object.keys(json).sort().join() === 'answered,answeredTalkSec,call,day')).toBe(true);

		const answered = expected.filter((call) => call.outcome === 'answered');
		const figures = output('Answer rate and talk time').map((item) => item.json);
		expect(figures).toHaveLength(1);
		expect(figures[0]).toEqual({
			day: yesterday,
			calls: expected.length,
			answered: answered.length,
			answerRatePercent: expect.any(Number),
			averageTalkSec: expect.any(Number),
		});
		expect(figures[0].answerRatePercent).toBeCloseTo((100 * answered.length) / expected.length, 1);
		expect(figures[0].averageTalkSec).toBeCloseTo(answered.reduce((sum, call) => sum + call.talkSec, 0) / answered.length, 1);

		const outcomes = output('Outcomes per day').map((item) => item.json);
		expect(new Map(outcomes.map((row) => [`${row.day} ${row.call_outcome}`, row.count_call_callId]))).toEqual(
			new Map([...countBy(expected.map((call) => call.outcome))].map(([outcome, count]) => [`${yesterday} ${outcome}`, count])),
		);
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
				lastAttemptAt: `${String(record.callBeginTime).replace(' ', 'T')}+08:00`,
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
	expect(sandbox.examples.filter(isPushExample).map((example) => example.id).sort()).toEqual(
		['exCrossVendorCrm', 'exIcsocPreCall01', 'exIcsocPushCrm01', 'exIsalesPushCb01', 'exNxPushCrm00001'].sort(),
	);
	// n8n serves one trigger per webhook path: no two triggers of the examples share a webhookId.
	const webhookIds = sandbox.examples.flatMap((example) => example.nodes.map((node) => node.webhookId).filter((id) => id !== undefined));
	expect(new Set(webhookIds).size).toBe(webhookIds.length);
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
				// NXCloud's unix times in the workflow's time zone (the sandbox n8n's).
				startedAt: unixToZonedIso(1_714_521_600, sandbox.timeZone),
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

	test('"call pushes of all three vendors -> Remove Duplicates -> one CRM update": the file as written takes a signed push of each vendor (the printed curl lines): one CRM update per call, the same fields for every vendor; resends update nothing', async () => {
		const workflowId = 'exCrossVendorCrm';
		// Imported unchanged: the file as written, only its CRM URL moved to the stand-in.
		const file = JSON.parse(readFileSync(path.join(examplesDir, 'all-vendors-call-push-to-crm.json'), 'utf8')) as ExampleWorkflow;
		const example = sandbox.examples.find((workflow) => workflow.id === workflowId)!;
		expect(example).toEqual(withCrmStandIn(file, sandbox.crm.baseUrl));
		// One trigger per vendor; after them, expressions read only call fields (Remove Duplicates: call.dedupeKey).
		const triggers = example.nodes.filter((node) => /Trigger$/.test(node.type)).map((node) => node.type);
		expect(triggers.sort()).toEqual(
			['n8n-nodes-callcenter.huaweiIsalesTrigger', 'n8n-nodes-callcenter.icsocAutocallTrigger', 'n8n-nodes-callcenter.nxCloudCallbotTrigger'].sort(),
		);
		const read = example.nodes
			.filter((node) => !/Trigger$/.test(node.type))
			.flatMap((node) => JSON.stringify(node.parameters ?? {}).match(/\$json(\.\w+)+/g) ?? []);
		expect(read.length).toBeGreaterThan(10);
		expect(read.filter((expression) => !/^\$json\.call\.\w+/.test(expression))).toEqual([]);
		expect(example.nodes.find((node) => node.type === 'n8n-nodes-base.removeDuplicates')!.parameters).toMatchObject({
			operation: 'removeItemsSeenInPreviousExecutions',
			dedupeValue: '={{ $json.call.dedupeKey }}',
		});

		// curl runs asynchronously: the iSales trigger answers after the run, and the CRM stand-in is served by this process.
		const send = (curl: string) =>
			new Promise<string>((resolve, reject) =>
				execFile('bash', ['-c', `${curl} -m 60 -w ' HTTP %{http_code}'`], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
			);
		// NXCloud and icsoc get their success body at once; iSales (status only) an empty 200 once the run succeeded.
		const replies = { nxCloud: '{"retCode":0} HTTP 200', icsoc: '{"code":0} HTTP 200', isales: ' HTTP 200' };
		const before = sandbox.crm.updates.length;
		const received: Record<string, number> = {};
		let runs = 0;
		for (const vendor of ['nxCloud', 'icsoc', 'isales'] as const) {
			const reply = await send(sandbox.crossVendor.curl[vendor]);
			if (reply !== replies[vendor]) throw new Error(`${vendor}: ${reply}\n${sandbox.n8n.serverLog.slice(-3000)}`);
			expect(await sandbox.n8n.waitForExecutions(workflowId, ++runs)).toHaveLength(runs);
			received[vendor] = sandbox.crm.updates.length - before;
		}
		expect(received).toEqual({ nxCloud: 1, icsoc: 2, isales: 5 });

		// What each vendor pushed, read from the sample pushes themselves, in the call record's terms.
		const nxPush = JSON.parse(sandbox.nxCloudSamplePush.body);
		const nxCall = nxPush.callInfoDetail;
		const icsocData = JSON.parse(readFileSync(sandbox.samplePushFile, 'utf8')).data;
		const isalesResults = JSON.parse(readFileSync(sandbox.isalesSamplePushFile, 'utf8')) as Array<Record<string, any>>;
		const unix = (seconds: unknown) => Number(seconds) * 1000;
		const expected = [
			{
				vendor: 'nxcloud',
				callId: nxCall.callID,
				externalId: nxPush.orderID,
				phone: nxPush.userPhone,
				outcome: 'answered',
				vendorStatus: 'completed',
				startedAt: unix(nxCall.callStartTs),
				answeredAt: unix(nxCall.callAnswerTs),
				endedAt: unix(nxCall.callEndTs),
				durationSec: nxCall.callEndTs - nxCall.callStartTs,
				talkSec: nxCall.callDuration,
				recordingUrl: nxCall.callAudioUrl,
				dedupeKey: `nxcloud:call:${nxCall.callID}`,
			},
			{
				vendor: 'icsoc',
				callId: icsocData.call_id,
				externalId: icsocData.user_data.ext_id,
				phone: icsocData.called,
				outcome: 'answered',
				vendorStatus: 'caller and called connected',
				startedAt: unix(icsocData.start_time),
				answeredAt: unix(icsocData.ans_time),
				endedAt: unix(icsocData.end_time),
				durationSec: Number(icsocData.all_secs),
				talkSec: Number(icsocData.ans_secs),
				recordingUrl: null,
				dedupeKey: `icsoc:call:${icsocData.call_id}`,
			},
			...isalesResults.map((result) => ({
				vendor: 'huawei',
				callId: result.callId,
				externalId: result.customField,
				phone: result.called,
				outcome: result.callStatus === 6 ? 'answered' : 'failed',
				vendorStatus: result.callStatus === 6 ? 'succeeded' : 'failed',
				startedAt: isalesInstant(result.callTimeStr).getTime(),
				// A result push carries only the call's start: no answer or end time, so no talk time unless it failed.
				answeredAt: null,
				endedAt: null,
				durationSec: null,
				talkSec: result.callStatus === 6 ? null : 0,
				recordingUrl: null,
				dedupeKey: `huawei:call:${result.callId}`,
			})),
		];
		expect(expected.map((call) => call.outcome)).toEqual(['answered', 'answered', 'answered', 'failed', 'failed']);
		const updates = sandbox.crm.updates.slice(before);
		// The same fields for every vendor, times as ISO 8601 with an offset.
		const fields = Object.keys(expected[0]).sort();
		expect(updates.map((update) => Object.keys(update).sort())).toEqual(updates.map(() => fields));
		const isoWithOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
		const times = (update: Record<string, unknown>) => {
			const normalized: Record<string, unknown> = { ...update };
			for (const field of ['startedAt', 'answeredAt', 'endedAt']) {
				const value = update[field];
				if (value === null) continue;
				expect([field, value, isoWithOffset.test(String(value))]).toEqual([field, value, true]);
				normalized[field] = Date.parse(String(value));
			}
			return normalized;
		};
		expect(updates.map(times)).toEqual(expected);

		// Every vendor pushes the same again: three more successful runs, Remove Duplicates drops every call.
		for (const vendor of ['nxCloud', 'icsoc', 'isales'] as const) {
			expect(await send(sandbox.crossVendor.curl[vendor])).toBe(replies[vendor]);
			expect(await sandbox.n8n.waitForExecutions(workflowId, ++runs)).toHaveLength(runs);
		}
		const executions = await sandbox.n8n.executions(workflowId);
		expect(executions.map((execution) => execution.status)).toEqual(Array(6).fill('success'));
		expect(sandbox.crm.updates.length - before).toBe(5);
	});
});
