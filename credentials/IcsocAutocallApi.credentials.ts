import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	checkTokenAccepted,
	requestAccessToken,
	tokenFingerprint,
	tokenIdentity,
	tokenMatchesValues,
} from '../nodes/IcsocAutocall/token';
import {
	admitTestRequest,
	isTestRequest,
	isUnderTest,
	markTestPassed,
	RenewBeforeSending,
	TEST_REQUEST_HEADER,
} from '../nodes/shared/credentialTest';
import { normalizeBaseUrl, withBaseUrl } from '../nodes/shared/requestBody';

/** Tokens fetched for a credentials object during its current use (a test reuses its own). */
const fetchedHere = new WeakMap<object, string>();

/**
 * icsoc Autocall credential: OAuth2 password grant. The access token lives in a hidden,
 * expirable field: n8n fetches it (preAuthentication) when the field is empty or a request
 * failed, and stores it, so executions reuse one token (icsoc allows 128 token requests per
 * agent per 24 hours); executions that need one at the same time share one fetch. The token
 * request follows no redirect and gives up after 15 seconds.
 *
 * Beside the token, `tokenIssuedFor` holds a fingerprint of the values it was issued for
 * (tokenFingerprint): once Token URL, Client ID, Client Secret, Username, Password or Scope
 * change, `authenticate` does not send the old token but has n8n fetch one for the new values.
 *
 * Test fetches a new token with the values in the form, never the stored one, then searches one
 * CDR at the Base URL with it (see nodes/shared/credentialTest.ts for how inside n8n's tester).
 */
export class IcsocAutocallApi implements ICredentialType {
	name = 'icsocAutocallApi';

	displayName = 'Icsoc Autocall API';

	documentationUrl = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter#icsoc-autocall';

	icon: Icon = {
		light: 'file:../nodes/IcsocAutocall/icsocAutocall.svg',
		dark: 'file:../nodes/IcsocAutocall/icsocAutocall.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName:
				'Test (also run when this credential is opened) asks icsoc for a new token: one of the 128 a day icsoc allows per agent.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://autocall.icsoc.net',
			placeholder: 'e.g. https://autocall.icsoc.net',
			description: 'Address of the icsoc Autocall API',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://account.icsoc.net/oauth2/token',
			placeholder: 'e.g. https://account.icsoc.net/oauth2/token',
			description: 'Address of the icsoc OAuth2 token endpoint; Test asks it for a token, then searches one CDR with that token',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5e8f3a1c2b4d6e7f',
			description: 'The OAuth2 client ID icsoc gave your enterprise',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1001|8001',
			description: 'Enterprise code and agent number joined by "|", e.g. 1001|8001',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The agent's password",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'openid',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Issued For',
			name: 'tokenIssuedFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = tokenIdentity(credentials);
		const testing = isUnderTest(credentials);
		// A test reuses only a token fetched for these very values during this same test (n8n
		// fetched it moments ago because none was stored); anything else asks icsoc anew.
		const earlier = testing ? fetchedHere.get(credentials) : undefined;
		const reusable =
			earlier !== undefined && credentials.accessToken === earlier && credentials.tokenIssuedFor === tokenFingerprint(earlier, identity);
		const accessToken = reusable ? earlier : await requestAccessToken(this, identity);
		fetchedHere.set(credentials, accessToken);
		if (testing) {
			await checkTokenAccepted(this, String(credentials.baseUrl ?? ''), accessToken);
			markTestPassed(credentials);
		}
		return { accessToken, tokenIssuedFor: tokenFingerprint(accessToken, identity) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let options = requestOptions;
		if (isTestRequest(options)) {
			// The test's request goes out only after preAuthentication fetched a new token with
			// the form's values and checked it at the Base URL.
			options = admitTestRequest(credentials, options);
		} else if (!tokenMatchesValues(credentials)) {
			// No token, or one issued for other values (a changed password, another agent):
			// n8n fetches one for the current values (preAuthentication), then calls this again.
			throw new RenewBeforeSending('The stored icsoc token was issued for other credential values');
		}
		return withBaseUrl(
			{
				...options,
				headers: { ...(options.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
			},
			normalizeBaseUrl(String(credentials.baseUrl ?? '')),
		);
	}

	// Sent only after preAuthentication fetched a token with the form's values and a CDR search
	// with it succeeded (see authenticate); the rule is the last word on what came back.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/api/v1/cdr/search',
			method: 'POST',
			body: { perPage: 1 },
			headers: { [TEST_REQUEST_HEADER]: 'icsocAutocallApi' },
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.results',
					value: undefined,
					message: 'The Base URL did not answer a CDR search as the icsoc Autocall API does: check "Base URL".',
				},
			},
		],
	};
}
