/**
 * icsoc Autocall emulator: an OAuth2 password-grant token endpoint (checks the form, counts
 * token requests, issues tokens that tests can expire, and can be made slow, failing,
 * silent or redirecting) and CDR search paged by `searchAfter`, answering HTTP 401 to an
 * unknown or expired token and refusing, with icsoc's envelope, a search whose fields do not
 * have the names and types of the vendor's page (seed 002_99ea987b9a177bc0). Search answers
 * records in the page's shape (camelCase, 1.3/1.4.2) and a string cursor, the last record's
 * callId (null on the last page); the CDR push's `data` is snake case (cdrPushData). Plus icsoc's side of
 * pushes: a PHP json_encode-compatible encoder, signing and AES-256-CFB encryption, written
 * here independently of the package's code so a bug there fails the tests. Also, with the same
 * tokens: project update (updateOrCreate, fields checked against icsoc's project page) and a
 * project's records (tasks/lists, paged by currentPage/perPage), and icsoc's reading of the
 * reply to a pre-call push (icsocReadsPreCallReply).
 */
import { createCipheriv, createHash } from 'crypto';

import { HttpEmulator, type EmulatedRequest, type EmulatedResponse } from './httpEmulator';

export interface IcsocAccount {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
}

/**
 * A CDR as CDR search answers it (seed 002_99ea987b9a177bc0, 1.3 and the example 1.4.2):
 * camelCase; ids, numbers and results as text; times unix seconds (0 = never) and durations as
 * integers. The user's answer time is `ansTime`, as in the example (the table says answerTime).
 * This is also the stored model: search answers records as they are stored.
 */
export interface EmulatedCdr {
	vccId: string;
	projectId: string;
	taskId: string;
	callId: string;
	caller: string;
	called: string;
	calledAreacode: string;
	calledAreaname: string;
	calledType: string;
	calledVendor: string;
	transCaller: string;
	transPhone: string;
	transAreacode: string;
	transAreaname: string;
	transType: string;
	transVendor: string;
	startTimeEe: number;
	ringTimeEe: number;
	answerTimeEe: number;
	endTimeEe: number;
	startTime: number;
	ringTime: number;
	ansTime: number;
	endTime: number;
	ansSecs: number;
	linkSecs: number;
	allSecs: number;
	callresult: string;
	endresult: string;
	userData: { tag: string; extId: string; proid: string; taskid: string };
}

/** The result of the seed's search example (1.4.2), as icsoc documents it. */
export const SEED_SEARCH_RESULT_EXAMPLE: Readonly<EmulatedCdr> = Object.freeze({
	vccId: '782',
	projectId: '10008',
	taskId: '13',
	callId: '6780056666542059520',
	caller: '010xxxx4343',
	called: '185xxxx2456',
	calledAreacode: '0755',
	calledAreaname: '广东 深圳',
	calledType: 'MOBILE',
	calledVendor: 'MOBILE',
	transCaller: '',
	transPhone: '',
	transAreacode: '',
	transAreaname: '',
	transType: '',
	transVendor: '',
	startTimeEe: 0,
	ringTimeEe: 0,
	answerTimeEe: 0,
	endTimeEe: 0,
	startTime: 1616491476,
	ringTime: 0,
	ansTime: 0,
	endTime: 1616491488,
	ansSecs: 0,
	linkSecs: 0,
	allSecs: 12,
	callresult: '0',
	endresult: '12',
	userData: { tag: 'autocall', extId: '1', proid: '10008', taskid: '13' },
});

/** Wall-clock "Y-m-d H:i:s" of a unix time in China Standard Time (UTC+8, no DST). */
export function chinaWallClock(unixSeconds: number): string {
	return new Date((unixSeconds + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The call id of makeCdr(index): `call-00001` for index 0. */
export function makeCdrCallId(index: number): string {
	return `call-${String(index + 1).padStart(5, '0')}`;
}

/** The index of the makeCdr record with this call id, or undefined when makeCdr gives no such id. */
export function makeCdrIndexOf(callId: string): number | undefined {
	const match = /^call-(\d+)$/.exec(callId);
	return match && Number(match[1]) >= 1 ? Number(match[1]) - 1 : undefined;
}

/**
 * The `index`-th (0-based) record of makeCdrs, built on its own, in the seed's shape. Calls
 * start a minute apart and end 30 s later; callresult cycles 0, 1, 2: 0 rang for 3 s and was
 * not answered, 1 and 2 were answered after 8 s, and 2 was then put through to an agent (the
 * `*TimeEe` leg) 2 s later.
 */
export function makeCdr(index: number, startUnix = 1_714_521_600 /* 2024-05-01 08:00 CST */): EmulatedCdr {
	const areas: Array<[string, string]> = [
		['010', '北京'],
		['021', '上海'],
		['020', '广州/深圳'],
		['0041', 'Zürich'],
	];
	const [calledAreacode, calledAreaname] = areas[index % areas.length];
	const projectId = index % 2 === 0 ? 'p-1' : 'p-2';
	const taskId = `t-${index % 5}`;
	const callresult = String(index % 3);
	const startTime = startUnix + index * 60;
	const endTime = startTime + 30;
	const answered = callresult !== '0';
	const ansTime = answered ? startTime + 8 : 0;
	const agent = callresult === '2';
	const answerTimeEe = agent ? ansTime + 5 : 0;
	return {
		vccId: '782',
		projectId,
		taskId,
		callId: makeCdrCallId(index),
		caller: '02158888888',
		called: `1851234${String(index).padStart(4, '0')}`,
		calledAreacode,
		calledAreaname,
		calledType: 'MOBILE',
		calledVendor: 'MOBILE',
		transCaller: agent ? '02158888888' : '',
		transPhone: agent ? '8001' : '',
		transAreacode: agent ? '021' : '',
		transAreaname: agent ? '上海' : '',
		transType: agent ? 'FIXED' : '',
		transVendor: agent ? 'TELECOM' : '',
		startTimeEe: agent ? ansTime + 2 : 0,
		ringTimeEe: agent ? ansTime + 3 : 0,
		answerTimeEe,
		endTimeEe: agent ? endTime : 0,
		startTime,
		ringTime: startTime + 3,
		ansTime,
		endTime,
		ansSecs: answered ? endTime - ansTime : 0,
		linkSecs: agent ? endTime - answerTimeEe : 0,
		allSecs: endTime - startTime,
		callresult,
		endresult: index % 2 === 0 ? '11' : '12',
		userData: { tag: 'autocall', extId: `ext-${index + 1}`, proid: projectId, taskid: taskId },
	};
}

export function makeCdrs(count: number, startUnix = 1_714_521_600 /* 2024-05-01 08:00 CST */): EmulatedCdr[] {
	return Array.from({ length: count }, (_, i) => makeCdr(i, startUnix));
}

/**
 * The `data` of the CDR push (seed 002_99ea987b9a177bc0, 2.2 and the example 2.4) about the
 * call `cdr` describes: snake case, numbers as text as in the example ("0"), no project_id or
 * task_id (user_data's proid and taskid carry them), `user_data` with `_tag` and `ext_id`.
 */
export function cdrPushData(cdr: EmulatedCdr): Record<string, unknown> {
	const text = (value: number) => String(value);
	return {
		vcc_id: cdr.vccId,
		call_id: cdr.callId,
		caller: cdr.caller,
		called: cdr.called,
		called_areacode: cdr.calledAreacode,
		called_areaname: cdr.calledAreaname,
		called_type: cdr.calledType,
		called_vendor: cdr.calledVendor,
		trans_caller: cdr.transCaller,
		trans_phone: cdr.transPhone,
		trans_areacode: cdr.transAreacode,
		trans_areaname: cdr.transAreaname,
		trans_type: cdr.transType,
		trans_vendor: cdr.transVendor,
		start_time_ee: text(cdr.startTimeEe),
		ring_time_ee: text(cdr.ringTimeEe),
		answer_time_ee: text(cdr.answerTimeEe),
		end_time_ee: text(cdr.endTimeEe),
		start_time: text(cdr.startTime),
		ring_time: text(cdr.ringTime),
		ans_time: text(cdr.ansTime),
		link_time: text(cdr.answerTimeEe),
		end_time: text(cdr.endTime),
		ans_secs: text(cdr.ansSecs),
		link_secs: text(cdr.linkSecs),
		all_secs: text(cdr.allSecs),
		callresult: cdr.callresult,
		endresult: cdr.endresult,
		call_context: 'mc_transque',
		call_exten: 'ivr_in',
		call_vars: '',
		record_file: '',
		user_data: { _tag: 'autocall:poc', ext_id: cdr.userData.extId, template_data: null, proid: cdr.userData.proid, taskid: cdr.userData.taskid },
		trans_agent: [],
	};
}

/** The push `data` of makeCdr(index). */
export function makeCdrPush(index: number): Record<string, unknown> {
	return cdrPushData(makeCdr(index));
}

export const MAX_PER_PAGE = 100;

/**
 * The request fields of CDR search as the seed (002_99ea987b9a177bc0, 1.2) types them:
 * `callresult` and `endresult` are strings ("0", "12" in its example), `perPage` an int,
 * `startTime` an object of "Y-m-d H:i:s" bounds.
 */
export const SEED_SEARCH_FIELD_TYPES: Readonly<Record<string, 'string' | 'int' | 'time range'>> = {
	searchAfter: 'string',
	callId: 'string',
	projectId: 'string',
	taskId: 'string',
	caller: 'string',
	called: 'string',
	callresult: 'string',
	endresult: 'string',
	perPage: 'int',
	startTime: 'time range',
};

/**
 * Inferred, not documented: icsoc's answer to a request field of the wrong type (a PHP
 * validator's refusal in the usual envelope, HTTP 200, non-zero code).
 */
export const FIELD_TYPE_ERROR_CODE = 1001;

/**
 * Why `body` (a JSON search request) does not match the seed's field names and types, or
 * undefined when it does. `searchAfter` is a string like the others: the cursor icsoc answers
 * with (1.3: string/null), sent back as it came.
 */
export function seedSearchFieldError(body: Record<string, unknown>): string | undefined {
	for (const [field, value] of Object.entries(body)) {
		const type = SEED_SEARCH_FIELD_TYPES[field];
		if (type === undefined) return `unknown field ${field}`;
		if (value === null) continue;
		if (type === 'string' && typeof value !== 'string') return `${field} must be a string, got ${JSON.stringify(value)}`;
		if (type === 'int' && !Number.isInteger(value)) return `${field} must be an integer, got ${JSON.stringify(value)}`;
		if (type === 'time range') {
			if (typeof value !== 'object' || Array.isArray(value)) return `${field} must be an object with gte and/or lte`;
			for (const [bound, text] of Object.entries(value as Record<string, unknown>)) {
				if (bound !== 'gte' && bound !== 'lte') return `${field}.${bound} is not gte or lte`;
				if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) {
					return `${field}.${bound} must be "Y-m-d H:i:s" text, got ${JSON.stringify(text)}`;
				}
			}
		}
	}
	return undefined;
}

export interface EmulatedSearch {
	perPage: number;
	/** The cursor sent (a string), or null on a first page. */
	searchAfter: unknown;
	filters: Record<string, unknown>;
}

export class IcsocEmulator extends HttpEmulator {
	cdrs: EmulatedCdr[] = [];

	/**
	 * When set, searches are answered from this many generated records (makeCdr(0) …
	 * makeCdr(count - 1), call ids call-00001 …) instead of `cdrs`, building only the page asked
	 * for, so large volumes (the bench pages through 100,000) cost the emulator no memory.
	 */
	generatedCdrCount?: number;

	/** Called with every accepted search before it is answered (the bench samples memory here). */
	onSearch?: (search: EmulatedSearch) => void;

	/** Token requests received (accepted or not). */
	tokenRequests = 0;

	/** Issued tokens → whether they still work. */
	readonly tokens = new Map<string, boolean>();

	/** perPage and searchAfter of every accepted search request, in order. */
	readonly searches: EmulatedSearch[] = [];

	/** Search requests to answer with this HTTP status before answering normally. */
	failNextSearches: number[] = [];

	/** Search requests rejected with HTTP 401. */
	unauthorizedSearches = 0;

	/** Search requests refused because a field's name or type differs from the seed's. */
	readonly fieldTypeRefusals: string[] = [];

	/** Search requests refused because their `searchAfter` is the call id of no record. */
	readonly cursorRefusals: string[] = [];

	/** How long the token endpoint takes to answer, in ms (lets concurrent fetches overlap). */
	tokenDelayMs = 0;

	/** Token requests to answer with this HTTP status (and no token) before answering normally. */
	failNextTokens: number[] = [];

	/** When set, the token endpoint answers every request with this redirect instead. */
	tokenRedirect?: { status: number; location: string };

	/** When true, the token endpoint accepts requests and never answers. */
	tokenSilent = false;

	constructor(private readonly account: IcsocAccount) {
		super((request) => this.handle(request));
	}

	get tokenUrl(): string {
		return `${this.baseUrl}/oauth2/token`;
	}

	/** Makes every issued token fail from now on, as after its 24 hours. */
	expireAllTokens(): void {
		for (const token of this.tokens.keys()) this.tokens.set(token, false);
	}

	private handle(request: EmulatedRequest): EmulatedResponse | Promise<EmulatedResponse> {
		if (request.path === '/oauth2/token') return this.token(request);
		if (request.path === '/api/v1/cdr/search') return this.search(request);
		if (request.path === PROJECT_UPDATE_PATH) return this.updateProject(request);
		if (request.path === TASK_LIST_PATH) return this.listTasks(request);
		return { status: 404, body: { code: 404, message: 'not found' } };
	}

	// ---- projects and their records (task data), with the same tokens as CDR search ----------

	/** Projects by id: what updateOrCreate changes. */
	readonly projects = new Map<number, EmulatedProject>();

	/** Every accepted updateOrCreate body, in order. */
	readonly projectUpdates: Array<Record<string, unknown>> = [];

	/** Records (one number each) of all projects; the list answers a project's in this order. */
	taskRecords: EmulatedTaskRecord[] = [];

	/** Every accepted tasks/lists request, in order. */
	readonly taskListRequests: Array<Record<string, unknown>> = [];

	/** updateOrCreate requests to answer with this HTTP status before answering normally (after applying the update when `applied`). */
	failNextProjectUpdates: Array<{ status: number; applied: boolean }> = [];

	/** When set, tasks/lists answers success with this as `data` (a changed API, a wrong Base URL). */
	taskListDataOverride?: unknown;

	/** Refusals of updateOrCreate and tasks/lists because a field's name or type is not icsoc's. */
	readonly projectFieldRefusals: string[] = [];

	/** The 401 icsoc gives a request without a valid token, or undefined when it has one. */
	private bearerRefusal(request: EmulatedRequest): EmulatedResponse | undefined {
		const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
		if (match && this.tokens.get(match[1]) === true) return undefined;
		this.unauthorizedSearches++;
		return { status: 401, body: { code: 401, message: 'Unauthorized' } };
	}

	private jsonBody(request: EmulatedRequest): Record<string, unknown> {
		if (request.method === 'GET') return Object.fromEntries(request.query);
		const parsed = JSON.parse(request.rawBody || '{}') as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	}

	private updateProject(request: EmulatedRequest): EmulatedResponse {
		const refused = this.bearerRefusal(request);
		if (refused) return refused;
		if (request.method !== 'POST' && request.method !== 'PUT') return { status: 405, body: { code: 405, message: 'method not allowed' } };
		const body = this.jsonBody(request);
		const fieldError = projectFieldError(body);
		if (fieldError !== undefined) {
			this.projectFieldRefusals.push(fieldError);
			return { body: { code: FIELD_TYPE_ERROR_CODE, message: fieldError, data: null } };
		}
		const project = this.projects.get(body.id as number);
		if (!project) return { body: { code: PROJECT_NOT_FOUND_CODE, message: '项目不存在', data: null } };
		const failure = this.failNextProjectUpdates.shift();
		if (failure && !failure.applied) return { status: failure.status, body: 'Bad Gateway' };
		this.projectUpdates.push(body);
		const { id: _id, ...changes } = body;
		Object.assign(project, changes);
		if (failure) return { status: failure.status, body: 'Bad Gateway' };
		return { body: { code: 0, message: '操作成功', data: { id: project.id } } };
	}

	private listTasks(request: EmulatedRequest): EmulatedResponse {
		const refused = this.bearerRefusal(request);
		if (refused) return refused;
		const body = this.jsonBody(request);
		const fieldError = request.method === 'GET' ? undefined : taskListFieldError(body);
		if (fieldError !== undefined) {
			this.projectFieldRefusals.push(fieldError);
			return { body: { code: FIELD_TYPE_ERROR_CODE, message: fieldError, data: null } };
		}
		this.taskListRequests.push(body);
		if (this.taskListDataOverride !== undefined) return { body: { code: 0, message: '操作成功', data: this.taskListDataOverride } };
		const projectId = Number(body.projectId);
		const currentPage = Number(body.currentPage ?? 1);
		const perPage = Number(body.perPage ?? 15);
		const matching = this.taskRecords.filter(
			(record) =>
				record.projectId === projectId &&
				(body.phone === undefined || record.phone === body.phone) &&
				(body.callResult === undefined || record.callResult === Number(body.callResult)),
		);
		const totalPage = Math.ceil(matching.length / perPage);
		const results = matching.slice((currentPage - 1) * perPage, currentPage * perPage);
		return {
			body: {
				code: 0,
				message: '操作成功',
				request_id: createHash('md5').update(String(this.taskListRequests.length)).digest('hex'),
				data: { currentPage, totalPage, perPage, total: matching.length, empty: matching.length === 0, results },
			},
		};
	}

	private async token(request: EmulatedRequest): Promise<EmulatedResponse> {
		this.tokenRequests++;
		if (this.tokenSilent) return await new Promise<never>(() => {});
		if (this.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
		if (this.tokenRedirect) {
			return { status: this.tokenRedirect.status, body: '', headers: { Location: this.tokenRedirect.location } };
		}
		const failure = this.failNextTokens.shift();
		if (failure !== undefined) return { status: failure, body: { error: 'temporarily_unavailable' } };
		if (request.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
		if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
			return { status: 400, body: { error: 'invalid_request', error_description: 'form body expected' } };
		}
		const form = new URLSearchParams(request.rawBody);
		for (const field of ['client_id', 'client_secret', 'grant_type', 'username', 'password', 'scope']) {
			if (!form.get(field)) {
				return { status: 400, body: { error: 'invalid_request', error_description: `missing ${field}` } };
			}
		}
		if (form.get('grant_type') !== 'password') return { status: 400, body: { error: 'unsupported_grant_type' } };
		if (form.get('scope') !== 'openid') return { status: 400, body: { error: 'invalid_scope' } };
		if (form.get('client_id') !== this.account.clientId || form.get('client_secret') !== this.account.clientSecret) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		}
		if (form.get('username') !== this.account.username || form.get('password') !== this.account.password) {
			return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid username and password combination' } };
		}
		const token = `tok-${this.tokenRequests}-${createHash('md5').update(String(Math.random())).digest('hex')}`;
		this.tokens.set(token, true);
		return {
			body: { access_token: token, expires_in: 86400, token_type: 'Bearer', refresh_token: `refresh-${token}`, scope: 'openid' },
		};
	}

	private search(request: EmulatedRequest): EmulatedResponse {
		const match = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''));
		if (!match || this.tokens.get(match[1]) !== true) {
			this.unauthorizedSearches++;
			return { status: 401, body: { code: 401, message: 'Unauthorized' } };
		}
		const failure = this.failNextSearches.shift();
		if (failure !== undefined) return { status: failure, body: 'Service Unavailable' };

		const params = (request.method === 'GET' ? Object.fromEntries(request.query) : JSON.parse(request.rawBody || '{}')) as Record<
			string,
			unknown
		>;
		// A query string has no types; a JSON body must type its fields as the seed does.
		const fieldError = request.method === 'GET' ? undefined : seedSearchFieldError(params);
		if (fieldError !== undefined) {
			this.fieldTypeRefusals.push(fieldError);
			return { body: { code: FIELD_TYPE_ERROR_CODE, message: fieldError, data: null } };
		}
		const { perPage: rawPerPage = 20, searchAfter = null, ...filters } = params;
		const perPage = Number(rawPerPage);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
			return { body: { code: 1001, message: `perPage must be 1..${MAX_PER_PAGE}` } };
		}
		if (filters.projectId === 'forbidden') return { body: { code: 4003, message: '无权限访问该项目' } };
		// The cursor is the call id of the last record of the previous page (as in the seed's
		// example, 1.4.2): the next page starts after that record. Records are in stored order
		// (makeCdrs: call id and start time ascending), as icsoc's index sorts them.
		// Inferred, not documented: a cursor that is no record's call id is refused.
		let from = 0;
		if (searchAfter !== null) {
			const cursor = String(searchAfter);
			const position =
				this.generatedCdrCount !== undefined
					? makeCdrIndexOf(cursor)
					: this.cdrs.findIndex((cdr) => cdr.callId === cursor);
			if (position === undefined || position < 0 || (this.generatedCdrCount !== undefined && position >= this.generatedCdrCount)) {
				const message = `searchAfter ${JSON.stringify(searchAfter)} is not a call of these results`;
				this.cursorRefusals.push(message);
				return { body: { code: FIELD_TYPE_ERROR_CODE, message, data: null } };
			}
			from = position + 1;
		}
		this.searches.push({ perPage, searchAfter, filters });
		this.onSearch?.({ perPage, searchAfter, filters });

		const page: EmulatedCdr[] = [];
		let more = false;
		const total = this.generatedCdrCount ?? this.cdrs.length;
		for (let index = from; index < total; index++) {
			const cdr = this.generatedCdrCount !== undefined ? makeCdr(index) : this.cdrs[index];
			if (!cdrMatches(cdr, filters)) continue;
			if (page.length === perPage) {
				more = true;
				break;
			}
			page.push(cdr);
		}
		return {
			body: {
				code: 0,
				message: '操作成功',
				request_id: createHash('md5').update(`search-${this.searches.length}`).digest('hex'),
				data: { results: page, searchAfter: more ? page[page.length - 1].callId : null },
			},
		};
	}
}

// ---- projects and task data (icsoc's project and data-list pages) ------------------------

export const PROJECT_UPDATE_PATH = '/api/v3/projects/updateOrCreate';
export const TASK_LIST_PATH = '/api/v1/poc/tasks/lists';

/** Inferred, not documented: icsoc's answer to an update of a project it does not have. */
export const PROJECT_NOT_FOUND_CODE = 1002;

export interface EmulatedProject {
	id: number;
	name: string;
	type: number;
	status: number;
	concurrent: number;
	callers: string[];
	priority: number;
	worktime?: unknown;
	[key: string]: unknown;
}

export function makeProject(id: number, overrides: Partial<EmulatedProject> = {}): EmulatedProject {
	return { id, name: `project ${id}`, type: 1, status: 0, concurrent: 10, callers: ['02158888888'], priority: 100, ...overrides };
}

/** A record of a project as the data-list page shows one (1.4.2). */
export interface EmulatedTaskRecord {
	id: number;
	projectId: number;
	projectName: string;
	importId: number;
	batchNum: string;
	phone: string;
	customerId: string;
	callResult: number;
	callResultString: string;
	expiredAt: number;
	priority: number;
	startedAt: string | null;
	connectedAt: string | null;
	endedAt: string | null;
	calledTimes: number;
	canceledAt: string | null;
	nextQueueTime: string | null;
	[key: string]: unknown;
}

const TASK_CALL_RESULTS = [-3, -2, -1, 0, 1];
const TASK_CALL_RESULT_TEXT: Record<number, string> = { [-3]: '已取消', [-2]: '未呼叫', [-1]: '重呼中', 0: '未接通', 1: '接通' };

/** The `index`-th (0-based) record of project `projectId` (id projectId * 100000 + index + 1). */
export function makeTaskRecord(projectId: number, index: number): EmulatedTaskRecord {
	const callResult = TASK_CALL_RESULTS[index % TASK_CALL_RESULTS.length];
	const dialled = callResult === 0 || callResult === 1 || callResult === -1;
	const started = 1_714_521_600 + index * 60; // 2024-05-01 08:00 CST onwards
	return {
		id: projectId * 100_000 + index + 1,
		projectId,
		projectName: `project ${projectId}`,
		importId: 1,
		batchNum: '20240501080000',
		phone: `1851234${String(index).padStart(4, '0')}`,
		customerId: `cust-${index}`,
		callResult,
		callResultString: TASK_CALL_RESULT_TEXT[callResult],
		expiredAt: index % 2 === 0 ? 4294967295 : started + 86_400,
		priority: 1,
		startedAt: dialled ? chinaWallClock(started) : null,
		connectedAt: callResult === 1 ? chinaWallClock(started + 10) : null,
		endedAt: dialled ? chinaWallClock(started + 40) : null,
		calledTimes: dialled ? 1 : 0,
		canceledAt: callResult === -3 ? chinaWallClock(started) : null,
		nextQueueTime: callResult === -1 ? chinaWallClock(started + 600) : null,
	};
}

export function makeTaskRecords(projectId: number, count: number): EmulatedTaskRecord[] {
	return Array.from({ length: count }, (_, index) => makeTaskRecord(projectId, index));
}

/** The inputs of updateOrCreate (project page 1.2) this emulator checks, with their types. */
const PROJECT_FIELD_TYPES: Readonly<Record<string, 'int' | 'string' | 'string list' | 'object'>> = {
	id: 'int',
	dept_id: 'int',
	type: 'int',
	name: 'string',
	status: 'int',
	priority: 'int',
	concurrent: 'int',
	callers: 'string list',
	max_conn_secs: 'int',
	timeout_secs: 'int',
	max_queue_secs: 'int',
	worktime: 'object',
};

/** Why an update body does not have the page's names and types, or undefined when it does. */
export function projectFieldError(body: Record<string, unknown>): string | undefined {
	if (body.id === undefined) return 'id is required to update a project (creating one is not emulated)';
	for (const [field, value] of Object.entries(body)) {
		const type = PROJECT_FIELD_TYPES[field];
		if (type === undefined) return `unknown field ${field}`;
		if (type === 'int' && !Number.isInteger(value)) return `${field} must be an integer, got ${JSON.stringify(value)}`;
		if (type === 'string' && typeof value !== 'string') return `${field} must be a string, got ${JSON.stringify(value)}`;
		if (type === 'string list' && !(Array.isArray(value) && value.every((entry) => typeof entry === 'string'))) {
			return `${field} must be a list of strings, got ${JSON.stringify(value)}`;
		}
		if (type === 'object' && (value === null || typeof value !== 'object')) return `${field} must be an object, got ${JSON.stringify(value)}`;
	}
	if (body.status !== undefined && ![0, 1, 2].includes(body.status as number)) return `status must be 0, 1 or 2, got ${String(body.status)}`;
	if (body.priority !== undefined && ((body.priority as number) < 0 || (body.priority as number) > 255)) return 'priority must be 0..255';
	return undefined;
}

/** The largest perPage the emulated list takes (inferred, as for CDR search). */
export const MAX_TASKS_PER_PAGE = 100;

/** Why a tasks/lists body does not have the page's names and types, or undefined when it does. */
export function taskListFieldError(body: Record<string, unknown>): string | undefined {
	const types: Record<string, 'int' | 'string'> = { projectId: 'int', phone: 'string', callResult: 'int', currentPage: 'int', perPage: 'int' };
	if (body.projectId === undefined) return 'projectId is required';
	for (const [field, value] of Object.entries(body)) {
		const type = types[field];
		if (type === undefined) return `unknown field ${field}`;
		if (type === 'int' && !Number.isInteger(value)) return `${field} must be an integer, got ${JSON.stringify(value)}`;
		if (type === 'string' && typeof value !== 'string') return `${field} must be a string, got ${JSON.stringify(value)}`;
	}
	if (body.callResult !== undefined && !TASK_CALL_RESULTS.includes(body.callResult as number)) return 'callResult must be -3..1';
	if (body.currentPage !== undefined && (body.currentPage as number) < 1) return 'currentPage must be at least 1';
	if (body.perPage !== undefined && ((body.perPage as number) < 1 || (body.perPage as number) > MAX_TASKS_PER_PAGE)) {
		return `perPage must be 1..${MAX_TASKS_PER_PAGE}`;
	}
	return undefined;
}

function cdrMatches(cdr: EmulatedCdr, filters: Record<string, unknown>): boolean {
	const startTime = (filters.startTime ?? {}) as { gte?: string; lte?: string };
	return (
		(filters.callId === undefined || cdr.callId === filters.callId) &&
		(filters.projectId === undefined || cdr.projectId === filters.projectId) &&
		(filters.taskId === undefined || cdr.taskId === filters.taskId) &&
		(filters.caller === undefined || cdr.caller === filters.caller) &&
		(filters.called === undefined || cdr.called === filters.called) &&
		(filters.callresult === undefined || cdr.callresult === String(filters.callresult)) &&
		(filters.endresult === undefined || cdr.endresult === String(filters.endresult)) &&
		(startTime.gte === undefined || chinaWallClock(cdr.startTime) >= startTime.gte) &&
		(startTime.lte === undefined || chinaWallClock(cdr.startTime) <= startTime.lte)
	);
}

// ---- icsoc's side of pushes -------------------------------------------------------------

/** PHP json_encode with default flags: no spaces, `\/`, non-ASCII as lower-case `\uXXXX`. */
export function phpJsonEncode(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (typeof value === 'string') {
		let out = '"';
		for (const char of value) {
			const code = char.codePointAt(0)!;
			if (char === '"') out += '\\"';
			else if (char === '\\') out += '\\\\';
			else if (char === '/') out += '\\/';
			else if (char === '\n') out += '\\n';
			else if (char === '\r') out += '\\r';
			else if (char === '\t') out += '\\t';
			else if (char === '\b') out += '\\b';
			else if (char === '\f') out += '\\f';
			else if (code < 0x20 || code > 0x7e) {
				// UTF-16 units, as PHP writes astral characters as surrogate pairs.
				for (let i = 0; i < char.length; i++) out += '\\u' + char.charCodeAt(i).toString(16).padStart(4, '0');
			} else out += char;
		}
		return out + '"';
	}
	if (Array.isArray(value)) return '[' + value.map(phpJsonEncode).join(',') + ']';
	return (
		'{' +
		Object.entries(value as Record<string, unknown>)
			.map(([key, entry]) => phpJsonEncode(key) + ':' + phpJsonEncode(entry))
			.join(',') +
		'}'
	);
}

function icsocKey(secret: string): Buffer {
	const bytes = Buffer.from(secret, 'utf8');
	return bytes.length >= 32 ? bytes.subarray(0, 32) : Buffer.concat([bytes, Buffer.alloc(32 - bytes.length)]);
}

/** openssl_encrypt(json, 'aes-256-cfb', key, 0, iv) as icsoc calls it: base64 text. */
export function icsocEncrypt(plain: string, secret: string): string {
	const key = icsocKey(secret);
	const cipher = createCipheriv('aes-256-cfb', key, key.subarray(0, 16));
	return Buffer.concat([cipher.update(Buffer.from(plain, 'utf8')), cipher.final()]).toString('base64');
}

export function icsocSign(text: string, secret: string): string {
	return createHash('md5').update(Buffer.from(text + secret, 'utf8')).digest('hex');
}

export interface PushOptions {
	type: 1 | 2;
	data: unknown;
	secret: string;
	encrypt?: boolean;
	timestamp?: string;
}

/** The raw body icsoc POSTs for a push. */
export function icsocPushBody({ type, data, secret, encrypt = false, timestamp = '2024-05-01 12:00:00' }: PushOptions): string {
	const json = phpJsonEncode(data);
	const payload = encrypt ? icsocEncrypt(json, secret) : data;
	const sign = icsocSign(encrypt ? (payload as string) : json, secret);
	return phpJsonEncode({ type, sign, timestamp, data: '__DATA__' }).replace('"__DATA__"', () => phpJsonEncode(payload));
}

// ---- icsoc reading the reply to a pre-call push -----------------------------------------

/** A record of a pre-call push (type 2), as icsoc's page lists it: project_id and task_id are ints. */
export interface PreCallRecord {
	project_id: number;
	task_id: number;
	ext_id: string;
	phone: string;
}

export interface PreCallOutcome {
	/** Whether icsoc used the reply's data (HTTP 200, JSON, code 0). */
	replyUsed: boolean;
	/** The records icsoc dials, each with the caller number the reply set (undefined: the project's own). */
	dialled: Array<PreCallRecord & { caller?: string }>;
	/** The records icsoc does not dial. */
	rejected: PreCallRecord[];
}

/**
 * What icsoc does with the reply to a pre-call push, as its page says: `code` 0 = the reply is
 * read (records in `data.reject` are not dialled, those in `data.caller` are dialled from that
 * caller); any other code = the reply's data is ignored and every record is dialled as
 * planned. A reply that is not HTTP 200 or not JSON with a `code` is treated the same way:
 * inferred, not documented (the page describes only the body). IDs compare as numbers.
 */
export function icsocReadsPreCallReply(records: readonly PreCallRecord[], reply: { status: number; text: string }): PreCallOutcome {
	let body: unknown;
	try {
		body = JSON.parse(reply.text);
	} catch {
		body = undefined;
	}
	const envelope = body !== null && typeof body === 'object' ? (body as { code?: unknown; data?: unknown }) : {};
	const replyUsed = reply.status === 200 && envelope.code !== undefined && Number(envelope.code) === 0;
	if (!replyUsed) return { replyUsed, dialled: records.map((record) => ({ ...record })), rejected: [] };
	const data = envelope.data !== null && typeof envelope.data === 'object' ? (envelope.data as { reject?: unknown; caller?: unknown }) : {};
	const key = (entry: { project_id?: unknown; task_id?: unknown }) => `${Number(entry.project_id)}/${Number(entry.task_id)}`;
	const rejectedKeys = new Set((Array.isArray(data.reject) ? data.reject : []).map(key));
	const callers = new Map<string, string>(
		(Array.isArray(data.caller) ? (data.caller as Array<{ caller?: unknown }>) : []).map((entry) => [key(entry as { project_id?: unknown }), String(entry.caller)]),
	);
	return {
		replyUsed,
		dialled: records.filter((record) => !rejectedKeys.has(key(record))).map((record) => ({ ...record, caller: callers.get(key(record)) })),
		rejected: records.filter((record) => rejectedKeys.has(key(record))),
	};
}
