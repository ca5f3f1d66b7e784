/**
 * Order → Add Calls (addBatchCall): one input item = one order (a phone number to call) added
 * to an existing task. Items of the same task and callback URLs are pooled into requests of
 * at most 500 orders, so a 10,000-row CRM export makes 20 requests.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { itemIndexesOf, mapWithConcurrency, poolIntoBatches, type ItemRequest } from '../../shared/batching';
import { errorForItem, errorItem, invalidParameter } from '../../shared/errors';
import { userTaskIdReader, userTaskIdProperty } from '../fields';
import { itemParameter, type ItemParameter } from '../../shared/itemParameters';
import { nxCloudRequest } from '../transport';
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
		placeholder: 'e.g. {{ $json.ID }}',
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
		description: 'Number to call, with country code and without symbols',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Order Callback URL',
		name: 'orderCallbackUrl',
		type: 'string',
		default: '',
		description: 'Where NXCloud posts the result when the order is finished (e.g. an n8n Webhook URL)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Call Callback URL',
		name: 'callCallbackUrl',
		type: 'string',
		default: '',
		description: 'Where NXCloud posts the result of every call attempt',
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

/** One request's identity: orders travel together only with the same task and callbacks. */
function poolKey(request: PooledRequest): string {
	return JSON.stringify([request.userTaskID, request.orderCallbackUrl, request.callCallbackUrl]);
}

/** The text parameters read for every item. */
type TextParameter = 'orderCallbackUrl' | 'callCallbackUrl' | 'orderId' | 'userPhone';

export async function addCalls(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	const requests: ItemRequest[] = [];
	const orders = new Map<number, CallOrder>();
	const keyRequests = new Map<string, PooledRequest>();
	const orderOwner = new Map<string, number>();
	const itemErrors = new Map<number, unknown>();
	const userTaskIdOf = userTaskIdReader(this);
	const textReaders: Record<TextParameter, ItemParameter<unknown>> = {
		orderCallbackUrl: itemParameter(this, 'orderCallbackUrl', ''),
		callCallbackUrl: itemParameter(this, 'callCallbackUrl', ''),
		orderId: itemParameter(this, 'orderId', ''),
		userPhone: itemParameter(this, 'userPhone', ''),
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const text = (name: TextParameter) => String(textReaders[name](itemIndex) ?? '').trim();
			const pooled: PooledRequest = {
				userTaskID: userTaskIdOf(itemIndex),
				orderCallbackUrl: text('orderCallbackUrl'),
				callCallbackUrl: text('callCallbackUrl'),
			};
			const order: CallOrder = { orderID: text('orderId'), userPhone: text('userPhone').replace(/[\s+\-()]/g, '') };
			if (!order.orderID) throw invalidParameter(node, itemIndex, 'Order ID is empty');
			if (!/^\d{5,20}$/.test(order.userPhone)) {
				throw invalidParameter(
					node,
					itemIndex,
					`Phone number "${text('userPhone')}" is not a number with country code`,
					'Use digits only with the country code, e.g. 8613800138000.',
				);
			}
			const key = poolKey(pooled);
			const ownerKey = `${pooled.userTaskID}\u0000${order.orderID}`;
			const owner = orderOwner.get(ownerKey);
			if (owner !== undefined) {
				throw invalidParameter(
					node,
					itemIndex,
					`Order ID "${order.orderID}" is also used by item ${owner}`,
					'Every order needs its own Order ID.',
				);
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
			orders.set(itemIndex, order);
			keyRequests.set(key, pooled);
			requests.push({ key, values: [order.orderID], itemIndex });
		} catch (error) {
			if (!continueOnFail) throw errorForItem(this.getNode(), error, itemIndex);
			itemErrors.set(itemIndex, error);
		}
	}

	const results = new Map<number, IDataObject>();
	const batches = poolIntoBatches(requests, MAX_ORDERS_PER_REQUEST);
	await mapWithConcurrency(batches, CONCURRENT_REQUESTS, async (batch) => {
		const served = itemIndexesOf(batch);
		const pooled = keyRequests.get(batch.key)!;
		try {
			const answer = await nxCloudRequest.call(
				this,
				'addBatchCall',
				{
					userTaskID: pooled.userTaskID,
					callInfoList: {
						orderCallbackUrl: pooled.orderCallbackUrl,
						callCallbackUrl: pooled.callCallbackUrl,
						callList: served.map((itemIndex) => orders.get(itemIndex)!),
					},
				},
				served[0],
			);
			// Orders the vendor refused come back in errList (when it sends one).
			const refused = new Map<string, string>();
			for (const entry of Array.isArray(answer.errList) ? (answer.errList as IDataObject[]) : []) {
				refused.set(String(entry.orderID), String(entry.errMsg ?? 'refused'));
			}
			for (const itemIndex of served) {
				const { orderID, userPhone } = orders.get(itemIndex)!;
				const errMsg = refused.get(orderID);
				results.set(itemIndex, {
					userTaskID: pooled.userTaskID,
					orderID,
					userPhone,
					added: errMsg === undefined,
					...(errMsg !== undefined ? { errMsg } : {}),
				});
			}
		} catch (error) {
			if (!continueOnFail) throw errorForItem(this.getNode(), error, served[0]);
			for (const itemIndex of served) itemErrors.set(itemIndex, error);
		}
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const error = itemErrors.get(itemIndex);
		if (error !== undefined) output.push(errorItem(error, itemIndex));
		else output.push({ json: results.get(itemIndex)!, pairedItem: { item: itemIndex } });
	}
	return output;
}
