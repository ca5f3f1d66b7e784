/**
 * icsoc Autocall's HTTP behaviour for the request engine: JSON requests with the OAuth2 Bearer
 * token the credential fetches and stores; answers carry code (0 = success), message and data.
 *
 * Token budget (icsoc allows 128 token requests per agent per 24 h): n8n fetches a token (the
 * credential's preAuthentication) only when none is stored or after an HTTP 401, then repeats
 * the request once. Once icsoc refused even a fresh token, the node's other requests fail at
 * once instead of fetching more (refreshesToken).
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiRequest, type Answer, type Endpoint, type RequestParts, type VendorSpec } from '../shared/requestEngine';
import { findTokenFailure } from './token';

export const icsocSpec: VendorSpec = {
	vendor: 'icsoc Autocall',
	credentialType: 'icsocAutocallApi',
	baseUrlExample: 'https://autocall.icsoc.net',
	envelopeField: 'code',
	readEnvelope(answer) {
		if (answer === null || typeof answer !== 'object' || !('code' in answer)) return undefined;
		const { code, message } = answer as IDataObject;
		return { code: String(code), ok: Number(code) === 0, message: typeof message === 'string' && message !== '' ? message : undefined };
	},
	// icsoc documents no "busy, try later" code.
	notCarriedOutCodes: new Set(),
	statusHints: {
		401: {
			meaning: 'access token refused',
			hint: 'icsoc refused the access token even after n8n fetched a new one: check that this agent may use the Autocall API.',
		},
		403: { hint: 'This agent may not use this API: ask icsoc to grant access.' },
	},
	refreshesToken: true,
	explainFailure(node: INode, error: unknown, itemIndex: number) {
		const tokenFailure = findTokenFailure(error);
		if (tokenFailure === undefined) return undefined;
		const failure = new NodeApiError(node, { message: tokenFailure }, {
			message: tokenFailure,
			description: 'Check the icsoc Autocall API credential: Token URL, Client ID, Client Secret, Username (enterprise code|agent number) and Password.',
			itemIndex,
		});
		failure.message = tokenFailure;
		return failure;
	},
};

export const ICSOC = {
	searchCdr: { method: 'POST', path: '/api/v1/cdr/search', name: 'cdr/search', idempotent: true } satisfies Endpoint,
	/**
	 * Start, pause or stop a project and change its settings. Not sent twice on a guess: a resend
	 * after a lost answer would undo a change made in between (a project paused in the console
	 * started again, placing calls), and "updateOrCreate" creates a project for an ID icsoc does
	 * not know (inferred from the name; the page documents only that `id` is needed to update).
	 */
	updateProject: { method: 'POST', path: '/api/v3/projects/updateOrCreate', name: 'projects/updateOrCreate', idempotent: false } satisfies Endpoint,
	/** The records (one number each, a "task" in icsoc's words) of a project, page by page. */
	listTaskData: { method: 'POST', path: '/api/v1/poc/tasks/lists', name: 'poc/tasks/lists', idempotent: true } satisfies Endpoint,
};

export async function icsocRequest(context: IExecuteFunctions, target: Endpoint, parts: RequestParts): Promise<Answer> {
	return await apiRequest(context, icsocSpec, target, parts);
}
