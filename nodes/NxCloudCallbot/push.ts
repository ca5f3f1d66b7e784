/**
 * Reading NXCloud Callbot pushes (order result, each call, task status): signature, event,
 * shape, dedupe key, decoded item. Pure: Node's crypto only, no n8n imports.
 *
 * NXCloud signs a push like a request (README, "Trigger: NXCloud Callbot Trigger"): headers requestID,
 * uuid, createTs and sign = UPPER(hex(HASH(secretKey + "&body=" + BODY + "&createTs=" + createTs
 * + "&requestID=" + requestID + "&uuid=" + uuid))), BODY the raw body bytes as sent, HASH the
 * algorithm chosen in the console (a push carries no algorithm header; the credential's is used,
 * so a sender cannot pick a weaker one).
 */
import {
	headerValue,
	isRecord,
	isScalarId,
	parseJsonObject,
	reject,
	scalarText,
	timingSafeTextEqual,
	type JsonRecord,
	type PushRejection,
} from '../shared/push';
import { nxCloudCallDedupeKey, nxCloudCallRecord, nxCloudOrderDedupeKey } from './callRecord';
import { decodeNxCloudRecord } from './decode';
import { nxCloudSign, type NxCloudAlgorithm } from './signing';

export type NxCloudPushEvent = 'order' | 'call' | 'task';

export const NXCLOUD_PUSH_EVENTS: readonly NxCloudPushEvent[] = ['order', 'call', 'task'];

/** The success reply NXCloud is sent (inferred from its API envelope; undocumented for pushes). */
export const NXCLOUD_ACKNOWLEDGEMENT = '{"retCode":0}';

export interface NxCloudPushKey {
	secretKey: string;
	algorithm: NxCloudAlgorithm;
}

/**
 * Whether the headers sign `rawBody` with `key`; a rejection (401) when not. With
 * `maxAgeSeconds` > 0, a push whose (signed) createTs is further than that from `nowSeconds`,
 * either way, is refused too.
 */
export function checkNxCloudPushSignature(
	headers: Readonly<Record<string, unknown>>,
	rawBody: Uint8Array,
	key: NxCloudPushKey,
	{ nowSeconds, maxAgeSeconds = 0 }: { nowSeconds: number; maxAgeSeconds?: number },
): PushRejection | undefined {
	if (key.secretKey === '') return { status: 401, message: 'No Secret Key is set in the n8n credential' };
	const sign = headerValue(headers, 'sign')?.trim();
	if (!sign) return { status: 401, message: 'The push is not signed (no sign header)' };
	const requestId = headerValue(headers, 'requestID');
	const uuid = headerValue(headers, 'uuid');
	const createTs = headerValue(headers, 'createTs');
	if (requestId === undefined || uuid === undefined || createTs === undefined) {
		return { status: 401, message: 'The push lacks a requestID, uuid or createTs header' };
	}
	const expected = nxCloudSign({ secretKey: key.secretKey, uuid, body: rawBody, createTs, requestId, algorithm: key.algorithm });
	if (!timingSafeTextEqual(sign.toUpperCase(), expected)) {
		return {
			status: 401,
			message: 'The push signature does not match: check the Secret Key and Signature Algorithm in the credential',
		};
	}
	if (maxAgeSeconds > 0) {
		if (!/^\d{1,12}$/.test(createTs.trim())) return { status: 401, message: 'The createTs header is not a unix time' };
		const age = nowSeconds - Number(createTs.trim());
		if (Math.abs(age) > maxAgeSeconds) {
			return {
				status: 401,
				message: `The push was signed ${Math.round(age)} s from now, beyond the maximum age of ${maxAgeSeconds} s`,
			};
		}
	}
	return undefined;
}

/** Scalars of a push that name what it is about; a list or object there is refused. */
function idText(push: JsonRecord, field: string): string | undefined {
	return isScalarId(push[field]) ? String(push[field]) : undefined;
}

/**
 * Which event a push reports. NXCloud names none, so it is read from the fields it documents:
 * 1. A push with neither `orderID` nor `callInfoDetail`, but with `taskStatus` or `taskStat`,
 *    is a task push (task pushes are about a task, not an order).
 * 2. A push with `orderID` or `callInfoDetail` is an order or a call push. NXCloud writes
 *    `callbackType` as a JSON string ("1") in order pushes and as a JSON number in call pushes:
 *    the JSON type tells them apart, not the value (the values are not documented, and a
 *    string "2" or a number 1 must not flip the event). When callbackType is missing or of
 *    another type, the fields only call pushes carry (`callingNumber`, `lineAddress`) decide;
 *    without them it is an order push.
 * 3. Anything else is not an NXCloud push (undefined: answered 400).
 */
export function nxCloudPushEvent(push: JsonRecord): NxCloudPushEvent | undefined {
	const aboutOrder = push.orderID !== undefined || push.callInfoDetail !== undefined;
	if (!aboutOrder) return push.taskStatus !== undefined || push.taskStat !== undefined ? 'task' : undefined;
	if (typeof push.callbackType === 'string') return 'order';
	if (typeof push.callbackType === 'number') return 'call';
	return push.callingNumber !== undefined || push.lineAddress !== undefined ? 'call' : 'order';
}

/**
 * The dedupe key of a push: the same for NXCloud's resends of one event, different for
 * different events. Prefixed with the vendor and event so keys of several triggers can share
 * one Remove Duplicates node.
 * - call: `nxcloud:call:<callID>` (one call is pushed once per attempt)
 * - order: `nxcloud:order:<orderID>:<finish>` (an order can be pushed unfinished, then finished)
 * - task: `nxcloud:task:<userTaskID>:<taskStatus>:<createTs>` (a task passes through statuses,
 *   possibly the same one twice, told apart by the push's own createTs)
 */
export { nxCloudCallDedupeKey, nxCloudOrderDedupeKey };

export function nxCloudTaskDedupeKey(userTaskId: string | number, taskStatus: unknown, createTs: unknown): string {
	return `nxcloud:task:${String(userTaskId)}:${scalarText(taskStatus) ?? ''}:${scalarText(createTs) ?? ''}`;
}

const SCALAR_FIELDS = ['callbackType', 'finish', 'taskStatus', 'createTs', 'userTaskID', 'taskID', 'orderID'];

/** The dedupe key of a push of `event`, or why the push cannot have one (400). */
export function nxCloudPushDedupeKey(event: NxCloudPushEvent, push: JsonRecord): { key: string } | { rejection: PushRejection } {
	for (const field of SCALAR_FIELDS) {
		const value = push[field];
		if (value !== undefined && value !== null && typeof value === 'object') {
			return reject(400, `The push field ${field} must be text, a number or true/false`);
		}
	}
	for (const field of ['callInfoDetail', 'taskStat']) {
		if (push[field] !== undefined && push[field] !== null && !isRecord(push[field])) {
			return reject(400, `The push field ${field} must be an object`);
		}
	}
	if (event === 'call') {
		const detail = push.callInfoDetail;
		const callId = isRecord(detail) && isScalarId(detail.callID) ? detail.callID : undefined;
		if (callId === undefined) return reject(400, 'A call push needs callInfoDetail.callID');
		return { key: nxCloudCallDedupeKey(callId) };
	}
	if (event === 'order') {
		const orderId = idText(push, 'orderID');
		if (orderId === undefined) return reject(400, 'An order push needs an orderID');
		return { key: nxCloudOrderDedupeKey(orderId, push.finish) };
	}
	const userTaskId = idText(push, 'userTaskID');
	if (userTaskId === undefined) return reject(400, 'A task push needs a userTaskID');
	return { key: nxCloudTaskDedupeKey(userTaskId, push.taskStatus, push.createTs) };
}

export interface NxCloudPushOptions {
	key: NxCloudPushKey;
	/** Events to start the workflow for; other verified pushes are acknowledged and ignored. */
	events: readonly string[];
	/** Add labels and ISO twins (as List Order Details does). */
	decode: boolean;
	nowSeconds: number;
	/** 0 = no limit. */
	maxAgeSeconds?: number;
	/** Add `call`, the vendor-neutral call record, to order and call pushes (default true). */
	addCallRecord?: boolean;
	/** The zone ISO twins and the call record's times are written in: the workflow's. */
	timeZone: string;
}

export type NxCloudPushRead =
	| { rejection: PushRejection }
	| { ignore: true; event: NxCloudPushEvent }
	| { event: NxCloudPushEvent; item: JsonRecord };

/**
 * One push, from raw bytes to the item the workflow gets: signature (401), JSON object within
 * the depth limit (400), event (400 when none fits), shape and dedupe key (400), the user's
 * event filter, decoding. Never throws for any body or headers.
 */
export function readNxCloudPush(rawBody: Buffer, headers: Readonly<Record<string, unknown>>, options: NxCloudPushOptions): NxCloudPushRead {
	const unsigned = checkNxCloudPushSignature(headers, rawBody, options.key, options);
	if (unsigned) return { rejection: unsigned };
	const parsed = parseJsonObject(rawBody.toString('utf8'));
	if ('rejection' in parsed) return parsed;
	const push = parsed.value;
	const event = nxCloudPushEvent(push);
	if (event === undefined) {
		return reject(400, 'The push is not an NXCloud order, call or task push (no orderID, callInfoDetail or taskStatus)');
	}
	const dedupe = nxCloudPushDedupeKey(event, push);
	if ('rejection' in dedupe) return dedupe;
	if (!options.events.includes(event)) return { ignore: true, event };
	const fields = options.decode ? decodeNxCloudRecord(push, options.timeZone) : push;
	// The push's own fields first: `event`, `dedupeKey` and `call` are ours even if a push had them.
	if (event === 'task' || options.addCallRecord === false) return { event, item: { ...fields, event, dedupeKey: dedupe.key } };
	const call = nxCloudCallRecord(push, isRecord(push.callInfoDetail) ? push.callInfoDetail : undefined, options.timeZone);
	return { event, item: { ...fields, event, dedupeKey: dedupe.key, call } };
}
