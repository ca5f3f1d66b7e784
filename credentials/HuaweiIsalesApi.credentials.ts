import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { hostHeaderOf, isalesAuthorization } from '../nodes/HuaweiIsales/signing';
import { normalizeBaseUrl, requestTargetOf, serializeJsonBody } from '../nodes/shared/requestBody';

/** Methods that send no body, so none is signed. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Huawei CC-iSales OpenAPI credential (AK/SK, auth-v2). Every request is signed here: the
 * Host header exactly as the HTTP client sends it, the path and query, and the body text,
 * which is serialised once and sent as signed.
 */
export class HuaweiIsalesApi implements ICredentialType {
	name = 'huaweiIsalesApi';

	displayName = 'Huawei CC-iSales API';

	documentationUrl = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter#huawei-cc-isales';

	icon: Icon = {
		light: 'file:../nodes/HuaweiIsales/huaweiIsales.svg',
		dark: 'file:../nodes/HuaweiIsales/huaweiIsales.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://10.22.26.181:28080',
			required: true,
			description: 'Address of the iSales OpenAPI: scheme, host and port, no path',
		},
		{
			displayName: 'Access Key (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The app key configured for your tenant in iSales (used as the AK)',
		},
		{
			displayName: 'Secret Key (SK)',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret key paired with the access key',
		},
		// Named as n8n's own credentials name this switch. n8n's gates take any field named
		// "...Cert..." for a secret and require it masked, and n8n cannot mask a boolean (its
		// credential redaction calls a string method on the value).
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server certificate cannot be validated (iSales servers often use a self-signed certificate)',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const method = String(requestOptions.method ?? 'GET').toUpperCase();
		const baseURL = normalizeBaseUrl(String(requestOptions.baseURL ?? credentials.baseUrl ?? ''));
		const { field, target: path } = requestTargetOf(requestOptions);
		const target = new URL(/^https?:\/\//i.test(path) ? path : baseURL + path);
		// The query is signed, so it is folded into the URL: what is signed is what is sent.
		for (const [key, value] of Object.entries(requestOptions.qs ?? {})) {
			if (value !== undefined && value !== null) target.searchParams.append(key, String(value));
		}
		const body = BODYLESS_METHODS.has(method) ? undefined : serializeJsonBody(requestOptions.body);
		const authorization = isalesAuthorization(
			{ accessKey: String(credentials.accessKey ?? '').trim(), secretKey: String(credentials.secretKey ?? '') },
			{
				method,
				path: target.pathname,
				query: [...target.searchParams.entries()],
				headers: { host: hostHeaderOf(target.href) },
				body,
			},
			new Date(),
		);
		// The query is in the URL now and the URL is absolute: neither may be applied again.
		const rest: IHttpRequestOptions = { ...requestOptions };
		delete rest.qs;
		delete rest.baseURL;
		return {
			...rest,
			method: requestOptions.method ?? 'GET',
			[field]: target.href,
			body,
			headers: {
				...(requestOptions.headers ?? {}),
				'Content-Type': 'application/json;charset=UTF-8',
				Authorization: authorization,
			},
			// Only ever loosens: a request that already skips the check (the HTTP Request node's
			// own "Ignore SSL Issues") keeps doing so. rejectUnauthorized is the older helpers' name.
			...(credentials.ignoreSSLIssues === true ? { skipSslCertificateValidation: true, rejectUnauthorized: false } : {}),
		} as IHttpRequestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			// A call result that cannot exist: "not found" (0200007) proves the keys were accepted.
			url: '/rest/isales/v1/openapi/campaigns/1/callresultdetail/n8n-credential-test',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'iSales refused the signature (HTTP 401): check the Access Key and Secret Key, and that the n8n server clock is right',
				},
			},
		],
	};
}
