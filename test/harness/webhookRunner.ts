/**
 * Runs a trigger node's `webhook()` behind a real HTTP server on 127.0.0.1, inside n8n-core's
 * real WebhookContext (parameters, expressions, credentials as in n8n). The request gets
 * `rawBody` (a Buffer) and a parsed `body` as n8n's body parser sets them (including its 422
 * for a Content-Type application/json body that does not parse), so status codes and
 * replies are real HTTP.
 *
 * What n8n's webhook server does after `webhook()` returns is mirrored in small:
 * `noWebhookResponse` → the node answered itself; otherwise `responseMode` and
 * `responseData` (read from the webhook description, as n8n 2.8 does) decide: 'onReceived'
 * answers HTTP 200 with responseData when it is non-empty, else `webhookResponse`, and
 * starts the execution; 'lastNode' starts the execution and answers with the first item of
 * the last node (`runWorkflow` stands for the rest of the workflow), or with an empty body when
 * responseData is 'noData', or HTTP 500 {"message":"Error in workflow"} when it throws.
 *
 * `deliver()` runs the same path in-process (no socket), for fuzzing thousands of pushes.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { newCredentialsHelper } from './n8nRunner';
import { loadNodeType, PACKAGE_NAME } from './packageTypes';

export interface WebhookServerOptions {
	/** e.g. 'icsocAutocallTrigger' (the package prefix is added). */
	nodeType: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The rest of the workflow for 'lastNode' mode: the last node's output items, or a throw = failure. */
	runWorkflow?: (items: INodeExecutionData[][]) => Promise<IDataObject[]>;
}

export interface WebhookReply {
	status: number;
	body: string;
	json: unknown;
}

/** Just enough of http.ServerResponse for the trigger's own replies and the runner's. */
class RecordingResponse {
	statusCode = 200;
	headersSent = false;
	writableEnded = false;
	body = '';
	readonly headers: Record<string, string> = {};
	setHeader(name: string, value: unknown) {
		this.headers[name.toLowerCase()] = String(value);
	}
	writeHead(status: number, headers: Record<string, string> = {}) {
		this.statusCode = status;
		for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}
	end(text?: string | Buffer) {
		this.body = text === undefined ? '' : text.toString();
		this.headersSent = true;
		this.writableEnded = true;
	}
}

function replyOf(status: number, text: string): WebhookReply {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status, body: text, json };
}

/**
 * The query as n8n's 'extended' parser (qs) gives it, in small: a repeated name becomes a list,
 * `name[key]=value` an object, `name[]=value` a list; names that are Object.prototype's own are
 * dropped, as qs drops them.
 */
function parseQuery(params: URLSearchParams): Record<string, unknown> {
	const query: Record<string, unknown> = {};
	for (const [rawName, value] of params) {
		const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(rawName);
		const name = match ? match[1] : rawName;
		if (name in Object.prototype) continue;
		const previous = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
		if (match && match[2] !== '') {
			const record = previous !== null && typeof previous === 'object' && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
			record[match[2]] = value;
			query[name] = record;
		} else if (previous === undefined) {
			query[name] = match ? [value] : value;
		} else {
			query[name] = [...(Array.isArray(previous) ? previous : [previous]), value];
		}
	}
	return query;
}

export class WebhookServer {
	/** Workflow data of every execution the trigger started, in order. */
	readonly executions: INodeExecutionData[][][] = [];

	/** Requests n8n's own body parser refused before the node ran. */
	rejectedByN8n = 0;

	private server?: http.Server;

	constructor(private readonly options: WebhookServerOptions) {}

	get url(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('webhook server not started');
		return `http://127.0.0.1:${address.port}/webhook/test-webhook-id/${this.webhookPath}`;
	}

	/** The path of the trigger's webhook description (e.g. 'icsoc-autocall'). */
	get webhookPath(): string {
		return loadNodeType(this.options.nodeType).description.webhooks![0].path;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.handle(req, res, Buffer.concat(chunks)).catch((error: Error) => {
					if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
					if (!res.writableEnded) res.end(JSON.stringify({ message: `Workflow could not be started: ${error.message}` }));
				});
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** POSTs `body` (sent byte for byte) to the webhook, with extra `headers` and a `query` (e.g. '?token=x') if given. */
	async post(body: string | Buffer, contentType = 'application/json', headers: Record<string, string> = {}, query = ''): Promise<WebhookReply> {
		const response = await fetch(this.url + query, { method: 'POST', headers: { ...headers, 'Content-Type': contentType }, body });
		return replyOf(response.status, await response.text());
	}

	/**
	 * The same request handled in-process, without a socket (the server need not be started):
	 * header names are lower-cased as Node does. Rejects only when the trigger's webhook() (or
	 * the rest of the emulated n8n path) throws.
	 */
	async deliver(body: string | Buffer, contentType = 'application/json', headers: Record<string, string> = {}, query = ''): Promise<WebhookReply> {
		const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
		const req = {
			method: 'POST',
			url: `/webhook/test-webhook-id/${this.webhookPath}${query}`,
			headers: Object.fromEntries(
				Object.entries({ ...headers, 'content-type': contentType }).map(([name, value]) => [name.toLowerCase(), value]),
			),
		};
		const res = new RecordingResponse();
		await this.handle(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse, rawBody);
		if (!res.writableEnded) throw new Error('nothing was answered');
		return replyOf(res.statusCode, res.body);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		// n8n's raw body reader keeps the bytes; its body parser fills `body` for
		// application/json and answers 422 itself, before any node runs, when that fails.
		let body: unknown = {};
		const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (contentType === 'application/json' && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch (error) {
				this.rejectedByN8n++;
				res.writeHead(422, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ code: 422, message: 'Failed to parse request body', hint: (error as Error).message }));
				return;
			}
		}
		Object.assign(req, { rawBody, body, query: parseQuery(url.searchParams), params: {} });

		const type = `${PACKAGE_NAME}.${this.options.nodeType}`;
		const nodeType = loadNodeType(this.options.nodeType);
		const node: INode = {
			id: 'trigger-under-test',
			name: 'Trigger Under Test',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.options.parameters,
			webhookId: 'test-webhook-id',
			credentials: Object.fromEntries(
				(nodeType.description.credentials ?? []).map((c) => [c.name, { id: `cred-${c.name}`, name: c.name }]),
			),
		};
		// Parameters get their defaults filled in, as n8n does when it loads a workflow.
		node.parameters =
			NodeHelpers.getNodeParameters(
				nodeType.description.properties,
				node.parameters,
				true,
				false,
				node,
				nodeType.description,
			) ?? {};
		const nodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: (_name: string, version?: number) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			id: 'test-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			settings: { timezone: 'UTC' },
		});

		const additionalData = {
			credentialsHelper: newCredentialsHelper(this.options.credentials),
			httpRequest: req,
			httpResponse: res,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookDescription = nodeType.description.webhooks![0];
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: webhookDescription.path,
			webhookDescription,
			workflowId: workflow.id!,
			workflowExecuteAdditionalData: additionalData,
			webhookId: 'test-webhook-id',
		} as IWebhookData;

		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		const result = await nodeType.webhook!.call(context);
		const responseMode = workflow.expression.getSimpleParameterValue(
			node,
			webhookDescription.responseMode as string,
			'webhook',
			{},
			undefined,
			'onReceived',
		);

		if (result.noWebhookResponse) {
			if (!res.writableEnded) throw new Error('the node claimed to answer but did not');
			if (result.workflowData) this.executions.push(result.workflowData);
			return;
		}
		if (!result.workflowData) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			return;
		}
		this.executions.push(result.workflowData);
		const responseData = workflow.expression.getComplexParameterValue(
			node,
			webhookDescription.responseData,
			'webhook',
			{},
			undefined,
			'firstEntryJson',
		);
		if (responseMode === 'onReceived') {
			// As n8n: 'noData' sends no body, another non-empty responseData is sent as the body
			// itself, else webhookResponse.
			const reply = responseData === 'noData' ? undefined : responseData ? responseData : (result.webhookResponse ?? { message: 'Workflow was started' });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(reply === undefined ? undefined : JSON.stringify(reply));
			return;
		}
		if (responseMode === 'lastNode') {
			let lastNodeOutput: IDataObject[];
			try {
				lastNodeOutput = await (this.options.runWorkflow ?? (async (items) => items[0].map((i) => i.json)))(
					result.workflowData,
				);
			} catch {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: 'Error in workflow' }));
				return;
			}
			if (responseData === 'noData') {
				// n8n: res.json(undefined), i.e. HTTP 200, Content-Type application/json, empty body.
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end();
				return;
			}
			if (responseData !== 'firstEntryJson') throw new Error(`responseData ${String(responseData)} is not emulated`);
			if (lastNodeOutput.length === 0) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: 'No item to return was found' }));
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(lastNodeOutput[0]));
			return;
		}
		throw new Error(`response mode ${String(responseMode)} is not emulated`);
	}
}
