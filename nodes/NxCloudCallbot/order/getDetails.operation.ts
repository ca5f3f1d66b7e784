/**
 * Order → List Order Details (listOrderDetail).
 *
 * Order IDs of all input items are pooled per User Task ID and sent 500 per request (the
 * vendor's limit), several requests at once; each order comes back as an output item paired
 * to the input item(s) that asked for it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { attachAnswers, firstItemIndexOf } from '../../shared/batching';
import { isFixedParameter, itemParameter } from '../../shared/itemParameters';
import { runPooled } from '../../shared/itemRunner';
import { requireList } from '../../shared/requestEngine';
import { addCallRecordProperty } from '../../shared/properties';
import { orderIdsProperty, orderIdsReader, userTaskIdReader, userTaskIdProperty } from '../fields';
import { decodeNxCloudAnswerInPlace, decodeNxCloudRecord } from '../decode';
import { NXCLOUD, nxCloudRequest, nxCloudSpec } from '../api';
import { nxCloudCallRecord, nxCloudOrderCallRecord } from '../callRecord';

/** The vendor's limit of order IDs per listOrderDetail request. */
export const MAX_ORDERS_PER_REQUEST = 500;
/** Requests in flight at once: fast, yet gentle on a vendor that answers "system busy". */
export const CONCURRENT_REQUESTS = 4;

const showFor = { resource: ['order'], operation: ['getDetails'] };

export const getDetailsProperties: INodeProperties[] = [
	userTaskIdProperty(showFor),
	orderIdsProperty(
		showFor,
		'Order IDs to look up, separated by commas (or a list from an expression). IDs of all input items are combined into as few requests as possible.',
	),
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{
				name: 'One Item per Order',
				value: 'order',
				description: 'Each order with its list of calls in callInfoDetailList',
			},
			{
				name: 'One Item per Call',
				value: 'call',
				description: 'Each call attempt with the fields of its order; orders without calls still get one item',
			},
		],
		default: 'order',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Decode Codes and Dates',
		name: 'decodeValues',
		type: 'boolean',
		default: true,
		description:
			'Whether to add readable twins of coded fields (callStatusLabel, agentCallStatusLabel, recordRoleLabel …) and ISO dates of timestamps in the workflow time zone (callStartTsIso …). Raw values are kept.',
		displayOptions: { show: showFor },
	},
	addCallRecordProperty(showFor),
];

interface OrderDetail extends IDataObject {
	orderID: string;
	callInfoDetailList?: IDataObject[];
}

const orderIdOf = (order: OrderDetail) => String(order.orderID);

/**
 * An order NXCloud does not know: every field of a listOrderDetail order (the API page's list,
 * in its order) present and null, so in n8n's table it has the same columns as the orders found
 * (empty cells, not missing ones), and `found: false` where those have `found: true`.
 */
function unknownOrder(orderID: string, userTaskID: string): IDataObject {
	return {
		orderID,
		userPhone: null,
		userName: null,
		sceneID: null,
		userTaskID,
		taskID: null,
		finish: null,
		other: null,
		callInfoDetailList: [],
		found: false,
	};
}

/**
 * The fields of one call of callInfoDetailList (the API page's list), empty: with One Item per
 * Call, an order without calls gets them so its item has the columns of the items of calls.
 * Decoded, they gain the twins a call gains (null, as for any field that cannot be decoded).
 */
function noCall(decoded: boolean, timeZone: string): IDataObject {
	const fields: IDataObject = {
		callID: null,
		callingNumber: null,
		lineAddress: null,
		callStatus: null,
		callStartTs: null,
		callAnswerTs: null,
		callEndTs: null,
		callDuration: null,
		callAudioUrl: null,
		hangupCause: null,
		termSipCode: null,
		intents: [],
		sms: [],
		agent: null,
		params: [],
		recordDetail: [],
	};
	return decoded ? decodeNxCloudAnswerInPlace(fields, timeZone) : fields;
}

function paired(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Appends the order's output item(s) to `output` (pushing, not spreading: 10,000s of orders).
 * With `addCallRecord`, each item gets `call` as it is made: per order, the record of its latest
 * call (nodes/NxCloudCallbot/callRecord.ts); per call, that call's.
 */
function emitOrder(
	output: INodeExecutionData[],
	order: IDataObject,
	itemIndex: number,
	outputMode: string,
	addCallRecord: boolean,
	decoded: boolean,
	timeZone: string,
): void {
	if (outputMode !== 'call') {
		if (addCallRecord) order.call = nxCloudOrderCallRecord(order, timeZone) as unknown as IDataObject;
		output.push(paired(order, itemIndex));
		return;
	}
	const { callInfoDetailList, ...orderFields } = order as OrderDetail;
	if (!Array.isArray(callInfoDetailList) || callInfoDetailList.length === 0) {
		const json: IDataObject = { ...orderFields, ...noCall(decoded, timeZone) };
		if (addCallRecord) json.call = nxCloudCallRecord(orderFields, undefined, timeZone) as unknown as IDataObject;
		output.push(paired(json, itemIndex));
		return;
	}
	for (const call of callInfoDetailList) {
		const json: IDataObject = { ...orderFields, ...call };
		if (addCallRecord) json.call = nxCloudCallRecord(orderFields, call, timeZone) as unknown as IDataObject;
		output.push(paired(json, itemIndex));
	}
}

export async function getDetails(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const userTaskIdOf = userTaskIdReader(this);
	const orderIdsOf = orderIdsReader(this);
	const outputModeOf = itemParameter(this, 'outputMode', 'order');
	const decodeOf = itemParameter(this, 'decodeValues', true);
	const addCallRecordOf = itemParameter(this, 'addCallRecord', true);
	// NXCloud's unix times name no zone: twins and call records are written in the workflow's.
	const timeZone = this.getTimezone();
	// Decoding each answer as it arrives overlaps that work with the requests still in flight;
	// possible when all items want the same (the usual case), else each item decodes its own.
	const decodeOnArrival = isFixedParameter(this, 'decodeValues') && this.getInputData().length > 0 && decodeOf(0);

	return await runPooled<OrderDetail>(this, {
		readItem: (itemIndex) => ({ key: userTaskIdOf(itemIndex), values: orderIdsOf(itemIndex) }),
		maxPerRequest: MAX_ORDERS_PER_REQUEST,
		concurrentRequests: CONCURRENT_REQUESTS,
		sendBatch: async (batch, pool) => {
			const itemIndex = firstItemIndexOf(batch);
			const answer = await nxCloudRequest(
				this,
				NXCLOUD.listOrderDetail,
				{ userTaskID: batch.key, orderList: batch.values.map((pooled) => pooled.value) },
				{ itemIndex },
			);
			const orders = requireList<OrderDetail>(node, nxCloudSpec, answer, 'orderDetailList', itemIndex);
			if (decodeOnArrival) decodeNxCloudAnswerInPlace(orders, timeZone);
			attachAnswers(pool, batch, orders, orderIdOf);
		},
		// Per item, its orders in the order it listed them.
		emitItem: (output, itemIndex, userTaskId, values) => {
			const outputMode = outputModeOf(itemIndex);
			const addCallRecord = addCallRecordOf(itemIndex);
			const decode = !decodeOnArrival && decodeOf(itemIndex);
			for (const pooled of values) {
				let order: IDataObject | undefined = pooled.answer;
				if (!order) {
					// Never drop an ID silently: say the vendor knows no such order in this task.
					order = unknownOrder(pooled.value, userTaskId);
				} else {
					if (decode) order = decodeNxCloudRecord(order, timeZone);
					order.found = true;
					// An order several items asked for: the first gets it, each later one its own copy to change.
					if (pooled.itemIndexes[0] !== itemIndex) {
						order = structuredClone(order);
						// The first item's `call` (NXCloud sends no field of that name) is not for an item without the option.
						if (!addCallRecord) delete order.call;
					}
				}
				emitOrder(output, order, itemIndex, outputMode, addCallRecord, decodeOnArrival || decode, timeZone);
			}
		},
	});
}
