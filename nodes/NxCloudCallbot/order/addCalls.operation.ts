/**
 * Order → Add Calls (addBatchCall): one input item = one order (a phone number to call) added
 * to an existing task. Items of the same task and callback URLs are pooled into requests of
 * at most 500 orders, so a 10,000-row CRM export makes 20 requests.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { firstItemIndexOf } from '../../shared/batching';
import { invalidParameter } from '../../shared/errors';
import { idParameter, itemParameter } from '../../shared/itemParameters';
import { runPooled } from '../../shared/itemRunner';
import { readId } from '../../shared/validation';
import { userTaskIdReader, userTaskIdProperty } from '../fields';
import { NXCLOUD, nxCloudRequest } from '../api';
import { CONCURRENT_REQUESTS, MAX_ORDERS_PER_REQUEST } from './getDetails.operation';

const showFor = { resource: ['order'], operation: ['addCalls'] };

export const addCallsProperties: INodeProperties[] = [
	userTaskIdProperty(showFor, 'The userTaskID of the (already created) task to add the calls to'),
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm-20240501-0001',
		description: 'Your unique ID for this call order (NXCloud requires it to be globally unique)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Phone Number',
		name: 'userPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8613800138000',
		description: 'Number to call, with its country code. Spaces, +, - and brackets are removed before sending; any other character fails the item.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Order Callback URL',
		name: 'orderCallbackUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/6f0e3a52-9d1b-4c7e-8a24-5b93c1d7e048/nxcloud-callbot',
		description:
			'Where NXCloud posts the result when the order is finished: the Production URL of an NXCloud Callbot Trigger node (open the trigger, Webhook URLs, Production URL; its workflow must be published)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Call Callback URL',
		name: 'callCallbackUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/6f0e3a52-9d1b-4c7e-8a24-5b93c1d7e048/nxcloud-callbot',
		description:
			'Where NXCloud posts the result of every call attempt: the Production URL of an NXCloud Callbot Trigger node (open the trigger, Webhook URLs, Production URL); the same trigger URL as the order callback serves both',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Customer Name',
				name: 'customerName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Other',
				name: 'other',
				type: 'string',
				default: '',
				description: 'Free text kept with the order and returned in results and callbacks',
			},
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				description: 'Name of the person called',
			},
		],
	},
	{
		displayName: 'Script Variables',
		name: 'scriptVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: 'Values for the variables of the dialogue script, e.g. amount due',
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];

interface CallOrder extends IDataObject {
	orderID: string;
	userPhone: string;
}

interface PooledRequest {
	userTaskID: string;
	orderCallbackUrl: string;
	callCallbackUrl: string;
}

/** What NXCloud said of one order: added, or refused with its reason. */
interface AddResult {
	errMsg?: string;
}

/** Text parameters: a list or an object given here is a mistake, never sent as "[object Object]". */
function textParameter(context: IExecuteFunctions, name: string, displayName: string) {
	const read = itemParameter<unknown>(context, name, '');
	return (itemIndex: number): string => {
		const value = read(itemIndex);
		if (value === undefined || value === null || value === '') return '';
		const text = readId(value);
		if ('problem' in text) throw invalidParameter(context.getNode(), itemIndex, `${displayName} ${text.problem}`);
		return text.value;
	};
}

export async function addCalls(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const userTaskIdOf = userTaskIdReader(this);
	const orderIdOf = idParameter(this, 'orderId', 'Order ID', 'Give every order its own ID, e.g. {{ $json.ID }}.');
	const phoneOf = textParameter(this, 'userPhone', 'Phone Number');
	const orderCallbackUrlOf = textParameter(this, 'orderCallbackUrl', 'Order Callback URL');
	const callCallbackUrlOf = textParameter(this, 'callCallbackUrl', 'Call Callback URL');
	const orders: CallOrder[] = [];
	// The item that first used each task's order ID: a second use is refused, not sent.
	const orderOwner = new Map<string, number>();

	return await runPooled<AddResult>(this, {
		readItem: (itemIndex) => {
			const pooled: PooledRequest = {
				userTaskID: userTaskIdOf(itemIndex),
				orderCallbackUrl: orderCallbackUrlOf(itemIndex),
				callCallbackUrl: callCallbackUrlOf(itemIndex),
			};
			const phone = phoneOf(itemIndex);
			const order: CallOrder = { orderID: orderIdOf(itemIndex), userPhone: phone.replace(/[\s+\-()]/g, '') };
			if (!/^\d{5,20}$/.test(order.userPhone)) {
				throw invalidParameter(
					node,
					itemIndex,
					`Phone number "${phone}" is not a number with country code`,
					'Use digits only with the country code, e.g. 8613800138000.',
				);
			}
			const ownerKey = `${pooled.userTaskID}\u0000${order.orderID}`;
			const owner = orderOwner.get(ownerKey);
			if (owner !== undefined) {
				throw invalidParameter(node, itemIndex, `Order ID "${order.orderID}" is also used by item ${owner}`, 'Every order needs its own Order ID.');
			}
			orderOwner.set(ownerKey, itemIndex);
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			for (const field of ['userName', 'customerName', 'other']) {
				if (extra[field] !== undefined && extra[field] !== '') order[field] = String(extra[field]);
			}
			const variables = (this.getNodeParameter('scriptVariables.variable', itemIndex, []) as IDataObject[]).filter(
				(variable) => String(variable.name ?? '') !== '',
			);
			if (variables.length) order.params = variables.map(({ name, value }) => ({ name, value: String(value ?? '') }));
			orders[itemIndex] = order;
			// Orders travel together only with the same task and callbacks.
			return { key: JSON.stringify([pooled.userTaskID, pooled.orderCallbackUrl, pooled.callCallbackUrl]), values: [order.orderID] };
		},
		maxPerRequest: MAX_ORDERS_PER_REQUEST,
		concurrentRequests: CONCURRENT_REQUESTS,
		sendBatch: async (batch) => {
			const [userTaskID, orderCallbackUrl, callCallbackUrl] = JSON.parse(batch.key) as string[];
			const orderIds = batch.values.map((pooled) => pooled.value);
			const answer = await nxCloudRequest(
				this,
				NXCLOUD.addBatchCall,
				{
					userTaskID,
					callInfoList: {
						orderCallbackUrl,
						callCallbackUrl,
						callList: batch.values.map((pooled) => orders[pooled.itemIndexes[0]]),
					},
				},
				{
					itemIndex: firstItemIndexOf(batch),
					beforeResending: `Look these order IDs up in task ${userTaskID} (List Order Details) before adding them again, or their numbers may be called twice: ${orderIds.join(', ')}.`,
				},
			);
			// Orders the vendor refused come back in errList (when it sends one).
			const refused = new Map<string, string>();
			for (const entry of Array.isArray(answer.errList) ? (answer.errList as IDataObject[]) : []) {
				refused.set(String(entry.orderID), String(entry.errMsg ?? 'refused'));
			}
			for (const pooled of batch.values) pooled.answer = { errMsg: refused.get(pooled.value) };
		},
		emitItem: (output, itemIndex, key, values) => {
			const { orderID, userPhone } = orders[itemIndex];
			const errMsg = values[0]?.answer?.errMsg;
			const json: IDataObject = { userTaskID: (JSON.parse(key) as string[])[0], orderID, userPhone, added: errMsg === undefined };
			if (errMsg !== undefined) json.errMsg = errMsg;
			output.push({ json, pairedItem: { item: itemIndex } });
		},
	});
}
