/**
 * Call Result → Get Many Call Results of a campaign (POST .../callresult/{campaignId}):
 * pages of at most 100 (with details) or 500 results; with Return All, page 1 gives the total,
 * then the other pages are read at most 10 at once, batches at least 1 s apart (iSales' limits).
 * One output item per call result, paired to its input item.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { requireList } from '../../shared/requestEngine';
import { checkDateRange } from '../dateRange';
import { decodeOptions, readResultItem, readPathPart, readVdnId, vdnIdProperty } from '../fields';
import {
	fetchInSpacedBatches,
	MAX_CONCURRENT_REQUESTS,
	maxPageSize,
	MIN_BATCH_SPACING_MS,
	remainingPages,
} from '../paging';
import { isalesEndpoint, isalesRequest, isalesSpec } from '../api';
import { returnAllAndLimitProperties } from '../../shared/properties';

const showFor = { resource: ['callResult'], operation: ['getMany'] };

export const getManyProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 46',
		description: 'ID of the outbound campaign whose call results to read',
		displayOptions: { show: showFor },
	},
	...returnAllAndLimitProperties(showFor),
	{
		displayName: 'Show Detail',
		name: 'showDetail',
		type: 'boolean',
		default: false,
		description:
			'Whether iSales should include the call details of each result (pages are then at most 100 results instead of 500)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Begin Date',
		name: 'beginDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-01-01',
		description: 'Only results from this day (YYYY-MM-DD, server time). Set with End Date; at most 30 days apart.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-01-31',
		description: 'Only results up to this day (YYYY-MM-DD, server time); must be after Begin Date',
		displayOptions: { show: showFor },
	},
	...decodeOptions(showFor),
];

export async function getMany(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const vdnId = readVdnId(this, itemIndex);
		const campaignId = readPathPart(this, 'campaignId', 'Campaign ID', itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', itemIndex, 50));
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw invalidParameter(this.getNode(), itemIndex, `Limit must be a whole number of at least 1, got "${limit}"`);
		}
		const showDetail = this.getNodeParameter('showDetail', itemIndex, false) as boolean;
		const dates = checkDateRange(this.getNodeParameter('beginDate', itemIndex, ''), this.getNodeParameter('endDate', itemIndex, ''));
		if (!dates.ok) throw invalidParameter(this.getNode(), itemIndex, dates.message);
		const decode = readResultItem(this, itemIndex);

		const pageSize = Math.min(maxPageSize(showDetail), limit);
		const endpoint = isalesEndpoint('POST', `/campaigns/${vdnId}/callresult/${campaignId}`, 'callresult', true);
		const fetchPage = async (pageNum: number) => {
			const body = { pageSize, pageNum, showDetail: showDetail ? 1 : 0, ...(dates.range ?? {}) };
			const answer = await isalesRequest(this, endpoint, { body, itemIndex });
			return { totalCount: Number(answer.totalCount ?? 0), records: requireList(this.getNode(), isalesSpec, answer, 'data', itemIndex) };
		};

		const firstStart = Date.now();
		const first = await fetchPage(1);
		const pages = remainingPages(first.totalCount, pageSize, limit);
		const rest = await fetchInSpacedBatches(
			pages,
			{ concurrency: MAX_CONCURRENT_REQUESTS, spacingMs: MIN_BATCH_SPACING_MS, sleep, now: () => Date.now(), previousBatchStart: firstStart },
			fetchPage,
		);
		return [first, ...rest].flatMap((page) => page.records).slice(0, limit).map((record) => decode(record));
	});
}
