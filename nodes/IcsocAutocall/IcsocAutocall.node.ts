import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { cdrOperations, cdrProperties } from './cdr';

export class IcsocAutocall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'icsoc Autocall',
		name: 'icsocAutocall',
		icon: { light: 'file:icsocAutocall.svg', dark: 'file:icsocAutocall.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read icsoc Autocall call detail records',
		defaults: { name: 'icsoc Autocall' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'icsocAutocallApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'CDR', value: 'cdr' }],
				default: 'cdr',
			},
			...cdrProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, { cdr: cdrOperations });
	}
}
