import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The secret icsoc signs (and optionally encrypts) its pushes with. Nothing on icsoc's side
 * can be asked whether a secret is right: only a received push proves it.
 */
export class IcsocAutocallPushApi implements ICredentialType {
	name = 'icsocAutocallPushApi';

	displayName = 'Icsoc Autocall Push API';

	documentationUrl = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter#icsoc-autocall';

	icon: Icon = {
		light: 'file:../nodes/IcsocAutocall/icsocAutocall.svg',
		dark: 'file:../nodes/IcsocAutocall/icsocAutocall.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName:
				'Testing this credential only shows that n8n can reach icsoc: no icsoc API can confirm a push secret. A wrong secret shows up on the first push, which the trigger then answers with HTTP 401.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The push secret agreed with icsoc: pushes are signed with it (and, when encryption is on, encrypted with it)',
		},
	];

	// There is no icsoc endpoint that checks a push secret, so no test can prove it right (and
	// n8n runs a credential's `test` before a node's `testedBy`, so a local check cannot take
	// its place). The request only shows icsoc is reachable; the notice above says so.
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://autocall.icsoc.net',
			url: '/',
			method: 'GET',
		},
	};
}
