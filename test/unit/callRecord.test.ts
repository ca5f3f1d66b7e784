/**
 * The vendor-neutral call record: shared builders, and each vendor's status table code by code.
 */
import {
	CALL_OUTCOMES,
	callStatusOf,
	secondsBetweenIso,
	secondsBetweenUnix,
	secondsOrNull,
	textOrNull,
	unixToOffsetIso,
	wallClockToOffsetIso,
	type CallRecord,
} from '../../nodes/shared/callRecord';
import { latestCall, NXCLOUD_CALL_OUTCOMES, nxCloudCallRecord, nxCloudOrderCallRecord } from '../../nodes/NxCloudCallbot/callRecord';
import { nxCloudPushDedupeKey } from '../../nodes/NxCloudCallbot/push';
import { CALL_STATUS as NXCLOUD_CALL_STATUS } from '../../nodes/NxCloudCallbot/codes';
import { ICSOC_CALL_OUTCOMES, icsocCallRecord } from '../../nodes/IcsocAutocall/callRecord';
import { CALL_RESULT as ICSOC_CALL_RESULT } from '../../nodes/IcsocAutocall/codes';
import { ISALES_CALL_OUTCOMES, isalesCallRecord } from '../../nodes/HuaweiIsales/callRecord';
import { isalesResultDedupeKey } from '../../nodes/HuaweiIsales/push';
import { CALL_STATUSES as ISALES_CALL_STATUSES } from '../../nodes/HuaweiIsales/codes';

const RECORD_KEYS: Array<keyof CallRecord> = [
	'vendor',
	'callId',
	'externalId',
	'phone',
	'outcome',
	'vendorStatus',
	'startedAt',
	'answeredAt',
	'endedAt',
	'durationSec',
	'talkSec',
	'recordingUrl',
	'dedupeKey',
];

describe('shared builders', () => {
	test('unix seconds, milliseconds or digits as ISO 8601 at an offset; 0, empty and text give null', () => {
		expect(unixToOffsetIso(1_700_000_000, 'Z')).toBe('2023-11-14T22:13:20Z');
		expect(unixToOffsetIso('1700000000', '+08:00')).toBe('2023-11-15T06:13:20+08:00');
		expect(unixToOffsetIso(1_700_000_000_000, '-05:00')).toBe('2023-11-14T17:13:20-05:00');
		expect(unixToOffsetIso(1_700_000_000, '+00:00')).toBe('2023-11-14T22:13:20+00:00');
		for (const never of [0, '0', '', null, undefined, 'soon', -5]) expect(unixToOffsetIso(never, 'Z')).toBeNull();
		// An IANA zone: its offset at that moment.
		expect(unixToOffsetIso(1_700_000_000, 'Asia/Shanghai')).toBe('2023-11-15T06:13:20+08:00');
		expect(unixToOffsetIso(1_720_000_000, 'America/New_York')).toBe('2024-07-03T05:46:40-04:00');
		expect(unixToOffsetIso(1_700_000_000, 'America/New_York')).toBe('2023-11-14T17:13:20-05:00');
		expect(unixToOffsetIso(1_700_000_000, 'Nowhere/Atlantis')).toBeNull();
		expect(unixToOffsetIso(1_700_000_000, '0800')).toBeNull();
	});

	test('wall-clock text gets the offset; impossible dates and PHP\'s zero date give null', () => {
		expect(wallClockToOffsetIso('2022-02-10 11:45:47', '+08:00')).toBe('2022-02-10T11:45:47+08:00');
		expect(wallClockToOffsetIso(' 2022-02-10T11:45 ', '-05:00')).toBe('2022-02-10T11:45:00-05:00');
		for (const bad of ['2024-02-30 10:00:00', '0000-00-00 00:00:00', '2024-01-01', 'x', 5, null]) {
			expect(wallClockToOffsetIso(bad, '+08:00')).toBeNull();
		}
		expect(wallClockToOffsetIso('2022-02-10 11:45:47', '0800')).toBeNull();
		// An offset without a colon (Server UTC Offset accepts it) is written with one.
		expect(wallClockToOffsetIso('2022-02-10 11:45:47', '+0800')).toBe('2022-02-10T11:45:47+08:00');
		// An IANA zone: the offset that wall-clock time has there.
		expect(wallClockToOffsetIso('2024-07-01 12:00:00', 'America/New_York')).toBe('2024-07-01T12:00:00-04:00');
		expect(wallClockToOffsetIso('2024-01-01 12:00:00', 'America/New_York')).toBe('2024-01-01T12:00:00-05:00');
	});

	test('seconds and texts', () => {
		expect(secondsOrNull('30')).toBe(30);
		expect(secondsOrNull(0)).toBe(0);
		expect([secondsOrNull(''), secondsOrNull(-1), secondsOrNull('x'), secondsOrNull(null)]).toEqual([null, null, null, null]);
		expect(secondsBetweenUnix(100, 160)).toBe(60);
		expect([secondsBetweenUnix(0, 160), secondsBetweenUnix(200, 160)]).toEqual([null, null]);
		expect(secondsBetweenIso('2022-02-10T11:45:43+08:00', '2022-02-10T11:45:51+08:00')).toBe(8);
		expect(secondsBetweenIso(null, '2022-02-10T11:45:51+08:00')).toBeNull();
		expect([textOrNull(' a '), textOrNull(7), textOrNull(''), textOrNull({}), textOrNull(null)]).toEqual(['a', '7', null, null, null]);
	});

	test('an unknown code is outcome other with the raw code kept; a missing one gives the fallback', () => {
		expect(callStatusOf(NXCLOUD_CALL_OUTCOMES, 99)).toEqual({ outcome: 'other', vendorStatus: { code: 99, label: null } });
		expect(callStatusOf(NXCLOUD_CALL_OUTCOMES, ' 6 ')).toEqual({ outcome: 'answered', vendorStatus: { code: ' 6 ', label: 'completed' } });
		expect(callStatusOf(NXCLOUD_CALL_OUTCOMES, undefined, 'inProgress')).toEqual({ outcome: 'inProgress', vendorStatus: { code: null, label: null } });
		expect(callStatusOf(NXCLOUD_CALL_OUTCOMES, { code: 6 })).toEqual({ outcome: 'other', vendorStatus: { code: null, label: null } });
		expect(callStatusOf(NXCLOUD_CALL_OUTCOMES, '__proto__')).toEqual({ outcome: 'other', vendorStatus: { code: '__proto__', label: null } });
	});
});

describe('NXCloud callStatus → outcome, code by code', () => {
	test.each([
		[1, 'preparation', 'inProgress'],
		[2, 'dispatching', 'inProgress'],
		[3, 'dialing', 'inProgress'],
		[4, 'ringing', 'inProgress'],
		[5, 'in call', 'inProgress'],
		[6, 'completed', 'answered'],
		[8, 'invalid number', 'invalidNumber'],
		[9, 'temporarily unreachable', 'failed'],
		[10, 'user busy', 'busy'],
		[11, 'busy and rejected', 'rejected'],
		[12, 'user rejected', 'rejected'],
		[13, 'user rejected', 'rejected'],
		[15, 'TTS synthesis failed', 'failed'],
		[16, 'unknown reason', 'failed'],
		[17, 'blacklisted number', 'failed'],
		[18, 'user terminated', 'other'],
		[21, 'invalid number (number check)', 'invalidNumber'],
		[22, 'ring missed', 'noAnswer'],
		[23, 'no response', 'noAnswer'],
		[24, 'voice mail', 'noAnswer'],
		[25, 'ring too long', 'noAnswer'],
	] as const)('callStatus %s (%s) → %s', (code, label, outcome) => {
		const record = nxCloudCallRecord({ orderID: 'o-1' }, { callID: 'c-1', callStatus: code }, 'UTC');
		expect(record.outcome).toBe(outcome);
		expect(record.vendorStatus).toEqual({ code, label });
		expect(NXCLOUD_CALL_STATUS[String(code)]).toBe(label);
	});

	test('the table covers every documented code and nothing else', () => {
		expect(Object.keys(NXCLOUD_CALL_OUTCOMES)).toEqual(Object.keys(NXCLOUD_CALL_STATUS));
		for (const entry of Object.values(NXCLOUD_CALL_OUTCOMES)) expect(CALL_OUTCOMES).toContain(entry.outcome);
	});

	test('an unknown callStatus: outcome other, raw code kept', () => {
		expect(nxCloudCallRecord({ orderID: 'o-1' }, { callID: 'c-1', callStatus: 7 }, 'UTC')).toMatchObject({ outcome: 'other', vendorStatus: { code: 7, label: null } });
	});

	const order = { orderID: 'o-1', userPhone: '8613800138000', finish: true };
	const call = {
		callID: 'c-1',
		callStatus: 6,
		callStartTs: 1_714_521_600,
		callAnswerTs: 1_714_521_605,
		callEndTs: 1_714_521_665,
		callDuration: 60,
		callAudioUrl: 'https://record.nxcloud.com/c-1.wav',
	};

	test('field mapping: times in the given zone (UTC here), seconds, the trigger\'s call dedupeKey', () => {
		const record = nxCloudCallRecord(order, call, 'UTC');
		expect(Object.keys(record)).toEqual(RECORD_KEYS);
		expect(record).toEqual({
			vendor: 'nxcloud',
			callId: 'c-1',
			externalId: 'o-1',
			phone: '8613800138000',
			outcome: 'answered',
			vendorStatus: { code: 6, label: 'completed' },
			startedAt: '2024-05-01T00:00:00Z',
			answeredAt: '2024-05-01T00:00:05Z',
			endedAt: '2024-05-01T00:01:05Z',
			durationSec: 65,
			talkSec: 60,
			recordingUrl: 'https://record.nxcloud.com/c-1.wav',
			dedupeKey: 'nxcloud:call:c-1',
		});
		expect(nxCloudPushDedupeKey('call', { callbackType: 2, orderID: 'o-1', callInfoDetail: call })).toEqual({ key: record.dedupeKey });
	});

	test("times follow the zone given (the workflow's), with its offset at each moment", () => {
		expect(nxCloudCallRecord(order, call, 'Asia/Shanghai')).toMatchObject({
			startedAt: '2024-05-01T08:00:00+08:00',
			answeredAt: '2024-05-01T08:00:05+08:00',
			endedAt: '2024-05-01T08:01:05+08:00',
		});
		expect(nxCloudCallRecord(order, call, 'America/New_York').startedAt).toBe('2024-04-30T20:00:00-04:00');
		expect(nxCloudCallRecord(order, { ...call, callStartTs: 1_704_067_200 }, 'America/New_York').startedAt).toBe('2023-12-31T19:00:00-05:00');
	});

	test('answeredAt only for an answered call (a callAnswerTs does not prove an answer)', () => {
		expect(nxCloudCallRecord(order, { ...call, callStatus: 23 }, 'UTC').answeredAt).toBeNull();
	});

	test('per order: the latest call by callStartTs; an order without calls', () => {
		const calls = [
			{ ...call, callID: 'c-2', callStartTs: 1_714_600_000 },
			{ ...call, callID: 'c-1' },
			{ callID: 'c-0', callStartTs: 0 },
		];
		expect(latestCall(calls)?.callID).toBe('c-2');
		expect(latestCall([{ callID: 'a', callStartTs: 0 }, { callID: 'b' }])?.callID).toBe('b');
		expect(latestCall([])).toBeUndefined();
		expect(nxCloudOrderCallRecord({ ...order, callInfoDetailList: calls }, 'UTC').callId).toBe('c-2');
		expect(nxCloudOrderCallRecord({ orderID: 'o-9', finish: false, callInfoDetailList: [] }, 'UTC')).toMatchObject({
			callId: null,
			outcome: 'inProgress',
			dedupeKey: 'nxcloud:order:o-9:false',
		});
		expect(nxCloudOrderCallRecord({ orderID: 'o-9', finish: true }, 'UTC').outcome).toBe('other');
		expect(nxCloudPushDedupeKey('order', { orderID: 'o-9', finish: false })).toEqual({ key: 'nxcloud:order:o-9:false' });
	});
});

describe('icsoc callresult → outcome, code by code', () => {
	test.each([
		['0', 'caller not connected', 'noAnswer'],
		['1', 'only caller connected', 'answered'],
		['2', 'caller and called connected', 'answered'],
	] as const)('callresult %s (%s) → %s', (code, label, outcome) => {
		expect(icsocCallRecord({ callId: 'c', callresult: code })).toMatchObject({ outcome, vendorStatus: { code, label } });
		expect(icsocCallRecord({ call_id: 'c', callresult: Number(code) })).toMatchObject({ outcome, vendorStatus: { code: Number(code), label } });
		expect(ICSOC_CALL_RESULT[code]).toBe(label);
	});

	test('the table covers every documented code; an unknown one is other with its code', () => {
		expect(Object.keys(ICSOC_CALL_OUTCOMES)).toEqual(Object.keys(ICSOC_CALL_RESULT));
		expect(icsocCallRecord({ callId: 'c', callresult: '9' })).toMatchObject({ outcome: 'other', vendorStatus: { code: '9', label: null } });
	});

	test('Search CDR result (seed 1.4.2): +08:00 times, seconds, extId', () => {
		const record = icsocCallRecord({
			callId: '6780056666542059520',
			called: '185xxxx2456',
			startTime: 1_616_491_476,
			ansTime: 0,
			endTime: 1_616_491_488,
			ansSecs: 0,
			allSecs: 12,
			callresult: '0',
			endresult: '12',
			userData: { tag: 'autocall', extId: '1' },
		});
		expect(Object.keys(record)).toEqual(RECORD_KEYS);
		expect(record).toEqual({
			vendor: 'icsoc',
			callId: '6780056666542059520',
			externalId: '1',
			phone: '185xxxx2456',
			outcome: 'noAnswer',
			vendorStatus: { code: '0', label: 'caller not connected' },
			startedAt: '2021-03-23T17:24:36+08:00',
			answeredAt: null,
			endedAt: '2021-03-23T17:24:48+08:00',
			durationSec: 12,
			talkSec: 0,
			recordingUrl: null,
			dedupeKey: 'icsoc:call:6780056666542059520',
		});
	});

	test('CDR push data (seed 2.4): numbers as strings, user_data, record_file', () => {
		const record = icsocCallRecord({
			call_id: '6811535818021285888',
			called: '156xxxx6818',
			start_time: '1623996691',
			ans_time: '1623996696',
			end_time: '1623996721',
			ans_secs: '25',
			all_secs: '30',
			callresult: '2',
			record_file: 'https://rec.icsoc.net/a.mp3',
			user_data: { _tag: 'autocall:poc', ext_id: 'buer' },
		});
		expect(record).toMatchObject({
			externalId: 'buer',
			outcome: 'answered',
			startedAt: '2021-06-18T14:11:31+08:00',
			answeredAt: '2021-06-18T14:11:36+08:00',
			endedAt: '2021-06-18T14:12:01+08:00',
			durationSec: 30,
			talkSec: 25,
			recordingUrl: 'https://rec.icsoc.net/a.mp3',
			dedupeKey: 'icsoc:call:6811535818021285888',
		});
		expect(icsocCallRecord({ call_id: 'x', user_data: '{"ext_id":"e-7"}' }).externalId).toBe('e-7');
		expect(icsocCallRecord({ call_id: 'x', user_data: 'not json' }).externalId).toBeNull();
	});

	test('times follow the Platform Time Zone given (Asia/Shanghai when none is), unix and wall-clock alike', () => {
		const cdr = { callId: 'c', callresult: '2', startTime: 1_623_996_691, ansTime: '2021-06-18 14:11:36', endTime: '2021-06-18 14:12:01' };
		expect(icsocCallRecord(cdr)).toMatchObject({
			startedAt: '2021-06-18T14:11:31+08:00',
			answeredAt: '2021-06-18T14:11:36+08:00',
			endedAt: '2021-06-18T14:12:01+08:00',
		});
		expect(icsocCallRecord(cdr, 'Asia/Tokyo')).toMatchObject({
			startedAt: '2021-06-18T15:11:31+09:00',
			answeredAt: '2021-06-18T14:11:36+09:00',
			endedAt: '2021-06-18T14:12:01+09:00',
		});
	});
});

describe('Huawei iSales callStatus → outcome, code by code', () => {
	test.each([
		['5', 'failed', 'failed'],
		['6', 'succeeded', 'answered'],
	] as const)('callStatus %s (%s) → %s', (code, label, outcome) => {
		expect(isalesCallRecord({ callId: 'c', callStatus: code }, '+08:00')).toMatchObject({ outcome, vendorStatus: { code, label } });
		expect(isalesCallRecord({ callId: 'c', callStatus: Number(code) }, '+08:00')).toMatchObject({ outcome, vendorStatus: { code: Number(code), label } });
		expect(ISALES_CALL_STATUSES[code]).toBe(label);
	});

	test('the table covers every documented code; an unknown one is other with its code', () => {
		expect(Object.keys(ISALES_CALL_OUTCOMES)).toEqual(Object.keys(ISALES_CALL_STATUSES));
		expect(isalesCallRecord({ callId: 'c', callStatus: '7' }, '+08:00')).toMatchObject({ outcome: 'other', vendorStatus: { code: '7', label: null } });
	});

	test('Get Call Result data (seed example): server-offset times, seconds, the trigger\'s dedupeKey', () => {
		const data = {
			callId: '1644464743-1388',
			called: '88881955',
			callEndTime: '2022-02-10 11:45:51',
			vdnId: 8,
			callStatus: '6',
			failCode: '00000',
			resultCode: 'OB99999',
			callBeginTime: '2022-02-10 11:45:47',
			recordPath: 'https://obs.example/record.wav',
			ackBeginTime: '2022-02-10 11:45:43',
		};
		const record = isalesCallRecord(data, '+08:00');
		expect(Object.keys(record)).toEqual(RECORD_KEYS);
		expect(record).toEqual({
			vendor: 'huawei',
			callId: '1644464743-1388',
			externalId: null,
			phone: '88881955',
			outcome: 'answered',
			vendorStatus: { code: '6', label: 'succeeded' },
			startedAt: '2022-02-10T11:45:43+08:00',
			answeredAt: '2022-02-10T11:45:47+08:00',
			endedAt: '2022-02-10T11:45:51+08:00',
			durationSec: 8,
			talkSec: 4,
			recordingUrl: 'https://obs.example/record.wav',
			dedupeKey: 'huawei:call:1644464743-1388',
		});
		expect(isalesCallRecord(data, '-05:00').startedAt).toBe('2022-02-10T11:45:43-05:00');
	});

	test('a pushed result: callTimeStr, customField; the push key also without callId', () => {
		const pushed = { campaignId: '2001', called: '139', callTimeStr: '2024-03-01 09:00:05', callStatus: 5, customField: 'crm-0' };
		expect(isalesCallRecord({ ...pushed, callId: 'c-1' }, '+08:00')).toMatchObject({
			externalId: 'crm-0',
			startedAt: '2024-03-01T09:00:05+08:00',
			outcome: 'failed',
			answeredAt: null,
			talkSec: 0,
			dedupeKey: 'huawei:call:c-1',
		});
		expect(isalesCallRecord(pushed, '+08:00').dedupeKey).toEqual((isalesResultDedupeKey(pushed) as { key: string }).key);
	});
});
