import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { answerPush, pushWebhookDescription, responseModeProperty, type PushReplies, URL_SET_BY_USER } from '../shared/pushWebhook';
import { isUtcOffset } from './decode';
import { decodeOptions } from './fields';
import { readIsalesPush } from './push';
import { huaweiIsalesPushTokenTest } from './pushTokenTest';

/** What iSales is told: it only looks at the status (200 = delivered); the body follows its documented reply. */
const ISALES_REPLIES: PushReplies = {
	acknowledgement: () => ({ retCode: '0', retMsg: 'success' }),
	refusal: ({ status, message }) => ({ retCode: String(status), retMsg: message }),
};

/** Get Call Result's "Decode Values", "Server UTC Offset" and "Add Call Record", shown without a resource or operation. */
const decodeProperties: INodeProperties[] = decodeOptions({ resource: [], operation: [] }).map((option) => {
	const property: INodeProperties = { ...option };
	delete property.displayOptions;
	return property;
});

export class HuaweiIsalesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CC-iSales Trigger',
		name: 'huaweiIsalesTrigger',
		icon: { light: 'file:huaweiIsales.svg', dark: 'file:huaweiIsales.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when Huawei CC-iSales pushes the call results of an outbound campaign',
		subtitle: 'Campaign result pushes',
		defaults: { name: 'Huawei CC-iSales Trigger' },
		eventTriggerDescription: 'Waiting for iSales to push to the Test URL with ?token=',
		activationMessage:
			'iSales result pushes to the Production URL with ?token= now run this workflow. A campaign pushes to the Result Push URL it was created with.',
		triggerPanel: {
			header: 'Give iSales this node\'s URL with ?token= as Result Push URL',
			executionsHelp: {
				inactive:
					'<b>To test:</b> click \'Execute step\', then create a campaign (Huawei CC-iSales node, Campaign > Create) whose Result Push URL is this node\'s <b>Test URL</b> (Webhook URLs, Test URL) followed by <code>?token=</code> and the credential\'s Token: the next result push shows up here.<br /><br /><b>To go live:</b> give campaigns the <b>Production URL</b> with the token instead, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;/huawei-isales?token=&lt;your token&gt;</code>, and publish the workflow. Every push then runs it; those runs show in the executions list, not here. Pushes without the token get HTTP 401 and start nothing.',
				active:
					'<b>To test:</b> click \'Execute step\', then create a campaign whose Result Push URL is this node\'s <b>Test URL</b> followed by <code>?token=</code> and the credential\'s Token: the next result push shows up here.<br /><br /><b>The workflow is published:</b> every push to the <b>Production URL</b> with the token, <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;/huawei-isales?token=&lt;your token&gt;</code>, runs it; those runs show in the <a data-key="executions">executions list</a>, not here. Pushes without the token get HTTP 401 and start nothing.',
			},
			activationHint: {
				inactive:
					'Then create campaigns (Campaign > Create) with the Production URL (Webhook URLs) + ?token= + the credential\'s Token as Result Push URL, and publish the workflow.',
				active: 'Pushes to the Production URL with the token run this workflow (those runs show under Executions, not here).',
			},
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Tested here, without contacting iSales (see pushTokenTest.ts).
		credentials: [{ name: 'huaweiIsalesPushApi', required: true, testedBy: 'huaweiIsalesPushTokenTest' }],
		// One POST route; the reply follows "Respond" (see nodes/shared/pushWebhook.ts).
		webhooks: [pushWebhookDescription('huawei-isales')],
		properties: [
			{
				displayName:
					'Result Push URL of a campaign: the Production URL + <code>?token=</code> + the credential\'s Token, <code>…/huawei-isales?token=&lt;your token&gt;</code>',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			responseModeProperty({
				vendor: 'iSales',
				acknowledgement: '{"retCode":"0","retMsg":"success"}',
				onFailure:
					'iSales takes any status but HTTP 200 (or no answer within its callback timeout) as a failed push: it pushes again at once, then every 10 minutes, at most 6 pushes per result in all, then drops the result.',
				onEmptyReply:
					'iSales looks only at the status (Huawei documents HTTP 200 as delivered, anything else as failed), so the empty body costs no resend; a failed run, or one longer than iSales waits for an answer, makes it push the results again (every 10 minutes, at most 6 pushes per result).',
				deduplicate: 'Remove Duplicates on dedupeKey',
			}),
			{
				displayName:
					'The last node must output at least one item (any will do), or iSales gets HTTP 500 and pushes the results again.',
				name: 'lastNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			...decodeProperties,
		],
	};

	methods = {
		credentialTest: { huaweiIsalesPushTokenTest },
	};

	// The push URL is set per campaign (callBackUrl), so there is nothing to register here.
	webhookMethods = { default: URL_SET_BY_USER };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerPush(this, ISALES_REPLIES, async ({ rawBody }) => {
			const credentials = await this.getCredentials('huaweiIsalesPushApi');
			const token = typeof credentials.token === 'string' ? credentials.token : '';
			const offset = String(this.getNodeParameter('serverUtcOffset', '+08:00') ?? '').trim();
			const decode = this.getNodeParameter('decodeValues', true) as boolean;
			const addCallRecord = this.getNodeParameter('addCallRecord', true) as boolean;
			// A setting error, not the push's: answered 500 (iSales pushes again) and logged by answerPush.
			if ((decode || addCallRecord) && !isUtcOffset(offset)) {
				throw new NodeOperationError(this.getNode(), `Server UTC Offset "${offset}" is not like +08:00 or -05:00`);
			}
			const read = readIsalesPush(rawBody, {
				token,
				query: this.getQueryData(),
				decodeOffset: decode ? offset : undefined,
				callRecordOffset: addCallRecord ? offset : undefined,
			});
			if ('items' in read) return { items: read.items as IDataObject[] };
			return read;
		});
	}
}
