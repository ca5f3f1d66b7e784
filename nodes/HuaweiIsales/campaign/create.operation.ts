/**
 * Campaign → Create (POST .../campaigns/{vdnId}): adds an outbound campaign with the settings
 * iSales requires and, optionally, the URL iSales posts each call's result to. One campaign per
 * input item; the output holds its campaignId. Not idempotent: never sent twice on a guess.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { invalidParameter } from '../../shared/errors';
import { runPerItem } from '../../shared/itemRunner';
import { ISALES_CAMPAIGN, isalesRequest } from '../api';
import { readVdnId, vdnIdProperty } from '../fields';
import { campaignOptionalSettings, campaignPeriodProperties, campaignSettingsProperties, readCampaignSettings } from './settings';

const showFor = { resource: ['campaign'], operation: ['create'] };

export const createProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	...campaignSettingsProperties(showFor),
	...campaignPeriodProperties(showFor),
	{
		displayName: 'Result Push URL',
		name: 'callBackUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/2c7d9e41-0a3b-4f5c-9d8e-71b6a2c4f093/huawei-isales?token=3f9a1c7e5b2d8f0a4c6e1b3d5f7a9c2e4b6d8f0a1c3e5b7d',
		description:
			"Where iSales posts the result of each call (its callBackUrl). Paste the Production URL of a Huawei CC-iSales Trigger node here followed by ?token= and the token of its credential; leave empty if you read results with Get Many Call Results instead.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: campaignOptionalSettings,
	},
];

/** The push URL, when set: an absolute http(s) URL. */
function readCallBackUrl(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = context.getNodeParameter('callBackUrl', itemIndex, '') as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol)) {
		throw invalidParameter(context.getNode(), itemIndex, `Result Push URL must be an http(s) URL, got "${String(value)}"`);
	}
	return text;
}

export async function create(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const vdnId = readVdnId(this, itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const period = { beginTime: this.getNodeParameter('beginTime', itemIndex, ''), endTime: this.getNodeParameter('endTime', itemIndex, '') };
		for (const [key, label] of [['beginTime', 'Begin Time'], ['endTime', 'End Time']] as const) {
			if (period[key] === '' || period[key] === null || period[key] === undefined) {
				throw invalidParameter(this.getNode(), itemIndex, `${label} is empty`, 'iSales needs the begin and end of a new campaign.');
			}
		}
		const body = readCampaignSettings(this, itemIndex, extra, period);
		const callBackUrl = readCallBackUrl(this, itemIndex);
		if (callBackUrl !== undefined) body.callBackUrl = callBackUrl;
		const answer = await isalesRequest(this, ISALES_CAMPAIGN.create(vdnId), {
			body,
			itemIndex,
			beforeResending: `Look for a campaign named "${String(body.name)}" in VDN ${vdnId} (Get Many Campaigns) before creating it again.`,
		});
		const created = answer.returnObject as IDataObject | undefined;
		if (created === null || typeof created !== 'object' || created.id === undefined || created.id === null) {
			throw new NodeApiError(this.getNode(), { message: 'no campaign ID' }, {
				message: 'Huawei CC-iSales answered without the new campaign\'s ID',
				description: `The answer reported success but holds no returnObject.id. Look for the campaign named "${String(body.name)}" with Get Many Campaigns.`,
				itemIndex,
			});
		}
		return { ...created, vdnId, campaignId: String(created.id), name: body.name };
	});
}
