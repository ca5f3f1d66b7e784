/**
 * Every node and credential type of the package, as n8n would load them from package.json.
 * Reads the `n8n` section so a type missing from package.json is missing here too.
 */
import * as path from 'path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(root, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = manifest.name;

/** dist/nodes/X/X.node.js → the TypeScript source, so tests run without a build. */
function sourceOf(distPath: string): string {
	return path.join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function loadClass<T>(distPath: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(sourceOf(distPath)) as Record<string, new () => T>;
	const className = path.basename(distPath).split('.')[0];
	const Class = exported[className];
	if (!Class) throw new Error(`${distPath} does not export class ${className} (n8n needs that name)`);
	return new Class();
}

/** The package's node type named `name` (e.g. "nxCloudCallbot"), loaded on first use. */
export function loadNodeType(name: string): INodeType {
	const file = manifest.n8n.nodes.find((f) => path.basename(f).split('.')[0].toLowerCase() === name.toLowerCase());
	if (!file) throw new Error(`package.json lists no node file for ${name}`);
	const nodeType = loadClass<INodeType>(file);
	if (nodeType.description.name !== name) {
		throw new Error(`${file} describes node "${nodeType.description.name}", expected "${name}"`);
	}
	return nodeType;
}

/** The package's credential type named `name`, loaded on first use. */
export function loadCredentialType(name: string): ICredentialType {
	const file = manifest.n8n.credentials.find(
		(f) => path.basename(f).split('.')[0].toLowerCase() === name.toLowerCase(),
	);
	if (!file) throw new Error(`package.json lists no credential file for ${name}`);
	const credentialType = loadClass<ICredentialType>(file);
	if (credentialType.name !== name) {
		throw new Error(`${file} describes credential "${credentialType.name}", expected "${name}"`);
	}
	return credentialType;
}

/** Every file the package.json `n8n` section lists, as [kind, dist path]. */
export function listedFiles(): Array<['node' | 'credential', string]> {
	return [
		...manifest.n8n.nodes.map((f) => ['node', f] as ['node', string]),
		...manifest.n8n.credentials.map((f) => ['credential', f] as ['credential', string]),
	];
}

export function loadListed(kind: 'node' | 'credential', distPath: string): INodeType | ICredentialType {
	return kind === 'node' ? loadClass<INodeType>(distPath) : loadClass<ICredentialType>(distPath);
}
