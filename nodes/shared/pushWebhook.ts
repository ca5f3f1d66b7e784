/**
 * The n8n half of the push layer: one `answerPush()` every trigger's `webhook()` hands its
 * vendor-specific reading to, the webhook description, and the "Respond" parameter with the
 * three reply modes of the contract. The reading itself (pure) is the trigger's; rejections
 * are answered here, never thrown.
 *
 * How n8n 2.8 replies (packages/cli webhook-helpers.ts and webhook-last-node-response-extractor.ts):
 * `responseMode` and `responseData` of the webhook description are evaluated before the run.
 * - 'onReceived': HTTP 200 at once, the body being `responseData` when it is non-empty, else the
 *   node's `webhookResponse`.
 * - 'lastNode': n8n waits for the run; HTTP 500 {"message":"Error in workflow"} when it failed,
 *   else by `responseData`: 'firstEntryJson' = the last node's first item (500 when it has none),
 *   'noData' = an empty body, anything else = all its items.
 * A trigger cannot make n8n send a fixed body after the run: the body can only come from the
 * last node. So 'onSuccess' (acknowledge only after success, whatever the last node outputs) is
 * 'lastNode' with 'noData': HTTP 200 with an empty body after success, 500 after a failure.
 */
import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { rawBodyBytes, reject, type PushRejection } from './push';

/** The reply modes every trigger offers (parameter `responseMode`). */
/**
 * The webhook lifecycle of a trigger whose push URL the user enters in the vendor's console (or
 * per task or campaign): nothing to register, check or remove on the vendor's side.
 */
export const URL_SET_BY_USER: NonNullable<NonNullable<INodeType['webhookMethods']>['default']> = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async create(this: IHookFunctions): Promise<boolean> {
		return true;
	},
	async delete(this: IHookFunctions): Promise<boolean> {
		return true;
	},
};

export type PushResponseMode = 'onReceived' | 'lastNode' | 'onSuccess';

export const PUSH_RESPONSE_MODES: readonly PushResponseMode[] = ['onReceived', 'lastNode', 'onSuccess'];

/** What a trigger made of one push. */
export type PushOutcome =
	| { rejection: PushRejection }
	/** Verified, but of a kind the user did not choose: acknowledged, nothing started. */
	| { ignore: true }
	/**
	 * Verified and read: one execution with these items, answered as `responseMode` says, unless
	 * `reply` says otherwise: 'now' = the acknowledgement at once, written by the trigger itself
	 * (whatever n8n's response mode), then the run; 'afterRun' = n8n answers after the run (the
	 * webhook description must make n8n wait for this push, see PushWebhookOptions).
	 */
	| { items: IDataObject[]; reply?: PushReplyTiming };

/** When a verified push is answered, where a trigger decides it per push (see PushOutcome). */
export type PushReplyTiming = 'now' | 'afterRun';

export interface PushRequest {
	/** The body exactly as received. */
	rawBody: Buffer;
	/** Request headers, names lower-cased (as Node gives them). */
	headers: Readonly<Record<string, unknown>>;
}

/** A vendor's reply bodies. Each call returns a fresh object (n8n may change what it sends). */
export interface PushReplies {
	/** The body that tells the vendor the push arrived, e.g. {"retCode":0}. */
	acknowledgement(): IDataObject;
	/** The body of a refusal (4xx/5xx). */
	refusal(rejection: PushRejection): IDataObject;
}

/** Options of pushWebhookDescription. */
export interface PushWebhookOptions {
	/**
	 * A condition on the node's parameters, as expression text (e.g.
	 * `$parameter["preCallReply"] === "fromWorkflow"`), under which n8n waits for every run it
	 * starts and answers with the last node's first item, whatever `responseMode` says. The
	 * trigger then answers pushes that must be acknowledged at once itself (`reply: 'now'`).
	 */
	waitForLastNodeWhen?: string;
}

/**
 * The webhook of a push trigger: one POST route whose reply follows the node's `responseMode`
 * parameter as described at the top of this file. The parameter must be named `responseMode`.
 */
export function pushWebhookDescription(path: string, options: PushWebhookOptions = {}): IWebhookDescription {
	const condition = options.waitForLastNodeWhen;
	if (condition !== undefined) {
		return {
			name: 'default',
			httpMethod: 'POST',
			path,
			responseMode: `={{(${condition}) || $parameter["responseMode"] === "lastNode" || $parameter["responseMode"] === "onSuccess" ? "lastNode" : "onReceived"}}`,
			responseData: `={{(${condition}) || $parameter["responseMode"] === "lastNode" ? "firstEntryJson" : $parameter["responseMode"] === "onSuccess" ? "noData" : ""}}`,
		};
	}
	return {
		name: 'default',
		httpMethod: 'POST',
		path,
		responseMode:
			'={{$parameter["responseMode"] === "lastNode" || $parameter["responseMode"] === "onSuccess" ? "lastNode" : "onReceived"}}',
		// 'onReceived' needs it empty: a non-empty value would be sent instead of webhookResponse.
		responseData:
			'={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : $parameter["responseMode"] === "onSuccess" ? "noData" : ""}}',
	};
}

/** How one vendor reacts to replies, for the option descriptions (full sentences). */
export interface PushVendorReplyTexts {
	/** e.g. "NXCloud", "icsoc". */
	vendor: string;
	/** The success body, as text, e.g. '{"retCode":0}'. */
	acknowledgement: string;
	/** What the vendor does with an answer other than its success body (resends, gives up). */
	onFailure: string;
	/** What the vendor makes of an empty HTTP 200, and so what 'onSuccess' costs. */
	onEmptyReply: string;
	/** How a workflow skips a push it already handled, e.g. 'Remove Duplicates on dedupeKey'. */
	deduplicate: string;
}

/** The "Respond" parameter with the three reply modes, described for one vendor. */
export function responseModeProperty(texts: PushVendorReplyTexts): INodeProperties {
	const { vendor, acknowledgement, onFailure, onEmptyReply, deduplicate } = texts;
	return {
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description: `HTTP 200 ${acknowledgement} as soon as the push is verified, before the workflow runs. ${vendor} will not send it again: if the workflow fails, the push survives only as the failed execution (retry it from Executions); if n8n, or in queue mode the worker, stops before running it, the push is lost.`,
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description: `Waits for the workflow: HTTP 200 with the first item of the last node as JSON (end with a node outputting exactly ${acknowledgement}), HTTP 500 if the workflow fails or its last node outputs nothing. ${onFailure} No push is acknowledged before it ran, but one can arrive more than once: skip repeats with ${deduplicate}.`,
			},
			{
				name: 'When Workflow Succeeds',
				value: 'onSuccess',
				description: `Waits for the workflow, whatever its last node outputs: HTTP 200 with an empty body after success, HTTP 500 after a failure (n8n gives a trigger no way to send a fixed body after the run, so the body is not ${acknowledgement}). ${onEmptyReply} No push is acknowledged before it ran, so none is lost when a worker dies; skip repeats with ${deduplicate}.`,
			},
		],
		default: 'onReceived',
		description: 'When n8n answers the push, and with what',
	};
}

/** The IWebhookResponseData of a verified push for each reply mode. Pure. */
export function startWorkflowResponse(
	mode: PushResponseMode,
	items: IDataObject[],
	acknowledgement: IDataObject,
): IWebhookResponseData {
	const workflowData = [items.map((json) => ({ json }))];
	// 'lastNode' and 'onSuccess' are answered by n8n after the run (see pushWebhookDescription).
	return mode === 'onReceived' ? { webhookResponse: acknowledgement, workflowData } : { workflowData };
}

/** `value` as a reply mode; anything unknown is today's default, 'onReceived'. */
export function readResponseMode(value: unknown): PushResponseMode {
	return PUSH_RESPONSE_MODES.find((mode) => mode === value) ?? 'onReceived';
}

/** Writes a JSON reply on the raw response; n8n then sends nothing itself. Never throws. */
export function replyNow(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	try {
		const res = context.getResponseObject();
		if (!res.headersSent) {
			res.statusCode = status;
			res.setHeader('Content-Type', 'application/json; charset=utf-8');
		}
		if (!res.writableEnded) res.end(JSON.stringify(body));
	} catch {
		// The connection is gone: there is no one left to answer.
	}
	return { noWebhookResponse: true };
}

/**
 * A push trigger's whole `webhook()`: reads the raw body, hands it to `read`, and answers.
 * Never throws: a rejection is answered with its status and the vendor's refusal body, a push
 * of an unchosen kind with the acknowledgement (HTTP 200, no execution), a valid one starts
 * one execution replied to by `responseMode`, or as the outcome's `reply` says; anything
 * unforeseen gets HTTP 500, no execution.
 */
export async function answerPush(
	context: IWebhookFunctions,
	replies: PushReplies,
	read: (request: PushRequest) => Promise<PushOutcome>,
): Promise<IWebhookResponseData> {
	let outcome: PushOutcome;
	let mode: PushResponseMode = 'onReceived';
	try {
		mode = readResponseMode(context.getNodeParameter('responseMode', 'onReceived'));
		const request = context.getRequestObject() as unknown as { rawBody?: unknown };
		const rawBody = rawBodyBytes(request.rawBody);
		outcome =
			rawBody === undefined
				? reject(400, 'The push body could not be read')
				: await read({ rawBody, headers: context.getHeaderData() as Record<string, unknown> });
	} catch (error) {
		// Messages of our own code name no secrets; the stack stays in the log.
		context.logger?.warn(`Push trigger failed on a request: ${(error as Error)?.message ?? 'unknown error'}`);
		outcome = reject(500, 'The push could not be processed (see the n8n log)');
	}
	if ('rejection' in outcome) return replyNow(context, outcome.rejection.status, replies.refusal(outcome.rejection));
	if ('ignore' in outcome) return replyNow(context, 200, replies.acknowledgement());
	if (outcome.reply === 'now') {
		replyNow(context, 200, replies.acknowledgement());
		return { noWebhookResponse: true, workflowData: [outcome.items.map((json) => ({ json }))] };
	}
	if (outcome.reply === 'afterRun') return { workflowData: [outcome.items.map((json) => ({ json }))] };
	return startWorkflowResponse(mode, outcome.items, replies.acknowledgement());
}
