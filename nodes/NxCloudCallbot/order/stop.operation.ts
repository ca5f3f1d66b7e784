/**
 * Order → Stop Order (stopOrder): stops the given orders of a task, optionally deleting
 * their calls not yet dialled. One output item per input item with the vendor's tally.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../shared/errors';
import { orderIdsProperty, orderIdsReader, userTaskIdReader, userTaskIdProperty } from '../fields';
import { nxCloudRequest } from '../transport';
import { MAX_ORDERS_PER_REQUEST } from './getDetails.operation';

const showFor = { resource: ['order'], operation: ['stop'] };

export const stopProperties: INodeProperties[] = [
	userTaskIdProperty(showFor),
	orderIdsProperty(showFor, 'Order IDs to stop, separated by commas (or a list from an expression)'),
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
	const output: INodeExecutionData[] = [];
	const userTaskIdOf = userTaskIdReader(this);
	const orderIdsOf = orderIdsReader(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await perItem(this, itemIndex, async () => {
			const userTaskId = userTaskIdOf(itemIndex);
			const orderIds = [...new Set(orderIdsOf(itemIndex))];
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
