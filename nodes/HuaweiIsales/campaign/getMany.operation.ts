/**
 * Campaign → Get Many (GET .../campaigns/{vdnId}?status&deviceType&curPage&rowsPerPage): pages of
 * at most 100 campaigns, one after another, each at least 1 s after the previous answer; with
 * Return All, page 1 gives the total (totalSize). One output item per campaign, paired to its input item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { returnAllAndLimitProperties } from '../../shared/properties';
import { requireList } from '../../shared/requestEngine';
import { readCalendarDate } from '../../shared/validation';
import { ISALES_CAMPAIGN, isalesRequest, isalesSpec } from '../api';
import { readVdnId, vdnIdProperty } from '../fields';
import { MIN_BATCH_SPACING_MS, remainingPages } from '../paging';
import { readText } from './schedule';

const showFor = { resource: ['campaign'], operation: ['getMany'] };

/** iSales' largest rowsPerPage. */
export const MAX_CAMPAIGNS_PER_PAGE = 100;

export const getManyProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
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
				displayName: 'Begin Time From',
				name: 'beginTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2024-09-01 00:00:00',
				description: 'Only campaigns that begin at or after this time (YYYY-MM-DD HH:mm:ss, as iSales stores it)',
			},
			{
				displayName: 'Campaign Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. May renewals',
				description: 'Only campaigns of this name (at most 30 characters)',
			},
			{
				displayName: 'Device Type',
				name: 'deviceType',
				type: 'options',
				default: 0,
				options: [
					{ name: 'All', value: 0 },
					{ name: 'Automatic (IVR)', value: 3 },
					{ name: 'Intelligent (IVR)', value: 1 },
					{ name: 'Predictive (Skill Queue)', value: 2 },
					{ name: 'Preemptive (Skill Queue)', value: 6 },
					{ name: 'Preview (Skill Queue)', value: 5 },
				],
			},
			{
				displayName: 'End Time To',
				name: 'endTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2024-09-30 23:59:59',
				description: 'Only campaigns that end at or before this time (YYYY-MM-DD HH:mm:ss, as iSales stores it)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 0,
				options: [
					{ name: 'All', value: 0 },
					{ name: 'Completed', value: 4 },
					{ name: 'Paused', value: 3 },
					{ name: 'Started', value: 2 },
				],
			},
		],
	},
];

/** The query of item `itemIndex`'s filters: status and deviceType always (0 = all), the others when set. */
function readFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = { status: Number(filters.status ?? 0), deviceType: Number(filters.deviceType ?? 0) };
	if (filters.name !== undefined && filters.name !== '') {
		const name = readText(filters.name, 30);
		if ('problem' in name) throw invalidParameter(context.getNode(), itemIndex, `Campaign Name ${name.problem}`);
		if (name.value !== '') query.name = name.value;
	}
	for (const [key, label] of [['beginTime', 'Begin Time From'], ['endTime', 'End Time To']] as const) {
		if (filters[key] === undefined || filters[key] === '') continue;
		const time = readCalendarDate(filters[key], 'YYYY-MM-DD HH:mm:ss');
		if ('problem' in time) throw invalidParameter(context.getNode(), itemIndex, `${label} ${time.problem}`);
		query[key] = time.value.text;
	}
	return query;
}

export async function getMany(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const vdnId = readVdnId(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', itemIndex, 50));
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw invalidParameter(this.getNode(), itemIndex, `Limit must be a whole number of at least 1, got "${limit}"`);
		}
		const query = readFilters(this, itemIndex);
		const rowsPerPage = Math.min(MAX_CAMPAIGNS_PER_PAGE, limit);
		const endpoint = ISALES_CAMPAIGN.list(vdnId);
		const fetchPage = async (curPage: number) => {
			const answer = await isalesRequest(this, endpoint, { qs: { ...query, curPage, rowsPerPage }, itemIndex });
			return { totalSize: Number(answer.totalSize ?? 0), campaigns: requireList(this.getNode(), isalesSpec, answer, 'data', itemIndex) };
		};

		const first = await fetchPage(1);
		const campaigns = [...first.campaigns];
		for (const page of remainingPages(first.totalSize, rowsPerPage, limit)) {
			// Measured from the previous answer, so iSales sees its 1 s whatever the network adds.
			await sleep(MIN_BATCH_SPACING_MS);
			campaigns.push(...(await fetchPage(page)).campaigns);
		}
		return campaigns.slice(0, limit);
	});
}
