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
import { makeCallPush, NxCloudEmulator, signNxCloudPush, type SignedNxCloudPush } from '../emulators/nxCloudEmulator';
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
	/** The example's trigger listens on /webhook/<this>/icsoc-autocall. */
	icsocPushWebhookId: 'example-icsoc-push',
	/** The icsoc pre-call example's trigger listens on /webhook/<this>/icsoc-autocall. */
	icsocPreCallWebhookId: 'example-icsoc-pre-call',
	/** The NXCloud push example's trigger listens on /webhook/<this>/nxcloud-callbot. */
	nxCloudPushWebhookId: 'example-nxcloud-push',
	/** The call the sample NXCloud push reports (an order of the demo task). */
	nxCloudPushCallId: 'demo-1-call-1',
};

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

/** CDRs of calls placed every `spacingSeconds` from `hours` ago until `nowUnix`, oldest first (ids ascend with time). */
export function demoCdrs(nowUnix: number, spacingSeconds = demoData.icsocCallSpacingSeconds, hours = demoData.icsocHistoryHours): EmulatedCdr[] {
	const first = nowUnix - hours * 3600;
	const count = Math.floor((hours * 3600) / spacingSeconds);
	return Array.from({ length: count }, (_, index) => {
		const start = first + (index + 1) * spacingSeconds;
		return { ...makeCdr(index), start_time: start, end_time: start + 20 + (index % 7) * 25 };
	});
}

/** Call results of the demo campaign, the latest first, five minutes apart, in the iSales server's clock (UTC+8). */
export function demoCampaignResults(nowMs: number): Array<Record<string, unknown>> {
	return Array.from({ length: demoData.isalesCallResults }, (_, n) => {
		const begin = Math.floor(nowMs / 1000) - (n + 1) * 300;
		return {
			...makeCallResult(demoData.isalesVdnId, `${demoData.isalesCampaignId}-call-${n}`, n),
			ackBeginTime: chinaWallClock(begin - 5),
			callBeginTime: chinaWallClock(begin),
			callEndTime: chinaWallClock(begin + 60),
		};
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

		const nxCloud = await new NxCloudEmulator(sandboxAccounts.nxCloud).start();
		stoppers.push(() => nxCloud.stop());
		nxCloud.addOrders(demoData.nxCloudTask, demoData.nxCloudOrders);

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
		const timeZone = sandboxTimeZone();
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

		const samplePushFile = path.join(n8n.userFolder, 'sample-push.json');
		writeFileSync(
			samplePushFile,
			icsocPushBody({
				type: 1,
				data: { call_id: 'demo-call', project_id: '7', callresult: '2', endresult: '11', start_time: String(Math.floor(nowMs / 1000)) },
				secret: sandboxAccounts.icsocPushSecret,
			}),
		);

		const nxCloudPushUrl = `http://127.0.0.1:${port}/webhook/${demoData.nxCloudPushWebhookId}/nxcloud-callbot`;
		const signedPush = signNxCloudPush(
			sandboxAccounts.nxCloud,
			makeCallPush(demoData.nxCloudOrders[0], demoData.nxCloudPushCallId, { userTaskID: demoData.nxCloudTask }),
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

		return {
			n8n,
			timeZone,
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
