/**
 * NXCloud Callbot → the vendor-neutral call record (`call`, nodes/shared/callRecord.ts). Pure.
 *
 * Field mapping (order fields, and one call of callInfoDetailList / callInfoDetail):
 * callId ← callID; externalId ← orderID; phone ← userPhone; outcome and vendorStatus ← callStatus;
 * startedAt ← callStartTs, answeredAt ← callAnswerTs (only when callStatus is 6, completed: NXCloud
 * says a callAnswerTs does not prove an answer), endedAt ← callEndTs, all unix seconds rendered
 * in the workflow's time zone (NXCloud's timestamps carry no zone and its platform serves many
 * countries), at that zone's offset at each moment, as the ISO twins are (decode.ts);
 * durationSec ← callEndTs − callStartTs; talkSec ← callDuration (seconds); recordingUrl ←
 * callAudioUrl; dedupeKey ← `nxcloud:call:<callID>`, the trigger's key for the same call.
 * An order without any call: callId null, outcome inProgress while NXCloud says it is not
 * finished (finish false), other otherwise (finished, or an order NXCloud does not know), dedupeKey the trigger's order key `nxcloud:order:<orderID>:<finish>`.
 */
import { isRecord, isScalarId, scalarText } from '../shared/push';
import {
	callStatusOf,
	secondsBetweenUnix,
	secondsOrNull,
	textOrNull,
	unixToOffsetIso,
	type CallRecord,
	type CallStatusTable,
} from '../shared/callRecord';

/** Every documented callStatus: its meaning and outcome. */
export const NXCLOUD_CALL_OUTCOMES: CallStatusTable = {
	'1': { label: 'preparation', outcome: 'inProgress' },
	'2': { label: 'dispatching', outcome: 'inProgress' },
	'3': { label: 'dialing', outcome: 'inProgress' },
	'4': { label: 'ringing', outcome: 'inProgress' },
	'5': { label: 'in call', outcome: 'inProgress' },
	'6': { label: 'completed', outcome: 'answered' },
	'8': { label: 'invalid number', outcome: 'invalidNumber' },
	'9': { label: 'temporarily unreachable', outcome: 'failed' },
	'10': { label: 'user busy', outcome: 'busy' },
	'11': { label: 'busy and rejected', outcome: 'rejected' },
	'12': { label: 'user rejected', outcome: 'rejected' },
	'13': { label: 'user rejected', outcome: 'rejected' },
	'15': { label: 'TTS synthesis failed', outcome: 'failed' },
	'16': { label: 'unknown reason', outcome: 'failed' },
	'17': { label: 'blacklisted number', outcome: 'failed' },
	'18': { label: 'user terminated', outcome: 'other' },
	'21': { label: 'invalid number (number check)', outcome: 'invalidNumber' },
	'22': { label: 'ring missed', outcome: 'noAnswer' },
	'23': { label: 'no response', outcome: 'noAnswer' },
	'24': { label: 'voice mail', outcome: 'noAnswer' },
	'25': { label: 'ring too long', outcome: 'noAnswer' },
};

type Json = Record<string, unknown>;

export function nxCloudCallDedupeKey(callId: string | number): string {
	return `nxcloud:call:${String(callId)}`;
}

export function nxCloudOrderDedupeKey(orderId: string | number, finish: unknown): string {
	return `nxcloud:order:${String(orderId)}:${scalarText(finish) ?? ''}`;
}

/**
 * The call an order's record describes: its latest attempt, the call with the greatest
 * callStartTs (the later in the list on a tie, and when none has started). Undefined without calls.
 */
export function latestCall(calls: unknown): Json | undefined {
	if (!Array.isArray(calls)) return undefined;
	let latest: Json | undefined;
	let latestStart = -Infinity;
	for (const call of calls) {
		if (!isRecord(call)) continue;
		const start = Number(call.callStartTs);
		const at = Number.isFinite(start) && start > 0 ? start : -1;
		if (latest === undefined || at >= latestStart) {
			latest = call;
			latestStart = at;
		}
	}
	return latest;
}

/**
 * The call record of `call` of `order` (an order or push's fields); `call` undefined for an order
 * without calls. Times in `timeZone`, the workflow's (IExecuteFunctions.getTimezone()).
 */
export function nxCloudCallRecord(order: Json, call: Json | undefined, timeZone: string): CallRecord {
	const orderId = textOrNull(order.orderID);
	if (call === undefined) {
		return {
			vendor: 'nxcloud',
			callId: null,
			externalId: orderId,
			phone: textOrNull(order.userPhone),
			outcome: order.finish === false || order.finish === 'false' ? 'inProgress' : 'other',
			vendorStatus: { code: null, label: null },
			startedAt: null,
			answeredAt: null,
			endedAt: null,
			durationSec: null,
			talkSec: null,
			recordingUrl: null,
			dedupeKey: isScalarId(order.orderID) ? nxCloudOrderDedupeKey(order.orderID, order.finish) : null,
		};
	}
	const callId = textOrNull(call.callID);
	const { outcome, vendorStatus } = callStatusOf(NXCLOUD_CALL_OUTCOMES, call.callStatus, 'inProgress');
	return {
		vendor: 'nxcloud',
		callId,
		externalId: orderId,
		phone: textOrNull(order.userPhone),
		outcome,
		vendorStatus,
		startedAt: unixToOffsetIso(call.callStartTs, timeZone),
		answeredAt: outcome === 'answered' ? unixToOffsetIso(call.callAnswerTs, timeZone) : null,
		endedAt: unixToOffsetIso(call.callEndTs, timeZone),
		durationSec: secondsBetweenUnix(call.callStartTs, call.callEndTs),
		talkSec: secondsOrNull(call.callDuration),
		recordingUrl: textOrNull(call.callAudioUrl),
		dedupeKey: isScalarId(call.callID) ? nxCloudCallDedupeKey(call.callID) : null,
	};
}

/** The record of an order (its latest call), times in `timeZone`. */
export function nxCloudOrderCallRecord(order: Json, timeZone: string): CallRecord {
	return nxCloudCallRecord(order, latestCall(order.callInfoDetailList), timeZone);
}
