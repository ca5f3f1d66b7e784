/**
 * Project → Update (POST /api/v3/projects/updateOrCreate with `id`): start, pause or stop a
 * project through `status` (icsoc: 0 off, 1 on, 2 paused) and change its settings. Only what
 * the user sets is sent, besides `id`; a request with nothing to change is refused before
 * sending. Not sent twice on a guess (see ICSOC.updateProject).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CodeTable } from '../../shared/codeTables';
import { describeCode } from '../../shared/codeTables';
import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { readId, readIdList } from '../../shared/validation';
import { ICSOC, icsocRequest } from '../api';

/** `status` of a project, as icsoc's project page lists it. */
export const PROJECT_STATUS: CodeTable = {
	'0': 'off',
	'1': 'on',
	'2': 'paused',
};

/** The Status option that sends no `status`. */
const KEEP_STATUS = 'keep';

const showFor = { resource: ['project'], operation: ['update'] };

export const updateProperties: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10008',
		description: 'ID of the icsoc project (a whole number, the project_id of its pushes and CDRs)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: "Don't Change", value: KEEP_STATUS, description: 'Send no status' },
			{ name: 'Off (Stop)', value: '0', description: 'Stop the project: icsoc places no more calls for it' },
			{ name: 'On (Start or Resume)', value: '1', description: 'Start the project, or resume a paused one: icsoc dials its records' },
			{ name: 'Paused', value: '2', description: 'Pause the project until it is set on again' },
		],
		default: KEEP_STATUS,
		description: 'Sent as status (0 off, 1 on, 2 paused): how a project is started, paused and stopped',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Settings to change; only the fields added here are sent',
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Caller Numbers',
				name: 'callers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 02158888888, 02158888889',
				description: 'The numbers the project calls from (callers), separated by commas; they replace the current list',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrent',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 10,
				description: 'Lines the project may use at once (concurrent)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the project',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 255, numberPrecision: 0 },
				default: 100,
				description: 'Weight of the project when icsoc shares lines between projects, 0–255 (priority)',
			},
			{
				displayName: 'Work Time',
				name: 'worktime',
				type: 'json',
				default: '{}',
				description:
					'When the project may call (worktime): icsoc\'s worktime object as described in its project API reference, sent exactly as given',
			},
		],
	},
];

/** A whole-number ID (icsoc's project IDs are integers), from text or a number. */
function readWholeNumberId(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number): number {
	const id = readId(value);
	if ('problem' in id) throw invalidParameter(context.getNode(), itemIndex, `${label} ${id.problem}`);
	if (!/^\d+$/.test(id.value) || !Number.isSafeInteger(Number(id.value))) {
		throw invalidParameter(context.getNode(), itemIndex, `${label} must be a whole number, got "${id.value}"`);
	}
	return Number(id.value);
}

function wholeNumberIn(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	min: number,
	max: number,
	itemIndex: number,
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
		throw invalidParameter(context.getNode(), itemIndex, `${label} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
	}
	return n;
}

/** The body of one item's update: `id` and only what the user set. */
export function projectUpdateBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const body: IDataObject = { id: readWholeNumberId(context, context.getNodeParameter('projectId', itemIndex), 'Project ID', itemIndex) };

	const status = String(context.getNodeParameter('status', itemIndex, KEEP_STATUS));
	if (status !== KEEP_STATUS) {
		if (describeCode(PROJECT_STATUS, status) === undefined) {
			throw invalidParameter(node, itemIndex, `Status must be 0 (off), 1 (on) or 2 (paused), got "${status}"`);
		}
		body.status = Number(status);
	}

	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (fields.name !== undefined) {
		const name = typeof fields.name === 'string' ? fields.name.trim() : '';
		if (name === '') throw invalidParameter(node, itemIndex, 'Name is empty: remove the field to keep the current name');
		body.name = name;
	}
	if (fields.concurrent !== undefined) {
		body.concurrent = wholeNumberIn(context, fields.concurrent, 'Concurrency', 1, Number.MAX_SAFE_INTEGER, itemIndex);
	}
	if (fields.priority !== undefined) body.priority = wholeNumberIn(context, fields.priority, 'Priority', 0, 255, itemIndex);
	if (fields.callers !== undefined) {
		const callers = readIdList(fields.callers);
		if ('problem' in callers) throw invalidParameter(node, itemIndex, `Caller Numbers: ${callers.problem}`);
		if (callers.value.length === 0) {
			throw invalidParameter(node, itemIndex, 'Caller Numbers is empty: remove the field to keep the current numbers');
		}
		const wrong = callers.value.find((caller) => !/^\+?[0-9]+$/.test(caller));
		if (wrong !== undefined) {
			throw invalidParameter(node, itemIndex, `Caller Numbers: "${wrong}" is not a phone number (digits, optionally a leading +)`);
		}
		body.callers = callers.value;
	}
	if (fields.worktime !== undefined) {
		let worktime: unknown = fields.worktime;
		if (typeof worktime === 'string') {
			try {
				worktime = JSON.parse(worktime) as unknown;
			} catch {
				throw invalidParameter(node, itemIndex, 'Work Time is not valid JSON');
			}
		}
		if (worktime === null || typeof worktime !== 'object') {
			throw invalidParameter(node, itemIndex, 'Work Time must be a JSON object (icsoc\'s worktime), or a list');
		}
		if (!Array.isArray(worktime) && Object.keys(worktime).length === 0) {
			throw invalidParameter(node, itemIndex, 'Work Time is empty: remove the field to keep the current work time');
		}
		body.worktime = worktime as IDataObject;
	}

	if (Object.keys(body).length === 1) {
		throw invalidParameter(
			node,
			itemIndex,
			'Nothing to update',
			'Choose a Status (to start, pause or stop the project) or add a field under Update Fields: only what is set is sent.',
		);
	}
	return body;
}

export async function update(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const body = projectUpdateBody(this, itemIndex);
		const { id, ...changed } = body;
		const answer = await icsocRequest(this, ICSOC.updateProject, {
			body,
			itemIndex,
			beforeResending: `Check project ${String(id)} in the icsoc console (${Object.keys(changed).join(', ')}) before sending this update again.`,
		});
		const output: IDataObject = { projectId: id, ...changed };
		if (changed.status !== undefined) output.statusLabel = describeCode(PROJECT_STATUS, changed.status) ?? null;
		output.data = (answer.data ?? null) as IDataObject;
		return output;
	});
}
