/**
 * Task Data → Get Many (POST /api/v1/poc/tasks/lists): the records of a project, one number
 * each (a "task" in icsoc's words, the task_id of pushes and CDRs), with where their dialling
 * stands, page by page (`currentPage`, `perPage`; the answer's `data.results`). The list takes
 * no task ID: Task ID keeps the one record whose `id` it is, read from the pages in turn.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { anyOption, ANY_VALUE, isUnsetFilter, returnAllAndLimitProperties } from '../../shared/properties';
import { requireList } from '../../shared/requestEngine';
import { readId } from '../../shared/validation';
import { ICSOC, icsocRequest, icsocSpec } from '../api';
import { platformTimeZoneOptions, readPlatformTimeZone } from '../fields';
import { decodeTaskRecord, TASK_CALL_RESULT } from './decode';

/**
 * Records per request. icsoc's default is 15 and it documents no maximum (inferred: 100, as for
 * CDR search). One size for all pages of a run: the list pages by offset, so a page of another
 * size would skip or repeat records.
 */
export const TASK_DATA_PER_PAGE = 100;

const showFor = { resource: ['taskData'], operation: ['getMany'] };

export const getManyProperties: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10008',
		description: 'ID of the icsoc project whose records to read (a whole number)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1000001',
		description:
			'Only the record with this ID (the task_id of a pre-call push or CDR); empty for all records of the project. icsoc\'s list has no such filter, so the project\'s pages are read until the record is found: add Phone under Filters to make that one request.',
		displayOptions: { show: showFor },
	},
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
				displayName: 'Call Result',
				name: 'callResult',
				type: 'options',
				options: [
					anyOption('where dialling stands'),
					...Object.entries(TASK_CALL_RESULT).map(([value, label]) => ({
						name: `${value}: ${label.charAt(0).toUpperCase()}${label.slice(1)}`,
						value,
					})),
				],
				default: ANY_VALUE,
				description: 'Only records whose dialling stands here',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. 18512340000',
				description: 'Only records of this called number',
			},
		],
	},
	{
		displayName: 'Decode Codes and Dates',
		name: 'decodeValues',
		type: 'boolean',
		default: true,
		description:
			'Whether to add callResultLabel (cancelled, not called, redialling, not connected, connected) and ISO 8601 twins of time fields, keeping the raw values',
		displayOptions: { show: showFor },
	},
	platformTimeZoneOptions(showFor),
];

function wholeNumber(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number): number {
	const id = readId(value);
	if ('problem' in id) throw invalidParameter(context.getNode(), itemIndex, `${label} ${id.problem}`);
	if (!/^-?\d+$/.test(id.value) || !Number.isSafeInteger(Number(id.value))) {
		throw invalidParameter(context.getNode(), itemIndex, `${label} must be a whole number, got "${id.value}"`);
	}
	return Number(id.value);
}

/** The list's filters of one item, in icsoc's request shape (projectId and callResult are integers). */
export function taskDataFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const projectId = wholeNumber(context, context.getNodeParameter('projectId', itemIndex), 'Project ID', itemIndex);
	if (projectId < 0) throw invalidParameter(context.getNode(), itemIndex, `Project ID must be a whole number, got "${projectId}"`);
	const request: IDataObject = { projectId };
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	if (filters.phone !== undefined && String(filters.phone).trim() !== '') request.phone = String(filters.phone).trim();
	if (!isUnsetFilter(filters.callResult)) {
		const callResult = wholeNumber(context, filters.callResult, 'Call Result', itemIndex);
		if (!(String(callResult) in TASK_CALL_RESULT)) {
			throw invalidParameter(context.getNode(), itemIndex, `Call Result must be one of -3, -2, -1, 0 or 1, got ${callResult}`);
		}
		request.callResult = callResult;
	}
	return request;
}

export async function getMany(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const filters = taskDataFilters(this, itemIndex);
		const rawTaskId = this.getNodeParameter('taskId', itemIndex, '');
		const taskId =
			rawTaskId === '' || rawTaskId === null || rawTaskId === undefined ? undefined : String(wholeNumber(this, rawTaskId, 'Task ID', itemIndex));
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll || taskId !== undefined ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		if (limit !== Infinity && (!Number.isInteger(limit) || limit < 1)) {
			throw invalidParameter(this.getNode(), itemIndex, `Limit must be a whole number of at least 1, got ${limit}`);
		}
		const decode = this.getNodeParameter('decodeValues', itemIndex, true) as boolean;
		const icsocTimeZone = readPlatformTimeZone(this, itemIndex);

		const perPage = Math.min(TASK_DATA_PER_PAGE, limit);
		const records: IDataObject[] = [];
		let previousFirstId: string | undefined;
		for (let currentPage = 1; records.length < limit; currentPage++) {
			const answer = await icsocRequest(this, ICSOC.listTaskData, { body: { ...filters, currentPage, perPage }, itemIndex });
			const results = requireList(this.getNode(), icsocSpec, answer, 'data.results', itemIndex);
			for (const record of results) {
				if (records.length >= limit) break;
				if (taskId !== undefined && String(record?.id) !== taskId) continue;
				records.push(decode ? decodeTaskRecord(record, icsocTimeZone) : record);
				// A task ID names one record.
				if (taskId !== undefined) return records;
			}
			const data = answer.data as IDataObject;
			const totalPage = Number(data.totalPage);
			// The last page: shorter than asked, marked empty, or the last of totalPage.
			if (results.length < perPage || data.empty === true) break;
			if (Number.isFinite(totalPage) && currentPage >= totalPage) break;
			// A server that ignores currentPage would answer the same page forever.
			const firstId = JSON.stringify(results[0]?.id);
			if (firstId === previousFirstId) break;
			previousFirstId = firstId;
		}
		return records;
	});
}
