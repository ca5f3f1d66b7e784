/**
 * Runs one node of this package inside n8n's real execution engine (n8n-core's
 * WorkflowExecute), with n8n's real HTTP helpers, so parameters, expressions, credentials'
 * `authenticate`/`preAuthentication`, pairing and "Continue On Fail" behave as in n8n.
 * Only storage is replaced: credentials live in memory (see InMemoryCredentialsHelper).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { createDeferredPromise, createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { loadCredentialType, loadNodeType, PACKAGE_NAME } from './packageTypes';

/** Node types loaded on first use, so one vendor's tests do not need the others' files. */
class PackageNodeTypes implements INodeTypes {
	/** By full type name, e.g. "n8n-nodes-callcenter.nxCloudCallbot". */
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	/** A node type that exists only for a test, or one of n8n's own (a full type name). */
	register(fullName: string, type: INodeType | IVersionedNodeType) {
		this.types.set(fullName, type);
	}

	getByName(nodeType: string) {
		let type = this.types.get(nodeType);
		if (type) return type;
		const [prefix, name] = nodeType.split('.');
		if (prefix !== PACKAGE_NAME || !name) throw new Error(`unknown node type ${nodeType}`);
		this.types.set(nodeType, (type = loadNodeType(name)));
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}

class PackageCredentialTypes implements ICredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	recognizes(type: string) {
		try {
			this.getByName(type);
			return true;
		} catch {
			return false;
		}
	}

	getByName(type: string) {
		let credentialType = this.types.get(type);
		if (!credentialType) this.types.set(type, (credentialType = loadCredentialType(type)));
		return credentialType;
	}

	getSupportedNodes() {
		return [];
	}

	getParentTypes() {
		return [];
	}
}

/**
 * n8n's CredentialsHelper without the database: `authenticate` and `preAuthentication`
 * follow n8n's own rules (the hidden `expirable` field is refreshed when empty or after a
 * 401, and the refreshed value is stored for later executions).
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
	/** Stored credential data by type, as the n8n database would hold it. */
	readonly stored = new Map<string, ICredentialDataDecryptedObject>();

	/** How often each type's data was written back (a token refresh writes). */
	readonly updates = new Map<string, number>();

	constructor(private readonly credentialTypes: PackageCredentialTypes) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, options: IHttpRequestOptions) {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, options);
		if (type.authenticate) throw new Error('declarative authenticate is not used by this package');
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	) {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		this.stored.set(typeName, { ...(this.stored.get(typeName) ?? {}), ...output });
		this.updates.set(typeName, (this.updates.get(typeName) ?? 0) + 1);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: INodeCredentialsDetails, type: string) {
		const data = this.stored.get(type);
		if (!data) throw new Error(`no credentials of type ${type} are set`);
		// n8n decrypts a fresh copy for every use.
		return structuredClone(data);
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return this.credentialTypes.getByName(type).properties;
	}
}

export interface RunNodeOptions {
	/** e.g. 'nxCloudCallbot' (the package prefix is added), or a full name given to registerForeignNodeType. */
	nodeType: string;
	/** Default 1. */
	typeVersion?: number;
	parameters: INodeParameters;
	/** Credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items (json only); default one empty item. */
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** Reuse a helper across runs to keep refreshed tokens, as n8n's database would. */
	credentialsHelper?: InMemoryCredentialsHelper;
	/** Workflow timezone (n8n's default is the instance's). */
	timezone?: string;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** The node's error when it failed (and "Continue On Fail" was off). */
	error?: ExecutionError;
	run: IRun;
}

const nodeTypes = new PackageNodeTypes();
const credentialTypes = new PackageCredentialTypes();

/** Makes `type` runnable by runNode under `name`, for tests of helpers that need a real n8n context. */
export function registerTestNodeType(name: string, type: INodeType) {
	nodeTypes.register(`${PACKAGE_NAME}.${name}`, type);
}

/**
 * Makes a node type of another package runnable by runNode under its full type name, e.g.
 * n8n's own HTTP Request node as "n8n-nodes-base.httpRequest" (loaded from an n8n install).
 */
export function registerForeignNodeType(fullName: string, type: INodeType | IVersionedNodeType) {
	nodeTypes.register(fullName, type);
}

export function newCredentialsHelper(credentials: Record<string, ICredentialDataDecryptedObject> = {}) {
	const helper = new InMemoryCredentialsHelper(credentialTypes);
	for (const [type, data] of Object.entries(credentials)) helper.stored.set(type, structuredClone(data));
	return helper;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const type = options.nodeType.includes('.') ? options.nodeType : `${PACKAGE_NAME}.${options.nodeType}`;
	const typeVersion = options.typeVersion ?? 1;
	const nodeType = nodeTypes.getByNameAndVersion(type, typeVersion);
	const credentialsHelper = options.credentialsHelper ?? newCredentialsHelper(options.credentials);
	if (options.credentialsHelper) {
		for (const [name, data] of Object.entries(options.credentials)) {
			if (!credentialsHelper.stored.has(name)) credentialsHelper.stored.set(name, structuredClone(data));
		}
	}
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		continueOnFail: options.continueOnFail,
		// The types the node describes, and any given (n8n's HTTP Request node takes any type).
		credentials: Object.fromEntries(
			[...(nodeType.description.credentials ?? []).map((c) => c.name), ...Object.keys(options.credentials)].map((name) => [
				name,
				{ id: `cred-${name}`, name },
			]),
		),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'UTC' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const additionalData = {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
	});

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished.promise;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: taskData?.error ?? run.data.resultData.error,
		run,
	};
}
