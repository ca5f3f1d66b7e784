/**
 * The settings iSales requires to add or modify an outbound campaign (Huawei's reference,
 * "Adding/Modifying an Outbound Campaign (V1)"), as node parameters and as the request body.
 * Only what the user sets goes into the body, except the calling hours, whose unused periods
 * iSales takes as empty text.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { formatVendorDateTime, parseUserDateTime } from '../../shared/dates';
import { invalidParameter } from '../../shared/errors';
import type { Checked } from '../../shared/validation';
import { readCallerNumber, readCallingHours, readJsonObject, readText } from './schedule';

type ShowFor = { resource: string[]; operation: string[] };

/** deviceType values: which dial through a skill queue (agents) and which through an IVR flow. */
export const SKILL_QUEUE_DEVICE_TYPES = [2, 5, 6];
export const IVR_DEVICE_TYPES = [1, 3];

/** Characters iSales refuses in a campaign description. */
const DESCRIPTION_FORBIDDEN = /["[\]=;<>]/;

export function campaignSettingsProperties(show: ShowFor): INodeProperties[] {
	return [
		{
			displayName: 'Campaign Name',
			name: 'campaignName',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the campaign, at most 100 characters; no other campaign may have it',
			displayOptions: { show },
		},
		{
			displayName: 'Device Type',
			name: 'deviceType',
			type: 'options',
			default: 2,
			required: true,
			description: 'How the campaign dials. It cannot be changed after creation: an update must give the same type.',
			options: [
				{ name: 'Automatic (IVR)', value: 3 },
				{ name: 'Intelligent (IVR)', value: 1 },
				{ name: 'Predictive (Skill Queue)', value: 2 },
				{ name: 'Preemptive (Skill Queue)', value: 6 },
				{ name: 'Preview (Skill Queue)', value: 5 },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Caller Number',
			name: 'callerNo',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 4008001234',
			description: 'Number the called party sees: at most 24 of 0-9, * and #',
			displayOptions: { show },
		},
		{
			displayName: 'Max Ringing Time (Seconds)',
			name: 'maxAlertingTime',
			type: 'number',
			typeOptions: { minValue: 5, maxValue: 120, numberPrecision: 0 },
			default: 20,
			required: true,
			description: 'How long a call rings unanswered before it is released: 5–120 s (9–120 s for preview campaigns)',
			displayOptions: { show },
		},
		{
			displayName: 'Workday Calling Hours',
			name: 'workdayHours',
			type: 'string',
			default: '09:00-18:00',
			required: true,
			placeholder: 'e.g. 08:00-12:00, 13:30-17:30',
			description: 'When the campaign calls on workdays: up to 3 periods, 24-hour clock, separated by commas',
			displayOptions: { show },
		},
		{
			displayName: 'Skill Queue Settings (JSON)',
			name: 'skillParam',
			type: 'json',
			default: '{}',
			required: true,
			description:
				"The skillParam object of a skill queue campaign, as Huawei's reference describes it (skillId, skillName, outBoundType, predictParam ...). Sent as given.",
			displayOptions: { show: { ...show, deviceType: SKILL_QUEUE_DEVICE_TYPES } },
		},
		{
			displayName: 'IVR Settings (JSON)',
			name: 'ivrParam',
			type: 'json',
			default: '{}',
			required: true,
			description: "The ivrParam object of an IVR campaign, as Huawei's reference describes it. Sent as given.",
			displayOptions: { show: { ...show, deviceType: IVR_DEVICE_TYPES } },
		},
	];
}

/** Begin and end of the campaign: required to create one, in Additional Fields to modify one. */
export const campaignPeriodFields: INodeProperties[] = [
	{
		displayName: 'Begin Time',
		name: 'beginTime',
		type: 'dateTime',
		default: '',
		description:
			"When the campaign starts; sent in UTC as iSales expects (a time without a zone is read in the workflow's time zone). Not before today.",
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'When the campaign ends; sent in UTC like Begin Time',
	},
];

export function campaignPeriodProperties(show: ShowFor): INodeProperties[] {
	return campaignPeriodFields.map((field) => ({ ...field, required: true, displayOptions: { show } }));
}

/** Settings every campaign body may carry besides the required ones. */
export const campaignOptionalSettings: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'At most 200 characters, without double quotes, square or angle brackets, = or ;',
	},
	{
		displayName: 'Holiday Calling Hours',
		name: 'holidayHours',
		type: 'string',
		default: '',
		placeholder: 'e.g. 10:00-12:00, 14:00-17:00',
		description: 'When the campaign calls on holidays: up to 3 periods like the workday ones. Empty: none.',
	},
];

function check<T>(context: IExecuteFunctions, itemIndex: number, label: string, checked: Checked<T>): T {
	if ('problem' in checked) throw invalidParameter(context.getNode(), itemIndex, `${label} ${checked.problem}`);
	return checked.value;
}

/** "YYYY-MM-DD HH:mm:ss" in UTC, from what n8n's date-time picker or an expression gives. */
function readUtcTime(context: IExecuteFunctions, itemIndex: number, label: string, value: unknown): string {
	const date = parseUserDateTime(value, context.getTimezone());
	if (!date) {
		throw invalidParameter(context.getNode(), itemIndex, `${label} "${String(value)}" is not a date and time`, 'Use e.g. 2024-09-10 08:00:00 or pick a date.');
	}
	return formatVendorDateTime(date, 'UTC');
}

/**
 * The campaign body of item `itemIndex`: the required settings from the parameters, the others
 * from `extra` (Additional Fields) when set. Begin and end come from `period` (create) or `extra`.
 */
export function readCampaignSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	extra: IDataObject,
	period: { beginTime?: unknown; endTime?: unknown },
): IDataObject {
	const name = check(context, itemIndex, 'Campaign Name', readText(context.getNodeParameter('campaignName', itemIndex, ''), 100));
	if (name === '') throw invalidParameter(context.getNode(), itemIndex, 'Campaign Name is empty');
	const deviceType = Number(context.getNodeParameter('deviceType', itemIndex, 2));
	if (!SKILL_QUEUE_DEVICE_TYPES.includes(deviceType) && !IVR_DEVICE_TYPES.includes(deviceType)) {
		throw invalidParameter(context.getNode(), itemIndex, `Device Type must be 1, 2, 3, 5 or 6, got "${deviceType}"`);
	}
	const callerNo = check(context, itemIndex, 'Caller Number', readCallerNumber(context.getNodeParameter('callerNo', itemIndex, '')));
	const maxAlertingTime = Number(context.getNodeParameter('maxAlertingTime', itemIndex, 20));
	const minRinging = deviceType === 5 ? 9 : 5;
	if (!Number.isInteger(maxAlertingTime) || maxAlertingTime < minRinging || maxAlertingTime > 120) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`Max Ringing Time must be a whole number of seconds from ${minRinging} to 120, got "${maxAlertingTime}"`,
		);
	}
	const workday = check(context, itemIndex, 'Workday Calling Hours', readCallingHours(context.getNodeParameter('workdayHours', itemIndex, ''), 'workday'));
	if (workday.workdayBeginTime1 === '') throw invalidParameter(context.getNode(), itemIndex, 'Workday Calling Hours are empty');
	const holiday = check(context, itemIndex, 'Holiday Calling Hours', readCallingHours(extra.holidayHours ?? '', 'holiday'));

	const body: IDataObject = { name };
	const description = extra.description === undefined ? '' : check(context, itemIndex, 'Description', readText(extra.description, 200, DESCRIPTION_FORBIDDEN));
	if (description !== '') body.description = description;
	const hasTime = (value: unknown) => value !== undefined && value !== null && value !== '';
	if (hasTime(period.beginTime)) body.strBeginTime = readUtcTime(context, itemIndex, 'Begin Time', period.beginTime);
	if (hasTime(period.endTime)) body.strEndTime = readUtcTime(context, itemIndex, 'End Time', period.endTime);
	if (body.strBeginTime !== undefined && body.strEndTime !== undefined && String(body.strBeginTime) >= String(body.strEndTime)) {
		throw invalidParameter(context.getNode(), itemIndex, `Begin Time (${body.strBeginTime} UTC) must be before End Time (${body.strEndTime} UTC)`);
	}
	Object.assign(body, { deviceType, callerNo, maxAlertingTime, scheduleParam: { ...workday, ...holiday } });
	if (SKILL_QUEUE_DEVICE_TYPES.includes(deviceType)) {
		body.skillParam = check(context, itemIndex, 'Skill Queue Settings', readJsonObject(context.getNodeParameter('skillParam', itemIndex, ''))) as IDataObject;
	} else {
		body.ivrParam = check(context, itemIndex, 'IVR Settings', readJsonObject(context.getNodeParameter('ivrParam', itemIndex, ''))) as IDataObject;
	}
	return body;
}
