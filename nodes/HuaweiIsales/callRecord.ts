/**
 * Huawei CC-iSales → the vendor-neutral call record (`call`, nodes/shared/callRecord.ts). Pure.
 *
 * Field mapping (Get Call Result's data, a Get Many result, or one result of a push):
 * callId ← callId; externalId ← customField (the user's own ID, set when numbers are added);
 * phone ← called; outcome and vendorStatus ← callStatus (5 failed, 6 succeeded); startedAt ←
 * ackBeginTime (ringing began; a push has callTimeStr instead); answeredAt ← callBeginTime (the
 * call was connected; only for callStatus 6); endedAt ← callEndTime; all server wall-clock text,
 * written with the Server UTC Offset ("2022-02-10T11:45:47+08:00"); durationSec ← endedAt −
 * startedAt; talkSec ← endedAt − answeredAt (0 for a failed call); recordingUrl ← recordPath;
 * dedupeKey ← `huawei:call:<callId>`, the trigger's key (`huawei:result:<campaignId>:<called>:
 * <callTimeStr>` for a result without callId).
 */
import { isScalarId, scalarText, type JsonRecord } from '../shared/push';
import {
	callStatusOf,
	secondsBetweenIso,
	textOrNull,
	wallClockToOffsetIso,
	type CallRecord,
	type CallStatusTable,
} from '../shared/callRecord';

/** Every documented callStatus: its meaning and outcome. */
export const ISALES_CALL_OUTCOMES: CallStatusTable = {
	'5': { label: 'failed', outcome: 'failed' },
	'6': { label: 'succeeded', outcome: 'answered' },
};

/**
 * The dedupe key of one call result, the same each time iSales pushes that result again:
 * `huawei:call:<callId>`. A result without a callId (none is documented, but a call that never
 * reached the platform may lack one) gets `huawei:result:<campaignId>:<called>:<callTimeStr>`,
 * equally stable across resends. Prefixed with vendor and kind so keys of several triggers can
 * share one Remove Duplicates node.
 */
export function isalesResultDedupeKey(result: JsonRecord): { key: string } | { problem: string } {
	const { callId } = result;
	if (callId !== undefined && callId !== null && typeof callId === 'object') return { problem: 'its callId is a list or an object' };
	if (isScalarId(callId)) return { key: `huawei:call:${String(callId).trim()}` };
	if (!isScalarId(result.called)) return { problem: 'it has neither a callId nor a called number' };
	for (const field of ['campaignId', 'callTimeStr'] as const) {
		const value = result[field];
		if (value !== undefined && value !== null && typeof value === 'object') return { problem: `its ${field} is a list or an object` };
	}
	const part = (value: unknown) => scalarText(value)?.trim() ?? '';
	return { key: `huawei:result:${part(result.campaignId)}:${part(result.called)}:${part(result.callTimeStr)}` };
}

/** The call record of one iSales call result; times read in `utcOffset` ("+08:00"), the server's. */
export function isalesCallRecord(result: JsonRecord, utcOffset: string): CallRecord {
	const { outcome, vendorStatus } = callStatusOf(ISALES_CALL_OUTCOMES, result.callStatus);
	const offset = utcOffset.trim();
	const startedAt = wallClockToOffsetIso(result.ackBeginTime ?? result.callTimeStr, offset);
	const answeredAt = outcome === 'answered' ? wallClockToOffsetIso(result.callBeginTime, offset) : null;
	const endedAt = wallClockToOffsetIso(result.callEndTime, offset);
	const dedupe = isalesResultDedupeKey(result);
	return {
		vendor: 'huawei',
		callId: textOrNull(result.callId),
		externalId: textOrNull(result.customField),
		phone: textOrNull(result.called),
		outcome,
		vendorStatus,
		startedAt,
		answeredAt,
		endedAt,
		durationSec: secondsBetweenIso(startedAt, endedAt),
		talkSec: outcome === 'failed' ? 0 : secondsBetweenIso(answeredAt, endedAt),
		recordingUrl: textOrNull(result.recordPath),
		dedupeKey: 'key' in dedupe ? dedupe.key : null,
	};
}
