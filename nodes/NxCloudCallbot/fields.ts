/**
 * Parameters several NXCloud operations share, and reading them with the same checks.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idListParameter, idParameter } from '../shared/itemParameters';

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
		placeholder: 'e.g. crm-20240501-0001, crm-20240501-0002',
		description,
		displayOptions: { show },
	};
}

/** Reads each item's User Task ID: text or a number, not empty. */
export function userTaskIdReader(context: IExecuteFunctions): (itemIndex: number) => string {
	return idParameter(
		context,
		'userTaskId',
		'User Task ID',
		'Set the User Task ID of the task (the userTaskID given when the task was created).',
	);
}

/** Reads each item's order IDs (a list or comma-separated text); none at all is an error. */
export function orderIdsReader(context: IExecuteFunctions): (itemIndex: number) => string[] {
	return idListParameter(context, 'orderIds', 'Order IDs', 'Give at least one order ID, e.g. "order-1, order-2".');
}
