/**
 * A small client of a real n8n's REST API, as its editor uses it: the owner account (n8n 2.8:
 * `POST /rest/owner/setup`, then `POST /rest/login` with `emailOrLdapLoginId`), the `n8n-auth`
 * cookie, and the credential endpoints (`GET /rest/credentials/:id?includeData=true` gives
 * the form's values with secrets blanked, `POST /rest/credentials/test` runs a credential's Test
 * with the values sent, n8n filling in blanked ones from what it has stored).
 */

/** What the editor sends for a secret the user did not change (n8n restores the stored value). */
export const CREDENTIAL_BLANKING_VALUE = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

/** The sandbox's owner account (a local test instance only). */
export const sandboxOwner = { email: 'owner@sandbox.test', firstName: 'Sandbox', lastName: 'Owner', password: 'Sandbox-Owner-1' };

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface CredentialForm {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, body: parsed as T };
	}

	private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
		const { status, body: answer } = await this.request<{ data: T }>(method, path, body);
		if (status !== 200) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(answer).slice(0, 500)}`);
		return answer.data;
	}

	/** Creates the owner account (first start only), then logs in with it. */
	async setUpOwnerAndLogIn(owner = sandboxOwner): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		// 400 once an owner exists: then logging in is enough.
		if (setup.status !== 200 && setup.status !== 400) throw new Error(`owner setup: HTTP ${setup.status} ${JSON.stringify(setup.body)}`);
		this.cookie = '';
		await this.ok('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** A stored credential as the editor's form gets it: secrets blanked. */
	async credentialForm(id: string): Promise<CredentialForm> {
		const { name, type, data } = await this.ok<CredentialForm>('GET', `/rest/credentials/${id}?includeData=true`);
		return { id, name, type, data };
	}

	/** Runs the credential's Test with `data` (the form's values) through n8n's own endpoint. */
	async testCredential(form: CredentialForm): Promise<CredentialTestResult> {
		return await this.ok<CredentialTestResult>('POST', '/rest/credentials/test', { credentials: form });
	}
}
