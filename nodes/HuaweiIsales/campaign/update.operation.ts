/**
 * Campaign → Update (PUT .../campaigns/{vdnId}/{campaignId}): iSales' modify call takes the
 * campaign's whole configuration again (name, the device type it was created with, caller
 * number, ringing time, calling hours); begin and end are optional. Not idempotent.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemRunner';
import { ISALES_CAMPAIGN, isalesRequest } from '../api';
import { campaignIdProperty, readPathPart, readVdnId, vdnIdProperty } from '../fields';
import { campaignOptionalSettings, campaignPeriodFields, campaignSettingsProperties, readCampaignSettings } from './settings';

const showFor = { resource: ['campaign'], operation: ['update'] };

export const updateProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	campaignIdProperty(showFor, 'ID of the campaign to modify (it must exist and not have ended)'),
	...campaignSettingsProperties(showFor),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [...campaignPeriodFields, ...campaignOptionalSettings].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export async function update(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const vdnId = readVdnId(this, itemIndex);
		const campaignId = readPathPart(this, 'campaignId', 'Campaign ID', itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = readCampaignSettings(this, itemIndex, extra, { beginTime: extra.beginTime, endTime: extra.endTime });
		const answer = await isalesRequest(this, ISALES_CAMPAIGN.update(vdnId, campaignId), {
			body,
			itemIndex,
			beforeResending: `Check campaign ${decodeURIComponent(campaignId)} in VDN ${vdnId} (Get Many Campaigns) before modifying it again.`,
		});
		const changed = answer.returnObject;
		return {
			...(changed !== null && typeof changed === 'object' && !Array.isArray(changed) ? (changed as IDataObject) : {}),
			vdnId,
			campaignId: decodeURIComponent(campaignId),
			updated: true,
		};
	});
}
