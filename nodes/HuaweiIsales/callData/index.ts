import type { INodeProperties } from 'n8n-workflow';

import { add, addProperties } from './add.operation';

export const callDataOperations = { add };

export const callDataProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callData'] } },
		options: [
			{
				name: 'Add Numbers',
				value: 'add',
				description: 'Add numbers to call to a campaign, one per input item',
				action: 'Add numbers to a campaign',
			},
		],
		default: 'add',
	},
	...addProperties,
];
