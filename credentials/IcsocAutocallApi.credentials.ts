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
	readTokenResponse,
	shareTokenFetch,
	TOKEN_TIMEOUT_MS,
	tokenFetchKey,
	tokenRequestForm,
	tokenUnreachableError,
} from '../nodes/IcsocAutocall/token';
import { normalizeBaseUrl, withBaseUrl } from '../nodes/shared/requestBody';

/**
 * icsoc Autocall credential: OAuth2 password grant. The access token lives in a hidden,
 * expirable field: n8n fetches it (preAuthentication) when the field is empty or a request
 * failed, and stores it, so executions reuse one token (icsoc allows 128 token requests per
 * agent per 24 hours); executions that need one at the same time share one fetch. The token
 * request follows no redirect and gives up after 15 seconds.
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
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://autocall.icsoc.net',
			description: 'Address of the icsoc Autocall API',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://account.icsoc.net/oauth2/token',
			description: 'Address of the icsoc OAuth2 token endpoint',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
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
			placeholder: '1001|8001',
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
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = {
			tokenUrl: String(credentials.tokenUrl ?? '').trim(),
			clientId: String(credentials.clientId ?? '').trim(),
			clientSecret: String(credentials.clientSecret ?? ''),
			username: String(credentials.username ?? '').trim(),
			password: String(credentials.password ?? ''),
			scope: String(credentials.scope ?? '').trim() || 'openid',
		};
		// Executions of this n8n process that find no stored token at the same time share
		// one token request (icsoc allows 128 per agent per 24 hours).
		const accessToken = await shareTokenFetch(tokenFetchKey(identity), async () => {
			let response: { statusCode: number; headers?: Record<string, unknown>; body: unknown };
			try {
				response = (await this.helpers.httpRequest({
					method: 'POST',
					url: identity.tokenUrl,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
					body: tokenRequestForm(identity),
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// The form holds the client secret and the password: a redirect is answered
					// as a failure (readTokenResponse), never followed to another address.
					disableFollowRedirect: true,
					// 15 s (TOKEN_TIMEOUT_MS) without a byte, and 15 s in all.
					timeout: TOKEN_TIMEOUT_MS,
					abortSignal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
				})) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
			} catch (error) {
				// The original error holds the request form (secret, password): only its code is read.
				throw tokenUnreachableError(identity.tokenUrl, error);
			}
			return readTokenResponse(response.statusCode, response.body, identity.tokenUrl, response.headers);
		});
		return { accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBaseUrl(
			{
				...requestOptions,
				headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
			},
			normalizeBaseUrl(String(credentials.baseUrl ?? '')),
		);
	}

	// n8n runs preAuthentication (a token request) before this, so a wrong client or user
	// fails the test with the token endpoint's reason; the search proves the token is accepted.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/api/v1/cdr/search',
			method: 'POST',
			body: { perPage: 1 },
		},
	};
}
