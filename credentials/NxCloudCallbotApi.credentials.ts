import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { RET_CODES } from '../nodes/NxCloudCallbot/codes';
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
			displayName:
				'Test sends NXCloud a ping signed with these values. Signature Algorithm is proven only by the first push to the trigger.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://nxbot.nxcloud.com',
			placeholder: 'e.g. https://nxbot.nxcloud.com',
			description: 'Address of the NXCloud Callbot API; change it only for a private deployment',
		},
		{
			displayName: 'UUID',
			name: 'uuid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR',
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
			description:
				'The algorithm chosen in the NXCloud console for API signatures. Requests name it, so Test passes with either; pushes do not, so a wrong choice shows as HTTP 401 on the first push to the NXCloud Callbot Trigger.',
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

	// NXCloud's ping answers {code: 0, ...} when the UUID and signature are accepted, and its
	// usual envelope {retCode, retMsg} when not: retCode 6002 is a wrong UUID, 6 a signature that
	// does not match (a wrong Secret Key or Signature Algorithm: NXCloud does not say which),
	// 6001 a signature that never arrived. HTTP errors are answers too, so an address that is not
	// NXCloud's API fails on the last rule (no "code") rather than with n8n's generic text.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/callcentre/api/v3/ping',
			method: 'POST',
			body: { productID: 'callbot', data: 'ping' },
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: nxCloudTestRules(),
	};
}

/** What each retCode of a refused ping means for the credential's fields. */
const RET_CODE_MESSAGES: Record<string, string> = {
	'6002': 'NXCloud has no account with this UUID (retCode 6002): check "UUID" (NXCloud console, Developer settings).',
	'6': 'NXCloud refused the signature (retCode 6): the UUID exists, so check "Secret Key" and "Signature Algorithm" against the NXCloud console (its answer does not say which is wrong), and that the n8n server clock is right.',
	'6001': 'NXCloud received the request without its signature (retCode 6001): a proxy between n8n and NXCloud may drop the sign header; check "Base URL".',
	'6003': 'NXCloud refused this account the API (retCode 6003, no permission): ask NXCloud to enable API access for this UUID.',
	'5': 'NXCloud is under maintenance (retCode 5): the values could not be checked; try again later.',
	'7': 'NXCloud is busy (retCode 7): the values could not be checked; try again later.',
};

/** The test's rules: the refusals above, any other retCode, and an answer that is not NXCloud's. */
function nxCloudTestRules(): IAuthenticateRuleResponseSuccessBody[] {
	const rules: IAuthenticateRuleResponseSuccessBody[] = [];
	for (const [code, meaning] of Object.entries(RET_CODES)) {
		if (code === '0') continue;
		const message =
			RET_CODE_MESSAGES[code] ?? `NXCloud refused the test request (retCode ${code}, ${meaning}): check "Base URL", "UUID" and "Secret Key".`;
		// retCode is a number in NXCloud's answers; a text "6" is read the same.
		rules.push({ type: 'responseSuccessBody', properties: { key: 'retCode', value: Number(code), message } });
		rules.push({ type: 'responseSuccessBody', properties: { key: 'retCode', value: code, message } });
	}
	rules.push({
		type: 'responseSuccessBody',
		properties: {
			key: 'code',
			value: undefined,
			message: 'The Base URL did not answer as the NXCloud Callbot API (no answer to its ping): check "Base URL" (e.g. https://nxbot.nxcloud.com, without a path).',
		},
	});
	return rules;
}
