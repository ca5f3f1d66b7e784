/**
 * Call Result → Get Call Result: the result of one call of a campaign, one output item per
 * input item with the vendor's `data`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../shared/errors';
import { decodeOptions, readDecoder, readRequiredText, readVdnId, vdnIdProperty } from '../fields';
import { isalesRequest } from '../transport';

const showFor = { resource: ['callResult'], operation: ['get'] };

export const getProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1644464743-1388',
		description: 'ID of the call, as iSales gives it when the call is made',
		displayOptions: { show: showFor },
	},
	...decodeOptions(showFor),
];

export async function get(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await perItem(this, itemIndex, async () => {
			const vdnId = readVdnId(this, itemIndex);
			const callId = readRequiredText(this, 'callId', 'Call ID', itemIndex);
			const decode = readDecoder<IDataObject>(this, itemIndex);
			const answer = await isalesRequest.call(
				this,
				'GET',
				`/campaigns/${vdnId}/callresultdetail/${encodeURIComponent(callId)}`,
				undefined,
				itemIndex,
			);
			const data = (answer.data ?? {}) as IDataObject;
			return [{ json: decode(data), pairedItem: { item: itemIndex } }];
		});
		output.push(...result);
	}
	return output;
}
