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
export function isalesEndpoint(method: IHttpRequestMethods, path: string, name: string, idempotent: boolean): Endpoint {
	return { method, path: `${OPENAPI_PATH}${path}`, name, idempotent };
}

export async function isalesRequest(context: IExecuteFunctions, target: Endpoint, parts: RequestParts): Promise<Answer> {
	return await apiRequest(context, isalesSpec, target, parts);
}
