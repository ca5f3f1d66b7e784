/**
 * Order → Stop Order (stopOrder): stops the given orders of a task, optionally deleting
 * their calls not yet dialled. One output item per input item with the vendor's tally.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../../shared/batching';
import { invalidParameter, perItem } from '../../shared/errors';
import { nxCloudRequest } from '../transport';
import { MAX_ORDERS_PER_REQUEST } from './getDetails.operation';

const showFor = { resource: ['order'], operation: ['stop'] };

export const stopProperties: INodeProperties[] = [
	{
		displayName: 'User Task ID',
		name: 'userTaskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3f1c2a9e-5b7d-4e2f-9a61-0c8d4b2e7f10',
		description: 'The userTaskID you gave the task when creating it',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order-1, order-2',
		description: 'Order IDs to stop, separated by commas (or a list from an expression)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Delete Undialed Calls',
		name: 'deleteUndialed',
		type: 'boolean',
		default: false,
		description: 'Whether to also delete the calls of these orders that have not been dialled yet',
		displayOptions: { show: showFor },
	},
];

export async function stop(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const node = this.getNode();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await perItem(this, itemIndex, async () => {
			const userTaskId = String(this.getNodeParameter('userTaskId', itemIndex, '') ?? '').trim();
			if (userTaskId === '') throw invalidParameter(node, itemIndex, 'User Task ID is empty');
			const orderIds = [...new Set(parseIdList(this.getNodeParameter('orderIds', itemIndex, '')))];
			if (orderIds.length === 0) throw invalidParameter(node, itemIndex, 'Order IDs are empty');
			const delCall = this.getNodeParameter('deleteUndialed', itemIndex, false) ? 1 : 0;

			// The vendor's tally, summed over requests of at most 500 orders each.
			const tally = { userTaskID: userTaskId, totalCount: 0, successCount: 0, errList: [] as IDataObject[] };
			for (let start = 0; start < orderIds.length; start += MAX_ORDERS_PER_REQUEST) {
				const answer = await nxCloudRequest.call(
					this,
					'stopOrder',
					{ userTaskID: userTaskId, orderIDs: orderIds.slice(start, start + MAX_ORDERS_PER_REQUEST), delCall },
					itemIndex,
				);
				tally.totalCount += Number(answer.totalCount ?? 0);
				tally.successCount += Number(answer.successCount ?? 0);
				if (Array.isArray(answer.errList)) tally.errList.push(...(answer.errList as IDataObject[]));
			}
			return [{ json: tally, pairedItem: { item: itemIndex } }];
		});
		output.push(...result);
	}
	return output;
}
