/**
 * n8n's own HTTP Request node, loaded from the n8n install of scripts/ensure-n8n.sh and made
 * runnable by runNode: what users reach for to call an endpoint a node does not cover, with
 * "Predefined Credential Type" set to one of this package's credentials.
 */
import * as path from 'path';
import type { IVersionedNodeType } from 'n8n-workflow';

import { n8nInstallDir } from '../e2e/realN8n';
import { registerForeignNodeType } from './n8nRunner';

export const HTTP_REQUEST_NODE_TYPE = 'n8n-nodes-base.httpRequest';
/** The version n8n 2.8 puts on a new HTTP Request node. */
export const HTTP_REQUEST_NODE_VERSION = 4.2;

let registered = false;

/** Registers the node once; returns its type name for runNode. */
export function registerHttpRequestNode(): string {
	if (!registered) {
		const file = path.join(n8nInstallDir(), 'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(file) as { HttpRequest: new () => IVersionedNodeType };
		registerForeignNodeType(HTTP_REQUEST_NODE_TYPE, new HttpRequest());
		registered = true;
	}
	return HTTP_REQUEST_NODE_TYPE;
}

/** HTTP Request node parameters for a call signed by credential type `credentialType`. */
export function httpRequestParameters(
	credentialType: string,
	request: { method: string; url: string; jsonBody?: string; query?: Record<string, string> },
) {
	return {
		method: request.method,
		url: request.url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: credentialType,
		...(request.query
			? { sendQuery: true, queryParameters: { parameters: Object.entries(request.query).map(([name, value]) => ({ name, value })) } }
			: {}),
		...(request.jsonBody !== undefined ? { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: request.jsonBody } : {}),
		options: {},
	};
}
