/**
 * Redis and PostgreSQL for the queue-mode e2e test, real servers from Debian's packages
 * (installed when missing by scripts/ensure-queue-services.sh, one install at a time), each started
 * here on 127.0.0.1, on a free port, in a fresh temp folder, as a process group this test owns,
 * and stopped (folder removed) by `stop()`.
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` user the
 * package creates (spawn with uid/gid); anyone else runs them as themselves.
 */
import { execFile, spawn, type ChildProcess } from 'child_process';
import { chownSync, mkdtempSync, rmSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import * as path from 'path';

import { freePort, repoRoot } from './realN8n';

export interface QueueServiceBinaries {
	redisServer: string;
	/** PostgreSQL's bin folder (initdb, postgres, psql), e.g. /usr/lib/postgresql/15/bin. */
	pgBin: string;
}

const ensureScript = path.join(repoRoot, 'scripts/ensure-queue-services.sh');

/** Installs Redis and PostgreSQL when missing (minutes on a fresh machine, milliseconds after). */
export async function ensureQueueServices(): Promise<QueueServiceBinaries> {
	const stdout = await new Promise<string>((resolve, reject) => {
		const child = spawn('bash', [ensureScript], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`scripts/ensure-queue-services.sh exited with ${code}`))));
	});
	const [redisServer, pgBin] = stdout.trim().split('\n');
	if (!redisServer || !pgBin) throw new Error(`scripts/ensure-queue-services.sh printed no redis-server and PostgreSQL bin folder: ${stdout}`);
	return { redisServer, pgBin };
}

/**
 * Process groups started by the e2e tests and not yet stopped: SIGKILLed when the test process
 * exits, should a test end without its afterAll having stopped them.
 */
const ownedGroups = new Set<number>();
let exitHookInstalled = false;
function ownGroup(pid: number): void {
	ownedGroups.add(pid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const group of ownedGroups) killGroup(group, 'SIGKILL');
	});
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * A server process started in its own process group (detached), output kept in `log`.
 * `stop()` sends `signal` to the whole group, then SIGKILL after `graceMs`.
 */
export class OwnedProcess {
	readonly child: ChildProcess;
	log = '';
	private exited: Promise<void>;

	constructor(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number }) {
		this.child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
		this.child.on('error', (error) => (this.log += `\n[spawn error] ${error.message}\n`));
		this.child.stdout!.on('data', (chunk: Buffer) => this.append(chunk));
		this.child.stderr!.on('data', (chunk: Buffer) => this.append(chunk));
		if (this.child.pid) ownGroup(this.child.pid);
	}

	private append(chunk: Buffer): void {
		this.log += chunk.toString();
		// Keep the newest 2 MB: an n8n under a burst logs a line per execution.
		if (this.log.length > 4_000_000) this.log = this.log.slice(-2_000_000);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Waits until `ready()` resolves true (polled every 200 ms), failing with the log if the process exits or time runs out. */
	async waitUntil(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`${what}: the process exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.log.slice(-5000)}`);
			try {
				if (await ready()) return;
			} catch {
				// not yet
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`${what}: not ready after ${timeoutMs} ms:\n${this.log.slice(-5000)}`);
	}

	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<void> {
		const pid = this.child.pid;
		if (!pid) return;
		if (this.running) {
			killGroup(pid, signal);
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// Anything the leader left in its group.
		killGroup(pid, 'SIGKILL');
		ownedGroups.delete(pid);
	}

	/** SIGKILL to the whole group, no grace (a crash). */
	async kill(): Promise<void> {
		await this.stop('SIGKILL', 0);
	}
}

/** One line to a TCP port and its first reply line (e.g. Redis PING → +PONG). */
function tcpAsk(port: number, line: string, timeoutMs = 2000): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('timeout'));
		}, timeoutMs);
		socket.on('connect', () => socket.write(line));
		socket.on('data', (chunk) => {
			data += chunk.toString();
			if (data.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

export class RedisServer {
	private constructor(
		readonly port: number,
		readonly dir: string,
		readonly proc: OwnedProcess,
	) {}

	/** redis-server on 127.0.0.1:<free port>, nothing persisted, data folder a fresh temp folder. */
	static async start(binaries: QueueServiceBinaries): Promise<RedisServer> {
		const dir = mkdtempSync(path.join(tmpdir(), 'cc-redis-'));
		const port = await freePort();
		const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'];
		const server = new RedisServer(port, dir, new OwnedProcess(binaries.redisServer, args, { cwd: dir }));
		try {
			await server.proc.waitUntil('redis-server', async () => (await tcpAsk(port, 'PING\r\n')) === '+PONG', 30000);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	/** Sends one inline command (e.g. 'INFO keyspace') and returns its first reply line. */
	ask(command: string): Promise<string> {
		return tcpAsk(this.port, `${command}\r\n`);
	}

	async stop(): Promise<void> {
		await this.proc.stop('SIGTERM', 10000);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

function idOf(flag: '-u' | '-g', user: string): Promise<number> {
	return new Promise((resolve, reject) =>
		execFile('id', [flag, user], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim())))),
	);
}

export class PostgresServer {
	readonly user = 'n8n';
	readonly database = 'n8n';

	private constructor(
		readonly pgBin: string,
		readonly port: number,
		readonly dir: string,
		readonly proc: OwnedProcess,
	) {}

	/**
	 * A new cluster (initdb, superuser `n8n`, trust authentication on loopback only) in a fresh temp
	 * folder, its postgres on 127.0.0.1:<free port> with its socket in that folder, and a database `n8n`.
	 * Durability is off (fsync, synchronous_commit, full_page_writes): a test database.
	 */
	static async start(binaries: QueueServiceBinaries): Promise<PostgresServer> {
		const dir = mkdtempSync(path.join(tmpdir(), 'cc-postgres-'));
		const dataDir = path.join(dir, 'data');
		const asUser: { uid?: number; gid?: number } = {};
		if (process.getuid?.() === 0) {
			asUser.uid = await idOf('-u', 'postgres');
			asUser.gid = await idOf('-g', 'postgres');
			chownSync(dir, asUser.uid, asUser.gid);
		}
		const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: dir };
		await new Promise<void>((resolve, reject) => {
			execFile(
				path.join(binaries.pgBin, 'initdb'),
				['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
				{ env, cwd: dir, ...asUser, encoding: 'utf8' },
				(error, stdout, stderr) => (error ? reject(new Error(`initdb failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
			);
		});
		const port = await freePort();
		const args = [
			'-D', dataDir,
			'-h', '127.0.0.1',
			'-p', String(port),
			'-k', dir,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
			'-c', 'logging_collector=off',
		];
		const server = new PostgresServer(binaries.pgBin, port, dir, new OwnedProcess(path.join(binaries.pgBin, 'postgres'), args, { env, cwd: dir, ...asUser }));
		try {
			await server.proc.waitUntil('postgres', async () => (await server.psql('postgres', 'SELECT 1')).trim() === '1', 60000);
			await server.psql('postgres', 'CREATE DATABASE n8n');
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	/** Runs SQL with psql over TCP; stdout unaligned, tuples only, tab-separated. */
	psql(database: string, sql: string): Promise<string> {
		return new Promise((resolve, reject) => {
			execFile(
				path.join(this.pgBin, 'psql'),
				['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', database, '-c', sql],
				{ encoding: 'utf8', env: { PATH: process.env.PATH, PGCONNECT_TIMEOUT: '5' }, maxBuffer: 64 * 1024 * 1024 },
				(error, stdout, stderr) => (error ? reject(new Error(`psql failed: ${stderr || error.message}`)) : resolve(stdout)),
			);
		});
	}

	/** Rows of a query on the `n8n` database, each a list of column texts. */
	async rows(sql: string): Promise<string[][]> {
		const out = await this.psql(this.database, sql);
		return out
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	}

	/** The environment that points n8n at this database. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			DB_POSTGRESDB_SCHEMA: 'public',
		};
	}

	async stop(): Promise<void> {
		// SIGINT: PostgreSQL's fast shutdown.
		await this.proc.stop('SIGINT', 15000);
		rmSync(this.dir, { recursive: true, force: true });
	}
}
