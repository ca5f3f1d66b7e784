import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { answerPush, pushWebhookDescription, responseModeProperty, type PushReplies } from '../shared/pushWebhook';
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
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Tested here, without contacting iSales (see pushTokenTest.ts).
		credentials: [{ name: 'huaweiIsalesPushApi', required: true, testedBy: 'huaweiIsalesPushTokenTest' }],
		// One POST route; the reply follows "Respond" (see nodes/shared/pushWebhook.ts).
		webhooks: [pushWebhookDescription('huawei-isales')],
		properties: [
			{
				displayName:
					'iSales signs nothing, so the URL is the secret. Paste as the campaign\'s Result Push URL (callBackUrl; Huawei CC-iSales node, Campaign > Create) this node\'s Production URL followed by <code>?token=</code> and the Token of the credential, typed in yourself (it is never shown here): <code>https://&lt;your n8n&gt;/webhook/&lt;webhook ID&gt;/huawei-isales?token=&lt;your token&gt;</code>. The URL listens once the workflow is published. Pushes without the token, or with another, get HTTP 401 and start nothing.',
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
					'iSales looks only at the HTTP status: any first item of the last node makes a 200. The last node must output at least one item, or n8n answers HTTP 500 and iSales pushes the results again (at once, then every 10 minutes, at most 6 pushes per result).',
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
