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
				name: 'Start, Pause or Complete',
				value: 'updateStatus',
				description: 'Change whether a task is calling',
				action: 'Start pause or complete a task',
			},
		],
		default: 'getMany',
	},
	...getManyTaskProperties,
	...updateStatusProperties,
];
