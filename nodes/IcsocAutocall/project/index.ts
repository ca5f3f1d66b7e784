import type { INodeProperties } from 'n8n-workflow';

import { update, updateProperties } from './update.operation';

export const projectOperations = { update };

export const projectProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description: 'Start, pause or stop a project (Status) and change its concurrency, caller numbers or work time',
				action: 'Update a project',
			},
		],
		default: 'update',
	},
	...updateProperties,
];
