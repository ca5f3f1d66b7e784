/**
 * Order → Stop Order (stopOrder): stops the given orders of a task, optionally deleting
 * their calls not yet dialled. One output item per input item with the vendor's tally.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemRunner';
import { orderIdsProperty, orderIdsReader, userTaskIdReader, userTaskIdProperty } from '../fields';
import { NXCLOUD, nxCloudRequest } from '../api';
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
	const userTaskIdOf = userTaskIdReader(this);
	const orderIdsOf = orderIdsReader(this);
	return await runPerItem(this, async (itemIndex) => {
		const userTaskId = userTaskIdOf(itemIndex);
		const orderIds = [...new Set(orderIdsOf(itemIndex))];
		const delCall = this.getNodeParameter('deleteUndialed', itemIndex, false) ? 1 : 0;

		// The vendor's tally, summed over requests of at most 500 orders each.
		const tally = { userTaskID: userTaskId, totalCount: 0, successCount: 0, errList: [] as IDataObject[] };
		for (let start = 0; start < orderIds.length; start += MAX_ORDERS_PER_REQUEST) {
			const orderIDs = orderIds.slice(start, start + MAX_ORDERS_PER_REQUEST);
			const answer = await nxCloudRequest(
				this,
				NXCLOUD.stopOrder,
				{ userTaskID: userTaskId, orderIDs, delCall },
				{ itemIndex, beforeResending: `Check these orders of task ${userTaskId} in NXCloud before stopping them again: ${orderIDs.join(', ')}.` },
			);
			tally.totalCount += Number(answer.totalCount ?? 0);
			tally.successCount += Number(answer.successCount ?? 0);
			if (Array.isArray(answer.errList)) tally.errList.push(...(answer.errList as IDataObject[]));
		}
		return tally;
	});
}
