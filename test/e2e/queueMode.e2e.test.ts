/**
 * End-to-end: the packed package in a real n8n 2.8.4 in queue mode, the way users scale past one
 * machine: Redis (Bull) and PostgreSQL (Debian's packages, started here on loopback), one main
 * process (`n8n start`), one `n8n webhook` process receiving the icsoc pushes and one `n8n worker`
 * executing them. Each push's workflow calls a small HTTP sink here with the push's call_id, so
 * what ran is counted per push; PostgreSQL's execution_entity is counted too.
 *
 * (a) a burst of signed pushes to the webhook process: each executed exactly once, on the worker;
 *     a push with a bad sign gets 401 and runs nothing.
 * (b) the durable reply mode, with the worker SIGKILLed mid-burst and restarted: every push
 *     answered success was executed; the others were answered with a failure (HTTP 500 once n8n's
 *     stalled-job check fails their jobs, or no answer), and resending those (as icsoc does)
 *     executes them all.
 * (c) the default 'onReceived' under the same fault: every push acknowledged at once, and the runs
 *     the kill interrupted are never finished nor run again (lost: icsoc will not resend them).
 *
 * Bull's stalled-job timing is shortened through n8n's own settings (QUEUE_WORKER_LOCK_DURATION,
 * QUEUE_WORKER_LOCK_RENEW_TIME, QUEUE_WORKER_STALLED_INTERVAL): with the defaults (60 s lock,
 * 30 s check) the failure answers for the killed jobs come 60-90 s after the kill.
 */
import { cpSync, mkdtempSync, rmSync } from 'fs';
import * as http from 'http';
import { tmpdir } from 'os';
import * as path from 'path';

import { icsocPushBody } from '../emulators/icsocEmulator';
import { ensureQueueServices, OwnedProcess, PostgresServer, RedisServer } from './queueServices';
import { ensureN8nAsync, freePort, makeUserFolderWithPackage, RealN8n, type N8nInstall } from './realN8n';

/**
 * The reply mode that acknowledges only after the workflow ran: 'onSuccess' (HTTP 200 after a
 * successful run whatever the last node outputs; the workflow then ends with its HTTP Request), or
 * 'lastNode' (the same n8n machinery, answering the first item of a last node that outputs {"code":0}).
 */
const DURABLE_MODE: 'lastNode' | 'onSuccess' = 'onSuccess';

const PUSHES = 200;
const CONCURRENCY = 20;
const WORKER_CONCURRENCY = 10;
/** How long the test's "icsoc" waits for an answer before counting the push as failed (and resending it). */
const PUSH_TIMEOUT_MS = 60_000;
/** n8n's Bull settings (ms): a killed worker's jobs are found stalled about LOCK + STALLED_INTERVAL after the kill. */
const BULL_SETTINGS = { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2500', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

const secret = 'queue-e2e-push-secret';
const receivedHook = 'queue-e2e-on-received';
const durableHook = 'queue-e2e-durable';
const receivedWorkflowId = 'queueE2eReceived';
const durableWorkflowId = 'queueE2eDurable1';

/** The N8nCli of the tests: RealN8n's CLI (import, publish) pointed at the queue-mode database and Redis. */
class QueueN8nCli extends RealN8n {
	constructor(
		install: N8nInstall,
		userFolder: string,
		port: number,
		brokerPort: number,
		private readonly extraEnv: Record<string, string>,
	) {
		super(install.installDir, userFolder, port, brokerPort, install.nodeBin);
	}

	override get env(): NodeJS.ProcessEnv {
		return { ...super.env, ...this.extraEnv };
	}
}

type Role = 'main' | 'webhook' | 'worker';

/** One n8n process of the queue-mode setup: its own user folder (a copy holding the package) and ports. */
class N8nProcess {
	proc?: OwnedProcess;
	starts = 0;
	/** Output of earlier runs of this role (a killed worker's log). */
	earlierLogs = '';

	constructor(
		readonly role: Role,
		readonly cli: QueueN8nCli,
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
	) {}

	get log(): string {
		return this.earlierLogs + (this.proc?.log ?? '');
	}

	async start(): Promise<void> {
		if (this.proc) this.earlierLogs += this.proc.log;
		this.starts++;
		const args = this.role === 'main' ? ['start'] : this.role === 'webhook' ? ['webhook'] : ['worker', `--concurrency=${WORKER_CONCURRENCY}`];
		const env = {
			...this.cli.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
		};
		const proc = new OwnedProcess(this.cli.nodeBin, [this.cli.bin, ...args], { env, cwd: this.userFolder });
		this.proc = proc;
		const health = async () => (await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`)).ok;
		if (this.role === 'main') await proc.waitUntil('n8n start', async () => proc.log.includes('Editor is now accessible') && (await health()), 180_000);
		if (this.role === 'webhook') await proc.waitUntil('n8n webhook', async () => proc.log.includes('Webhook listener waiting for requests') && (await health()), 180_000);
		if (this.role === 'worker') await proc.waitUntil('n8n worker', () => proc.log.includes('n8n worker is now ready'), 180_000);
	}

	async stop(): Promise<void> {
		await this.proc?.stop('SIGTERM', 20_000);
	}

	async kill(): Promise<void> {
		await this.proc?.kill();
	}
}

/** Records which push IDs the workflows reported (GET /<path>?id=...), optionally answering after a delay. */
class Sink {
	readonly hits = new Map<string, string[]>();
	inFlight = 0;
	delays: Record<string, number> = {};
	private server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sink');
		const route = url.pathname.slice(1);
		const id = url.searchParams.get('id') ?? '';
		const list = this.hits.get(route) ?? [];
		list.push(id);
		this.hits.set(route, list);
		this.inFlight++;
		setTimeout(() => {
			this.inFlight--;
			res.setHeader('Content-Type', 'application/json');
			res.end('{"ok":true}');
		}, this.delays[route] ?? 0);
	});
	port = 0;

	async start(): Promise<this> {
		this.port = await freePort();
		await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
		return this;
	}

	/** How many times each ID (starting with `prefix`) was reported on `route`. */
	counts(route: string, prefix = ''): Map<string, number> {
		const counts = new Map<string, number>();
		for (const id of this.hits.get(route) ?? []) if (id.startsWith(prefix)) counts.set(id, (counts.get(id) ?? 0) + 1);
		return counts;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

interface PushResult {
	id: string;
	status: number; // 0: no answer (timeout, connection error)
	text: string;
	ms: number;
	/** When the answer (or the failure) came, Date.now(). */
	at: number;
}

/** What the test's "icsoc" takes as "received, do not resend": HTTP 200 {"code":0}. */
const isAcknowledged = (result: PushResult): boolean => {
	if (result.status !== 200) return false;
	try {
		return JSON.stringify(JSON.parse(result.text)) === '{"code":0}';
	} catch {
		return false;
	}
};

/**
 * The success answer of the durable mode: 'lastNode' answers the Reply node's {"code":0};
 * 'onSuccess' answers HTTP 200 whatever the last node outputs (its body is the trigger's to choose).
 */
const isDurableSuccess = (result: PushResult): boolean =>
	(DURABLE_MODE as string) === 'onSuccess' ? result.status === 200 && (result.text === '' || isAcknowledged(result)) : isAcknowledged(result);

async function push(url: string, id: string, body: string): Promise<PushResult> {
	const started = Date.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body,
			signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
		});
		const text = await response.text();
		return { id, status: response.status, text, ms: Date.now() - started, at: Date.now() };
	} catch (error) {
		return { id, status: 0, text: (error as Error).message, ms: Date.now() - started, at: Date.now() };
	}
}

/** Sends every push, at most `concurrency` at a time, in order of the list. */
async function burst(url: string, pushes: Array<{ id: string; body: string }>, concurrency: number): Promise<PushResult[]> {
	const results: PushResult[] = new Array(pushes.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, pushes.length) }, async () => {
			while (next < pushes.length) {
				const index = next++;
				results[index] = await push(url, pushes[index].id, pushes[index].body);
			}
		}),
	);
	return results;
}

const cdrPush = (id: string) => ({
	id,
	body: icsocPushBody({ type: 1, data: { call_id: id, project_id: '7', callresult: '2', endresult: '11', start_time: '1714521600' }, secret }),
});

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const count = (text: string, needle: string) => text.split(needle).length - 1;

function pushWorkflow(id: string, webhookId: string, triggerParameters: Record<string, unknown>, sinkUrl: string, replyNode: boolean) {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: `${id}-push`,
			name: 'Push',
			type: 'n8n-nodes-callcenter.icsocAutocallTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: triggerParameters,
			credentials: { icsocAutocallPushApi: { id: 'queueE2ePushCred', name: 'icsoc push' } },
		},
		{
			id: `${id}-record`,
			name: 'Record',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [200, 0],
			parameters: { url: `=${sinkUrl}?id={{ encodeURIComponent($json.data.call_id) }}`, options: {} },
		},
	];
	const connections: Record<string, unknown> = { Push: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } };
	if (replyNode) {
		// What 'lastNode' answers: the first item of the last node, exactly {"code":0}.
		nodes.push({
			id: `${id}-reply`,
			name: 'Reply',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [400, 0],
			parameters: { mode: 'raw', jsonOutput: '{"code":0}', options: {} },
		});
		connections.Record = { main: [[{ node: 'Reply', type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, settings: {}, connections, nodes };
}

let redis: RedisServer | undefined;
let postgres: PostgresServer | undefined;
let sink: Sink | undefined;
const processes: N8nProcess[] = [];
const folders: string[] = [];
let main: N8nProcess;
let webhook: N8nProcess;
let worker: N8nProcess;
const timings: Record<string, number> = {};
const report: string[] = [];

const hookUrl = (webhookId: string) => `http://127.0.0.1:${webhook.port}/webhook/${webhookId}/icsoc-autocall`;

async function executionCounts(workflowId: string): Promise<Record<string, number>> {
	const rows = await postgres!.rows(`SELECT status, COUNT(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' GROUP BY status`);
	return Object.fromEntries(rows.map(([status, n]) => [status, Number(n)]));
}

/**
 * SIGKILLs the worker (its whole process group) once a third of the burst's runs have reached the
 * sink on `route` and some are mid-run (waiting on the sink), then starts a new worker after 1 s.
 */
async function killWorkerMidRun(route: string, idPrefix: string) {
	const started = () => (sink!.hits.get(route) ?? []).filter((id) => id.startsWith(idPrefix)).length;
	await waitFor('a third of the burst executing', () => started() >= PUSHES / 3 && sink!.inFlight > 0, 180_000);
	const inFlightAtKill = sink!.inFlight;
	const killAt = Date.now();
	await worker.kill();
	const hitsAtKill = started();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	await worker.start();
	return { hitsAtKill, inFlightAtKill, killAt, workerBackMs: Date.now() - killAt };
}

beforeAll(async () => {
	let started = Date.now();
	const [install, binaries] = await Promise.all([ensureN8nAsync(), ensureQueueServices()]);
	timings.installSeconds = seconds(Date.now() - started);

	started = Date.now();
	[redis, postgres, sink] = await Promise.all([RedisServer.start(binaries), PostgresServer.start(binaries), new Sink().start()]);
	timings.servicesStartSeconds = seconds(Date.now() - started);

	started = Date.now();
	const mainFolder = makeUserFolderWithPackage();
	folders.push(mainFolder);
	const queueEnv: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...BULL_SETTINGS,
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		...postgres.n8nEnv,
	};
	const cli = new QueueN8nCli(install, mainFolder, await freePort(), await freePort(), queueEnv);
	const processFor = async (role: Role) => {
		let folder = mainFolder;
		if (role !== 'main') {
			folder = mkdtempSync(path.join(tmpdir(), `cc-n8n-${role}-`));
			folders.push(folder);
			cpSync(path.join(mainFolder, '.n8n/nodes'), path.join(folder, '.n8n/nodes'), { recursive: true });
		}
		const created = new N8nProcess(role, cli, folder, role === 'main' ? cli.port : await freePort(), role === 'main' ? cli.brokerPort : await freePort());
		processes.push(created);
		return created;
	};
	main = await processFor('main');
	webhook = await processFor('webhook');
	worker = await processFor('worker');

	// Migrations on the empty PostgreSQL run with the first command.
	await cli.importJson('credentials', [{ id: 'queueE2ePushCred', name: 'icsoc push', type: 'icsocAutocallPushApi', data: { secret } }]);
	await cli.importJson('workflow', [
		pushWorkflow(receivedWorkflowId, receivedHook, {}, `http://127.0.0.1:${sink.port}/received`, false),
		// 'onSuccess' needs no Reply node: its last node is then the HTTP Request.
		pushWorkflow(durableWorkflowId, durableHook, { responseMode: DURABLE_MODE }, `http://127.0.0.1:${sink.port}/durable`, (DURABLE_MODE as string) === 'lastNode'),
	]);
	await cli.activateWorkflow(receivedWorkflowId);
	await cli.activateWorkflow(durableWorkflowId);
	timings.importSeconds = seconds(Date.now() - started);

	started = Date.now();
	await main.start();
	await Promise.all([webhook.start(), worker.start()]);
	timings.n8nStartSeconds = seconds(Date.now() - started);
}, 30 * 60_000);

afterAll(async () => {
	// Workers first (they hold jobs), then the webhook process and main, then the servers.
	const results = await Promise.allSettled([
		(async () => {
			await worker?.stop();
			await Promise.all([webhook?.stop(), main?.stop()]);
			await Promise.all(processes.map((p) => p.stop()));
		})(),
		sink?.stop(),
	]);
	const serverResults = await Promise.allSettled([redis?.stop(), postgres?.stop()]);
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	console.log(`queue mode e2e: ${JSON.stringify(timings)}\n${report.join('\n')}`);
	const failed = [...results, ...serverResults].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
	if (failed) throw failed.reason;
}, 3 * 60_000);

describe('n8n 2.8.4 in queue mode (main + webhook process + worker, Redis, PostgreSQL)', () => {
	test(`(a) ${PUSHES} signed pushes at concurrency ${CONCURRENCY} to the webhook process: each executed exactly once on the worker; a bad sign gets 401 and runs nothing`, async () => {
		const pushes = Array.from({ length: PUSHES }, (_, i) => cdrPush(`received-${i}`));
		const started = Date.now();
		const results = await burst(hookUrl(receivedHook), pushes, CONCURRENCY);
		const answeredMs = Date.now() - started;
		const notAcknowledged = results.filter((r) => !isAcknowledged(r));
		if (notAcknowledged.length) throw new Error(`not acknowledged: ${JSON.stringify(notAcknowledged.slice(0, 5))}\n${webhook.log.slice(-3000)}`);

		await waitFor(`${PUSHES} pushes in the sink`, () => sink!.counts('received').size >= PUSHES, 120_000);
		const executedMs = Date.now() - started;
		await waitFor(`${PUSHES} successful executions in execution_entity`, async () => ((await executionCounts(receivedWorkflowId)).success ?? 0) >= PUSHES, 60_000);

		const forged = await push(hookUrl(receivedHook), 'forged', icsocPushBody({ type: 1, data: { call_id: 'forged' }, secret: 'not-the-secret' }));
		expect(forged.status).toBe(401);
		// Let anything late (a duplicate, the forged push) show up before counting.
		await new Promise((resolve) => setTimeout(resolve, 3000));

		const counts = sink!.counts('received');
		expect(counts.has('forged')).toBe(false);
		expect([...counts.keys()].sort()).toEqual(pushes.map((p) => p.id).sort());
		expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
		expect(await executionCounts(receivedWorkflowId)).toEqual({ success: PUSHES });
		// Received by the webhook process, executed by the worker.
		expect(count(webhook.log, 'Enqueued execution')).toBeGreaterThanOrEqual(PUSHES);
		expect(count(worker.log, 'Worker finished execution')).toBeGreaterThanOrEqual(PUSHES);
		expect(count(main.log, 'Enqueued execution')).toBe(0);

		timings.burstAnsweredSeconds = seconds(answeredMs);
		timings.burstExecutedSeconds = seconds(executedMs);
		timings.pushesPerSecondAnswered = Math.round(PUSHES / (answeredMs / 1000));
		timings.pushesPerSecondExecuted = Math.round(PUSHES / (executedMs / 1000));
		const latencies = results.map((r) => r.ms).sort((x, y) => x - y);
		report.push(
			`(a) onReceived: ${PUSHES} pushes answered {"code":0} in ${seconds(answeredMs)} s (${timings.pushesPerSecondAnswered}/s), all executed after ${seconds(executedMs)} s (${timings.pushesPerSecondExecuted}/s); answer latency median ${latencies[latencies.length >> 1]} ms, max ${latencies[latencies.length - 1]} ms`,
		);
	}, 10 * 60_000);

	test(`(a2) ${DURABLE_MODE}, no fault: ${PUSHES} pushes answered success after their runs; a push left without an answer is resent and runs again`, async () => {
		const before = await executionCounts(durableWorkflowId);
		const pushes = Array.from({ length: PUSHES }, (_, i) => cdrPush(`steady-${i}`));
		const started = Date.now();
		const results = await burst(hookUrl(durableHook), pushes, CONCURRENCY);
		const answeredMs = Date.now() - started;
		// n8n 2.8 sometimes leaves a webhook waiting for a job that has already finished (Bull's
		// job.finished() misses the completion of a job removed on completion): icsoc's timeout.
		const unanswered = results.filter((r) => !isDurableSuccess(r));
		if (unanswered.some((r) => r.status !== 0)) throw new Error(`failed: ${JSON.stringify(unanswered.slice(0, 5))}\n${webhook.log.slice(-3000)}`);
		const unansweredIds = new Set(unanswered.map((r) => r.id));
		// Answered after the run: everything answered is already executed, exactly once.
		const counts = sink!.counts('durable', 'steady-');
		for (const result of results) if (isDurableSuccess(result)) expect([result.id, counts.get(result.id)]).toEqual([result.id, 1]);
		const again = await burst(
			hookUrl(durableHook),
			pushes.filter((p) => unansweredIds.has(p.id)),
			CONCURRENCY,
		);
		expect(again.filter((r) => !isDurableSuccess(r))).toEqual([]);
		const finalCounts = sink!.counts('durable', 'steady-');
		expect([...finalCounts.keys()].sort()).toEqual(pushes.map((p) => p.id).sort());
		expect([...finalCounts].filter(([id, n]) => n !== 1 && !unansweredIds.has(id))).toEqual([]);
		// The unanswered ones ran once unseen (or, merely slow, may still be running) and once when resent.
		const executions = await executionCounts(durableWorkflowId);
		expect(Object.keys(executions)).toEqual(['success']);
		expect(executions.success - (before.success ?? 0)).toBeGreaterThanOrEqual(PUSHES);
		expect(executions.success - (before.success ?? 0)).toBeLessThanOrEqual(PUSHES + unanswered.length);

		timings.durablePushesPerSecond = Math.round((PUSHES - unanswered.length) / (answeredMs / 1000));
		timings.durableUnanswered = unanswered.length;
		const latencies = results.filter(isDurableSuccess).map((r) => r.ms).sort((x, y) => x - y);
		const answers = [...new Set(results.filter(isDurableSuccess).map((r) => `HTTP ${r.status} ${JSON.stringify(r.text)}`))].join(', ');
		report.push(
			`(a2) ${DURABLE_MODE}: ${PUSHES - unanswered.length} of ${PUSHES} pushes answered success (${answers}) after their runs in ${seconds(answeredMs)} s (${timings.durablePushesPerSecond}/s), ${unanswered.length} left unanswered (ran, resent, ran again); answer latency median ${latencies[latencies.length >> 1]} ms, max ${latencies[latencies.length - 1]} ms`,
		);
	}, 10 * 60_000);

	test(`(b) ${DURABLE_MODE}: worker SIGKILLed mid-burst and restarted: every acknowledged push was executed, the others failed and are executed once resent`, async () => {
		// Each execution waits 200 ms on the sink, so the worker always holds jobs in the middle of a run.
		sink!.delays.durable = 200;
		const before = await executionCounts(durableWorkflowId);
		const pushes = Array.from({ length: PUSHES }, (_, i) => cdrPush(`durable-${i}`));
		const started = Date.now();
		const burstDone = burst(hookUrl(durableHook), pushes, CONCURRENCY);

		const { hitsAtKill, inFlightAtKill, killAt, workerBackMs } = await killWorkerMidRun('durable', 'durable-');

		const first = await burstDone;
		const firstRoundMs = Date.now() - started;
		const acknowledged = new Set(first.filter(isDurableSuccess).map((r) => r.id));
		const failedFirst = first.filter((r) => !isDurableSuccess(r));
		const failureAnswers = failedFirst.map((r) => (r.status === 0 ? 'no answer' : `${r.status} ${r.text.slice(0, 80)}`));
		const failedIds = new Set(failedFirst.map((r) => r.id));
		const lastFailureAt = Math.max(killAt, ...failedFirst.map((r) => r.at));
		const lastErrorAnswerAt = Math.max(killAt, ...failedFirst.filter((r) => r.status >= 500).map((r) => r.at));

		// No acknowledged push is lost: each one's workflow ran (its reply comes after the run).
		const afterFirst = sink!.counts('durable', 'durable-');
		expect([...acknowledged].filter((id) => !afterFirst.has(id))).toEqual([]);
		// The kill hit running executions, and their pushes were answered with a failure, not {"code":0}.
		expect(failedFirst.length).toBeGreaterThan(0);
		expect(failedFirst.every((r) => r.status === 0 || r.status >= 500)).toBe(true);

		// icsoc resends what was not acknowledged.
		const resendStarted = Date.now();
		let pending = pushes.filter((p) => failedIds.has(p.id));
		let rounds = 0;
		while (pending.length && rounds < 3) {
			rounds++;
			const again = await burst(hookUrl(durableHook), pending, CONCURRENCY);
			const stillFailed = new Set(again.filter((r) => !isDurableSuccess(r)).map((r) => r.id));
			pending = pending.filter((p) => stillFailed.has(p.id));
		}
		const resendMs = Date.now() - resendStarted;
		expect(pending.map((p) => p.id)).toEqual([]);

		const counts = sink!.counts('durable', 'durable-');
		expect([...counts.keys()].sort()).toEqual(pushes.map((p) => p.id).sort());
		// A push runs twice only when it was answered with a failure (killed mid-run, then resent).
		const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
		expect(duplicates.filter((id) => !failedIds.has(id))).toEqual([]);

		const executions = await executionCounts(durableWorkflowId);
		const successes = (executions.success ?? 0) - (before.success ?? 0);
		expect(successes).toBeGreaterThanOrEqual(PUSHES);
		expect(successes).toBeLessThanOrEqual(PUSHES + failedIds.size);

		timings.killToWorkerReadySeconds = seconds(workerBackMs);
		timings.killToLastFailureSeconds = seconds(lastFailureAt - killAt);
		timings.killToLastHttp500Seconds = seconds(lastErrorAnswerAt - killAt);
		timings.durableFirstRoundSeconds = seconds(firstRoundMs);
		timings.resendSeconds = seconds(resendMs);
		report.push(
			`(b) ${DURABLE_MODE}: worker killed after ${hitsAtKill} of ${PUSHES} runs had started (${inFlightAtKill} mid-run), back after ${seconds(workerBackMs)} s; first round ${seconds(firstRoundMs)} s: ${acknowledged.size} acknowledged (all executed), ${failedFirst.length} failed (${[...new Set(failureAnswers)].join('; ')}); resent in ${rounds} round(s), ${seconds(resendMs)} s: all ${PUSHES} executed; ${duplicates.length} ran twice (all among the failed); executions: ${JSON.stringify(executions)} (with the steady burst's)`,
		);
	}, 15 * 60_000);

	test('(c) onReceived (the default): a worker killed mid-burst loses acknowledged pushes: their runs never finish and nothing runs them again', async () => {
		sink!.delays.received = 200;
		const before = await executionCounts(receivedWorkflowId);
		const pushes = Array.from({ length: PUSHES }, (_, i) => cdrPush(`lost-${i}`));
		const burstDone = burst(hookUrl(receivedHook), pushes, CONCURRENCY);
		const { hitsAtKill, inFlightAtKill, killAt } = await killWorkerMidRun('received', 'lost-');
		const results = await burstDone;
		// Every push was acknowledged: icsoc will send none of them again.
		expect(results.filter((r) => !isAcknowledged(r))).toEqual([]);

		// Wait until every execution has ended (the killed ones are failed by n8n's stalled-job check).
		const ended = async () => {
			const counts = await executionCounts(receivedWorkflowId);
			return (counts.success ?? 0) + (counts.error ?? 0) + (counts.crashed ?? 0) >= (before.success ?? 0) + PUSHES;
		};
		await waitFor('every execution of the burst to end', ended, 180_000);
		// Time for a re-run to show, were there one.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = await executionCounts(receivedWorkflowId);
		const finished = (executions.success ?? 0) - (before.success ?? 0);
		const lost = PUSHES - finished;
		expect(lost).toBeGreaterThan(0);
		expect(lost).toBeLessThanOrEqual(WORKER_CONCURRENCY);
		const counts = sink!.counts('received');
		// Nothing ran a second time.
		expect(pushes.filter((p) => (counts.get(p.id) ?? 0) > 1).map((p) => p.id)).toEqual([]);
		report.push(
			`(c) onReceived: worker killed after ${hitsAtKill} of ${PUSHES} runs had started (${inFlightAtKill} mid-run), ${seconds(Date.now() - killAt)} s ago: all ${PUSHES} acknowledged {"code":0}, ${finished} executed to the end, ${lost} lost (acknowledged, run killed, never run again); executions: ${JSON.stringify(executions)} (with (a)'s)`,
		);
		timings.pushesLostOnReceived = lost;
	}, 10 * 60_000);
});
