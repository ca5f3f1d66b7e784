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
import { performance } from 'perf_hooks';

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
	/** performance.now() when the request line and headers arrived. */
	arrivedAt: number;
}

/** A campaign as the emulator keeps it: the settings last sent, its ID and status (2 running, 3 paused, 4 ended). */
export interface EmulatedCampaign extends Record<string, unknown> {
	id: number;
	name: string;
	status: number;
	deviceType: number;
}

/** A number added to a campaign. */
export interface EmulatedCallData extends Record<string, unknown> {
	called: string;
	dataId: string;
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

	/** vdnId/id → campaign settings (create, update, pause, resume, list). */
	readonly campaignConfigs = new Map<string, EmulatedCampaign>();

	/** vdnId/id → numbers added to the campaign (calldata v1 and v2). */
	readonly callData = new Map<string, EmulatedCallData[]>();

	/** Numbers iSales refuses to add (0200024): a request holding one is refused as a whole. */
	readonly blocklist = new Set<string>();

	/** The tenant's isales.api.calldata.max: the v2 route's limit per request (v1: always 20). */
	calldataMaxV2 = 20;

	/** iSales' rule: calldata requests of a campaign at least this far apart, else 0200022. */
	calldataSpacingMs = 1000;

	private nextCampaignId = 1001;

	private nextDataId = 1;

	/** vdnId/id → when its last calldata request arrived. */
	private readonly lastCalldataAt = new Map<string, number>();

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
			const arrivedAt = performance.now();
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.inFlight++;
				this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
				const rawBody = Buffer.concat(chunks).toString('utf8');
				const authorized = this.verify(req, rawBody);
				this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, authorized, arrivedAt });
				const answer: Answer = authorized
					? this.scripted.shift() ?? this.answer(req.method ?? '', req.url ?? '', rawBody, req.headers, arrivedAt)
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

	private answer(method: string, url: string, rawBody: string, _headers: http.IncomingHttpHeaders, arrivedAt = performance.now()): Answer {
		// Routed by path, as a server does: a query (signed, and checked by verify) does not change the resource.
		const path = url.split('?')[0];
		const campaignAnswer = this.campaignAnswer(method, url, rawBody, arrivedAt);
		if (campaignAnswer) return campaignAnswer;
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

	// ---- campaigns and call data (Huawei's "Outbound Campaign" and "Outbound Data" references) ----

	/** Puts a campaign in place as if created (status 2, running); returns its ID as text. */
	defineCampaign(vdnId: number, fields: Partial<EmulatedCampaign> = {}): string {
		const id = fields.id ?? this.nextCampaignId++;
		const campaign: EmulatedCampaign = {
			name: `campaign-${id}`,
			deviceType: 2,
			callerNo: '4008001234',
			strBeginTime: '2024-01-01 00:00:00',
			strEndTime: '2099-12-31 23:59:59',
			...fields,
			id,
			status: fields.status ?? 2,
		};
		this.campaignConfigs.set(`${vdnId}/${id}`, campaign);
		return String(id);
	}

	/** Bodies of the calldata requests iSales received (signed correctly), parsed, in arrival order. */
	calldataRequests(): Array<{ version: string; path: string; arrivedAt: number; body: { callDataList: Array<Record<string, unknown>> } }> {
		return this.requests
			.filter((r) => r.authorized && r.method === 'POST' && /\/openapi\/campaigns\/\d+\/calldata\//.test(r.path))
			.map((r) => ({ version: r.path.split('/')[3], path: r.path, arrivedAt: r.arrivedAt, body: JSON.parse(r.rawBody) }));
	}

	private campaignAnswer(method: string, url: string, rawBody: string, arrivedAt: number): Answer | undefined {
		const [path, query = ''] = url.split('?');
		const ok = (extra: Record<string, unknown> = {}): Answer => ({
			status: 200,
			body: { resultCode: OK, resultDesc: 'success', returnCode: OK, returnDesc: 'success', ...extra },
		});
		const fail = (code: string, desc: string): Answer => ({ status: 200, body: { resultCode: code, resultDesc: desc, returnCode: code, returnDesc: desc } });
		const parse = (): Record<string, unknown> | undefined => {
			try {
				const body = JSON.parse(rawBody || '{}') as unknown;
				return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
			} catch {
				return undefined;
			}
		};

		const calldata = /^\/rest\/isales\/(v1|v2)\/openapi\/campaigns\/(\d+)\/calldata\/([^/]+)$/.exec(path);
		if (calldata && method === 'POST') {
			const [, version, vdnId, rawId] = calldata;
			const key = `${vdnId}/${decodeURIComponent(rawId)}`;
			const previous = this.lastCalldataAt.get(key);
			this.lastCalldataAt.set(key, arrivedAt);
			if (previous !== undefined && arrivedAt - previous < this.calldataSpacingMs) return fail('0200022', 'called too fast');
			const campaign = this.campaignConfigs.get(key);
			if (!campaign) return fail('0200007', 'campaign not exist');
			if (campaign.status === 4) return fail('0200019', 'campaign status does not allow adding data');
			const body = parse();
			const list = body?.callDataList;
			if (!Array.isArray(list) || list.length === 0) return fail('02000001', 'callDataList is empty');
			if (list.length > (version === 'v1' ? 20 : this.calldataMaxV2)) return fail('0200029', 'over the maximum per request');
			const numbers: string[] = [];
			for (const entry of list as Array<Record<string, unknown>>) {
				const called = version === 'v1' ? entry?.called : (entry?.called as Array<Record<string, unknown>> | undefined)?.[0]?.calledNo;
				if (version === 'v2' && (!Array.isArray(entry?.called) || entry.called.length === 0)) return fail('02000006', 'called must be a list');
				if (typeof called !== 'string' || !/^[0-9*#]{1,24}$/.test(called)) return fail('02000002', `called ${JSON.stringify(called)}`);
				for (const [field, max] of [['sessionId', 32], ['customField', 200], ['callData', 1024], ['caller', 24]] as const) {
					if (entry[field] !== undefined && String(entry[field]).length > max) return fail('02000003', `${field} too long`);
				}
				numbers.push(called);
			}
			if (new Set(numbers).size !== numbers.length) return fail('0200018', 'called number repeated');
			const blocked = numbers.filter((n) => this.blocklist.has(n));
			if (blocked.length) return fail('0200024', `blocklisted: ${blocked.join(',')}`);
			const stored = this.callData.get(key) ?? [];
			const added = (list as Array<Record<string, unknown>>).map((entry, n) => ({ ...entry, called: numbers[n], dataId: String(this.nextDataId++) }));
			stored.push(...added);
			this.callData.set(key, stored);
			return ok({
				returnObject: { totalSize: stored.length, dataIdList: added.map(({ called, dataId }) => ({ called, dataId })) },
				resultDesc: 'create data succeeded',
			});
		}

		const campaignPath = /^\/rest\/isales\/v1\/openapi\/campaigns\/(\d+)(?:\/([^/]+)(?:\/(pause|resume))?)?$/.exec(path);
		if (!campaignPath) return undefined;
		const [, vdnId, rawId, action] = campaignPath;
		const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
		const existing = id === undefined ? undefined : this.campaignConfigs.get(`${vdnId}/${id}`);

		if (method === 'GET' && id === undefined) {
			const params = new URLSearchParams(query);
			if (!params.has('status') || !params.has('deviceType')) return fail('02000001', 'status and deviceType are required');
			const status = Number(params.get('status'));
			const deviceType = Number(params.get('deviceType'));
			const rowsPerPage = Number(params.get('rowsPerPage') ?? 10);
			const curPage = Math.max(1, Number(params.get('curPage') ?? 1));
			if (!Number.isInteger(rowsPerPage) || rowsPerPage < 1 || rowsPerPage > 100) return fail('02000007', 'rowsPerPage out of range');
			const name = params.get('name');
			const matching = [...this.campaignConfigs.entries()]
				.filter(([key]) => key.startsWith(`${vdnId}/`))
				.map(([, campaign]) => campaign)
				.filter((c) => (status === 0 || c.status === status) && (deviceType === 0 || c.deviceType === deviceType))
				.filter((c) => !name || c.name.includes(name));
			const page = matching.slice((curPage - 1) * rowsPerPage, curPage * rowsPerPage);
			return ok({
				curPage,
				totalSize: matching.length,
				rowsPerPage,
				curSkillQueueCount: matching.filter((c) => [2, 5, 6].includes(c.deviceType)).length,
				curIvrCount: matching.filter((c) => [1, 3].includes(c.deviceType)).length,
				data: page.map((c) => ({ id: c.id, name: c.name, status: c.status, strBeginTime: c.strBeginTime, strEndTime: c.strEndTime, deviceType: c.deviceType, callerNo: c.callerNo })),
			});
		}

		if (method === 'PUT' && action !== undefined) {
			if (!existing) return fail('0200007', 'campaign not exist');
			if (action === 'pause') {
				if (existing.status !== 2) return fail('0200001', 'campaign is not running');
				existing.status = 3;
			} else {
				if (existing.status !== 3) return fail('0200001', 'campaign is not suspended');
				existing.status = 2;
			}
			return ok();
		}

		if ((method === 'POST' && id === undefined) || (method === 'PUT' && id !== undefined)) {
			const creating = method === 'POST';
			if (!creating && !existing) return fail('0200007', 'campaign not exist');
			if (existing?.status === 4) return fail('0200016', 'campaign has ended');
			const body = parse();
			if (!body) return fail('0200001', 'body is not a JSON object');
			const problem = this.campaignSettingsProblem(body, creating, existing);
			if (problem) return fail(problem[0], problem[1]);
			const sameName = [...this.campaignConfigs.entries()].find(([key, c]) => key.startsWith(`${vdnId}/`) && c.name === body.name && c !== existing);
			if (sameName) return fail('0200005', 'campaign name already exists');
			if (creating) {
				const skill = [2, 5, 6].includes(Number(body.deviceType));
				const active = [...this.campaignConfigs.values()].filter((c) => c.status !== 4 && [2, 5, 6].includes(c.deviceType) === skill);
				if (active.length >= 20) return fail(skill ? '0200003' : '0200004', 'campaign limit reached');
				const newId = this.defineCampaign(Number(vdnId), { ...body, deviceType: Number(body.deviceType) } as Partial<EmulatedCampaign>);
				return ok({ returnObject: { id: Number(newId) } });
			}
			Object.assign(existing!, body);
			return ok();
		}
		return undefined;
	}

	/** What iSales would refuse in a campaign's settings: [code, description], or undefined. */
	private campaignSettingsProblem(body: Record<string, unknown>, creating: boolean, existing?: EmulatedCampaign): [string, string] | undefined {
		const time = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
		if (typeof body.name !== 'string' || body.name === '') return ['02000001', 'name is empty'];
		if (body.name.length > 100) return ['02000003', 'name too long'];
		if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 200 || /["[\]=;<>]/.test(body.description))) {
			return ['02000002', 'description invalid'];
		}
		for (const field of ['strBeginTime', 'strEndTime']) {
			if (body[field] === undefined && !creating) continue;
			if (typeof body[field] !== 'string' || !time.test(body[field] as string)) return ['0200001', `${field} must be yyyy-MM-dd HH:mm:ss`];
		}
		const todayUtc = new Date().toISOString().slice(0, 10) + ' 00:00:00';
		if (typeof body.strBeginTime === 'string' && body.strBeginTime < todayUtc) return ['0200002', 'begin time before today'];
		const deviceType = Number(body.deviceType);
		if (![1, 2, 3, 5, 6].includes(deviceType)) return ['0200001', 'deviceType invalid'];
		if (existing && existing.deviceType !== deviceType) return ['0200001', 'deviceType cannot be changed'];
		if (typeof body.callerNo !== 'string' || !/^[0-9*#]{1,24}$/.test(body.callerNo)) return ['02000002', 'callerNo invalid'];
		const ringing = Number(body.maxAlertingTime);
		if (!Number.isInteger(ringing) || ringing < (deviceType === 5 ? 9 : 5) || ringing > 120) return ['02000007', 'maxAlertingTime out of range'];
		const schedule = body.scheduleParam as Record<string, unknown> | undefined;
		if (!schedule || typeof schedule !== 'object') return ['02000001', 'scheduleParam is empty'];
		for (const day of ['workday', 'holiday']) {
			for (let n = 1; n <= 3; n++) {
				for (const edge of ['Begin', 'End']) {
					const value = schedule[`${day}${edge}Time${n}`];
					if (value !== '' && value !== null && value !== undefined && !(typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value))) {
						return ['0200001', `${day}${edge}Time${n} invalid`];
					}
				}
			}
		}
		const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);
		if ([2, 5, 6].includes(deviceType) && !isObject(body.skillParam)) return ['02000009', 'skillParam is required for a skill queue campaign'];
		if ([1, 3].includes(deviceType) && !isObject(body.ivrParam)) return ['02000009', 'ivrParam is required for an IVR campaign'];
		if (body.callBackUrl !== undefined && (typeof body.callBackUrl !== 'string' || !/^https?:\/\//.test(body.callBackUrl))) return ['0200001', 'callBackUrl invalid'];
		return undefined;
	}
}

// ---- result push ("Calling Back Outbound Call Results"): iSales as the sender ----

/** One call result as iSales pushes it to a campaign's callBackUrl (documented fields, times in server local time). */
export function makePushResult(campaignId: string, n = 0, fields: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		campaignId,
		sessionId: `session-${n}`,
		called: `1390000${String(n).padStart(4, '0')}`,
		callTimeStr: `2024-03-01 09:${String(n % 60).padStart(2, '0')}:05`,
		callStatus: n % 3 === 0 ? 6 : 5,
		failCode: n % 3 === 0 ? '00000' : '00603',
		vdnId: 1,
		callId: `${1709254805 + n}-${1000 + n}`,
		customField: `crm-${n}`,
		recordPath: '',
		...fields,
	};
}

export interface IsalesPushReply {
	status: number;
	text: string;
}

/**
 * Sends result pushes the way iSales does: POST to the campaign's callBackUrl exactly as set
 * (so the token is whatever that URL carries), no header of its own, the body a bare JSON list.
 * Non-200 answers are resent as iSales documents: once at once, then (in real life) every 10
 * minutes; `deliver` stands for one push and its immediate retry.
 */
export class IsalesPushSender {
	readonly sent: Array<{ url: string; body: string; reply: IsalesPushReply }> = [];

	/** `callBackUrl`: the URL as the campaign stores it, e.g. `<Production URL>?token=<token>`. */
	constructor(readonly callBackUrl: string) {}

	/** The campaign's callBackUrl for a trigger's Production URL and a token (the form the README tells users to paste). */
	static callBackUrlFor(productionUrl: string, token: string): string {
		return `${productionUrl}?token=${token}`;
	}

	/** One POST of `results` (a list, serialised as iSales' Java does: compact JSON) or of a raw body. */
	async push(results: unknown[] | string | Buffer, url = this.callBackUrl): Promise<IsalesPushReply> {
		const body = Array.isArray(results) ? JSON.stringify(results) : results;
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body });
		const reply = { status: response.status, text: await response.text() };
		this.sent.push({ url, body: body.toString(), reply });
		return reply;
	}

	/** A push as iSales delivers it: when the answer is not HTTP 200, pushed once more at once. */
	async deliver(results: unknown[], url = this.callBackUrl): Promise<IsalesPushReply[]> {
		const first = await this.push(results, url);
		return first.status === 200 ? [first] : [first, await this.push(results, url)];
	}
}
