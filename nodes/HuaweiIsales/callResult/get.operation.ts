/**
 * Call Result → Get Call Result: the result of one call of a campaign, one output item per
 * input item with the vendor's `data`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { NodeApiError } from 'n8n-workflow';

import { runPerItem } from '../../shared/itemRunner';
import { decodeOptions, readResultItem, readPathPart, readVdnId, vdnIdProperty } from '../fields';
import { isalesEndpoint, isalesRequest } from '../api';

const showFor = { resource: ['callResult'], operation: ['get'] };

export const getProperties: INodeProperties[] = [
	vdnIdProperty(showFor),
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1644464743-1388',
		description: 'ID of the call, as iSales gives it when the call is made',
		displayOptions: { show: showFor },
	},
	...decodeOptions(showFor),
];

export async function get(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const vdnId = readVdnId(this, itemIndex);
		const callId = readPathPart(this, 'callId', 'Call ID', itemIndex);
		const decode = readResultItem(this, itemIndex);
		const answer = await isalesRequest(this, isalesEndpoint('GET', `/campaigns/${vdnId}/callresultdetail/${callId}`, 'callresultdetail', true), {
			itemIndex,
		});
		const data = answer.data;
		if (data === null || typeof data !== 'object' || Array.isArray(data)) {
			throw new NodeApiError(this.getNode(), { message: 'no data' }, {
				message: 'Huawei CC-iSales answered without "data"',
				description: 'The answer reported success but holds no call result. Check the Base URL in the credential.',
				itemIndex,
			});
		}
		return decode(data as IDataObject);
	});
}
