/**
 * Huawei CC-iSales OpenAPI emulator over HTTPS (self-signed certificate made with the openssl
 * CLI at test time) or HTTP. It checks the auth-v2 signature with its OWN implementation of
 * Huawei's rule (not the package's) and answers 401 when it does not match, records every
 * request and the highest number of requests in flight.
 */
import { execFileSync } from 'child_process';
import { createHmac } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

export interface IsalesAccount {
	accessKey: string;
	secretKey: string;
}

export interface IsalesRecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	authorized: boolean;
}

type Answer = { status: number; body: unknown };

/** A self-signed certificate for 127.0.0.1, made by the openssl CLI. */
export function makeSelfSignedCertificate(): { key: string; cert: string } {
	const dir = mkdtempSync(join(tmpdir(), 'isales-cert-'));
	try {
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
				'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
				'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
			],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Huawei's normalisation, written independently: encodeURIComponent plus the characters it leaves alone. */
function vendorNormalize(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function vendorExpectedAuthorization(
	secretKey: string,
	prefix: string,
	signedHeaders: string[],
	method: string,
	rawUrl: string,
	headers: http.IncomingHttpHeaders,
	rawBody: string,
): string {
	const [path, query = ''] = rawUrl.split('?');
	const lines = [method, path];
	if (query) {
		const pairs = query
			.split('&')
			.map((pair) => pair.split('=').map((part) => decodeURIComponent(part.replace(/\+/g, ' '))))
			.map(([k, v = '']) => `${vendorNormalize(k)}=${vendorNormalize(v)}`);
		pairs.sort();
		lines.push(pairs.join('&'));
	}
	lines.push(signedHeaders.join(';'));
	const headerLines = signedHeaders.map((name) => `${vendorNormalize(name)}:${vendorNormalize(String(headers[name] ?? '').trim())}`);
	headerLines.sort();
	const canonical = lines.join('\n') + '\n' + headerLines.join('\n') + '\n' + (rawBody ? vendorNormalize(rawBody) : '');
	const key = createHmac('sha256', secretKey).update(prefix).digest('hex');
	return prefix + '/' + createHmac('sha256', key).update(canonical).digest('hex');
}

export function makeCallResult(vdnId: number, callId: string, n = 0): Record<string, unknown> {
	return {
		callId,
		called: `1380000${String(n).padStart(4, '0')}`,
		ackBeginTime: '2024-03-01 09:00:00',
		callBeginTime: '2024-03-01 09:00:05',
		callEndTime: '2024-03-01 09:01:05',
		callStatus: n % 2 === 0 ? 6 : 5,
		failCode: n % 2 === 0 ? '' : '17',
		resultCode: '0',
		vdnId,
		recordPath: '',
	};
}

const OK = '0200000';

export class IsalesEmulator {
	readonly requests: IsalesRecordedRequest[] = [];

	/** vdnId/callId → call result */
	readonly callResults = new Map<string, Record<string, unknown>>();

	/** vdnId/campaignId → call results of the campaign */
	readonly campaigns = new Map<string, Array<Record<string, unknown>>>();

	/** Answers to give before normal service, one per request. */
	readonly scripted: Answer[] = [];

	inFlight = 0;

	maxInFlight = 0;

	/** How long each answer takes, so concurrent requests overlap. */
	latencyMs = 30;

	private server?: http.Server | https.Server;

	constructor(
		readonly account: IsalesAccount,
		private readonly tls?: { key: string; cert: string },
	) {}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | undefined;
		if (!address) throw new Error('emulator not started');
		return `${this.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;
	}

	addCallResult(vdnId: number, callId: string): void {
		this.callResults.set(`${vdnId}/${callId}`, makeCallResult(vdnId, callId));
	}

	addCampaign(vdnId: number, campaignId: string, count: number): void {
		this.campaigns.set(
			`${vdnId}/${campaignId}`,
			Array.from({ length: count }, (_, n) => makeCallResult(vdnId, `${campaignId}-call-${n}`, n)),
		);
	}

	/** Bodies of the bulk requests, parsed. */
	bulkBodies(): Array<Record<string, unknown>> {
		return this.requests.filter((r) => r.method === 'POST' && r.authorized).map((r) => JSON.parse(r.rawBody));
	}

	async start(): Promise<this> {
		const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.inFlight++;
				this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
				const rawBody = Buffer.concat(chunks).toString('utf8');
				const authorized = this.verify(req, rawBody);
				this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, authorized });
				const answer: Answer = authorized
					? this.scripted.shift() ?? this.answer(req.method ?? '', req.url ?? '', rawBody, req.headers)
					: { status: 401, body: { error: 'Unauthorized' } };
				setTimeout(() => {
					this.inFlight--;
					res.writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8' });
					res.end(JSON.stringify(answer.body));
				}, this.latencyMs);
			});
		};
		this.server = this.tls ? https.createServer(this.tls, listener) : http.createServer(listener);
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private verify(req: http.IncomingMessage, rawBody: string): boolean {
		const authorization = String(req.headers.authorization ?? '');
		const match = /^(auth-v2\/([^/]+)\/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\/([^/]+))\/([0-9a-f]{64})$/.exec(authorization);
		if (!match) return false;
		const [, prefix, accessKey, timestamp, signedHeaderText] = match;
		if (accessKey !== this.account.accessKey) return false;
		if (Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000) return false;
		if (req.headers['content-type'] !== 'application/json;charset=UTF-8') return false;
		const signedHeaders = signedHeaderText.split(';');
		if (!signedHeaders.includes('host')) return false;
		const expected = vendorExpectedAuthorization(
			this.account.secretKey,
			prefix,
			signedHeaders,
			req.method ?? '',
			req.url ?? '',
			req.headers,
			rawBody,
		);
		return expected === authorization;
	}

	private answer(method: string, url: string, rawBody: string, _headers: http.IncomingHttpHeaders): Answer {
		// Routed by path, as a server does: a query (signed, and checked by verify) does not change the resource.
		const path = url.split('?')[0];
		const single = /^\/rest\/isales\/v1\/openapi\/campaigns\/(\d+)\/callresultdetail\/([^/?]+)$/.exec(path);
		if (method === 'GET' && single) {
			const record = this.callResults.get(`${single[1]}/${decodeURIComponent(single[2])}`);
			if (!record) return { status: 200, body: { returnCode: '0200007', resultCode: '0200007', resultDesc: 'call record not exist' } };
			return { status: 200, body: { returnCode: OK, resultCode: OK, resultDesc: 'success', data: record } };
		}
		const bulk = /^\/rest\/isales\/v1\/openapi\/campaigns\/(\d+)\/callresult\/([^/?]+)$/.exec(path);
		if (method === 'POST' && bulk) {
			const body = JSON.parse(rawBody || '{}') as Record<string, unknown>;
			const fail = (code: string, desc: string): Answer => ({ status: 200, body: { returnCode: code, resultCode: code, resultDesc: desc } });
			const showDetail = Number(body.showDetail ?? 0);
			const pageSize = Number(body.pageSize);
			const pageNum = Number(body.pageNum);
			if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > (showDetail === 1 ? 100 : 500)) {
				return fail('0200001', `pageSize ${body.pageSize} out of range`);
			}
			if (!Number.isInteger(pageNum) || pageNum < 1) return fail('0200001', 'pageNum invalid');
			if ((body.beginTime === undefined) !== (body.endTime === undefined)) return fail('0200008', 'beginTime and endTime');
			if (body.beginTime !== undefined) {
				const begin = Date.parse(String(body.beginTime));
				const end = Date.parse(String(body.endTime));
				if (!/^\d{4}-\d\d-\d\d$/.test(String(body.beginTime)) || Number.isNaN(begin) || Number.isNaN(end)) {
					return fail('0200009', 'time format');
				}
				if (begin >= end) return fail('0200010', 'beginTime after endTime');
				if (end - begin > 30 * 86_400_000) return fail('0200011', 'over 30 days');
			}
			const records = this.campaigns.get(`${bulk[1]}/${decodeURIComponent(bulk[2])}`);
			if (!records) return fail('0200007', 'campaign not exist');
			const page = records.slice((pageNum - 1) * pageSize, pageNum * pageSize);
			return {
				status: 200,
				body: {
					returnCode: OK,
					resultCode: OK,
					resultDesc: 'success',
					totalCount: records.length,
					data: showDetail === 1 ? page.map((r) => ({ ...r, detail: [{ dialTime: r.callBeginTime }] })) : page,
				},
			};
		}
		return { status: 404, body: 'Not Found' };
	}
}
