import type { INodeProperties } from 'n8n-workflow';

import { reply, replyProperties } from './reply.operation';

export const preCallOperations = { reply };

export const preCallProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['preCall'] } },
		options: [
			{
				name: 'Build Pre-Call Reply',
				value: 'reply',
				description: 'Turn the decisions of all input items (reject a record, or set its caller number) into the one reply icsoc reads after a pre-call push',
				action: 'Build the reply icsoc reads before dialling',
			},
		],
		default: 'reply',
	},
	...replyProperties,
];
