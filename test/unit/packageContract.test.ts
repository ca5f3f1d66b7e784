/**
 * The public contract (shared/contract.md): names saved workflows depend on, and the package
 * rules n8n's verification checks. A rename here breaks users' workflows.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';

import { listedFiles, loadListed } from '../harness/packageTypes';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const loaded = listedFiles().map(([kind, file]) => ({ kind, file, type: loadListed(kind, file) }));
const nodes = loaded.filter((l) => l.kind === 'node').map((l) => l.type as INodeType);
const credentials = loaded.filter((l) => l.kind === 'credential').map((l) => l.type as ICredentialType);
const nodeByName = (name: string) => nodes.find((n) => n.description.name === name);

function parameterNames(properties: INodeProperties[]): string[] {
	return properties.flatMap((p) => [
		p.name,
		...((p.options ?? []) as Array<INodeProperties | { name: string; values?: INodeProperties[] }>).flatMap((o) =>
			'type' in o ? [o.name] : 'values' in o && o.values ? o.values.map((v) => v.name) : [],
		),
	]);
}

describe('package manifest', () => {
	test('is an installable community package without runtime dependencies', () => {
		expect(manifest.name).toBe('n8n-nodes-callcenter');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const [, file] of listedFiles()) expect(file).toMatch(/^dist\/.+\.js$/);
	});
});

describe('credentials', () => {
	test.each([
		['nxCloudCallbotApi', 'NXCloud Callbot API', ['baseUrl', 'uuid', 'secretKey', 'algorithm']],
		[
			'icsocAutocallApi',
			'Icsoc Autocall API',
			['baseUrl', 'tokenUrl', 'clientId', 'clientSecret', 'username', 'password', 'scope'],
		],
		['icsocAutocallPushApi', 'Icsoc Autocall Push API', ['secret']],
		['huaweiIsalesApi', 'Huawei CC-iSales API', ['baseUrl', 'accessKey', 'secretKey', 'ignoreSSLIssues']],
		['huaweiIsalesPushApi', 'Huawei CC-iSales Push API', ['token']],
	])('%s keeps its name, display name and fields', (name, displayName, fields) => {
		const credential = credentials.find((c) => c.name === name);
		expect(credential?.displayName).toBe(displayName);
		expect(credential!.properties.map((p) => p.name)).toEqual(expect.arrayContaining(fields));
	});

	test('secrets are password fields, and every credential can be tested', () => {
		const secretFields = ['secretKey', 'clientSecret', 'password', 'secret', 'token'];
		for (const credential of credentials) {
			for (const property of credential.properties.filter((p) => secretFields.includes(p.name))) {
				expect([credential.name, property.name, property.typeOptions?.password]).toEqual([
					credential.name,
					property.name,
					true,
				]);
			}
			// A test request, or a test function of a node that uses the credential (testedBy).
			const testedByNode = nodes.some((node) =>
				(node.description.credentials ?? []).some(
					(c) => c.name === credential.name && typeof c.testedBy === 'string' && node.methods?.credentialTest?.[c.testedBy] !== undefined,
				),
			);
			expect([credential.name, credential.test !== undefined || testedByNode]).toEqual([credential.name, true]);
		}
	});

	test('contract defaults', () => {
		const field = (type: string, name: string) =>
			credentials.find((c) => c.name === type)!.properties.find((p) => p.name === name)!.default;
		expect(field('nxCloudCallbotApi', 'baseUrl')).toBe('https://nxbot.nxcloud.com');
		expect(field('nxCloudCallbotApi', 'algorithm')).toBe('MD5');
		expect(field('icsocAutocallApi', 'baseUrl')).toBe('https://autocall.icsoc.net');
		expect(field('icsocAutocallApi', 'tokenUrl')).toBe('https://account.icsoc.net/oauth2/token');
		expect(field('icsocAutocallApi', 'scope')).toBe('openid');
		expect(field('huaweiIsalesApi', 'ignoreSSLIssues')).toBe(false);
	});
});

describe('nodes', () => {
	test.each([
		['nxCloudCallbot', 'NXCloud Callbot', 'nxCloudCallbotApi', 'order', ['getDetails', 'stop'], ['userTaskId', 'orderIds', 'deleteUndialed']],
		[
			'icsocAutocall',
			'icsoc Autocall',
			'icsocAutocallApi',
			'cdr',
			['search'],
			['returnAll', 'limit', 'filters', 'callId', 'projectId', 'taskId', 'caller', 'called', 'callResult', 'endResult', 'startTimeFrom', 'startTimeTo'],
		],
		['icsocAutocall', 'icsoc Autocall', 'icsocAutocallApi', 'project', ['update'], ['projectId', 'status', 'updateFields', 'concurrent', 'callers', 'worktime']],
		['icsocAutocall', 'icsoc Autocall', 'icsocAutocallApi', 'taskData', ['getMany'], ['projectId', 'taskId', 'returnAll', 'limit', 'filters', 'phone', 'callResult']],
		['icsocAutocall', 'icsoc Autocall', 'icsocAutocallApi', 'preCall', ['reply'], []],
		['huaweiIsales', 'Huawei CC-iSales', 'huaweiIsalesApi', 'callResult', ['get'], ['vdnId', 'callId']],
		['huaweiIsales', 'Huawei CC-iSales', 'huaweiIsalesApi', 'campaign', ['create', 'update', 'pause', 'getMany'], ['vdnId', 'campaignId', 'callBackUrl']],
		['huaweiIsales', 'Huawei CC-iSales', 'huaweiIsalesApi', 'callData', ['add'], ['vdnId', 'campaignId', 'called']],
	])('%s keeps its names, operations and parameters', (name, displayName, credential, resource, operations, parameters) => {
		const node = nodeByName(name);
		expect(node?.description.displayName).toBe(displayName);
		const { properties, credentials: nodeCredentials } = node!.description;
		expect(nodeCredentials?.map((c) => c.name)).toContain(credential);
		const resourceOptions = properties.find((p) => p.name === 'resource')?.options as Array<{ value: string }>;
		expect(resourceOptions.map((o) => o.value)).toContain(resource);
		const operationValues = properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
			.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value));
		expect(operationValues).toEqual(expect.arrayContaining(operations));
		expect(parameterNames(properties)).toEqual(expect.arrayContaining(parameters));
	});

	test('the trigger is a POST webhook with the push credential and no inputs', () => {
		const trigger = nodeByName('icsocAutocallTrigger')!;
		expect(trigger.description.inputs).toEqual([]);
		expect(trigger.description.credentials?.map((c) => c.name)).toContain('icsocAutocallPushApi');
		expect(trigger.description.webhooks?.[0]?.httpMethod).toBe('POST');
		expect(trigger.description.usableAsTool).toBeFalsy();
	});

	test.each([
		['huaweiIsalesTrigger', 'Huawei CC-iSales Trigger', 'huaweiIsalesPushApi', 'huawei-isales', ['responseMode', 'decodeValues', 'serverUtcOffset']],
	])('the push trigger %s keeps its names: %s, credential %s, POST webhook at %s, parameters', (name, displayName, credential, path, parameters) => {
		const trigger = nodeByName(name)!;
		expect(trigger.description.displayName).toBe(displayName);
		expect(trigger.description.inputs).toEqual([]);
		expect(trigger.description.credentials?.map((c) => c.name)).toContain(credential);
		expect(trigger.description.webhooks?.map((w) => [w.httpMethod, w.path])).toEqual([['POST', path]]);
		expect(trigger.description.usableAsTool).toBeFalsy();
		expect(parameterNames(trigger.description.properties)).toEqual(expect.arrayContaining(parameters));
		const modes = trigger.description.properties.find((p) => p.name === 'responseMode')?.options as Array<{ value: string }>;
		expect(modes.map((o) => o.value)).toEqual(['onReceived', 'lastNode', 'onSuccess']);
	});

	test('the icsoc trigger keeps preCallReply: dialAll (default) or fromWorkflow', () => {
		const preCallReply = nodeByName('icsocAutocallTrigger')!.description.properties.find((p) => p.name === 'preCallReply');
		expect(preCallReply?.default).toBe('dialAll');
		expect((preCallReply?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['dialAll', 'fromWorkflow']);
	});

	test('every output of every node is paired and every node has light and dark icons that exist', () => {
		for (const { file, type } of loaded.filter((l) => l.kind === 'node')) {
			const icon = (type as INodeType).description.icon as { light: string; dark: string };
			const dir = path.join(root, path.dirname(file.replace(/^dist\//, '')));
			const light = path.join(dir, icon.light.replace(/^file:/, ''));
			const dark = path.join(dir, icon.dark.replace(/^file:/, ''));
			expect(fs.existsSync(light) && fs.existsSync(dark)).toBe(true);
			expect(fs.readFileSync(light, 'utf8')).not.toBe(fs.readFileSync(dark, 'utf8'));
			const codex = path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.json'));
			expect([file, fs.existsSync(codex)]).toEqual([file, true]);
		}
	});
});

describe('release metadata', () => {
	const repository = 'https://github.com/n8n-nodes-callcenter/n8n-nodes-callcenter';
	const readmeAnchors = new Set(
		fs
			.readFileSync(path.join(root, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => /^#{1,4} /.test(line))
			.map((line) => '#' + line.replace(/^#+ /, '').toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')),
	);

	test('one repository name in repository, homepage, bugs, and an author with an email', () => {
		expect(manifest.repository.url).toBe(`git+${repository}.git`);
		expect(manifest.homepage).toBe(repository);
		expect(manifest.bugs.url).toBe(`${repository}/issues`);
		expect(manifest.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
	});

	test('every documentation link of credentials and codex files points at a section of this README', () => {
		const links = [
			...credentials.map((c) => String(c.documentationUrl)),
			...listedFiles()
				.filter(([kind]) => kind === 'node')
				.flatMap(([, file]) => {
					const codex = JSON.parse(fs.readFileSync(path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8'));
					return Object.values(codex.resources as Record<string, Array<{ url: string }>>).flat().map((r) => r.url);
				}),
		];
		expect(links.length).toBeGreaterThan(credentials.length);
		for (const link of links) {
			expect(link.startsWith(`${repository}#`)).toBe(true);
			expect([link, readmeAnchors.has(link.slice(repository.length))]).toEqual([link, true]);
		}
	});

	test('English only: no CJK text in the interface, messages or README outside literal examples', () => {
		const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
		const files = [
			'README.md',
			...['nodes', 'credentials'].flatMap((dir) =>
				(fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)),
			),
		].filter((f) => /\.(ts|json|md)$/.test(f));
		const offending = files.filter((f) => cjk.test(fs.readFileSync(path.join(root, f), 'utf8')));
		expect(offending).toEqual([]);
	});
});
