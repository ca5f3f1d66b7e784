import type { INodeProperties } from 'n8n-workflow';

import { get, getProperties } from './get.operation';
import { getMany, getManyProperties } from './getMany.operation';

export const callResultOperations = { get, getMany };

export const callResultProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callResult'] } },
		options: [
			{
				name: 'Get Call Result',
				value: 'get',
				description: 'Get the result of one call',
				action: 'Get a call result',
			},
			{
				name: 'Get Many Call Results',
				value: 'getMany',
				description: 'Get the call results of a campaign',
				action: 'Get many call results',
			},
		],
		default: 'get',
	},
	...getProperties,
	...getManyProperties,
];
