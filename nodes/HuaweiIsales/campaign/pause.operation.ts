/**
 * Campaign → Pause (PUT .../campaigns/{vdnId}/{campaignId}/pause, no body) and Resume
 * (.../resume): iSales suspends a running campaign and resumes a suspended one. Huawei documents
 * no route that starts a campaign: it runs from its begin time, within its calling hours.
 * Neither is sent twice on a guess.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemRunner';
import { ISALES_CAMPAIGN, isalesRequest } from '../api';
import { campaignIdProperty, readPathPart, readVdnId, vdnIdProperty } from '../fields';

const showFor = { resource: ['campaign'], operation: ['pause', 'resume'] };

export const pauseProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	campaignIdProperty(showFor, 'ID of the campaign (pause: a running one; resume: a paused one)'),
];

function changeStatus(action: 'pause' | 'resume') {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runPerItem(this, async (itemIndex) => {
			const vdnId = readVdnId(this, itemIndex);
			const campaignId = readPathPart(this, 'campaignId', 'Campaign ID', itemIndex);
			const answer = await isalesRequest(this, ISALES_CAMPAIGN[action](vdnId, campaignId), {
				itemIndex,
				beforeResending: `Check the status of campaign ${decodeURIComponent(campaignId)} in VDN ${vdnId} (Get Many Campaigns) before trying again.`,
			});
			return {
				vdnId,
				campaignId: decodeURIComponent(campaignId),
				[action === 'pause' ? 'paused' : 'resumed']: true,
				resultDesc: answer.resultDesc ?? '',
			};
		});
	};
}

export const pause = changeStatus('pause');
export const resume = changeStatus('resume');
