/**
 * Parameters several NXCloud operations share, and reading them with the same checks.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIdList } from '../shared/batching';
import { invalidParameter } from '../shared/errors';
import { itemParameter } from '../shared/itemParameters';

export function userTaskIdProperty(show: IDisplayOptions['show'], description = 'The userTaskID you gave the task when creating it'): INodeProperties {
	return {
		displayName: 'User Task ID',
		name: 'userTaskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3f1c2a9e-5b7d-4e2f-9a61-0c8d4b2e7f10',
		description,
		displayOptions: { show },
	};
}

export function orderIdsProperty(show: IDisplayOptions['show'], description: string): INodeProperties {
	return {
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order-1, order-2',
		description,
		displayOptions: { show },
	};
}

/**
 * Reads each item's User Task ID, trimmed; an empty one is the user's mistake, said plainly.
 * Made once per execution: see itemParameter for why.
 */
export function userTaskIdReader(context: IExecuteFunctions): (itemIndex: number) => string {
	const userTaskIdOf = itemParameter<unknown>(context, 'userTaskId', '');
	return (itemIndex) => {
		const userTaskId = String(userTaskIdOf(itemIndex) ?? '').trim();
		if (userTaskId === '') {
			throw invalidParameter(
				context.getNode(),
				itemIndex,
				'User Task ID is empty',
				'Set the User Task ID of the task (the userTaskID given when the task was created).',
			);
		}
		return userTaskId;
	};
}

/** Reads each item's order IDs (a list or comma-separated text); none at all is an error. */
export function orderIdsReader(context: IExecuteFunctions): (itemIndex: number) => string[] {
	const orderIdsOf = itemParameter<unknown>(context, 'orderIds', '');
	return (itemIndex) => {
		let orderIds: string[];
		try {
			orderIds = parseIdList(orderIdsOf(itemIndex));
		} catch (error) {
			throw invalidParameter(context.getNode(), itemIndex, `Order IDs are not a list of IDs: ${(error as Error).message}`);
		}
		if (orderIds.length === 0) {
			throw invalidParameter(context.getNode(), itemIndex, 'Order IDs are empty', 'Give at least one order ID, e.g. "order-1, order-2".');
		}
		return orderIds;
	};
}
