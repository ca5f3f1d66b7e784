import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { addCallRecordProperty } from '../shared/properties';
import { reject } from '../shared/push';
import { answerPush, pushWebhookDescription, responseModeProperty, type PushReplies, URL_SET_BY_USER } from '../shared/pushWebhook';
import { NXCLOUD_PUSH_EVENTS, readNxCloudPush } from './push';
import { parseAlgorithm } from './signing';

/** NXCloud's API envelope: retCode 0 = accepted; a refusal carries the HTTP status and a reason. */
const NXCLOUD_REPLIES: PushReplies = {
	acknowledgement: () => ({ retCode: 0 }),
	refusal: ({ status, message }) => ({ retCode: status, retMsg: message }),
};

export class NxCloudCallbotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCloud Callbot Trigger',
		name: 'nxCloudCallbotTrigger',
		icon: { light: 'file:nxCloudCallbot.svg', dark: 'file:nxCloudCallbot.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when NXCloud Callbot pushes an order result, a call result or a task status',
		subtitle: 'Order, call and task pushes',
		defaults: { name: 'NXCloud Callbot Trigger' },
		eventTriggerDescription: 'Waiting for NXCloud to push to the Test URL',
		activationMessage:
			'NXCloud pushes to the Production URL now run this workflow. Check that Add Calls (or the task) gives NXCloud that URL as its callback URL.',
		triggerPanel: {
			header: 'Give NXCloud this node\'s URL as the callback URL',
			executionsHelp: {
				inactive:
					'<b>To test:</b> click \'Execute step\', then run Add Calls of the NXCloud Callbot node with this node\'s <b>Test URL</b> (Webhook URLs, Test URL) as Order Callback URL and Call Callback URL: NXCloud\'s next push shows up here.<br /><br /><b>To go live:</b> give NXCloud the <b>Production URL</b> instead (Add Calls, or the task\'s orderCallbackUrl and taskCallbackUrl) and publish the workflow. Every push then runs it; those runs show in the executions list, not here. Pushes not signed with the credential\'s Secret Key get HTTP 401 and start nothing.',
				active:
					'<b>To test:</b> click \'Execute step\', then run Add Calls with this node\'s <b>Test URL</b> as Order Callback URL and Call Callback URL: NXCloud\'s next push shows up here.<br /><br /><b>The workflow is published:</b> every push NXCloud sends to the <b>Production URL</b> (Add Calls, or the task\'s orderCallbackUrl and taskCallbackUrl) runs it; those runs show in the <a data-key="executions">executions list</a>, not here. Pushes not signed with the credential\'s Secret Key get HTTP 401 and start nothing.',
			},
			activationHint: {
				inactive:
					'Then paste the Production URL (Webhook URLs) into Add Calls as Order Callback URL and Call Callback URL, and publish the workflow.',
				active: 'Pushes NXCloud sends to the Production URL run this workflow (those runs show under Executions, not here).',
			},
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nxCloudCallbotApi', required: true }],
		// One POST route for all three pushes; the reply follows "Respond" (nodes/shared/pushWebhook.ts).
		webhooks: [pushWebhookDescription('nxcloud-callbot')],
		properties: [
			{
				displayName:
					'Give NXCloud the Production URL (Webhook URLs) as callback URL in Add Calls or the task, then publish the workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Call Attempt', value: 'call' },
					{ name: 'Order Result', value: 'order' },
					{ name: 'Task Status', value: 'task' },
				],
				default: [...NXCLOUD_PUSH_EVENTS],
				description: 'Pushes of an event not chosen are answered {"retCode":0} and start nothing',
			},
			responseModeProperty({
				vendor: 'NXCloud',
				acknowledgement: '{"retCode":0}',
				onFailure:
					'Any answer but HTTP 200 {"retCode":0} is assumed to make NXCloud send the push again (its retry policy is not documented).',
				onEmptyReply:
					'Whether NXCloud accepts an empty HTTP 200 is not documented: if it does not, it treats the push as failed and sends it again (duplicates, never a loss).',
				deduplicate: 'Remove Duplicates on dedupeKey',
			}),
			{
				displayName:
					'End with a node whose first item is exactly <code>{"retCode":0}</code> (e.g. Edit Fields), or NXCloud may push again.',
				name: 'lastNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'Maximum Push Age (Seconds)',
				name: 'maxAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Refuse (HTTP 401) a push whose signed createTs header is further than this from the n8n server clock, so a recorded push cannot be replayed later. 0 turns the check off, the default: NXCloud does not document whether a push it sends again is signed afresh, so a limit could refuse its genuine retries, and it needs both clocks right. Repeats are better dropped with Remove Duplicates on dedupeKey.',
			},
			{
				displayName: 'Decode Codes and Dates',
				name: 'decodeValues',
				type: 'boolean',
				default: true,
				description:
					'Whether to add readable labels (callStatusLabel, taskStatusLabel, …) and ISO 8601 twins of timestamps (callStartTsIso, …), keeping the raw values, as List Order Details does',
			},
			addCallRecordProperty(),
		],
	};

	// NXCloud is told the callback URL per task or batch, so there is nothing to register here.
	webhookMethods = { default: URL_SET_BY_USER };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerPush(this, NXCLOUD_REPLIES, async ({ rawBody, headers }) => {
			const credentials = await this.getCredentials('nxCloudCallbotApi');
			const secretKey = typeof credentials.secretKey === 'string' ? credentials.secretKey : '';
			if (secretKey === '') return reject(401, 'No Secret Key is set in the n8n credential');
			const read = readNxCloudPush(rawBody, headers, {
				key: { secretKey, algorithm: parseAlgorithm(credentials.algorithm) },
				events: this.getNodeParameter('events', [...NXCLOUD_PUSH_EVENTS]) as string[],
				decode: this.getNodeParameter('decodeValues', true) as boolean,
				maxAgeSeconds: this.getNodeParameter('maxAgeSeconds', 0) as number,
				nowSeconds: Date.now() / 1000,
				addCallRecord: this.getNodeParameter('addCallRecord', true) as boolean,
				timeZone: this.getTimezone(),
			});
			if ('rejection' in read) return read;
			if ('ignore' in read) return { ignore: true };
			return { items: [read.item as IDataObject] };
		});
	}
}
