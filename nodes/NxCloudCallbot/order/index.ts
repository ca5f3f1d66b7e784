import type { INodeProperties } from 'n8n-workflow';

import { addCalls, addCallsProperties } from './addCalls.operation';
import { getDetails, getDetailsProperties } from './getDetails.operation';
import { stop, stopProperties } from './stop.operation';

export const orderOperations = { addCalls, getDetails, stop };

export const orderProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Add Calls',
				value: 'addCalls',
				description: 'Add phone numbers to call to a task, one order per input item',
				action: 'Add calls to a task',
			},
			{
				name: 'List Order Details',
				value: 'getDetails',
				description: 'Get orders with every call made for them',
				action: 'List order details',
			},
			{
				name: 'Stop Order',
				value: 'stop',
				description: 'Stop calling the given orders',
				action: 'Stop order',
			},
		],
		default: 'getDetails',
	},
	...addCallsProperties,
	...getDetailsProperties,
	...stopProperties,
];
