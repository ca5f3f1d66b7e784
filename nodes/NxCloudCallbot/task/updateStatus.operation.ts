/**
 * Task → Start / Pause / Complete (mgrTaskStatus).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidParameter, perItem } from '../../shared/errors';
import { TASK_OPERATIONS } from '../codes';
import { userTaskIdReader, userTaskIdProperty } from '../fields';
import { decodeNxCloudRecord } from '../decode';
import { nxCloudRequest } from '../transport';

const showFor = { resource: ['task'], operation: ['updateStatus'] };

export const updateStatusProperties: INodeProperties[] = [
	userTaskIdProperty(showFor),
	{
		displayName: 'Action',
		name: 'taskAction',
		type: 'options',
		options: [
			{ name: 'Start', value: 'start', description: 'Start or resume calling' },
			{ name: 'Pause', value: 'pause', description: 'Stop calling for now' },
			{ name: 'Complete', value: 'complete', description: 'End the task for good' },
		],
		default: 'start',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Delete Undialed Calls',
		name: 'deleteUndialed',
		type: 'boolean',
		default: false,
		description: 'Whether to also delete the calls of this task that have not been dialled yet (cannot be undone)',
		displayOptions: { show: showFor },
	},
];

export async function updateTaskStatus(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const userTaskIdOf = userTaskIdReader(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await perItem(this, itemIndex, async () => {
			const userTaskId = userTaskIdOf(itemIndex);
			const action = this.getNodeParameter('taskAction', itemIndex) as keyof typeof TASK_OPERATIONS;
			const taskOperate = TASK_OPERATIONS[action];
			if (taskOperate === undefined) {
				throw invalidParameter(this.getNode(), itemIndex, `Unknown action "${String(action)}": use start, pause or complete`);
			}
			const delCall = this.getNodeParameter('deleteUndialed', itemIndex, false) ? 1 : 0;
			const answer = await nxCloudRequest.call(
				this,
				'mgrTaskStatus',
				{ userTaskID: userTaskId, taskOperate, delCall },
				itemIndex,
			);
			const json = decodeNxCloudRecord({
				userTaskID: userTaskId,
				action,
				taskID: answer.taskID,
				taskStatus: answer.taskStatus,
			});
			return [{ json, pairedItem: { item: itemIndex } }];
		});
		output.push(...result);
	}
	return output;
}
