import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { orderOperations, orderProperties } from './order';
import { taskOperations, taskProperties } from './task';

export class NxCloudCallbot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCloud Callbot',
		name: 'nxCloudCallbot',
		icon: { light: 'file:nxCloudCallbot.svg', dark: 'file:nxCloudCallbot.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation's display name; test/unit/subtitles.test.ts keeps it equal to the options.
		subtitle: '={{ {"order:addCalls":"Add Calls","order:getDetails":"List Order Details","order:stop":"Stop Order","task:getMany":"Get Many Tasks","task:updateStatus":"Change Task Status"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Read and control NXCloud AI robot outbound calls',
		defaults: { name: 'NXCloud Callbot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nxCloudCallbotApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Order', value: 'order' },
					{ name: 'Task', value: 'task' },
				],
				default: 'order',
			},
			...orderProperties,
			...taskProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, { order: orderOperations, task: taskOperations });
	}
}
