/**
 * icsoc push handling: the trigger's real webhook() (signature check over the raw body, AES
 * decryption, decoding) vs a bare webhook() that returns the parsed body as it is. Both run
 * in-process on a real n8n-core WebhookContext built per push, as n8n builds one per request,
 * with the request as n8n's body parser leaves it (rawBody Buffer + parsed body). No HTTP: a
 * socket round trip would cost more than the code under test and hide it.
 */
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, IWebhookData, IWebhookFunctions, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { decodeIcsocRecord } from '../../nodes/IcsocAutocall/decode';
import { verifyPush } from '../../nodes/IcsocAutocall/pushCrypto';
import { icsocPushBody, makeCdrPush } from '../../test/emulators/icsocEmulator';
import { newCredentialsHelper } from '../../test/harness/n8nRunner';
import { loadNodeType, PACKAGE_NAME } from '../../test/harness/packageTypes';
import { ratio } from './measure';

const SECRET = 'bench-push-secret-合同';
const RUN_MS = 1000;
const RUNS = 3;

type WebhookMethod = (this: IWebhookFunctions) => Promise<IWebhookResponseData>;

/** The bare handler: what any webhook does at least (hand the parsed body to the workflow). */
async function bareWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return { workflowData: [[{ json: this.getBodyData() }]] };
}

/** Just enough of a response for the node's own replies (it answers rejections itself). */
class ResponseSink {
	statusCode = 200;
	body = '';
	setHeader() {}
	end(text: string) {
		this.body = text;
	}
}

function triggerSetup() {
	const nodeType = loadNodeType('icsocAutocallTrigger');
	const node: INode = {
		id: 'bench-trigger',
		name: 'icsoc Autocall Trigger',
		type: `${PACKAGE_NAME}.icsocAutocallTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId: 'bench-webhook-id',
		credentials: { icsocAutocallPushApi: { id: 'cred-push', name: 'icsoc push' } },
	};
	// Defaults filled in as n8n does on load: respond immediately, both push types, decode on.
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, {}, true, false, node, nodeType.description) ?? {};
	const workflow = new Workflow({
		id: 'bench-workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		},
		settings: { timezone: 'UTC' },
	});
	const baseData = {
		credentialsHelper: newCredentialsHelper({ icsocAutocallPushApi: { secret: SECRET } }),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		variables: {},
	};
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'icsoc-autocall',
		webhookDescription: nodeType.description.webhooks![0],
		workflowId: workflow.id,
		webhookId: 'bench-webhook-id',
	} as unknown as IWebhookData;

	/** What n8n does per request before the node runs: parse the body, build the context. */
	const contextFor = (rawBody: Buffer) => {
		const httpRequest = { rawBody, body: JSON.parse(rawBody.toString('utf8')) as unknown, headers: {}, query: {}, params: {} };
		const additionalData = { ...baseData, httpRequest, httpResponse: new ResponseSink() } as unknown as IWorkflowExecuteAdditionalData;
		return new WebhookContext(workflow, node, additionalData, 'webhook', { ...webhookData, workflowExecuteAdditionalData: additionalData }, [], null);
	};
	return { webhook: nodeType.webhook! as WebhookMethod, contextFor };
}

interface Throughput {
	/** Pushes per second counting only the time inside webhook(). */
	webhookOnly: number;
	/** Pushes per second including n8n's per-request work (body parse, context). */
	perPush: number;
}

async function throughput(webhook: WebhookMethod, contextFor: (raw: Buffer) => WebhookContext, rawBody: Buffer): Promise<Throughput> {
	let bestRun: Throughput = { webhookOnly: 0, perPush: 0 };
	// Run 0 is a warm-up.
	for (let run = 0; run <= RUNS; run++) {
		let pushes = 0;
		let insideNs = 0n;
		const started = process.hrtime.bigint();
		const deadline = started + BigInt(RUN_MS) * 1_000_000n;
		let now = started;
		while (now < deadline) {
			const context = contextFor(rawBody);
			const before = process.hrtime.bigint();
			await webhook.call(context);
			now = process.hrtime.bigint();
			insideNs += now - before;
			pushes++;
		}
		const totalNs = now - started;
		if (run === 0) continue;
		const result = { webhookOnly: (pushes * 1e9) / Number(insideNs), perPush: (pushes * 1e9) / Number(totalNs) };
		if (result.webhookOnly > bestRun.webhookOnly) bestRun = result;
	}
	return bestRun;
}

/** Calls per second of a synchronous step on its own, best of RUNS after a warm-up. */
function stepRate(step: () => unknown): number {
	let bestRate = 0;
	for (let run = 0; run <= RUNS; run++) {
		let calls = 0;
		const started = process.hrtime.bigint();
		const deadline = started + BigInt(RUN_MS / 4) * 1_000_000n;
		let now = started;
		while (now < deadline) {
			for (let i = 0; i < 100; i++) step();
			calls += 100;
			now = process.hrtime.bigint();
		}
		if (run > 0) bestRate = Math.max(bestRate, (calls * 1e9) / Number(now - started));
	}
	return bestRate;
}

/** Fails loudly unless the real webhook accepts the push (and refuses it tampered), so the bench measures real verification. */
async function checkVerification(webhook: WebhookMethod, contextFor: (raw: Buffer) => WebhookContext, rawBody: Buffer, encrypted: boolean) {
	const accepted = await webhook.call(contextFor(rawBody));
	const json = accepted.workflowData?.[0]?.[0]?.json as IDataObject | undefined;
	if (json?.encrypted !== encrypted || (json.data as IDataObject | undefined)?.call_id !== 'call-00043') {
		throw new Error(`push bench: the trigger did not accept a valid ${encrypted ? 'encrypted' : 'plain'} push`);
	}
	const tampered = contextFor(Buffer.from(rawBody.toString('utf8').replace(/"sign":"[0-9a-f]/, '"sign":"x')));
	const refused = await webhook.call(tampered);
	if (!refused.noWebhookResponse || (tampered.getResponseObject() as unknown as ResponseSink).statusCode !== 401) {
		throw new Error('push bench: the trigger did not refuse a push with a wrong signature');
	}
}

export async function benchPushThroughput(): Promise<void> {
	const { webhook, contextFor } = triggerSetup();
	const data = { ...makeCdrPush(42), record_url: 'https://rec.icsoc.net/2024/05/01/call-00043.mp3', remark: 'VIP "金卡" 客户' };
	const plain = Buffer.from(icsocPushBody({ type: 1, data, secret: SECRET, timestamp: '2024-05-01 08:42:05' }), 'utf8');
	const encrypted = Buffer.from(icsocPushBody({ type: 1, data, secret: SECRET, timestamp: '2024-05-01 08:42:05', encrypt: true }), 'utf8');
	await checkVerification(webhook, contextFor, plain, false);
	await checkVerification(webhook, contextFor, encrypted, true);

	const bare = await throughput(bareWebhook, contextFor, plain);
	const verifiedPlain = await throughput(webhook, contextFor, plain);
	const verifiedEncrypted = await throughput(webhook, contextFor, encrypted);

	const plainText = plain.toString('utf8');
	const encryptedText = encrypted.toString('utf8');
	const verifyPlainRate = stepRate(() => verifyPush(plainText, SECRET));
	const verifyEncryptedRate = stepRate(() => verifyPush(encryptedText, SECRET));
	const decodeRate = stepRate(() => decodeIcsocRecord(data));

	const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en').padStart(9)}/s`;
	console.log(`2. icsoc Autocall Trigger, one CDR push (${plain.length} / ${encrypted.length} bytes plain / encrypted), pushes per second, best of ${RUNS} x ${RUN_MS} ms:`);
	console.log('  measured: webhook() called in-process on a real n8n-core WebhookContext built per push (no HTTP);');
	console.log('  "webhook() only" times the call alone; "per push" adds n8n\'s per-request work (JSON body parse, context).');
	console.log('                                    webhook() only     per push');
	console.log(`  bare (returns the parsed body):   ${rate(bare.webhookOnly)}   ${rate(bare.perPush)}`);
	console.log(`  verified, plain-signed push:      ${rate(verifiedPlain.webhookOnly)}   ${rate(verifiedPlain.perPush)}`);
	console.log(`  verified, encrypted push:         ${rate(verifiedEncrypted.webhookOnly)}   ${rate(verifiedEncrypted.perPush)}`);
	console.log(
		`  bare / verified: plain ${ratio(bare.webhookOnly, verifiedPlain.webhookOnly)}x, encrypted ${ratio(bare.webhookOnly, verifiedEncrypted.webhookOnly)}x (webhook() only); ` +
			`plain ${ratio(bare.perPush, verifiedPlain.perPush)}x, encrypted ${ratio(bare.perPush, verifiedEncrypted.perPush)}x (per push)`,
	);
	console.log(
		`  the node's pure steps alone: verifyPush plain ${Math.round(verifyPlainRate).toLocaleString('en')}/s, ` +
			`encrypted ${Math.round(verifyEncryptedRate).toLocaleString('en')}/s; decodeIcsocRecord ${Math.round(decodeRate).toLocaleString('en')}/s ` +
			'(the rest of webhook() is n8n: getCredentials, getNodeParameter)',
	);
	console.log('  target: none stated in the issue for push handling (informational; bare / verified = what verifying, decrypting and decoding cost per push)');
}
