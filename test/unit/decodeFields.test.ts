import { decodeNxCloudRecord, nxCloudDecodeRules } from '../../nodes/NxCloudCallbot/decode';
import { decodeFields, decodeFieldsInPlace } from '../../nodes/shared/decodeFields';
import { codeWithMeaning, describeCode } from '../../nodes/shared/codeTables';
import { RET_CODES } from '../../nodes/NxCloudCallbot/codes';

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
		});
		expect(call.callAnswerTsIso).toBeUndefined();
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

	test('unknown codes get no label rather than a wrong one', () => {
		expect(decodeNxCloudRecord({ callStatus: 99 }, 'UTC')).toEqual({ callStatus: 99 });
	});
});
