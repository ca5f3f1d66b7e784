/**
 * The iSales push credential's Test, run by n8n through the Huawei CC-iSales Trigger's
 * `testedBy`. Nothing is sent anywhere: iSales has no way to be asked which URL a campaign
 * pushes to, so the token is checked for what can be checked here (not empty, no surrounding
 * spaces, URL-safe characters, at least MIN_PUSH_TOKEN_LENGTH long). The trigger checks the
 * token itself on every push (a push without it, or with another, gets HTTP 401).
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { pushTokenProblem } from './push';

/** The credential test function (see HuaweiIsalesTrigger's `methods.credentialTest`). */
export async function huaweiIsalesPushTokenTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = pushTokenProblem(credential.data?.token);
	if (problem !== undefined) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message:
			'The token can guard the push URL (long enough, URL-safe). Only a push proves the campaign carries it: the trigger compares the token of every push with this one and refuses (HTTP 401) a push without it or with another.',
	};
}
