import type { INodeProperties } from 'n8n-workflow';

import { getMany, getManyProperties } from './getMany.operation';

export const taskDataOperations = { getMany };

export const taskDataProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['taskData'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the records (numbers) of a project with where their dialling stands',
				action: 'Get many task data records',
			},
		],
		default: 'getMany',
	},
	...getManyProperties,
];
