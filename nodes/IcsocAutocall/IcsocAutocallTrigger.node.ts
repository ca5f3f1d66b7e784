import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeCode } from '../shared/codeTables';
import { localDateTimeToIso } from '../shared/dates';
import { PUSH_TYPE } from './codes';
import { decodeIcsocRecord } from './decode';
import { checkPush } from './pushCrypto';

/** What icsoc expects back for a push it should not send again (a fresh object per reply). */
const acknowledged = (): IDataObject => ({ code: 0 });

/** Writes a JSON reply on the raw response (works for Express and plain Node responses). */
function reply(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const res = context.getResponseObject();
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

function rawBodyText(context: IWebhookFunctions): string | undefined {
	const rawBody = (context.getRequestObject() as unknown as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(rawBody)) return rawBody.toString('utf8');
	if (typeof rawBody === 'string') return rawBody;
	return undefined;
}

export class IcsocAutocallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'icsoc Autocall Trigger',
		name: 'icsocAutocallTrigger',
		icon: { light: 'file:icsocAutocall.svg', dark: 'file:icsocAutocall.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when icsoc Autocall pushes a call detail record or a pre-call notice',
		subtitle: 'CDR and pre-call pushes',
		defaults: { name: 'icsoc Autocall Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'icsocAutocallPushApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n reads these from the webhook description. 'lastNode' makes n8n wait for the
				// workflow: HTTP 500 when it fails, else the first item of the last node. For
				// 'onReceived' the reply is the node's own {"code":0}, which n8n uses only when
				// responseData is empty (its default, "firstEntryJson", would be sent as text).
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: '={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : ""}}',
				path: 'icsoc-autocall',
			},
		],
		properties: [
			{
				displayName:
					'In the icsoc console, set the push URL to this node\'s Production URL and the push secret to the one in the credential. Pushes with a wrong signature are answered with HTTP 401 and start nothing.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'Answer {"code":0} as soon as the push is verified; icsoc will not send it again',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description:
							'Answer when the workflow has finished, with the first item of its last node; if the workflow fails, n8n answers HTTP 500 and icsoc sends the push again later',
					},
				],
				default: 'onReceived',
			},
			{
				displayName:
					'End the workflow with a node whose first output item is exactly <code>{"code":0}</code> (e.g. an Edit Fields node that keeps only a number field <code>code</code> = 0): icsoc treats any other answer as a failure and sends the push again (after 15 s, 15 s, 30 s, 3 min, 30 min … up to 9 times), so the workflow must also tolerate a push arriving twice. (n8n\'s Respond to Webhook node cannot be used: it only works after n8n\'s own Webhook trigger.)',
				name: 'lastNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'Push Types',
				name: 'pushTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Call Detail Record (Type 1)', value: '1' },
					{ name: 'Pre-Call Notice (Type 2)', value: '2' },
				],
				default: ['1', '2'],
				description: 'Pushes of other types are acknowledged and start nothing',
			},
			{
				displayName: 'Decode Codes and Dates',
				name: 'decodeValues',
				type: 'boolean',
				default: true,
				description:
					'Whether to add callresultLabel, endresultLabel and ISO 8601 twins of time fields to the pushed data, keeping the raw values',
			},
		],
	};

	// icsoc's push URL is set in its console, so there is nothing to register here.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const rawBody = rawBodyText(this);
		if (rawBody === undefined) {
			return reply(this, 400, { code: 400, message: 'The push body could not be read' });
		}
		const credentials = await this.getCredentials('icsocAutocallPushApi');
		const secret = String(credentials.secret ?? '');
		if (secret === '') {
			return reply(this, 401, { code: 401, message: 'No push secret is set in the n8n credential' });
		}

		const checked = checkPush(rawBody, secret);
		if ('rejection' in checked) {
			const { status, message } = checked.rejection;
			return reply(this, status, { code: status, message });
		}
		const push = checked.push;

		const type = String(push.type ?? '');
		const wanted = this.getNodeParameter('pushTypes', ['1', '2']) as string[];
		if (!wanted.includes(type)) return reply(this, 200, acknowledged());

		const decode = this.getNodeParameter('decodeValues', true) as boolean;
		const json: IDataObject = {
			type: push.type as IDataObject[keyof IDataObject],
			typeLabel: describeCode(PUSH_TYPE, type) ?? 'unknown',
			timestamp: push.timestamp as IDataObject[keyof IDataObject],
			encrypted: push.encrypted,
			data: (decode ? decodeIcsocRecord(push.data) : push.data) as IDataObject,
		};
		// Push timestamps are China Standard Time wall-clock text ("Y-m-d H:i:s").
		const timestampIso = localDateTimeToIso(push.timestamp, '+08:00');
		if (timestampIso) json.timestampIso = timestampIso;

		const responseMode = this.getNodeParameter('responseMode', 'onReceived') as string;
		const workflowData = [[{ json }]];
		return responseMode === 'lastNode' ? { workflowData } : { webhookResponse: acknowledged(), workflowData };
	}
}
