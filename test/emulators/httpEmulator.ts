/**
 * A small real HTTP server on 127.0.0.1 for emulating a vendor API in tests: routes get the
 * raw body text (signatures cover exact bytes) and every request is recorded.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface EmulatedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
}

export interface EmulatedResponse {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

export type Route = (request: EmulatedRequest) => EmulatedResponse | Promise<EmulatedResponse>;

export class HttpEmulator {
	readonly requests: EmulatedRequest[] = [];

	private server?: http.Server;

	constructor(private readonly route: Route) {}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('emulator not started');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const request: EmulatedRequest = {
					method: req.method ?? 'GET',
					path: url.pathname,
					query: url.searchParams,
					headers: req.headers,
					rawBody: Buffer.concat(chunks).toString('utf8'),
				};
				this.requests.push(request);
				Promise.resolve()
					.then(() => this.route(request))
					.then(
						({ status = 200, body, headers = {} }) => {
							const text = typeof body === 'string' ? body : JSON.stringify(body);
							res.writeHead(status, {
								'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
								...headers,
							});
							res.end(text);
						},
						(error: Error) => {
							res.writeHead(500, { 'Content-Type': 'text/plain' });
							res.end(`emulator error: ${error.message}`);
						},
					);
			});
		});
		// A deep accept queue, as a vendor's load balancer has: n8n's HTTP Request node opens one
		// connection per item, all at once (10,000 in the bench), and Node's default of 511 drops some.
		await new Promise<void>((resolve) => this.server!.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}
}
