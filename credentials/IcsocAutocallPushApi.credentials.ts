import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The secret icsoc signs (and optionally encrypts) its pushes with. Nothing on icsoc's side
 * can be asked whether a secret is right: only a received push proves it. So this credential
 * has no test request: the icsoc Autocall Trigger tests it (`testedBy`, see
 * nodes/IcsocAutocall/pushSecretTest.ts) without sending anything: not empty, no surrounding
 * spaces, at most 32 bytes.
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
				'Test checks the secret here, without contacting icsoc (at most 32 bytes); the trigger checks it on every push.',
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
				'The push secret agreed with icsoc: pushes are signed with it (and, when encryption is on, encrypted with it). Not empty, no surrounding spaces, at most 32 bytes. icsoc cannot be asked whether it is right: a push signed with another secret gets HTTP 401 and starts nothing.',
		},
	];
}
