/**
 * The `npm start` sandbox, shared with test/e2e/examples.e2e.test.ts so the test checks exactly
 * what users get: a real n8n 2.8.4 with the packed package, every vendor emulator with demo
 * data, credentials pointing at the emulators, and the workflows in examples/ imported (the
 * ones started by a vendor push published).
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

import { chinaWallClock, IcsocEmulator, icsocPushBody, makeCdr, type EmulatedCdr } from '../emulators/icsocEmulator';
import { IsalesEmulator, IsalesPushSender, makeCallResult, makePushResult, makeSelfSignedCertificate } from '../emulators/isalesEmulator';
import { CrmStandIn } from '../emulators/crmStandIn';
import { makeCallPush, makePushedCall, NxCloudEmulator, signNxCloudPush, type SignedNxCloudPush } from '../emulators/nxCloudEmulator';
import { freePort, makeUserFolderWithPackage, n8nInstallDir, RealN8n, repoRoot } from './realN8n';

export const examplesDir = path.join(repoRoot, 'examples');

/** Sandbox-only accounts: the emulators accept exactly these. Not secrets of any real account. */
export const sandboxAccounts = {
	nxCloud: { uuid: 'sandbox-uuid', secretKey: 'sandbox-secret' },
	icsoc: { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret', username: '1001|8001', password: 'sandbox-agent-password' },
	icsocPushSecret: 'sandbox-push-secret',
	isales: { accessKey: 'sandbox-access-key', secretKey: 'sandbox-secret-key' },
	isalesPushToken: 'sandbox-isales-push-token-0123456789',
};

/** Credential ids the examples refer to. */
export const sandboxCredentialIds = {
	nxCloud: 'exNxCloud0000001',
	icsoc: 'exIcsocApi000001',
	icsocPush: 'exIcsocPush00001',
	isales: 'exHuaweiIsales01',
	isalesPush: 'exHuaweiPush0001',
};

/** Demo data the emulators hold; the example workflows read these. */
export const demoData = {
	nxCloudTask: 'demo-task',
	nxCloudOrders: ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5'],
	/** icsoc: one call every 10 minutes over the last 72 hours, so "yesterday" is always full. */
	icsocCallSpacingSeconds: 600,
	icsocHistoryHours: 72,
	isalesVdnId: 1,
	isalesCampaignId: 'demo-campaign',
	isalesCallBackCampaignId: 2001,
	/** The Huawei push example's trigger listens on /webhook/<this>/huawei-isales. */
	isalesPushWebhookId: 'example-isales-push',
	isalesCallResults: 40,
	/** Huawei: the demo campaign's results are this far apart (72 min: 40 results span two days, so "yesterday" always has some). */
	isalesResultSpacingSeconds: 4320,
	/** The example's trigger listens on /webhook/<this>/icsoc-autocall. */
	icsocPushWebhookId: 'example-icsoc-push',
	/** The icsoc pre-call example's trigger listens on /webhook/<this>/icsoc-autocall. */
	icsocPreCallWebhookId: 'example-icsoc-pre-call',
	/** The NXCloud push example's trigger listens on /webhook/<this>/nxcloud-callbot. */
	nxCloudPushWebhookId: 'example-nxcloud-push',
	/** The call the sample NXCloud push reports (an order of the demo task). */
	nxCloudPushCallId: 'demo-1-call-1',
	/** The cross-vendor CRM example's triggers: one webhook path each, none shared with the single-vendor push examples. */
	crossVendorWebhookIds: { nxCloud: 'example-crm-nxcloud', icsoc: 'example-crm-icsoc', isales: 'example-crm-huawei' },
	/** The NXCloud demo order whose latest call went unanswered (ring missed); the others' latest calls were answered. */
	nxCloudUnansweredOrder: 'demo-4',
};

/** English demo texts (the emulators' own defaults hold Chinese ones, as the vendors' data often does). */
const demoAreas = ['Beijing', 'Shanghai', 'Guangzhou/Shenzhen', 'Zurich'];
const demoCustomerName = 'Alex Smith';

/** Where the examples' CRM update posts; the sandbox points it at its CRM stand-in. */
export const EXAMPLE_CRM_BASE_URL = 'https://crm.example.com';

/** `example` with its HTTP Request nodes' URLs on EXAMPLE_CRM_BASE_URL moved to `crmBaseUrl`. */
export function withCrmStandIn(example: ExampleWorkflow, crmBaseUrl: string): ExampleWorkflow {
	return {
		...example,
		nodes: example.nodes.map((node) => {
			const parameters = node.parameters as Record<string, unknown> | undefined;
			if (node.type !== 'n8n-nodes-base.httpRequest' || typeof parameters?.url !== 'string' || !parameters.url.startsWith(EXAMPLE_CRM_BASE_URL)) {
				return node;
			}
			return { ...node, parameters: { ...parameters, url: crmBaseUrl + parameters.url.slice(EXAMPLE_CRM_BASE_URL.length) } };
		}),
	};
}

/** A curl command line that sends `push` (body in `file`) to `url`, headers included. */
export function curlLine(push: SignedNxCloudPush, file: string, url: string): string {
	const headers = Object.entries(push.headers).map(([name, value]) => `-H '${name}: ${value}'`);
	return ['curl -s', "-H 'Content-Type: application/json'", ...headers, `--data-binary @${file}`, url].join(' ');
}

/**
 * CDRs of calls placed every `spacingSeconds` from `hours` ago until `nowUnix`, oldest first (call
 * ids ascend with time), in the shape of icsoc's search answer (makeCdr). Connected calls
 * (callresult 1 and 2) were answered 8 s after they started and talked until they ended (those
 * put through to an agent, 2, reached one 5 s after answering); each carries the user's own ID
 * (userData.extId) and an English area.
 */
export function demoCdrs(nowUnix: number, spacingSeconds = demoData.icsocCallSpacingSeconds, hours = demoData.icsocHistoryHours): EmulatedCdr[] {
	const first = nowUnix - hours * 3600;
	const count = Math.floor((hours * 3600) / spacingSeconds);
	return Array.from({ length: count }, (_, index): EmulatedCdr => {
		const start = first + (index + 1) * spacingSeconds;
		const end = start + 20 + (index % 7) * 25;
		const cdr = makeCdr(index);
		const answered = cdr.callresult !== '0';
		const agent = cdr.callresult === '2';
		const ansTime = answered ? start + 8 : 0;
		return {
			...cdr,
			calledAreaname: demoAreas[index % demoAreas.length],
			transAreaname: agent ? 'Shanghai' : '',
			startTimeEe: agent ? ansTime + 2 : 0,
			ringTimeEe: agent ? ansTime + 3 : 0,
			answerTimeEe: agent ? ansTime + 5 : 0,
			endTimeEe: agent ? end : 0,
			startTime: start,
			ringTime: start + 3,
			ansTime,
			endTime: end,
			ansSecs: answered ? end - ansTime : 0,
			linkSecs: agent ? end - (ansTime + 5) : 0,
			allSecs: end - start,
			userData: { ...cdr.userData, extId: `crm-${index + 1}` },
		};
	});
}

/**
 * Call results of the demo campaign, the latest first, `isalesResultSpacingSeconds` apart (so they
 * span the last two days), in the iSales server's clock (UTC+8). Answered calls talked 30 to 75 s.
 */
export function demoCampaignResults(nowMs: number): Array<Record<string, unknown>> {
	return Array.from({ length: demoData.isalesCallResults }, (_, n) => {
		const begin = Math.floor(nowMs / 1000) - (n + 1) * demoData.isalesResultSpacingSeconds;
		return {
			...makeCallResult(demoData.isalesVdnId, `${demoData.isalesCampaignId}-call-${n}`, n),
			ackBeginTime: chinaWallClock(begin - 5),
			callBeginTime: chinaWallClock(begin),
			callEndTime: chinaWallClock(begin + 30 + (n % 4) * 15),
		};
	});
}

/** "YYYY-MM-DD" of an instant on `timeZone`'s calendar. */
export function dayIn(timeZone: string, atMs: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(atMs));
}

/** Milliseconds `timeZone`'s wall clock is ahead of UTC at `atMs`. */
function zoneOffsetMs(timeZone: string, atMs: number): number {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	});
	const parts = Object.fromEntries(format.formatToParts(new Date(atMs)).map((part) => [part.type, Number(part.value)]));
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(atMs / 1000) * 1000;
}

/** The instant (ms) of 12:00 yesterday on `timeZone`'s wall clock, seen from `nowMs`. */
export function middayYesterdayMs(timeZone: string, nowMs: number): number {
	const [year, month, day] = dayIn(timeZone, nowMs).split('-').map(Number);
	const wallClock = Date.UTC(year, month - 1, day - 1, 12);
	const guess = wallClock - zoneOffsetMs(timeZone, wallClock);
	return wallClock - zoneOffsetMs(timeZone, guess);
}

/**
 * The demo task's orders, made the sandbox's: English names, and their calls placed yesterday
 * around noon (`timeZone`), one order every 15 minutes, its two calls 2 minutes apart. The latest
 * call of each order was answered (talk 25 s, 35 s, …), except `nxCloudUnansweredOrder`'s (ring missed).
 */
function makeDemoOrdersYesterday(nxCloud: NxCloudEmulator, timeZone: string, nowMs: number): void {
	const midday = Math.floor(middayYesterdayMs(timeZone, nowMs) / 1000);
	[...nxCloud.tasks.get(demoData.nxCloudTask)!.values()].forEach((order, orderIndex) => {
		order.userName = `Customer ${order.orderID}`;
		order.callInfoDetailList.forEach((call, callIndex) => {
			const start = midday + orderIndex * 900 + callIndex * 120;
			const latest = callIndex === order.callInfoDetailList.length - 1;
			const answered = latest && order.orderID !== demoData.nxCloudUnansweredOrder;
			const talk = answered ? 25 + orderIndex * 10 : 0;
			Object.assign(call, {
				callStatus: answered ? 6 : latest ? 22 : call.callStatus,
				callStartTs: start,
				callAnswerTs: answered ? start + 5 : 0,
				callEndTs: answered ? start + 5 + talk : start + 30,
				callDuration: talk,
				recordDetail: [{ recordRole: 0, recordType: 8, content: 'Hello' }],
			});
		});
	});
}

/** The machine's zone, so "yesterday" in the examples is the user's yesterday (n8n's own default is America/New_York). */
export function sandboxTimeZone(): string {
	return process.env.GENERIC_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

class SandboxN8n extends RealN8n {
	constructor(installDir: string, userFolder: string, port: number, brokerPort: number, readonly timeZone: string) {
		super(installDir, userFolder, port, brokerPort);
	}

	override get env(): NodeJS.ProcessEnv {
		return { ...super.env, GENERIC_TIMEZONE: this.timeZone };
	}
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; [key: string]: unknown }>;
	[key: string]: unknown;
}

export function readExamples(): ExampleWorkflow[] {
	return readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as ExampleWorkflow);
}

/** Examples started by a vendor calling n8n (this package's webhook triggers): they must be published to listen. */
export function isPushExample(workflow: ExampleWorkflow): boolean {
	return workflow.nodes.some((node) => /^n8n-nodes-callcenter\.\w+Trigger$/.test(node.type));
}

export interface Sandbox {
	n8n: RealN8n;
	timeZone: string;
	nxCloud: NxCloudEmulator;
	icsoc: IcsocEmulator;
	isales: IsalesEmulator;
	examples: ExampleWorkflow[];
	/** The CRM stand-in the NXCloud push example updates. */
	crm: CrmStandIn;
	/** Production URL of the NXCloud push example's trigger. */
	nxCloudPushUrl: string;
	/** A call push signed with the sandbox account (file = its exact body) and the curl line that sends it. */
	nxCloudSamplePush: SignedNxCloudPush & { file: string; curl: string };
	/** Production URL of the icsoc push example's trigger. */
	icsocPushUrl: string;
	/** A file holding a push signed with the sandbox secret, for curl. */
	samplePushFile: string;
	/** Production URL of the icsoc pre-call example's trigger. */
	icsocPreCallUrl: string;
	/** A signed pre-call push of three records (the second on the example's do-not-call list), for curl. */
	icsocPreCallPushFile: string;
	/** The URL a campaign's callBackUrl holds for the Huawei push example: its Production URL with the token. */
	isalesPushUrl: string;
	/** A result push of three calls (one succeeded, two failed) for curl. */
	isalesSamplePushFile: string;
	/**
	 * The cross-vendor CRM example's trigger URLs (the Huawei one with its token) and a curl line
	 * per vendor sending the sample push above (NXCloud call push, icsoc CDR push, iSales result push).
	 */
	crossVendor: {
		nxCloudUrl: string;
		icsocUrl: string;
		isalesUrl: string;
		curl: { nxCloud: string; icsoc: string; isales: string };
	};
	/** Starts the n8n server (the examples can be run with `n8n execute` before). */
	startN8n(): Promise<void>;
	/** Stops n8n and every emulator; safe to call more than once. */
	stop(): Promise<void>;
}

/**
 * Starts the emulators with demo data and prepares an n8n user folder (package, credentials,
 * examples, published push example); call startN8n() to serve it. Cleans up after itself when
 * any step fails.
 */
export async function createSandbox(options: { port?: number } = {}): Promise<Sandbox> {
	const stoppers: Array<() => Promise<void>> = [];
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
		})());
	try {
		const installDir = n8nInstallDir();
		const nowMs = Date.now();
		const timeZone = sandboxTimeZone();

		const nxCloud = await new NxCloudEmulator(sandboxAccounts.nxCloud).start();
		stoppers.push(() => nxCloud.stop());
		nxCloud.addOrders(demoData.nxCloudTask, demoData.nxCloudOrders);
		makeDemoOrdersYesterday(nxCloud, timeZone, nowMs);

		const icsoc = await new IcsocEmulator(sandboxAccounts.icsoc).start();
		stoppers.push(() => icsoc.stop());
		icsoc.cdrs = demoCdrs(Math.floor(nowMs / 1000));

		const isales = await new IsalesEmulator(sandboxAccounts.isales, makeSelfSignedCertificate()).start();
		stoppers.push(() => isales.stop());
		isales.campaigns.set(`${demoData.isalesVdnId}/${demoData.isalesCampaignId}`, demoCampaignResults(nowMs));
		// The call-back campaign the example "Huawei failed calls into a call-back campaign" feeds.
		isales.defineCampaign(demoData.isalesVdnId, { id: demoData.isalesCallBackCampaignId, name: 'demo call-back' });

		const crm = await new CrmStandIn().start();
		stoppers.push(() => crm.stop());

		const port = options.port ?? (await freePort());
		const n8n = new SandboxN8n(installDir, makeUserFolderWithPackage(), port, await freePort(), timeZone);
		stoppers.push(() => n8n.stop());

		await n8n.importJson('credentials', [
			{
				id: sandboxCredentialIds.nxCloud,
				name: 'NXCloud (emulator)',
				type: 'nxCloudCallbotApi',
				data: { baseUrl: nxCloud.baseUrl, ...sandboxAccounts.nxCloud, algorithm: 'MD5' },
			},
			{
				id: sandboxCredentialIds.icsoc,
				name: 'icsoc Autocall (emulator)',
				type: 'icsocAutocallApi',
				data: { baseUrl: icsoc.baseUrl, tokenUrl: icsoc.tokenUrl, ...sandboxAccounts.icsoc, scope: 'openid' },
			},
			{
				id: sandboxCredentialIds.icsocPush,
				name: 'icsoc push (emulator)',
				type: 'icsocAutocallPushApi',
				data: { secret: sandboxAccounts.icsocPushSecret },
			},
			{
				id: sandboxCredentialIds.isales,
				name: 'Huawei CC-iSales (emulator)',
				type: 'huaweiIsalesApi',
				// The emulator's certificate is self-signed, as on many iSales servers.
				data: { baseUrl: isales.baseUrl, ...sandboxAccounts.isales, ignoreSSLIssues: true },
			},
			{
				id: sandboxCredentialIds.isalesPush,
				name: 'Huawei CC-iSales push',
				type: 'huaweiIsalesPushApi',
				data: { token: sandboxAccounts.isalesPushToken },
			},
		]);
		const examples = readExamples().map((example) => withCrmStandIn(example, crm.baseUrl));
		await n8n.importJson('workflow', examples);
		for (const example of examples.filter(isPushExample)) {
			const published = await n8n.cli(['publish:workflow', `--id=${example.id}`]);
			if (published.code !== 0) throw new Error(`publish:workflow ${example.id} failed: ${published.stdout}\n${published.stderr}`);
		}

		// A CDR push as icsoc sends one when a call has ended: pushed now, about a call of the last 90 seconds.
		const nowUnix = Math.floor(nowMs / 1000);
		const samplePushFile = path.join(n8n.userFolder, 'sample-push.json');
		writeFileSync(
			samplePushFile,
			icsocPushBody({
				type: 1,
				data: {
					call_id: 'demo-call',
					project_id: '7',
					task_id: '3',
					caller: '02158888888',
					called: '18512340007',
					start_time: String(nowUnix - 90),
					ans_time: String(nowUnix - 82),
					end_time: String(nowUnix - 10),
					ans_secs: '72',
					all_secs: '80',
					callresult: '2',
					endresult: '11',
					record_file: '',
					user_data: { ext_id: 'crm-contact-7' },
				},
				secret: sandboxAccounts.icsocPushSecret,
				timestamp: chinaWallClock(nowUnix),
			}),
		);

		const nxCloudPushUrl = `http://127.0.0.1:${port}/webhook/${demoData.nxCloudPushWebhookId}/nxcloud-callbot`;
		const demoPushedCall = makePushedCall(demoData.nxCloudPushCallId);
		const signedPush = signNxCloudPush(
			sandboxAccounts.nxCloud,
			makeCallPush(demoData.nxCloudOrders[0], demoData.nxCloudPushCallId, {
				userTaskID: demoData.nxCloudTask,
				userName: demoCustomerName,
				callInfoDetail: {
					...demoPushedCall,
					intents: [{ intentID: 11, intentTag: 'A', intentName: 'interested', intentLevel: 1 }],
					sms: (demoPushedCall.sms as Array<Record<string, unknown>>).map((sms) => ({ ...sms, smsContent: 'Thank you for taking our call' })),
					params: [{ name: 'name', value: demoCustomerName }],
				},
			}),
			{ algorithm: 'MD5' },
		);
		const nxCloudPushFile = path.join(n8n.userFolder, 'sample-nxcloud-push.json');
		writeFileSync(nxCloudPushFile, signedPush.body);

		const icsocPreCallPushFile = path.join(n8n.userFolder, 'sample-icsoc-pre-call.json');
		writeFileSync(
			icsocPreCallPushFile,
			icsocPushBody({
				type: 2,
				data: [1, 2, 3].map((n) => ({ project_id: 10000, task_id: 1000000 + n, ext_id: `crm-${n}`, phone: `1851234000${n}` })),
				secret: sandboxAccounts.icsocPushSecret,
			}),
		);

		const isalesSamplePushFile = path.join(n8n.userFolder, 'sample-isales-push.json');
		writeFileSync(isalesSamplePushFile, JSON.stringify([0, 1, 2].map((n) => makePushResult(String(demoData.isalesCallBackCampaignId), n))));

		const crossVendorUrl = (webhookId: string, path: string) => `http://127.0.0.1:${port}/webhook/${webhookId}/${path}`;
		const crossVendor = {
			nxCloudUrl: crossVendorUrl(demoData.crossVendorWebhookIds.nxCloud, 'nxcloud-callbot'),
			icsocUrl: crossVendorUrl(demoData.crossVendorWebhookIds.icsoc, 'icsoc-autocall'),
			isalesUrl: IsalesPushSender.callBackUrlFor(crossVendorUrl(demoData.crossVendorWebhookIds.isales, 'huawei-isales'), sandboxAccounts.isalesPushToken),
		};
		const plainCurl = (file: string, url: string) => `curl -s -H 'Content-Type: application/json' --data-binary @${file} '${url}'`;

		return {
			n8n,
			timeZone,
			crossVendor: {
				...crossVendor,
				curl: {
					nxCloud: curlLine(signedPush, nxCloudPushFile, crossVendor.nxCloudUrl),
					icsoc: plainCurl(samplePushFile, crossVendor.icsocUrl),
					isales: plainCurl(isalesSamplePushFile, crossVendor.isalesUrl),
				},
			},
			isalesPushUrl: IsalesPushSender.callBackUrlFor(
				`http://127.0.0.1:${port}/webhook/${demoData.isalesPushWebhookId}/huawei-isales`,
				sandboxAccounts.isalesPushToken,
			),
			isalesSamplePushFile,
			icsocPreCallUrl: `http://127.0.0.1:${port}/webhook/${demoData.icsocPreCallWebhookId}/icsoc-autocall`,
			icsocPreCallPushFile,
			crm,
			nxCloudPushUrl,
			nxCloudSamplePush: { ...signedPush, file: nxCloudPushFile, curl: curlLine(signedPush, nxCloudPushFile, nxCloudPushUrl) },
			nxCloud,
			icsoc,
			isales,
			examples,
			icsocPushUrl: `http://127.0.0.1:${port}/webhook/${demoData.icsocPushWebhookId}/icsoc-autocall`,
			samplePushFile,
			startN8n: async () => {
				try {
					await n8n.start();
				} catch (error) {
					await stop();
					throw error;
				}
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
