/**
 * Drives a real n8n (installed by scripts/ensure-n8n.sh: 2.8.4 on the machine's node unless asked
 * for another version and Node) with this package loaded the way a user installs it: `npm pack`,
 * tarball extracted into (or `npm install`ed in) <userFolder>/.n8n/nodes.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { closeSync, mkdtempSync, openSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '../..');

export interface N8nInstall {
	/** The folder holding node_modules/n8n. */
	installDir: string;
	/** The node binary to run that n8n with. */
	nodeBin: string;
}

/**
 * Installs (once, cached) and returns n8n `version` for Node `nodeMajor` (scripts/ensure-n8n.sh);
 * without arguments n8n 2.8.4 on the machine's node.
 */
export function ensureN8n(version?: string, nodeMajor?: number): N8nInstall {
	return parseEnsureOutput(execFileSync('bash', [ensureScript, ...ensureArgs(version, nodeMajor)], { encoding: 'utf8' }));
}

const ensureScript = path.join(repoRoot, 'scripts/ensure-n8n.sh');
const ensureArgs = (version?: string, nodeMajor?: number) => (version ? [version, ...(nodeMajor ? [String(nodeMajor)] : [])] : []);
function parseEnsureOutput(stdout: string): N8nInstall {
	const [installDir, nodeBin] = stdout.trim().split('\n');
	if (!installDir || !nodeBin) throw new Error(`scripts/ensure-n8n.sh printed no install folder and node binary: ${stdout}`);
	return { installDir, nodeBin };
}

/** The folder of the default n8n install (2.8.4 on the machine's node). */
export function n8nInstallDir(): string {
	return ensureN8n().installDir;
}

/** ensureN8n without blocking the event loop (an install takes minutes), with the script's progress on stderr. */
export async function ensureN8nAsync(version?: string, nodeMajor?: number): Promise<N8nInstall> {
	const args = ensureArgs(version, nodeMajor);
	const stdout = await new Promise<string>((resolve, reject) => {
		const child = spawn('bash', [ensureScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`scripts/ensure-n8n.sh ${args.join(' ')} exited with ${code}`))));
	});
	return parseEnsureOutput(stdout);
}

/** Builds and packs the package, extracts the tarball into a fresh n8n user folder. */
export function makeUserFolderWithPackage(): string {
	const tarball = packPackage();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'cc-n8n-'));
	const target = path.join(userFolder, '.n8n/nodes/node_modules/n8n-nodes-callcenter');
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	rmSync(path.dirname(tarball), { recursive: true, force: true });
	return userFolder;
}

/**
 * Builds the package and packs it into a fresh temp folder; returns the tarball's path. The build
 * empties dist/ first, so a build running at the same time (another test file, another checkout
 * user) can leave a pack without some files: build and pack hold a lock shared by every caller,
 * and a tarball missing a file package.json's `n8n` section lists is built and packed again.
 */
export function packPackage(): string {
	const { n8n } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const expected = [...n8n.nodes, ...n8n.credentials].map((file) => `package/${file}`);
	const lockFile = path.join(tmpdir(), `n8n-nodes-callcenter-pack-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 12)}.lock`);
	let missing: string[] = [];
	for (let attempt = 1; attempt <= 3; attempt++) {
		const packDir = mkdtempSync(path.join(tmpdir(), 'cc-pack-'));
		const script = `npm run build --silent >/dev/null && npm pack --silent --pack-destination '${packDir}'`;
		const [command, ...args] = [...(hasFlock() ? ['flock', lockFile] : []), 'bash', '-c', script];
		const tarball = execFileSync(command, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
			.trim()
			.split('\n')
			.pop()!;
		const listed = new Set(execFileSync('tar', ['-tzf', path.join(packDir, tarball)], { encoding: 'utf8' }).split('\n'));
		missing = expected.filter((file) => !listed.has(file));
		if (missing.length === 0) return path.join(packDir, tarball);
		rmSync(packDir, { recursive: true, force: true });
	}
	throw new Error(`the packed package lacks ${missing.join(', ')} three times over`);
}

function hasFlock(): boolean {
	try {
		execFileSync('flock', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** The package.json n8n itself writes into <userFolder>/.n8n/nodes before its first community package install. */
export const nodesFolderPackageJson = { name: 'installed-nodes', private: true, dependencies: {} };

/**
 * A fresh n8n user folder with the package installed the way a self-hosting user installs it by
 * hand: `npm install --omit=peer <package>` inside <userFolder>/.n8n/nodes (holding the package.json
 * n8n keeps there), here with the packed tarball, run on `nodeBin` (first on PATH, with the
 * machine's npm) and without the npm_config_* settings of the `npm test` running this.
 */
export async function makeUserFolderWithNpmInstall(tarball: string, nodeBin: string): Promise<string> {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'cc-n8n-'));
	const nodesFolder = path.join(userFolder, '.n8n/nodes');
	mkdirSync(nodesFolder, { recursive: true });
	writeFileSync(path.join(nodesFolder, 'package.json'), JSON.stringify(nodesFolderPackageJson, null, 2));
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	await new Promise<void>((resolve, reject) => {
		execFile('npm', ['install', '--omit=peer', tarball], { cwd: nodesFolder, env, encoding: 'utf8' }, (error, stdout, stderr) =>
			error ? reject(new Error(`npm install failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
		);
	});
	return userFolder;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/**
 * The run data `n8n execute --rawOutput` prints: the first complete JSON object of stdout.
 * Log lines come before it and, when n8n shuts down, sometimes after it.
 */
export function parseRunOutput(stdout: string): any {
	const start = stdout.indexOf('{');
	if (start < 0) throw new Error(`no JSON in n8n output: ${stdout.slice(0, 3000)}`);
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (let index = start; index < stdout.length; index++) {
		const char = stdout[index];
		if (inString) {
			if (escaped) escaped = false;
			else if (char === '\\') escaped = true;
			else if (char === '"') inString = false;
		} else if (char === '"') {
			inString = true;
		} else if (char === '{') {
			depth++;
		} else if (char === '}' && --depth === 0) {
			return JSON.parse(stdout.slice(start, index + 1));
		}
	}
	throw new Error(`n8n output ends inside its JSON: ${stdout.slice(-3000)}`);
}

/** An execution as n8n stores it: its status and its run data (n8n's "flatted" text). */
export interface ExecutionRow {
	status: string;
	data: string;
}

export class RealN8n {
	readonly bin: string;
	/** The installed n8n's version, e.g. '2.8.4'. */
	readonly version: string;
	private server?: ChildProcess;
	serverLog = '';
	private cliRuns = 0;

	constructor(
		installDir: string,
		readonly userFolder: string,
		readonly port: number,
		/** n8n's task broker listens too (default 5679): a free port, so n8n instances can coexist. */
		readonly brokerPort: number,
		/** The node that runs n8n (and comes first on its PATH); by default the one running the tests. */
		readonly nodeBin: string = process.execPath,
	) {
		this.bin = path.join(installDir, 'node_modules/n8n/bin/n8n');
		this.version = (JSON.parse(readFileSync(path.join(installDir, 'node_modules/n8n/package.json'), 'utf8')) as { version: string }).version;
	}

	get majorVersion(): number {
		return Number(this.version.split('.')[0]);
	}

	/** PATH with this n8n's node first (unless that is the node running the tests). */
	get path(): string | undefined {
		return this.nodeBin === process.execPath ? process.env.PATH : `${path.dirname(this.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	}

	get env(): NodeJS.ProcessEnv {
		return {
			PATH: this.path,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_RUNNERS_ENABLED: 'false',
			N8N_PYTHON_RUNNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
		};
	}

	/** Runs one n8n CLI command; resolves with its stdout, stderr and exit code. */
	async cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
		// Output goes to files: n8n calls process.exit, which truncates output written to a pipe.
		const base = path.join(this.userFolder, `cli-${++this.cliRuns}`);
		const out = openSync(`${base}.out`, 'w');
		const err = openSync(`${base}.err`, 'w');
		try {
			return await new Promise((resolve) => {
				const child = spawn(this.nodeBin, [this.bin, ...args], { env: this.env, cwd: this.userFolder, stdio: ['ignore', out, err] });
				child.on('close', (code) =>
					resolve({ code, stdout: readFileSync(`${base}.out`, 'utf8'), stderr: readFileSync(`${base}.err`, 'utf8') }),
				);
			});
		} finally {
			closeSync(out);
			closeSync(err);
		}
	}

	async importJson(kind: 'credentials' | 'workflow', data: unknown): Promise<void> {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(data));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:${kind} failed: ${result.stdout}\n${result.stderr}`);
	}

	/** A credential as n8n has stored it, decrypted by n8n itself (`export:credentials --decrypted`). */
	async exportDecryptedCredential(id: string): Promise<{ id: string; type: string; data: Record<string, unknown> }> {
		const file = path.join(this.userFolder, `export-credential-${id}-${Date.now()}.json`);
		const result = await this.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		if (result.code !== 0) throw new Error(`export:credentials failed: ${result.stdout}\n${result.stderr}`);
		const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; type: string; data: Record<string, unknown> }>;
		rmSync(file);
		return credential;
	}

	/**
	 * Makes a workflow with a trigger listen once n8n starts: 2.x publishes it (`publish:workflow`),
	 * 1.x, which has no publishing, activates it (`update:workflow --active=true`). Run while n8n is stopped.
	 */
	async activateWorkflow(id: string): Promise<void> {
		const args = this.majorVersion >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`${args[0]} ${id} failed: ${result.stdout}\n${result.stderr}`);
	}

	async start(): Promise<void> {
		this.server = spawn(this.nodeBin, [this.bin, 'start'], { env: this.env, cwd: this.userFolder });
		this.server.stdout!.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		this.server.stderr!.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		for (let attempt = 0; attempt < 240; attempt++) {
			if (this.server.exitCode !== null) throw new Error(`n8n exited: ${this.serverLog}`);
			try {
				const response = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`);
				// /healthz answers before the webhook routes and active workflows are set up.
				if (response.ok && this.serverLog.includes('Editor is now accessible')) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready: ${this.serverLog}`);
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const killTimer = setTimeout(() => server.kill('SIGKILL'), 15000);
			server.on('exit', () => {
				clearTimeout(killTimer);
				resolve();
			});
			server.kill('SIGTERM');
		});
	}

	/**
	 * Rows of a read-only SQL query on this n8n's database, read by n8n's own sqlite3 on n8n's node
	 * (its native module is built for that node).
	 */
	async query(sql: string): Promise<Array<Record<string, unknown>>> {
		const script = `
			const sqlite3 = require(require.resolve('sqlite3', { paths: [process.argv[1]] }));
			const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY);
			db.all(process.argv[3], (error, rows) => {
				if (error) { console.error(error.message); process.exitCode = 1; } else process.stdout.write(JSON.stringify(rows));
				db.close();
			});`;
		return new Promise((resolve, reject) => {
			execFile(
				this.nodeBin,
				['-e', script, this.bin, path.join(this.userFolder, '.n8n/database.sqlite'), sql],
				{ encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`query failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))),
			);
		});
	}

	/** Status and stored run data of every execution of `workflowId`, oldest first. */
	async executions(workflowId: string): Promise<ExecutionRow[]> {
		return (await this.query(
			`SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = '${workflowId}' ORDER BY e.id`,
		)) as unknown as ExecutionRow[];
	}

	/** Waits (up to 20 s) until `workflowId` has `count` finished executions: onReceived saves them after replying. */
	async waitForExecutions(workflowId: string, count: number): Promise<ExecutionRow[]> {
		let rows: ExecutionRow[] = [];
		for (let attempt = 0; attempt < 80; attempt++) {
			rows = (await this.executions(workflowId)).filter((row) => row.status !== 'running' && row.status !== 'new');
			if (rows.length >= count) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return rows;
	}

	readFile(relative: string): string {
		return readFileSync(path.join(this.userFolder, relative), 'utf8');
	}
}
