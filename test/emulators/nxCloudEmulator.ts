/**
 * NXCloud Callbot v3 emulator: checks headers and signatures as the vendor does (its own
 * implementation of the rule, not the package's) and answers retCode 6 to a bad signature.
 */
import { createHash } from 'crypto';

import { HttpEmulator, type EmulatedRequest, type EmulatedResponse } from './httpEmulator';

export interface NxCloudAccount {
	uuid: string;
	secretKey: string;
}

export interface EmulatedOrder {
	orderID: string;
	userTaskID: string;
	userPhone: string;
	callInfoDetailList: Array<Record<string, unknown>>;
	[key: string]: unknown;
}

let responseCounter = 0;

function vendorSign(secretKey: string, body: string, createTs: string, requestId: string, uuid: string, algorithm: string) {
	const text = secretKey + '&body=' + body + '&createTs=' + createTs + '&requestID=' + requestId + '&uuid=' + uuid;
	return createHash(algorithm === 'SHA256' ? 'sha256' : 'md5').update(text).digest('hex').toUpperCase();
}

export function makeOrder(userTaskID: string, orderID: string, calls = 2): EmulatedOrder {
	const base = 1_700_000_000 + Number(orderID.replace(/\D/g, '') || 0);
	// The fields in the order of the API page's example.
	return {
		orderID,
		userPhone: `1380000${orderID.replace(/\D/g, '').padStart(4, '0').slice(-4)}`,
		userName: `客户 ${orderID}`,
		sceneID: 'scene-1',
		userTaskID,
		taskID: `t-${userTaskID}`,
		finish: true,
		other: '',
		callInfoDetailList: Array.from({ length: calls }, (_, n) => ({
			callID: `${orderID}-call-${n + 1}`,
			callStatus: n === calls - 1 ? 6 : 10,
			callStartTs: base + n * 60,
			callAnswerTs: n === calls - 1 ? base + n * 60 + 5 : 0,
			callEndTs: base + n * 60 + 30,
			callDuration: n === calls - 1 ? 25 : 0,
			callAudioUrl: '',
			hangupCause: 'NORMAL_CLEARING',
			intents: [],
			sms: [],
			agent: { agentName: null, agentCallStatus: null, manualHangupBy: 0 },
			params: [],
			recordDetail: [{ recordRole: 0, recordType: 8, content: '您好' }],
		})),
	};
}

export class NxCloudEmulator extends HttpEmulator {
	/** userTaskID → orderID → order */
	readonly tasks = new Map<string, Map<string, EmulatedOrder>>();

	/** Answers to give before normal service, one per request (e.g. { retCode: 7 }). */
	readonly scriptedFailures: EmulatedResponse[] = [];

	/** Task records for listTask / mgrTaskStatus (status per userTaskID). */
	readonly taskRecords: Array<{ userTaskID: string; taskID: string; taskName: string; taskStatus: number; createTs: number }> = [];

	/** listOrderDetail answers orders last-asked first (the API does not promise any order). */
	answerInReverse = false;

	/** listOrderDetail: how many order IDs each request carried. */
	readonly orderListSizes: number[] = [];

	constructor(readonly account: NxCloudAccount) {
		super((request) => this.handle(request));
	}

	addOrders(userTaskID: string, orderIds: string[], calls = 2): void {
		let task = this.tasks.get(userTaskID);
		if (!task) this.tasks.set(userTaskID, (task = new Map()));
		for (const id of orderIds) task.set(id, makeOrder(userTaskID, id, calls));
	}

	private envelope(retCode: number, retMsg: string, extra: Record<string, unknown> = {}): EmulatedResponse {
		return { body: { retCode, retMsg, responseID: `resp-${++responseCounter}`, ...extra } };
	}

	private handle(request: EmulatedRequest): EmulatedResponse {
		const prefix = '/callcentre/api/v3/';
		if (request.method !== 'POST' || !request.path.startsWith(prefix)) {
			return { status: 404, body: '404 page not found' };
		}
		const h = request.headers;
		const header = (name: string) => (typeof h[name.toLowerCase()] === 'string' ? (h[name.toLowerCase()] as string) : '');
		const [requestId, uuid, createTs, sign] = ['requestID', 'uuid', 'createTs', 'sign'].map(header);
		const algorithm = header('algorithm') || 'MD5';
		if (!sign) return this.envelope(6001, 'missing sign');
		if (!requestId || !createTs || !uuid) return this.envelope(2, 'missing header');
		if (uuid !== this.account.uuid) return this.envelope(6002, 'account not exist');
		if (Math.abs(Number(createTs) - Date.now() / 1000) > 300) return this.envelope(6, 'createTs expired');
		if (sign !== vendorSign(this.account.secretKey, request.rawBody, createTs, requestId, uuid, algorithm)) {
			return this.envelope(6, 'sign error');
		}
		const scripted = this.scriptedFailures.shift();
		if (scripted) return scripted;

		let body: Record<string, unknown>;
		try {
			body = JSON.parse(request.rawBody) as Record<string, unknown>;
		} catch {
			return this.envelope(3, 'body is not json');
		}
		if (body.productID !== 'callbot') return this.envelope(4, 'productID must be callbot');
		const endpoint = request.path.slice(prefix.length);
		switch (endpoint) {
			case 'ping':
				return { body: { data: body.data, timestamp: Date.now(), code: 0, msg: 'success', reqId: requestId } };
			case 'listOrderDetail':
				return this.listOrderDetail(body);
			case 'stopOrder':
				return this.stopOrder(body);
			case 'addBatchCall':
				return this.addBatchCall(body);
			case 'listTask':
				return this.listTask(body);
			case 'mgrTaskStatus':
				return this.mgrTaskStatus(body);
			default:
				return { status: 404, body: '404 page not found' };
		}
	}

	private listOrderDetail(body: Record<string, unknown>): EmulatedResponse {
		const { userTaskID, orderList } = body;
		if (typeof userTaskID !== 'string' || !Array.isArray(orderList)) return this.envelope(2, 'missing parameter');
		if (orderList.length > 500) return this.envelope(4001, 'orderList max 500');
		this.orderListSizes.push(orderList.length);
		const task = this.tasks.get(userTaskID);
		if (!task) return this.envelope(4, 'userTaskID not exist');
		const orderDetailList = orderList.map((id) => task.get(String(id))).filter(Boolean);
		if (this.answerInReverse) orderDetailList.reverse();
		return this.envelope(0, 'success', { orderDetailList });
	}

	private stopOrder(body: Record<string, unknown>): EmulatedResponse {
		const { userTaskID, orderIDs, delCall } = body;
		if (typeof userTaskID !== 'string' || !Array.isArray(orderIDs)) return this.envelope(2, 'missing parameter');
		if (delCall !== 0 && delCall !== 1) return this.envelope(3, 'delCall must be 0 or 1');
		const task = this.tasks.get(userTaskID);
		if (!task) return this.envelope(4, 'userTaskID not exist');
		const errList = orderIDs
			.filter((id) => !task.has(String(id)))
			.map((id) => ({ orderID: id, errMsg: 'order not exist' }));
		return this.envelope(0, 'success', {
			totalCount: orderIDs.length,
			successCount: orderIDs.length - errList.length,
			errList,
			delCall,
		});
	}

	private listTask(body: Record<string, unknown>): EmulatedResponse {
		const { page, size, queryConditions } = body as { page: unknown; size: unknown; queryConditions: Record<string, unknown> };
		if (!Number.isInteger(page) || !Number.isInteger(size) || (page as number) < 1) return this.envelope(3, 'page/size');
		if (typeof queryConditions !== 'object' || queryConditions === null) return this.envelope(2, 'missing queryConditions');
		const { taskStatus, userTaskID, startTs, endTs } = queryConditions as Record<string, unknown>;
		const matching = this.taskRecords.filter(
			(t) =>
				(!Array.isArray(taskStatus) || taskStatus.includes(t.taskStatus)) &&
				(!Array.isArray(userTaskID) || userTaskID.includes(t.userTaskID)) &&
				(typeof startTs !== 'number' || t.createTs >= startTs) &&
				(typeof endTs !== 'number' || t.createTs <= endTs),
		);
		const from = ((page as number) - 1) * (size as number);
		return this.envelope(0, 'success', { taskData: matching.slice(from, from + (size as number)) });
	}

	private mgrTaskStatus(body: Record<string, unknown>): EmulatedResponse {
		const { userTaskID, taskOperate } = body;
		const task = this.taskRecords.find((t) => t.userTaskID === userTaskID);
		if (!task) return this.envelope(4, 'userTaskID not exist');
		const next = { 1: 2, 2: 5, 3: 3 }[taskOperate as 1 | 2 | 3];
		if (next === undefined) return this.envelope(4, 'taskOperate must be 1, 2 or 3');
		task.taskStatus = next;
		return this.envelope(0, 'success', { taskID: task.taskID, taskStatus: task.taskStatus });
	}

	/** addBatchCall: how many orders each request carried. */
	readonly addedBatchSizes: number[] = [];

	private addBatchCall(body: Record<string, unknown>): EmulatedResponse {
		const { userTaskID, callInfoList } = body as { userTaskID: unknown; callInfoList: Record<string, unknown> };
		if (typeof userTaskID !== 'string' || !callInfoList || !Array.isArray(callInfoList.callList)) {
			return this.envelope(2, 'missing parameter');
		}
		const task = this.tasks.get(userTaskID);
		if (!task) return this.envelope(4, 'userTaskID not exist');
		const callList = callInfoList.callList as Array<Record<string, unknown>>;
		this.addedBatchSizes.push(callList.length);
		const errList: Array<Record<string, unknown>> = [];
		for (const call of callList) {
			const orderID = String(call.orderID);
			if (task.has(orderID)) errList.push({ orderID, errMsg: 'orderID already exists' });
			else task.set(orderID, { ...makeOrder(userTaskID, orderID, 0), userPhone: String(call.userPhone), params: call.params });
		}
		return this.envelope(0, 'success', { totalCount: callList.length, successCount: callList.length - errList.length, errList });
	}
}

/*
 * NXCloud's side of pushes (order result, each call, task status), written from the vendor's
 * description independently of the package's code: bodies shaped as documented, signed like
 * requests over the exact bytes sent (headers requestID, uuid, createTs, sign; no algorithm
 * header), the algorithm being the one chosen in the console.
 */

export type NxCloudPushAlgorithm = 'MD5' | 'SHA256';

export interface NxCloudPushSigning {
	algorithm?: NxCloudPushAlgorithm;
	/** Unix seconds; now by default. */
	createTs?: number | string;
	requestId?: string;
}

export interface SignedNxCloudPush {
	/** The exact body text sent. */
	body: string;
	headers: { requestID: string; uuid: string; createTs: string; sign: string };
}

let pushCounter = 0;

/** `push` (an object, serialised once, or the exact text) with the headers NXCloud signs it with. */
export function signNxCloudPush(account: NxCloudAccount, push: object | string, signing: NxCloudPushSigning = {}): SignedNxCloudPush {
	const body = typeof push === 'string' ? push : JSON.stringify(push);
	const createTs = String(signing.createTs ?? Math.floor(Date.now() / 1000));
	const requestID = signing.requestId ?? `push-${process.pid}-${++pushCounter}-${Date.now().toString(16)}`;
	const sign = vendorSign(account.secretKey, body, createTs, requestID, account.uuid, signing.algorithm ?? 'MD5');
	return { body, headers: { requestID, uuid: account.uuid, createTs, sign } };
}

/** One call as pushed in `callInfoDetail` (documented fields). */
export function makePushedCall(callID: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const start = 1_714_521_600;
	return {
		callID,
		callStatus: 6,
		callStartTs: start,
		callAnswerTs: start + 5,
		callEndTs: start + 65,
		callDuration: 60,
		callAudioUrl: `https://record.nxcloud.com/${callID}.mp3`,
		hangupCause: 'NORMAL_CLEARING',
		termSipCode: '200',
		intents: [{ intentID: 11, intentTag: 'A', intentName: '有意向', intentLevel: 1 }],
		sms: [{ smsSendTs: start + 70, sysMessageID: 'sms-1', smsContent: '感谢接听' }],
		agent: {
			agentName: '',
			agentGroup: '',
			agentCallStatus: 4,
			agentCallElapsed: 0,
			agentLabel: '',
			manualCallStart: 0,
			manualCallAnswer: 0,
			manualCallEnd: 0,
			manualHangupBy: 0,
		},
		params: [{ name: 'name', value: '张三' }],
		...overrides,
	};
}

/** An order push: callbackType as the STRING "1", one call in callInfoDetail. */
export function makeOrderPush(orderID: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		callbackType: '1',
		orderID,
		userPhone: '8613800138000',
		userName: '张三',
		sceneID: 'scene-1',
		userTaskID: 'task-1',
		taskID: 't-task-1',
		finish: true,
		other: 'crm-contact-42',
		callInfoDetail: makePushedCall(`${orderID}-call-1`),
		...overrides,
	};
}

/** A call push: callbackType as a NUMBER (its value is not documented; 2 here), callingNumber, lineAddress. */
export function makeCallPush(orderID: string, callID: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		callbackType: 2,
		orderID,
		userPhone: '8613800138000',
		userName: '张三',
		sceneID: 'scene-1',
		userTaskID: 'task-1',
		taskID: 't-task-1',
		finish: false,
		other: 'crm-contact-42',
		callingNumber: '02150001000',
		lineAddress: 'sip-line-3',
		callInfoDetail: makePushedCall(callID),
		...overrides,
	};
}

/** A task status push (callbackType a number; 3 here, the value is not documented). */
export function makeTaskPush(userTaskID: string, taskStatus: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		callbackType: 3,
		userTaskID,
		taskID: `t-${userTaskID}`,
		sceneID: 'scene-1',
		taskStatus,
		createTs: 1_714_525_200,
		taskStat: {
			answerOrderCount: 80,
			finishOrderCount: 100,
			totalOrderCount: 100,
			finishRate: '100%',
			totalAnswerCall: 85,
			totalCall: 130,
			answerRate: '65.38%',
		},
		...overrides,
	};
}

/** What a push sender got back. */
export interface NxCloudPushReply {
	status: number;
	text: string;
}

/**
 * POSTs a signed push to `url` as NXCloud does (Content-Type application/json). Additive to
 * NxCloudEmulator: the emulator's account signs, and every push sent is recorded.
 */
export class NxCloudPushSender {
	readonly sent: Array<SignedNxCloudPush & { url: string; reply: NxCloudPushReply }> = [];

	constructor(readonly account: NxCloudAccount) {}

	sign(push: object | string, signing: NxCloudPushSigning = {}): SignedNxCloudPush {
		return signNxCloudPush(this.account, push, signing);
	}

	/** Sends `push` (signed now, unless `signed` is an already signed push to send again). */
	async send(url: string, push: object | string | SignedNxCloudPush, signing: NxCloudPushSigning = {}): Promise<NxCloudPushReply> {
		const signed = typeof push === 'object' && 'headers' in push && 'body' in push ? (push as SignedNxCloudPush) : this.sign(push, signing);
		return this.sendRaw(url, signed.body, signed.headers, signed);
	}

	/** Sends `body` with exactly `headers` (for tampered or unsigned pushes). */
	async sendRaw(url: string, body: string | Buffer, headers: Record<string, string>, record?: SignedNxCloudPush): Promise<NxCloudPushReply> {
		const response = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body });
		const reply = { status: response.status, text: await response.text() };
		this.sent.push({ ...(record ?? { body: body.toString(), headers: headers as SignedNxCloudPush['headers'] }), url, reply });
		return reply;
	}
}
