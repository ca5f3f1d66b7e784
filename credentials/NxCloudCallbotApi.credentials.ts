import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { nxCloudSignedHeaders, parseAlgorithm } from '../nodes/NxCloudCallbot/signing';
import { serializeJsonBody, withBaseUrl } from '../nodes/shared/requestBody';

/**
 * NXCloud Callbot v3 credential. Every request is signed here: the body is serialised once,
 * that exact text is signed and sent.
 */
export class NxCloudCallbotApi implements ICredentialType {
	name = 'nxCloudCallbotApi';

	displayName = 'NXCloud Callbot API';

	documentationUrl = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter#nxcloud-callbot';

	icon: Icon = {
		light: 'file:../nodes/NxCloudCallbot/nxCloudCallbot.svg',
		dark: 'file:../nodes/NxCloudCallbot/nxCloudCallbot.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://nxbot.nxcloud.com',
			description: 'Address of the NXCloud Callbot API; change it only for a private deployment',
		},
		{
			displayName: 'UUID',
			name: 'uuid',
			type: 'string',
			default: '',
			required: true,
			description: 'The API UUID from the NXCloud console (Developer settings)',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API secret key from the NXCloud console (Developer settings)',
		},
		{
			displayName: 'Signature Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'MD5', value: 'MD5' },
				{ name: 'SHA256', value: 'SHA256' },
			],
			default: 'MD5',
			description: 'The algorithm chosen in the NXCloud console for API signatures',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = serializeJsonBody(requestOptions.body);
		const headers = nxCloudSignedHeaders(
			{
				uuid: String(credentials.uuid ?? '').trim(),
				secretKey: String(credentials.secretKey ?? ''),
				algorithm: parseAlgorithm(credentials.algorithm),
			},
			body,
		);
		return withBaseUrl(
			{
				...requestOptions,
				// The exact text that was signed is the text sent.
				body,
				headers: { ...(requestOptions.headers ?? {}), ...headers },
			},
			String(credentials.baseUrl ?? ''),
		);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/callcentre/api/v3/ping',
			method: 'POST',
			body: { productID: 'callbot', data: 'ping' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'retCode',
					value: 6,
					message: 'Signature rejected: check the Secret Key and the Signature Algorithm',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'retCode',
					value: 6002,
					message: 'No NXCloud account has this UUID',
				},
			},
		],
	};
}
