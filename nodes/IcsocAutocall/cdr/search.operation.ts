/**
 * CDR → Search (POST /api/v1/cdr/search): call detail records, page by page via
 * `searchAfter` (null on the last page).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { formatVendorDateTime, parseUserDateTime } from '../../shared/dates';
import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { requireList } from '../../shared/requestEngine';
import { CALL_RESULT, END_RESULT } from '../codes';
import { decodeIcsocRecord } from '../decode';
import { platformTimeZoneOptions, readPlatformTimeZone } from '../fields';
import { ICSOC, icsocRequest, icsocSpec } from '../api';
import { addCallRecordProperty, anyOption, isUnsetFilter, returnAllAndLimitProperties, ANY_VALUE } from '../../shared/properties';
import { icsocCallRecord } from '../callRecord';


/**
 * Records per request. icsoc does not document a maximum (inferred: 100 is accepted);
 * larger pages mean fewer requests, and each page is handed on before the next is fetched.
 */
export const MAX_PER_PAGE = 100;

const showFor = { resource: ['cdr'], operation: ['search'] };

const codeOptions = (table: Record<string, string>) =>
	Object.entries(table).map(([value, name]) => ({
		name: `${value}: ${name.charAt(0).toUpperCase()}${name.slice(1)}`,
		value,
	}));

export const searchProperties: INodeProperties[] = [
	...returnAllAndLimitProperties(showFor),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Call ID',
				name: 'callId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6780056666542059520',
				description: 'Only the call with this ID (callId of a CDR, call_id of a CDR push)',
			},
			{
				displayName: 'Call Result',
				name: 'callResult',
				type: 'options',
				options: [anyOption('the call result'), ...codeOptions(CALL_RESULT)],
				default: ANY_VALUE,
				description: 'Only calls that got this far (callresult)',
			},
			{ displayName: 'Called Number', name: 'called', type: 'string', default: '', placeholder: 'e.g. 18512340000' },
			{ displayName: 'Caller Number', name: 'caller', type: 'string', default: '', placeholder: 'e.g. 02158888888' },
			{
				displayName: 'End Result',
				name: 'endResult',
				type: 'options',
				options: [anyOption('who hung up'), ...codeOptions(END_RESULT)],
				default: ANY_VALUE,
				description: 'Only calls hung up by this side (endresult)',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10008',
				description: 'Only calls of this project (projectId of a CDR)',
			},
			{
				displayName: 'Start Time From',
				name: 'startTimeFrom',
				type: 'dateTime',
				default: '',
				description: 'Only calls started at or after this time (read in the workflow time zone)',
			},
			{
				displayName: 'Start Time To',
				name: 'startTimeTo',
				type: 'dateTime',
				default: '',
				description: 'Only calls started at or before this time (read in the workflow time zone)',
			},
			{
				displayName: 'Task ID',
				name: 'taskId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1000001',
				description: 'Only calls of this record of a project (taskId of a CDR)',
			},
		],
	},
	{
		displayName: 'Decode Codes and Dates',
		name: 'decodeValues',
		type: 'boolean',
		default: true,
		description:
			'Whether to add callresultLabel, endresultLabel and ISO 8601 twins of time fields in the Platform Time Zone, keeping the raw values',
		displayOptions: { show: showFor },
	},
	addCallRecordProperty(showFor),
	platformTimeZoneOptions(showFor, '. Start Time filters are converted to it.'),
];

function vendorTime(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	label: string,
	icsocTimeZone: string,
): { text: string; date: Date } | undefined {
	if (value === '' || value === undefined || value === null) return undefined;
	const date = parseUserDateTime(value, context.getTimezone());
	if (!date) throw invalidParameter(context.getNode(), itemIndex, `${label} is not a date: ${String(value)}`);
	return { text: formatVendorDateTime(date, icsocTimeZone), date };
}

/** The search filters of one item in icsoc's request shape. */
export function searchFilters(context: IExecuteFunctions, itemIndex: number, icsocTimeZone: string): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const request: IDataObject = {};
	for (const name of ['callId', 'projectId', 'taskId', 'caller', 'called'] as const) {
		const value = filters[name];
		if (value !== undefined && value !== null && String(value).trim() !== '') request[name] = String(value).trim();
	}
	// The seed types both as strings ("0", "12"), so they are sent as strings; "Any" sends nothing.
	for (const [name, field] of [
		['callResult', 'callresult'],
		['endResult', 'endresult'],
	] as const) {
		const value = filters[name];
		if (!isUnsetFilter(value)) request[field] = String(value).trim();
	}
	const from = vendorTime(context, filters.startTimeFrom, itemIndex, 'Start Time From', icsocTimeZone);
	const to = vendorTime(context, filters.startTimeTo, itemIndex, 'Start Time To', icsocTimeZone);
	if (from && to && from.date.getTime() > to.date.getTime()) {
		throw invalidParameter(context.getNode(), itemIndex, 'Start Time From is later than Start Time To');
	}
	if (from || to) {
		const startTime: IDataObject = {};
		if (from) startTime.gte = from.text;
		if (to) startTime.lte = to.text;
		request.startTime = startTime;
	}
	return request;
}

export async function search(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw invalidParameter(this.getNode(), itemIndex, `Limit must be a whole number of at least 1, got ${limit}`);
		}
		const decode = this.getNodeParameter('decodeValues', itemIndex, true) as boolean;
		const addCallRecord = this.getNodeParameter('addCallRecord', itemIndex, true) as boolean;
		const icsocTimeZone = readPlatformTimeZone(this, itemIndex);
		const filters = searchFilters(this, itemIndex, icsocTimeZone);

		const records: IDataObject[] = [];
		let searchAfter: unknown;
		do {
			const perPage = Math.min(MAX_PER_PAGE, limit - records.length);
			const body: IDataObject = { ...filters, perPage };
			if (searchAfter !== undefined) body.searchAfter = searchAfter as IDataObject;
			const answer = await icsocRequest(this, ICSOC.searchCdr, { body, itemIndex });
			const results = requireList(this.getNode(), icsocSpec, answer, 'data.results', itemIndex);
			for (const record of results.slice(0, limit - records.length)) {
				const json = decode ? decodeIcsocRecord(record, icsocTimeZone) : record;
				// Built from the raw CDR; the record is a fresh part of the answer, so `call` is added to it.
				if (addCallRecord) json.call = icsocCallRecord(record, icsocTimeZone) as unknown as IDataObject;
				records.push(json);
			}
			const next = (answer.data as IDataObject).searchAfter;
			// null (or absent) marks the last page; an empty page or an unchanged cursor
			// would loop forever, so they end the search too.
			if (next === null || next === undefined || results.length === 0) break;
			if (JSON.stringify(next) === JSON.stringify(searchAfter)) break;
			searchAfter = next;
		} while (records.length < limit);
		return records;
	});
}
