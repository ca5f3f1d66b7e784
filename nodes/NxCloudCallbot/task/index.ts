import type { INodeProperties } from 'n8n-workflow';

import { getManyTaskProperties, getManyTasks } from './getMany.operation';
import { updateStatusProperties, updateTaskStatus } from './updateStatus.operation';

export const taskOperations = { getMany: getManyTasks, updateStatus: updateTaskStatus };

export const taskProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List tasks with their call statistics',
				action: 'Get many tasks',
			},
			{
				name: 'Change Status',
				value: 'updateStatus',
				description: 'Start, pause or complete a task',
				action: 'Change the status of a task',
			},
		],
		default: 'getMany',
	},
	...getManyTaskProperties,
	...updateStatusProperties,
];
