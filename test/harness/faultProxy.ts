/**
 * A real HTTP(S) proxy on 127.0.0.1 placed between a node (its credential's Base URL points
 * here) and a vendor emulator, injecting the faults a real network and a vendor's gateway
 * produce, and recording every request it receives with its arrival time.
 *
 * Per request it takes one action (see the factories at the end):
 * - forward and relay the emulator's answer (the default), optionally holding the answer;
 * - forward, wait for the emulator's answer, then answer the node 504/502 instead (the vendor
 *   processed the request, the node cannot know);
 * - forward, wait for the emulator's answer, then reset the node's connection unanswered;
 * - answer without forwarding (a 429/503 with Retry-After, any status and body);
 * - redirect (307) to another origin.
 *
 * Actions come from a queue (`proxy.next(action, times)`, taken in arrival order), else from
 * `proxy.plan(request)` (called once the body is in), else forward. Refused connections: `proxy.refuseConnections()` stops
 * listening (the port stays reserved for `reopen()`), so a connection gets ECONNREFUSED.
 *
 * Also a CaptureServer: "another origin" that records whatever arrives and answers 200.
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo, Socket } from 'net';
import { performance } from 'perf_hooks';

export type ProxyAction =
	/** Forward and relay the answer; `holdMs` delays the relay after the emulator answered. */
	| { kind: 'forward'; holdMs?: number }
	/** Forward, wait for the emulator's answer, then answer `status` (504, 502) instead. */
	| { kind: 'forwardThenStatus'; status: number; holdMs?: number }
	/** Forward, wait for the emulator's answer, then destroy the node's connection without answering. */
	| { kind: 'forwardThenReset' }
	/** Answer without forwarding (the emulator never sees the request). */
	| { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string; holdMs?: number };

export interface ProxiedRequest {
	/** 0-based arrival order. */
	index: number;
	method: string;
	/** Path with query, as received. */
	path: string;
	headers: http.IncomingHttpHeaders;
	/** The body as text ('' until fully received). */
	body: string;
	/** performance.now() when the request line and headers arrived (the request started). */
	arrivedAt: number;
	/** performance.now() when the body was fully received. */
	receivedAt?: number;
	/** performance.now() when the proxy answered it (or reset the connection). */
	answeredAt?: number;
	action: ProxyAction;
	/** Whether the request was sent on to the emulator. */
	forwarded: boolean;
	/** Status the emulator answered (when forwarded and answered). */
	upstreamStatus?: number;
	/** What the node got: a status (502 when the emulator could not be reached), or 'reset'. */
	outcome?: number | 'reset';
}

/** Hop-by-hop headers a proxy does not pass on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
	const out: http.OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
	}
	return out;
}

export interface FaultProxyOptions {
	/** Serve HTTPS with this key and certificate (e.g. makeSelfSignedCertificate()). */
	tls?: { key: string; cert: string };
}

export class FaultProxy {
	/** Every request received, in arrival order. */
	readonly requests: ProxiedRequest[] = [];

	/** Chooses the action for a request when the queue is empty (default: forward). */
	plan?: (request: ProxiedRequest) => ProxyAction;

	private readonly queue: ProxyAction[] = [];

	private server?: http.Server | https.Server;

	private port?: number;

	private readonly sockets = new Set<Socket>();

	private readonly timers = new Set<NodeJS.Timeout>();

	private pending = 0;

	private lastActivity = performance.now();

	private readonly target: URL;

	constructor(
		/** The emulator's base URL (http or https; a self-signed certificate is accepted). */
		target: string,
		private readonly options: FaultProxyOptions = {},
	) {
		this.target = new URL(target);
	}

	get baseUrl(): string {
		if (this.port === undefined) throw new Error('proxy not started');
		return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
	}

	/** The next `times` requests (after those already queued) get `action`. */
	next(action: ProxyAction, times = 1): this {
		for (let i = 0; i < times; i++) this.queue.push(action);
		return this;
	}

	/** Requests sent on to the emulator. */
	get forwarded(): ProxiedRequest[] {
		return this.requests.filter((r) => r.forwarded);
	}

	/** Requests whose answer is not yet given. */
	get inFlight(): number {
		return this.pending;
	}

	async start(): Promise<this> {
		const listener = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
		this.server = this.options.tls ? https.createServer(this.options.tls, listener) : http.createServer(listener);
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await this.listen(this.port ?? 0);
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	/**
	 * Stops listening (open connections are closed too): connections to the port are refused
	 * until reopen(). The port number is kept.
	 */
	async refuseConnections(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	/** Listens again on the same port after refuseConnections(). */
	async reopen(): Promise<void> {
		if (!this.server || this.port === undefined) throw new Error('proxy not started');
		await this.listen(this.port);
	}

	/**
	 * Resolves once no request is in flight and none arrived or was answered for `quietMs`
	 * (a node's work that goes on in the background has settled); rejects after `maxMs`.
	 */
	async whenIdle(quietMs = 500, maxMs = 10_000): Promise<void> {
		const deadline = performance.now() + maxMs;
		for (;;) {
			const now = performance.now();
			if (this.pending === 0 && now - this.lastActivity >= quietMs) return;
			if (now > deadline) throw new Error(`proxy not idle after ${maxMs} ms (${this.pending} in flight)`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		if (this.server.listening) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
				this.server!.off('error', reject);
				resolve();
			});
		});
	}

	private later(ms: number | undefined, run: () => void): void {
		if (!ms) return run();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run();
		}, ms);
		this.timers.add(timer);
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		// Recorded when the request line and headers arrive: the request has started, even if
		// its body is still on the way.
		const record: ProxiedRequest = {
			index: this.requests.length,
			method: req.method ?? 'GET',
			path: req.url ?? '/',
			headers: req.headers,
			body: '',
			arrivedAt: performance.now(),
			action: { kind: 'forward' },
			forwarded: false,
		};
		this.requests.push(record);
		this.pending++;
		this.lastActivity = record.arrivedAt;
		const queued = this.queue.shift();
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', () => {
			if (record.answeredAt !== undefined) return;
			record.answeredAt = performance.now();
			this.settle();
		});
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			record.body = body.toString('utf8');
			record.receivedAt = performance.now();
			this.lastActivity = record.receivedAt;
			record.action = queued ?? this.plan?.(record) ?? { kind: 'forward' };

			const answer = (status: number, headers: http.OutgoingHttpHeaders, content: Buffer | string) => {
				if (record.answeredAt !== undefined) return;
				record.answeredAt = performance.now();
				record.outcome = status;
				this.settle();
				if (res.destroyed) return;
				const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
				res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
				res.end(bytes);
			};
			const reset = () => {
				if (record.answeredAt !== undefined) return;
				record.answeredAt = performance.now();
				record.outcome = 'reset';
				this.settle();
				const socket = req.socket as Socket & { resetAndDestroy?: () => void };
				if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
				else socket.destroy();
			};

			const action = record.action;
			if (action.kind === 'respond') {
				this.later(action.holdMs, () =>
					answer(action.status, { 'content-type': 'application/json', ...(action.headers ?? {}) }, action.body ?? ''),
				);
				return;
			}
			record.forwarded = true;
			this.forward(record, body)
				.then(({ status, headers, content }) => {
					record.upstreamStatus = status;
					if (action.kind === 'forwardThenReset') return reset();
					if (action.kind === 'forwardThenStatus') {
						return this.later(action.holdMs, () =>
							answer(
								action.status,
								{ 'content-type': 'text/html' },
								`<html><body><h1>${action.status} ${http.STATUS_CODES[action.status] ?? ''}</h1></body></html>`,
							),
						);
					}
					this.later(action.holdMs, () => answer(status, withoutHopByHop(headers), content));
				})
				.catch((error: Error) => answer(502, { 'content-type': 'text/plain' }, `fault proxy: upstream failed: ${error.message}`));
		});
	}

	private settle(): void {
		this.pending--;
		this.lastActivity = performance.now();
	}

	private forward(
		record: ProxiedRequest,
		body: Buffer,
	): Promise<{ status: number; headers: http.IncomingHttpHeaders; content: Buffer }> {
		const secure = this.target.protocol === 'https:';
		const basePath = this.target.pathname.replace(/\/+$/, '');
		return new Promise((resolve, reject) => {
			const headers = withoutHopByHop(record.headers);
			// The Host header is kept as the node sent it: some vendors sign it (Huawei's auth-v2).
			headers['content-length'] = String(body.length);
			const upstream = (secure ? https : http).request(
				{
					host: this.target.hostname,
					port: this.target.port || (secure ? 443 : 80),
					method: record.method,
					path: basePath + record.path,
					headers,
					agent: false,
					...(secure ? { rejectUnauthorized: false } : {}),
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, content: Buffer.concat(chunks) }));
					response.on('error', reject);
				},
			);
			upstream.on('error', reject);
			upstream.end(body);
		});
	}
}

// ---- actions --------------------------------------------------------------------------

export const forward = (holdMs?: number): ProxyAction => ({ kind: 'forward', holdMs });

/** The vendor processes the request; its gateway answers the node `status` (504 or 502). */
export const forwardThenGatewayError = (status: 504 | 502 = 504): ProxyAction => ({ kind: 'forwardThenStatus', status });

/** The vendor processes the request; the node's connection is reset before any answer. */
export const forwardThenReset = (): ProxyAction => ({ kind: 'forwardThenReset' });

/** Rate limited or unavailable, NOT forwarded: `status` with `Retry-After: <seconds>`. */
export const refuseWithRetryAfter = (status: 429 | 503, retryAfterSeconds: number): ProxyAction => ({
	kind: 'respond',
	status,
	headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'text/plain' },
	body: status === 429 ? 'Too Many Requests' : 'Service Unavailable',
});

/** A 307 to `location` (another origin), not forwarded. */
export const redirectTo = (location: string, status = 307): ProxyAction => ({
	kind: 'respond',
	status,
	headers: { location, 'content-type': 'text/plain' },
	body: `Redirecting to ${location}`,
});

/** Any answer, not forwarded. */
export const respond = (status: number, body: unknown, headers: Record<string, string> = {}): ProxyAction => ({
	kind: 'respond',
	status,
	headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers },
	body: typeof body === 'string' ? body : JSON.stringify(body),
});

// ---- the other origin -----------------------------------------------------------------

export interface CapturedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** "Another origin": records whatever arrives and answers 200 `{}`. */
export class CaptureServer {
	readonly requests: CapturedRequest[] = [];

	private server?: http.Server;

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('capture server not started');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.requests.push({
					method: req.method ?? 'GET',
					path: req.url ?? '/',
					headers: req.headers,
					body: Buffer.concat(chunks).toString('utf8'),
				});
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{}');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}
}
