import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The secret icsoc signs (and optionally encrypts) its pushes with. Nothing on icsoc's side
 * can be asked whether a secret is right: only a received push proves it.
 */
export class IcsocAutocallPushApi implements ICredentialType {
	name = 'icsocAutocallPushApi';

	displayName = 'icsoc Autocall Push';

	documentationUrl = 'https://developer.icsoc.net/';

	icon: Icon = {
		light: 'file:../nodes/IcsocAutocall/icsocAutocall.svg',
		dark: 'file:../nodes/IcsocAutocall/icsocAutocall.dark.svg',
	};

	properties: INodeProperties[] = [
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

	// There is no icsoc endpoint that checks a push secret, so the test cannot prove it right.
	// It asks icsoc's public token endpoint for nothing but reachability of icsoc; a push
	// signed with another secret is answered with HTTP 401 by the trigger and shows up there.
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://autocall.icsoc.net',
			url: '/',
			method: 'GET',
		},
	};
}
