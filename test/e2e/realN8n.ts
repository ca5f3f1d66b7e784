/**
 * Drives a real n8n 2.8.4 (installed by scripts/ensure-n8n.sh) with this package loaded the way
 * a user installs it: `npm pack`, tarball extracted into <userFolder>/.n8n/nodes/node_modules.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { closeSync, mkdtempSync, openSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '../..');

export function n8nInstallDir(): string {
	return execFileSync('bash', [path.join(repoRoot, 'scripts/ensure-n8n.sh')], { encoding: 'utf8' }).trim();
}

/** Builds and packs the package, extracts the tarball into a fresh n8n user folder. */
export function makeUserFolderWithPackage(): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	const packDir = mkdtempSync(path.join(tmpdir(), 'cc-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: repoRoot, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop()!;
	const userFolder = mkdtempSync(path.join(tmpdir(), 'cc-n8n-'));
	const target = path.join(userFolder, '.n8n/nodes/node_modules/n8n-nodes-callcenter');
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1']);
	rmSync(packDir, { recursive: true, force: true });
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

export class RealN8n {
	readonly bin: string;
	private server?: ChildProcess;
	serverLog = '';
	private cliRuns = 0;

	constructor(
		installDir: string,
		readonly userFolder: string,
		readonly port: number,
		/** n8n's task broker listens too (default 5679): a free port, so n8n instances can coexist. */
		readonly brokerPort: number,
	) {
		this.bin = path.join(installDir, 'node_modules/n8n/bin/n8n');
	}

	get env(): NodeJS.ProcessEnv {
		return {
			PATH: process.env.PATH,
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
				const child = spawn(process.execPath, [this.bin, ...args], { env: this.env, cwd: this.userFolder, stdio: ['ignore', out, err] });
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

	async start(): Promise<void> {
		this.server = spawn(process.execPath, [this.bin, 'start'], { env: this.env, cwd: this.userFolder });
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

	readFile(relative: string): string {
		return readFileSync(path.join(this.userFolder, relative), 'utf8');
	}
}
