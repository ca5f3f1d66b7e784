/**
 * The icsoc push credential's Test, run by n8n through the icsoc Autocall Trigger's `testedBy`.
 * icsoc offers no way to ask whether a push secret is right, so nothing is sent anywhere: the
 * secret is checked for what can be checked here. The trigger checks the secret itself on
 * every push (a push signed with another secret gets HTTP 401 and starts nothing).
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

/** icsoc encrypts pushes with AES-256, keyed by the secret: at most 32 bytes are a key. */
export const MAX_PUSH_SECRET_BYTES = 32;

/** Why `secret` cannot be the push secret agreed with icsoc, or undefined when it can. */
export function pushSecretProblem(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret === '') {
		return 'Secret is empty: paste the push secret set in the icsoc console.';
	}
	if (secret.trim() !== secret) {
		return 'Secret starts or ends with a space or line break: remove it (icsoc signs with the secret exactly as set in its console).';
	}
	const bytes = Buffer.byteLength(secret, 'utf8');
	if (bytes > MAX_PUSH_SECRET_BYTES) {
		return `Secret is ${bytes} bytes long; an icsoc push secret is at most ${MAX_PUSH_SECRET_BYTES} (it is the AES-256 key of encrypted pushes): check that only the secret was copied.`;
	}
	return undefined;
}

/** The credential test function (see IcsocAutocallTrigger's `methods.credentialTest`). */
export async function icsocPushSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = pushSecretProblem(credential.data?.secret);
	if (problem !== undefined) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message: 'The secret has the form of an icsoc push secret. Only a push can prove it right: the trigger checks every push against it.',
	};
}
