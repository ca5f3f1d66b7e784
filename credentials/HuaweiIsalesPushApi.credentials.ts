import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The token the Huawei CC-iSales result push URL must carry. iSales signs nothing and sends no
 * header of its own, so the URL is the secret: the campaign's callBackUrl is the trigger's
 * Production URL followed by `?token=<Token>`. Nothing on iSales' side can be asked whether a
 * campaign carries the token, so this credential has no test request: the Huawei CC-iSales
 * Trigger tests it (`testedBy`, see nodes/HuaweiIsales/pushTokenTest.ts) without sending
 * anything, and checks it on every push.
 */
export class HuaweiIsalesPushApi implements ICredentialType {
	name = 'huaweiIsalesPushApi';

	displayName = 'Huawei CC-iSales Push API';

	documentationUrl = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter#trigger-huawei-cc-isales-trigger';

	icon: Icon = {
		light: 'file:../nodes/HuaweiIsales/huaweiIsales.svg',
		dark: 'file:../nodes/HuaweiIsales/huaweiIsales.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName:
				'Test checks the token here, without contacting iSales; campaigns carry it in their Result Push URL as ?token=.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. the output of: openssl rand -hex 24',
			description:
				'A random secret of at least 24 characters (letters, digits, - . _ ~) that the push URL carries as ?token=…; anyone who knows the URL with it can post results into the workflow. A push without it, or with another, gets HTTP 401 and starts nothing.',
		},
	];
}
