import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../shared/router';
import { cdrOperations, cdrProperties } from './cdr';
import { preCallOperations, preCallProperties } from './preCall';
import { projectOperations, projectProperties } from './project';
import { taskDataOperations, taskDataProperties } from './taskData';

export class IcsocAutocall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'icsoc Autocall',
		name: 'icsocAutocall',
		icon: { light: 'file:icsocAutocall.svg', dark: 'file:icsocAutocall.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation's display name; test/unit/subtitles.test.ts keeps it equal to the options.
		subtitle:
			'={{ {"cdr:search":"Search CDR","preCall:reply":"Build Pre-Call Reply","project:update":"Update Project","taskData:getMany":"Get Many Task Data"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Read icsoc Autocall call detail records and project data, control projects, and answer pre-call pushes',
		defaults: { name: 'icsoc Autocall' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'icsocAutocallApi',
				required: true,
				// Build Pre-Call Reply sends nothing to icsoc.
				displayOptions: { hide: { resource: ['preCall'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'CDR', value: 'cdr' },
					{ name: 'Pre-Call Reply', value: 'preCall' },
					{ name: 'Project', value: 'project' },
					{ name: 'Task Data', value: 'taskData' },
				],
				default: 'cdr',
			},
			...cdrProperties,
			...preCallProperties,
			...projectProperties,
			...taskDataProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, {
			cdr: cdrOperations,
			preCall: preCallOperations,
			project: projectOperations,
			taskData: taskDataOperations,
		});
	}
}
