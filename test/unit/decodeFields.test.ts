import { decodeNxCloudRecord, nxCloudDecodeRules } from '../../nodes/NxCloudCallbot/decode';
import { decodeFields, decodeFieldsInPlace } from '../../nodes/shared/decodeFields';
import { codeWithMeaning, describeCode } from '../../nodes/shared/codeTables';
import { RET_CODES } from '../../nodes/NxCloudCallbot/codes';
import { decodeIcsocRecord } from '../../nodes/IcsocAutocall/decode';
import { NEVER_EXPIRES, decodeTaskRecord } from '../../nodes/IcsocAutocall/taskData/decode';
import { decodeCallResult } from '../../nodes/HuaweiIsales/decode';

describe('code tables', () => {
	test('codes sent as numbers or strings find the same meaning', () => {
		expect(describeCode(RET_CODES, 6)).toBe('incorrect signature');
		expect(describeCode(RET_CODES, ' 6 ')).toBe('incorrect signature');
		expect(describeCode(RET_CODES, 999)).toBeUndefined();
		expect(describeCode(RET_CODES, 'toString')).toBeUndefined();
		expect(codeWithMeaning(RET_CODES, 4001)).toBe('4001 (too many array elements)');
		expect(codeWithMeaning(RET_CODES, 42)).toBe('42');
	});
});

describe('decodeNxCloudRecord', () => {
	test('adds labels and ISO dates (in the zone given) at every depth and keeps raw values', () => {
		const order = {
			orderID: 'o-1',
			callInfoDetailList: [
				{
					callStatus: 6,
					callStartTs: 1_700_000_000,
					callAnswerTs: 0,
					agent: { agentCallStatus: 3, manualHangupBy: 2, manualCallStart: 1_700_000_010 },
					recordDetail: [{ recordRole: 1, recordType: 7 }],
					sms: [{ smsSendTs: 1_700_000_100 }],
				},
			],
		};
		const decoded = decodeNxCloudRecord(order, 'Asia/Shanghai');
		const call = decoded.callInfoDetailList[0] as Record<string, any>;
		expect(call).toMatchObject({
			callStatus: 6,
			callStatusLabel: 'completed',
			callStartTs: 1_700_000_000,
			callStartTsIso: '2023-11-15T06:13:20+08:00',
			callAnswerTs: 0,
			callAnswerTsIso: null,
		});
		expect(call.agent).toMatchObject({
			agentCallStatusLabel: 'connected',
			manualHangupByLabel: 'user',
			manualCallStartIso: '2023-11-15T06:13:30+08:00',
		});
		expect(call.recordDetail[0]).toMatchObject({ recordRoleLabel: 'user', recordTypeLabel: 'user normal response' });
		expect(call.sms[0].smsSendTsIso).toBe('2023-11-15T06:15:00+08:00');
		expect(decodeNxCloudRecord(order, 'UTC').callInfoDetailList[0]).toMatchObject({ callStartTsIso: '2023-11-14T22:13:20Z' });
		expect(decodeNxCloudRecord(order, 'America/New_York').callInfoDetailList[0]).toMatchObject({ callStartTsIso: '2023-11-14T17:13:20-05:00' });
		// The input is not changed.
		expect((order.callInfoDetailList[0] as Record<string, unknown>).callStatusLabel).toBeUndefined();
	});

	test('each twin right after its raw field; parts without codes are shared, not copied', () => {
		const order = {
			orderID: 'o-1',
			userName: { first: 'A' },
			callInfoDetailList: [
				{ callID: 'c-1', callStatus: 6, callStartTs: 1_700_000_000, hangupCause: 'NORMAL', intents: ['yes'], recordDetail: [{ content: 'hi' }] },
			],
		};
		const decoded = decodeNxCloudRecord(order, 'UTC');
		expect(Object.keys(decoded.callInfoDetailList[0])).toEqual([
			'callID',
			'callStatus',
			'callStatusLabel',
			'callStartTs',
			'callStartTsIso',
			'hangupCause',
			'intents',
			'recordDetail',
		]);
		expect(decoded).not.toBe(order);
		expect(decoded.userName).toBe(order.userName);
		expect(decoded.callInfoDetailList[0].intents).toBe(order.callInfoDetailList[0].intents);
		expect(decoded.callInfoDetailList[0].recordDetail).toBe(order.callInfoDetailList[0].recordDetail);
		const plain = { a: 1, list: [{ b: 2 }] };
		expect(decodeNxCloudRecord(plain, 'UTC')).toBe(plain);
	});

	test('in place: the same twins in the same places; lists and records without twins stay the same objects', () => {
		const make = () => ({
			orderID: 'o-1',
			callInfoDetailList: [{ callStatus: 6, callStartTs: 1_700_000_000, callEndTs: 1_700_000_030, agent: { manualHangupBy: 2 }, intents: [] }],
		});
		const rules = nxCloudDecodeRules('UTC');
		const record = make();
		const list = record.callInfoDetailList;
		const copied = decodeFields(make(), rules);
		expect(decodeFieldsInPlace(record, rules)).toBe(record);
		expect(record.callInfoDetailList).toBe(list);
		expect(record).toEqual(copied);
		expect(Object.keys(record.callInfoDetailList[0])).toEqual(Object.keys(copied.callInfoDetailList[0]));
		expect(Object.keys(record.callInfoDetailList[0])).toEqual([
			'callStatus',
			'callStatusLabel',
			'callStartTs',
			'callStartTsIso',
			'callEndTs',
			'callEndTsIso',
			'agent',
			'intents',
		]);
		expect(record.callInfoDetailList[0]).toMatchObject({ callStatusLabel: 'completed', callStartTsIso: '2023-11-14T22:13:20Z' });
		expect(Object.keys(record.callInfoDetailList[0].agent)).toEqual(['manualHangupBy', 'manualHangupByLabel']);
	});

	test('decoding twice changes nothing: one key per twin, in its place, with the twin of the zone asked for', () => {
		const once = decodeNxCloudRecord({ callStatus: 6, callStartTs: 1_700_000_000, x: 1 }, 'UTC');
		for (const decode of [decodeFields, decodeFieldsInPlace]) {
			const twice = decode({ ...once }, nxCloudDecodeRules('Asia/Shanghai')) as Record<string, unknown>;
			expect(Object.keys(twice)).toEqual(['callStatus', 'callStatusLabel', 'callStartTs', 'callStartTsIso', 'x']);
			expect(twice.callStartTsIso).toBe('2023-11-15T06:13:20+08:00');
		}
	});

	test('vendor fields named like Object.prototype members are copied like any other', () => {
		const decoded = decodeNxCloudRecord({ toString: 'a', callStatus: 6, constructor: 'b', hasOwnProperty: 'c' }, 'UTC');
		expect(decoded).toEqual({ toString: 'a', callStatus: 6, callStatusLabel: 'completed', constructor: 'b', hasOwnProperty: 'c' });
	});

	test('unknown codes get no label rather than a wrong one: a null one', () => {
		expect(decodeNxCloudRecord({ callStatus: 99 }, 'UTC')).toEqual({ callStatus: 99, callStatusLabel: null });
		expect(decodeNxCloudRecord({ callStatus: 'toString' }, 'UTC')).toEqual({ callStatus: 'toString', callStatusLabel: null });
	});
});

describe('twins for table rows: a field present has its twin, null when it cannot be decoded', () => {
	const answered = { callID: 'c-2', callStatus: 6, callStartTs: 1_700_000_060, callAnswerTs: 1_700_000_065, callEndTs: 1_700_000_090, callDuration: 25 };
	const columns = ['callID', 'callStatus', 'callStatusLabel', 'callStartTs', 'callStartTsIso', 'callAnswerTs', 'callAnswerTsIso', 'callEndTs', 'callEndTsIso', 'callDuration'];

	test.each([
		['0 (never)', 0],
		['"0"', '0'],
		['empty text', ''],
		["PHP's never", '0000-00-00 00:00:00'],
		['null', null],
		['not a time', 'soon'],
		['a boolean', false],
	])('an unanswered call (callAnswerTs %s) has the columns of an answered one, in the same order', (_name, never) => {
		const unanswered = { callID: 'c-1', callStatus: 10, callStartTs: 1_700_000_000, callAnswerTs: never, callEndTs: 1_700_000_030, callDuration: 0 };
		for (const decode of [decodeFields, decodeFieldsInPlace]) {
			const [first, second] = decode([{ ...unanswered }, { ...answered }], nxCloudDecodeRules('UTC')) as Array<Record<string, unknown>>;
			expect(Object.keys(first)).toEqual(columns);
			expect(Object.keys(second)).toEqual(columns);
			expect(first).toMatchObject({ callAnswerTs: never, callAnswerTsIso: null, callStartTsIso: '2023-11-14T22:13:20Z' });
			expect(second.callAnswerTsIso).toBe('2023-11-14T22:14:25Z');
		}
	});

	test('an unknown, empty or null code gets a null label, never a wrong one; at every depth', () => {
		const order = { orderID: 'o-1', callInfoDetailList: [{ callStatus: 99, agent: { agentCallStatus: null, manualHangupBy: '' }, recordDetail: [{ recordRole: 'x' }] }] };
		for (const decode of [decodeFields, decodeFieldsInPlace]) {
			const call = decode(structuredClone(order), nxCloudDecodeRules('UTC')).callInfoDetailList[0] as Record<string, any>;
			expect(call).toEqual({
				callStatus: 99,
				callStatusLabel: null,
				agent: { agentCallStatus: null, agentCallStatusLabel: null, manualHangupBy: '', manualHangupByLabel: null },
				recordDetail: [{ recordRole: 'x', recordRoleLabel: null }],
			});
		}
	});

	test('a field the record lacks gets no twin, nor one holding an object or a list', () => {
		const rules = { labels: { status: { '1': 'one' } }, dates: { at: () => undefined } };
		expect(decodeFields({ x: 1 }, rules)).toEqual({ x: 1 });
		expect(decodeFields({ status: { code: 1 }, at: [] }, rules)).toEqual({ status: { code: 1 }, at: [] });
		// undefined: a key set so (never from JSON) is still a field present.
		expect(Object.keys(decodeFields({ status: undefined, at: undefined }, rules))).toEqual(['status', 'statusLabel', 'at', 'atIso']);
	});

	test('each vendor: "never" and undecodable times, unknown codes', () => {
		expect(decodeIcsocRecord({ callresult: '77', endresult: 12, start_time: '0', end_time: '0000-00-00 00:00:00', ans_time: '' })).toEqual({
			callresult: '77',
			callresultLabel: null,
			endresult: 12,
			endresultLabel: 'agent hung up',
			start_time: '0',
			start_timeIso: null,
			end_time: '0000-00-00 00:00:00',
			end_timeIso: null,
			ans_time: '',
			ans_timeIso: null,
		});
		expect(decodeCallResult({ callStatus: 7, callBeginTime: '', callEndTime: '2024-05-01 08:50:07' }, '+08:00')).toEqual({
			callStatus: 7,
			callStatusLabel: null,
			callBeginTime: '',
			callBeginTimeIso: null,
			callEndTime: '2024-05-01 08:50:07',
			callEndTimeIso: '2024-05-01T08:50:07+08:00',
		});
		expect(decodeTaskRecord({ callResult: -2, startedAt: null, expiredAt: NEVER_EXPIRES })).toEqual({
			callResult: -2,
			callResultLabel: 'not called',
			startedAt: null,
			startedAtIso: null,
			expiredAt: NEVER_EXPIRES,
			expiredAtIso: null,
		});
	});

	test('decoding a decoded record again keeps one key per twin, null ones too, in place', () => {
		const once = decodeNxCloudRecord({ callStatus: 99, callAnswerTs: 0, x: 1 }, 'UTC');
		expect(once).toEqual({ callStatus: 99, callStatusLabel: null, callAnswerTs: 0, callAnswerTsIso: null, x: 1 });
		for (const decode of [decodeFields, decodeFieldsInPlace]) {
			const twice = decode({ ...once }, nxCloudDecodeRules('UTC')) as Record<string, unknown>;
			expect(Object.keys(twice)).toEqual(['callStatus', 'callStatusLabel', 'callAnswerTs', 'callAnswerTsIso', 'x']);
		}
	});
});
