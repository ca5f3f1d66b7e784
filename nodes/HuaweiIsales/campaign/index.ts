import type { INodeProperties } from 'n8n-workflow';

import { create, createProperties } from './create.operation';
import { getMany, getManyProperties } from './getMany.operation';
import { pause, pauseProperties, resume } from './pause.operation';
import { update, updateProperties } from './update.operation';

export const campaignOperations = { create, update, pause, resume, getMany };

export const campaignProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add an outbound campaign',
				action: 'Create a campaign',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the outbound campaigns of a VDN',
				action: 'Get many campaigns',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Suspend a running campaign',
				action: 'Pause a campaign',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Resume a paused campaign (iSales has no other start: a campaign runs from its begin time)',
				action: 'Resume a campaign',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Modify the settings of a campaign that has not ended',
				action: 'Update a campaign',
			},
		],
		default: 'create',
	},
	...createProperties,
	...updateProperties,
	...pauseProperties,
	...getManyProperties,
];
