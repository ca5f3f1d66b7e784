import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { callDataOperations, callDataProperties } from './callData';
import { callResultOperations, callResultProperties } from './callResult';
import { campaignOperations, campaignProperties } from './campaign';

export class HuaweiIsales implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CC-iSales',
		name: 'huaweiIsales',
		icon: { light: 'file:huaweiIsales.svg', dark: 'file:huaweiIsales.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation's display name; test/unit/subtitles.test.ts checks it against the options.
		subtitle: '={{ {"callResult:get":"Get Call Result","callResult:getMany":"Get Many Call Results","campaign:create":"Create Campaign","campaign:getMany":"Get Many Campaigns","campaign:pause":"Pause Campaign","campaign:resume":"Resume Campaign","campaign:update":"Update Campaign","callData:add":"Add Numbers"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Run outbound campaigns on Huawei CC-iSales: create, feed and pause them, read their call results',
		defaults: { name: 'Huawei CC-iSales' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'huaweiIsalesApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call Data', value: 'callData' },
					{ name: 'Call Result', value: 'callResult' },
					{ name: 'Campaign', value: 'campaign' },
				],
				default: 'callResult',
			},
			...callResultProperties,
			...campaignProperties,
			...callDataProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, {
			callResult: callResultOperations,
			campaign: campaignOperations,
			callData: callDataOperations,
		});
	}
}
