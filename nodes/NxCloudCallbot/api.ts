/**
 * NXCloud Callbot's HTTP behaviour for the request engine: every call is a POST to
 * /callcentre/api/v3/<name> with productID "callbot", signed by the credential; answers carry
 * retCode (0 = success), retMsg and the responseID to quote to NXCloud support.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, type Answer, type Endpoint, type RequestParts, type VendorSpec } from '../shared/requestEngine';
import { NOT_CARRIED_OUT_RET_CODES, RET_CODES, RET_CODE_HINTS } from './codes';

export const nxCloudSpec: VendorSpec = {
	vendor: 'NXCloud Callbot',
	credentialType: 'nxCloudCallbotApi',
	baseUrlExample: 'https://nxbot.nxcloud.com',
	envelopeField: 'retCode',
	readEnvelope(answer) {
		if (answer === null || typeof answer !== 'object' || !('retCode' in answer)) return undefined;
		const { retCode, retMsg, responseID } = answer as IDataObject;
		return {
			code: String(retCode),
			ok: Number(retCode) === 0,
			message: typeof retMsg === 'string' ? retMsg : undefined,
			reference: responseID ? { label: 'responseID', value: String(responseID) } : undefined,
		};
	},
	codes: RET_CODES,
	codeHints: RET_CODE_HINTS,
	notCarriedOutCodes: NOT_CARRIED_OUT_RET_CODES,
};

const endpoint = (name: string, idempotent: boolean): Endpoint => ({
	method: 'POST',
	path: `/callcentre/api/v3/${name}`,
	name,
	idempotent,
});

export const NXCLOUD = {
	listOrderDetail: endpoint('listOrderDetail', true),
	listTask: endpoint('listTask', true),
	// These three place calls or change what is called: never sent twice on a guess.
	addBatchCall: endpoint('addBatchCall', false),
	stopOrder: endpoint('stopOrder', false),
	mgrTaskStatus: endpoint('mgrTaskStatus', false),
};

/** Sends `body` (plus productID) to an NXCloud endpoint; the answer once its retCode is 0. */
export async function nxCloudRequest(
	context: IExecuteFunctions,
	target: Endpoint,
	body: IDataObject,
	parts: Omit<RequestParts, 'body'>,
): Promise<Answer> {
	return await apiRequest(context, nxCloudSpec, target, { ...parts, body: { productID: 'callbot', ...body } });
}
