/**
 * Task → Get Many (listTask): tasks with their statistics, page by page.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../shared/batching';
import { parseUserDateTime } from '../../shared/dates';
import { invalidParameter } from '../../shared/errors';
import { TASK_STATUS } from '../codes';
import { decodeNxCloudRecord } from '../decode';
import { NXCLOUD, nxCloudRequest, nxCloudSpec } from '../api';
import { runPerItem } from '../../shared/itemRunner';
import { requireList } from '../../shared/requestEngine';
import { returnAllAndLimitProperties } from '../../shared/properties';

/** Page size of listTask requests (the vendor's documented example size). */
export const TASK_PAGE_SIZE = 100;

const showFor = { resource: ['task'], operation: ['getMany'] };

export const getManyTaskProperties: INodeProperties[] = [
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
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only tasks created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only tasks created at or before this time',
			},
			{
				displayName: 'Scene ID',
				name: 'sceneId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 64f1b2c3d4e5f6a7b8c9d0e1',
				description: 'Only tasks using this script template (console → Script Management)',
			},
			{
				displayName: 'Task Names',
				name: 'taskNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. May renewals, June renewals',
				description: 'Only tasks with these names, separated by commas',
			},
			{
				displayName: 'Task Status',
				name: 'taskStatus',
				type: 'multiOptions',
				options: Object.entries(TASK_STATUS).map(([value, name]) => ({
					name: name.charAt(0).toUpperCase() + name.slice(1),
					value: Number(value),
				})),
				default: [],
			},
			{
				displayName: 'User Task IDs',
				name: 'userTaskIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f1c2a9e-5b7d-4e2f-9a61-0c8d4b2e7f10, 9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
				description: 'Only these tasks (their userTaskID), separated by commas',
			},
		],
	},
	{
		displayName: 'Decode Codes and Dates',
		name: 'decodeValues',
		type: 'boolean',
		default: true,
		description: 'Whether to add taskStatusLabel and ISO dates of timestamps, keeping the raw values',
		displayOptions: { show: showFor },
	},
];

function unixSeconds(context: IExecuteFunctions, value: unknown, itemIndex: number, label: string): number | undefined {
	if (value === '' || value === undefined || value === null) return undefined;
	const date = parseUserDateTime(value, context.getTimezone());
	if (!date) throw invalidParameter(context.getNode(), itemIndex, `${label} is not a date: ${String(value)}`);
	return Math.floor(date.getTime() / 1000);
}

function queryConditions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const conditions: IDataObject = {};
	if (Array.isArray(filters.taskStatus) && filters.taskStatus.length) conditions.taskStatus = filters.taskStatus;
	const names = parseIdList(filters.taskNames ?? '');
	if (names.length) conditions.taskName = names;
	const ids = parseIdList(filters.userTaskIds ?? '');
	if (ids.length) conditions.userTaskID = ids;
	if (filters.sceneId) conditions.sceneID = String(filters.sceneId).trim();
	const startTs = unixSeconds(context, filters.createdAfter, itemIndex, 'Created After');
	const endTs = unixSeconds(context, filters.createdBefore, itemIndex, 'Created Before');
	if (startTs !== undefined && endTs !== undefined && startTs > endTs) {
		throw invalidParameter(context.getNode(), itemIndex, 'Created After is later than Created Before');
	}
	if (startTs !== undefined) conditions.startTs = startTs;
	if (endTs !== undefined) conditions.endTs = endTs;
	return conditions;
}

export async function getManyTasks(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const decode = this.getNodeParameter('decodeValues', itemIndex, true) as boolean;
		const conditions = queryConditions(this, itemIndex);
		const timeZone = this.getTimezone();
		const tasks: IDataObject[] = [];
		for (let page = 1; tasks.length < limit; page++) {
			const answer = await nxCloudRequest(this, NXCLOUD.listTask, { page, size: TASK_PAGE_SIZE, queryConditions: conditions }, { itemIndex });
			const pageTasks = requireList(this.getNode(), nxCloudSpec, answer, 'taskData', itemIndex);
			for (const task of pageTasks.slice(0, limit - tasks.length)) tasks.push(decode ? decodeNxCloudRecord(task, timeZone) : task);
			if (pageTasks.length < TASK_PAGE_SIZE) break;
		}
		return tasks;
	});
}
