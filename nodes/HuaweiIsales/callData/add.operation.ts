/**
 * Call Data → Add Numbers (POST .../campaigns/{vdnId}/calldata/{campaignId}): one number per
 * input item, pooled per campaign into requests of at most 20 (v1), or of the tenant's
 * configured size with the v2 route. iSales wants at least 1 s between these requests, so they
 * go one at a time, each at least 1 s after the previous one ended (a retry inside it included).
 * iSales refuses a request as a whole (a blocklisted or repeated number); its answer lists the
 * numbers it added with their dataId. Not idempotent: a request whose answer was lost is not sent
 * again, its items fail "outcome unknown" naming the numbers.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { firstItemIndexOf } from '../../shared/batching';
import { invalidParameter } from '../../shared/errors';
import { itemParameter } from '../../shared/itemParameters';
import { runPooled } from '../../shared/itemRunner';
import type { Checked } from '../../shared/validation';
import { ISALES_CAMPAIGN, isalesRequest } from '../api';
import { campaignIdProperty, pathPartReader, vdnIdProperty, vdnIdReader } from '../fields';
import { MIN_BATCH_SPACING_MS } from '../paging';
import { readCalledNumber, readCallerNumber, readText } from '../campaign/schedule';

const showFor = { resource: ['callData'], operation: ['add'] };

/** The v1 route's limit per request. */
export const MAX_NUMBERS_PER_REQUEST_V1 = 20;

export const addProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	campaignIdProperty(showFor, 'ID of the campaign to add the numbers to'),
	{
		displayName: 'Called Number',
		name: 'called',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 13800138000',
		description:
			'The number to call, one per input item: at most 24 of 0-9, * and #. A number with +, spaces or dashes is refused before sending, never rewritten.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		default: 'v1',
		options: [
			{ name: 'V1: 20 Numbers per Request', value: 'v1' },
			{ name: "V2: The Tenant's Batch Size", value: 'v2' },
		],
		description: "Which iSales route adds the numbers. V2 takes as many per request as the tenant's isales.api.calldata.max allows.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100000, numberPrecision: 0 },
		default: 20,
		description: "Numbers per request: your tenant's isales.api.calldata.max (20 unless changed; Huawei advises at most 2,000)",
		displayOptions: { show: { ...showFor, apiVersion: ['v2'] } },
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
				displayName: 'Call Data',
				name: 'callData',
				type: 'string',
				default: '',
				placeholder: 'e.g. amount=120.50',
				description: 'Data passed along with the call (e.g. to an IVR flow), at most 1,024 characters',
			},
			{
				displayName: 'Caller Number',
				name: 'caller',
				type: 'string',
				default: '',
				placeholder: 'e.g. 4008001234',
				description: "Number to show for this call instead of the campaign's: at most 24 of 0-9, * and #",
			},
			{
				displayName: 'Custom Field',
				name: 'customField',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-20240501-0001',
				description: 'Your own value, at most 200 characters; iSales returns it with the call result and in the result push',
			},
			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 20240501000123',
				description: 'Your ID for this number, at most 32 characters; iSales returns it with the call result',
			},
		],
	},
];

/** Additional fields: name, label, reader. */
const EXTRA_FIELDS: ReadonlyArray<[string, string, (value: unknown) => Checked<string>]> = [
	['sessionId', 'Session ID', (value) => readText(value, 32)],
	['caller', 'Caller Number', readCallerNumber],
	['customField', 'Custom Field', (value) => readText(value, 200)],
	['callData', 'Call Data', (value) => readText(value, 1024)],
];

/** What iSales said of one number: added (with its dataId when the answer lists it), or not. */
interface AddResult {
	added: boolean;
	dataId?: string;
}

export async function add(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const version = this.getNodeParameter('apiVersion', 0, 'v1') === 'v2' ? 'v2' : 'v1';
	const batchSize = version === 'v1' ? MAX_NUMBERS_PER_REQUEST_V1 : Number(this.getNodeParameter('batchSize', 0, 20));
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw invalidParameter(node, 0, `Batch Size must be a whole number of at least 1, got "${batchSize}"`);
	}
	const vdnIdOf = vdnIdReader(this);
	const campaignIdOf = pathPartReader(this, 'campaignId', 'Campaign ID');
	const calledOf = itemParameter<unknown>(this, 'called', '');
	/** Each item's entry of callDataList. */
	const entries: IDataObject[] = [];
	/** The item that first gave each campaign's number: a second one is refused, not sent. */
	const numberOwner = new Map<string, number>();
	let previousRequestEnd: number | undefined;

	return await runPooled<AddResult>(this, {
		readItem: (itemIndex) => {
			const key = `${vdnIdOf(itemIndex)}/${campaignIdOf(itemIndex)}`;
			const called = readCalledNumber(calledOf(itemIndex));
			if ('problem' in called) throw invalidParameter(node, itemIndex, `Called Number ${called.problem}`);
			const owner = numberOwner.get(`${key} ${called.value}`);
			if (owner !== undefined) {
				throw invalidParameter(
					node,
					itemIndex,
					`Called Number ${called.value} is also given by item ${owner}`,
					'iSales refuses a request that repeats a number: remove duplicates first (e.g. with the Remove Duplicates node).',
				);
			}
			numberOwner.set(`${key} ${called.value}`, itemIndex);
			const entry: IDataObject = { called: version === 'v1' ? called.value : [{ calledNo: called.value }] };
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			for (const [name, label, read] of EXTRA_FIELDS) {
				if (extra[name] === undefined || extra[name] === '') continue;
				const value = read(extra[name]);
				if ('problem' in value) throw invalidParameter(node, itemIndex, `${label} ${value.problem}`);
				if (value.value !== '') entry[name] = value.value;
			}
			entries[itemIndex] = entry;
			return { key, values: [called.value] };
		},
		maxPerRequest: batchSize,
		concurrentRequests: 1,
		sendBatch: async (batch) => {
			const [vdnId, campaignId] = batch.key.split('/');
			const numbers = batch.values.map((pooled) => pooled.value);
			if (previousRequestEnd !== undefined) {
				const wait = previousRequestEnd + MIN_BATCH_SPACING_MS - Date.now();
				if (wait > 0) await sleep(wait);
			}
			let answer: IDataObject;
			try {
				answer = await isalesRequest(this, ISALES_CAMPAIGN.addCallData(Number(vdnId), campaignId, version), {
					body: { callDataList: batch.values.map((pooled) => entries[pooled.itemIndexes[0]]) },
					itemIndex: firstItemIndexOf(batch),
					beforeResending: `Check campaign ${decodeURIComponent(campaignId)} (VDN ${vdnId}) in iSales for these numbers before adding them again, or they may be called twice: ${numbers.join(', ')}.`,
				});
			} finally {
				previousRequestEnd = Date.now();
			}
			// The numbers added, with their dataId (Huawei's example names the list dataIdList, its table datalist).
			const result = (answer.returnObject ?? {}) as IDataObject;
			const listed = result.dataIdList ?? result.datalist;
			if (!Array.isArray(listed)) {
				for (const pooled of batch.values) pooled.answer = { added: true };
				return;
			}
			const dataIds = new Map<string, string>();
			for (const record of listed as IDataObject[]) {
				if (record && typeof record === 'object') dataIds.set(String(record.called), String(record.dataId ?? ''));
			}
			for (const pooled of batch.values) {
				const dataId = dataIds.get(pooled.value);
				pooled.answer = dataId === undefined ? { added: false } : { added: true, dataId };
			}
		},
		emitItem: (output, itemIndex, key, values) => {
			const [vdnId, campaignId] = key.split('/');
			const result = values[0]?.answer ?? { added: false };
			const json: IDataObject = { vdnId: Number(vdnId), campaignId: decodeURIComponent(campaignId), called: values[0]?.value, ...result };
			// The item's own additional fields, so the output can be matched to the source record.
			for (const [name] of EXTRA_FIELDS) if (entries[itemIndex][name] !== undefined) json[name] = entries[itemIndex][name];
			if (!result.added) json.reason = 'iSales accepted the request but did not list this number among those it added';
			output.push({ json, pairedItem: { item: itemIndex } });
		},
	});
}
