/**
 * A small CRM stand-in for the sandbox and its test: `POST /crm/calls` with a JSON body records
 * the call update and answers 200 {"ok":true,"id":<n>}; anything else is a 404. Every update
 * received is kept in `updates`, so a test can count what reached "the CRM".
 */
import { HttpEmulator, type EmulatedRequest, type EmulatedResponse } from './httpEmulator';

export class CrmStandIn extends HttpEmulator {
	/** The JSON bodies of accepted updates, in arrival order. */
	readonly updates: Array<Record<string, unknown>> = [];

	constructor() {
		super((request) => this.handle(request));
	}

	/** The endpoint the example's HTTP Request node posts to. */
	get callsUrl(): string {
		return `${this.baseUrl}/crm/calls`;
	}

	private handle(request: EmulatedRequest): EmulatedResponse {
		if (request.method !== 'POST' || request.path !== '/crm/calls') return { status: 404, body: { ok: false, error: 'not found' } };
		let update: unknown;
		try {
			update = JSON.parse(request.rawBody);
		} catch {
			return { status: 400, body: { ok: false, error: 'body is not JSON' } };
		}
		if (update === null || typeof update !== 'object' || Array.isArray(update)) return { status: 400, body: { ok: false, error: 'expected an object' } };
		this.updates.push(update as Record<string, unknown>);
		return { body: { ok: true, id: this.updates.length } };
	}
}
