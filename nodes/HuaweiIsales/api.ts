/**
 * Huawei CC-iSales' HTTP behaviour for the request engine: requests below the OpenAPI path,
 * signed by the credential (AK/SK auth-v2); answers carry returnCode ("0200000" = success)
 * and resultDesc. iSales wants at least 1 s between requests, so retries wait that long too.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { apiRequest, type Answer, type Endpoint, type RequestParts, type VendorSpec } from '../shared/requestEngine';
import { DEFAULT_RETRY_POLICY } from '../shared/retry';
import { NOT_CARRIED_OUT_RETURN_CODES, RETURN_CODES, RETURN_CODE_HINTS, SUCCESS_RETURN_CODE } from './codes';

export const OPENAPI_PATH = '/rest/isales/v1/openapi';

export const isalesSpec: VendorSpec = {
	vendor: 'Huawei CC-iSales',
	credentialType: 'huaweiIsalesApi',
	baseUrlExample: 'https://10.22.26.181:28080',
	ignoreSslOption: 'Ignore SSL Issues (Insecure)',
	envelopeField: 'returnCode',
	readEnvelope(answer) {
		if (answer === null || typeof answer !== 'object' || !('returnCode' in answer)) return undefined;
		const { returnCode, resultDesc } = answer as IDataObject;
		return {
			code: String(returnCode),
			ok: String(returnCode) === SUCCESS_RETURN_CODE,
			message: typeof resultDesc === 'string' ? resultDesc : undefined,
		};
	},
	codes: RETURN_CODES,
	codeHints: RETURN_CODE_HINTS,
	notCarriedOutCodes: NOT_CARRIED_OUT_RETURN_CODES,
	statusHints: {
		401: {
			meaning: 'authentication failed',
			hint: 'iSales refused the AK/SK signature: check the Access Key and Secret Key in the credential, and that the n8n server clock is correct (the signature carries the current UTC time).',
		},
	},
	retryPolicy: { ...DEFAULT_RETRY_POLICY, minDelayMs: 1000 },
};

/** An iSales endpoint below the OpenAPI path; `path` parts must already be checked and encoded. */
export function isalesEndpoint(
	method: IHttpRequestMethods,
	path: string,
	name: string,
	idempotent: boolean,
	version: 'v1' | 'v2' = 'v1',
): Endpoint {
	const base = version === 'v1' ? OPENAPI_PATH : OPENAPI_PATH.replace('/v1/', `/${version}/`);
	return { method, path: `${base}${path}`, name, idempotent };
}

/**
 * The campaign and call data endpoints, by VDN ID and campaign ID (checked and encoded path
 * parts). Everything but the list changes a campaign or places calls: never sent twice on a guess.
 */
export const ISALES_CAMPAIGN = {
	create: (vdnId: number) => isalesEndpoint('POST', `/campaigns/${vdnId}`, 'create campaign', false),
	update: (vdnId: number, campaignId: string) => isalesEndpoint('PUT', `/campaigns/${vdnId}/${campaignId}`, 'modify campaign', false),
	pause: (vdnId: number, campaignId: string) => isalesEndpoint('PUT', `/campaigns/${vdnId}/${campaignId}/pause`, 'pause campaign', false),
	resume: (vdnId: number, campaignId: string) =>
		isalesEndpoint('PUT', `/campaigns/${vdnId}/${campaignId}/resume`, 'resume campaign', false),
	list: (vdnId: number) => isalesEndpoint('GET', `/campaigns/${vdnId}`, 'list campaigns', true),
	/** v1 takes at most 20 numbers a request; v2 the tenant's isales.api.calldata.max. */
	addCallData: (vdnId: number, campaignId: string, version: 'v1' | 'v2') =>
		isalesEndpoint('POST', `/campaigns/${vdnId}/calldata/${campaignId}`, 'calldata', false, version),
};

export async function isalesRequest(context: IExecuteFunctions, target: Endpoint, parts: RequestParts): Promise<Answer> {
	return await apiRequest(context, isalesSpec, target, parts);
}
