/**
 * Task → Start / Pause / Complete (mgrTaskStatus).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../../shared/errors';
import { TASK_OPERATIONS } from '../codes';
import { userTaskIdReader, userTaskIdProperty } from '../fields';
import { decodeNxCloudRecord } from '../decode';
import { NXCLOUD, nxCloudRequest } from '../api';
import { runPerItem } from '../../shared/itemRunner';

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
	const userTaskIdOf = userTaskIdReader(this);
	return await runPerItem(this, async (itemIndex) => {
		const userTaskId = userTaskIdOf(itemIndex);
		const action = this.getNodeParameter('taskAction', itemIndex) as keyof typeof TASK_OPERATIONS;
		const taskOperate = TASK_OPERATIONS[action];
		if (taskOperate === undefined) {
			throw invalidParameter(this.getNode(), itemIndex, `Unknown action "${String(action)}": use start, pause or complete`);
		}
		const delCall = this.getNodeParameter('deleteUndialed', itemIndex, false) ? 1 : 0;
		const answer = await nxCloudRequest(
			this,
			NXCLOUD.mgrTaskStatus,
			{ userTaskID: userTaskId, taskOperate, delCall },
			{ itemIndex, beforeResending: `Check the status of task ${userTaskId} in NXCloud before changing it again.` },
		);
		return decodeNxCloudRecord({ userTaskID: userTaskId, action, taskID: answer.taskID, taskStatus: answer.taskStatus }, this.getTimezone());
	});
}
