/**
 * n8n's credential test in process, as n8n 2.8's CredentialsTester runs it (written from its
 * observed behaviour, not copied): for a credential with a `test`, a temporary noOp node whose
 * only parameter routes `test.request`, run by n8n-core's real RoutingNode with the values
 * given (so `preAuthentication`, `authenticate` and n8n's HTTP helpers run for real); a thrown
 * error shows as its message (n8n's NodeApiError keeps no cause, so the tester's status rules
 * never match), an answer goes through the `responseSuccessBody` rules. For a credential
 * tested by a node (`testedBy`), that node's credentialTest function. test/e2e/credentialTests
 * checks the same through a real n8n.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { newCredentialsHelper, type InMemoryCredentialsHelper } from './n8nRunner';
import { listedFiles, loadCredentialType, loadNodeType } from './packageTypes';

export interface CredentialTestOutcome extends INodeCredentialTestResult {
	/** The credential data as n8n would have stored it afterwards (a fetched token is written back). */
	stored?: ICredentialDataDecryptedObject;
}

function valueAt(data: unknown, path: string): unknown {
	let current = data;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** The package node that tests `type` (`testedBy`), with the name of its test function. */
function testingNode(type: string): { node: INodeType; testedBy: string } | undefined {
	for (const [kind, file] of listedFiles()) {
		if (kind !== 'node') continue;
		const node = loadNodeType(file.split('/').pop()!.split('.')[0].replace(/^./, (c) => c.toLowerCase()));
		const entry = node.description.credentials?.find((c) => c.name === type && typeof c.testedBy === 'string');
		if (entry) return { node, testedBy: entry.testedBy as string };
	}
	return undefined;
}

/**
 * Runs the Test of credential `type` with `data` (the values in the form, with whatever n8n
 * has stored, such as a token). `credentialsHelper` keeps what the test writes back.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	credentialsHelper: InMemoryCredentialsHelper = newCredentialsHelper({ [type]: data }),
): Promise<CredentialTestOutcome> {
	const credentialType = loadCredentialType(type);
	const decrypted = { id: `cred-${type}`, name: type, type, data: structuredClone(data) };
	if (!credentialType.test) {
		const tester = testingNode(type);
		const test = tester && tester.node.methods?.credentialTest?.[tester.testedBy];
		if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
		const context = { helpers: {}, logger: console } as unknown as ICredentialTestFunctions;
		return await test.call(context, decrypted);
	}

	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: decrypted.id, name: decrypted.name } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	const additionalData = {
		credentialsHelper,
		variables: {},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		currentNodeParameters: node.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const stored = () => credentialsHelper.stored.get(type);
	let response;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message), stored: stored() };
	}
	const body = response?.[0]?.[0]?.json;
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message, stored: stored() };
		}
	}
	return { status: 'OK', message: 'Connection successful!', stored: stored() };
}
