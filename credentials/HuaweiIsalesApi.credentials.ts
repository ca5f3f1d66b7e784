import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { checkIsalesCredentials, CREDENTIAL_TEST_PATH, signedIsalesRequest } from '../nodes/HuaweiIsales/credentialCheck';
import {
	admitTestRequest,
	isTestRequest,
	isUnderTest,
	markTestPassed,
	TEST_REQUEST_HEADER,
} from '../nodes/shared/credentialTest';

/**
 * Huawei CC-iSales OpenAPI credential (AK/SK, auth-v2). Every request is signed here: the
 * Host header exactly as the HTTP client sends it, the path and query, and the body text,
 * which is serialised once and sent as signed (signedIsalesRequest).
 *
 * Test reads a call result that cannot exist, signed with the values in the form; "not found"
 * proves the Base URL and the keys. It is checked first in preAuthentication, which reads the
 * HTTP status n8n's tester cannot show, so a refused signature (HTTP 401) is reported as
 * wrong AK/SK or clock, anything else as the Base URL (see nodes/shared/credentialTest.ts).
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
			placeholder: 'e.g. https://10.22.26.181:28080',
			required: true,
			description: 'Address of the iSales OpenAPI: scheme, host and port, no path',
		},
		{
			displayName: 'Access Key (AK)',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. globalaktest',
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
		// Never holds a value: an expirable field is what makes n8n call preAuthentication, in
		// which the credential test checks the values (n8n stores nothing, as none is returned).
		{
			displayName: 'Credential Check',
			name: 'credentialCheck',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (isUnderTest(credentials)) {
			await checkIsalesCredentials(this, credentials);
			markTestPassed(credentials);
		}
		return {};
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// The test's request goes out only after preAuthentication checked the form's values.
		const options = isTestRequest(requestOptions) ? admitTestRequest(credentials, requestOptions) : requestOptions;
		return signedIsalesRequest(credentials, options);
	}

	// Sent only after preAuthentication's check passed (see authenticate); the rule is the last
	// word on what came back.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: CREDENTIAL_TEST_PATH,
			method: 'GET',
			headers: { [TEST_REQUEST_HEADER]: 'huaweiIsalesApi' },
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'returnCode',
					value: undefined,
					message: 'The Base URL did not answer as the iSales OpenAPI (no returnCode in its answer): check "Base URL".',
				},
			},
		],
	};
}
