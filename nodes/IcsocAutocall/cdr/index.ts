import type { INodeProperties } from 'n8n-workflow';

import { search, searchProperties } from './search.operation';

export const cdrOperations = { search };

export const cdrProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cdr'] } },
		options: [
			{
				name: 'Search CDR',
				value: 'search',
				description: 'Find call detail records by call, project, task, number, result or start time',
				action: 'Search call detail records',
			},
		],
		default: 'search',
	},
	...searchProperties,
];
