import type { INodeProperties } from 'n8n-workflow';

import { getDetails, getDetailsProperties } from './getDetails.operation';
import { stop, stopProperties } from './stop.operation';

export const orderOperations = { getDetails, stop };

export const orderProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
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
				action: 'Stop orders',
			},
		],
		default: 'getDetails',
	},
	...getDetailsProperties,
	...stopProperties,
];
