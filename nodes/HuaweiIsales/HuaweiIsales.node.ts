import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { callResultOperations, callResultProperties } from './callResult';

export class HuaweiIsales implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei CC-iSales',
		name: 'huaweiIsales',
		icon: { light: 'file:huaweiIsales.svg', dark: 'file:huaweiIsales.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read outbound call results from Huawei CC-iSales',
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
				options: [{ name: 'Call Result', value: 'callResult' }],
				default: 'callResult',
			},
			...callResultProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, { callResult: callResultOperations });
	}
}
