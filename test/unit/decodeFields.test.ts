import { decodeNxCloudRecord, NXCLOUD_DECODE_RULES } from '../../nodes/NxCloudCallbot/decode';
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
	test('adds labels and ISO dates at every depth and keeps raw values', () => {
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
		const decoded = decodeNxCloudRecord(order);
		const call = decoded.callInfoDetailList[0] as Record<string, any>;
		expect(call).toMatchObject({
			callStatus: 6,
			callStatusLabel: 'completed',
			callStartTs: 1_700_000_000,
			callStartTsIso: '2023-11-14T22:13:20.000Z',
			callAnswerTs: 0,
		});
		expect(call.callAnswerTsIso).toBeUndefined();
		expect(call.agent).toMatchObject({
			agentCallStatusLabel: 'connected',
			manualHangupByLabel: 'user',
			manualCallStartIso: '2023-11-14T22:13:30.000Z',
		});
		expect(call.recordDetail[0]).toMatchObject({ recordRoleLabel: 'user', recordTypeLabel: 'user normal response' });
		expect(call.sms[0].smsSendTsIso).toBe('2023-11-14T22:15:00.000Z');
		// The input is not changed.
		expect((order.callInfoDetailList[0] as Record<string, unknown>).callStatusLabel).toBeUndefined();
	});

	test('twins follow the raw fields; parts without codes are shared, not copied', () => {
		const order = {
			orderID: 'o-1',
			userName: { first: 'A' },
			callInfoDetailList: [{ callID: 'c-1', callStatus: 6, hangupCause: 'NORMAL', intents: ['yes'], recordDetail: [{ content: 'hi' }] }],
		};
		const decoded = decodeNxCloudRecord(order);
		expect(Object.keys(decoded.callInfoDetailList[0])).toEqual(['callID', 'callStatus', 'hangupCause', 'intents', 'recordDetail', 'callStatusLabel']);
		expect(decoded).not.toBe(order);
		expect(decoded.userName).toBe(order.userName);
		expect(decoded.callInfoDetailList[0].intents).toBe(order.callInfoDetailList[0].intents);
		expect(decoded.callInfoDetailList[0].recordDetail).toBe(order.callInfoDetailList[0].recordDetail);
		const plain = { a: 1, list: [{ b: 2 }] };
		expect(decodeNxCloudRecord(plain)).toBe(plain);
	});

	test('in place: the same twins in the same order, added to the record itself', () => {
		const make = () => ({ orderID: 'o-1', callInfoDetailList: [{ callStatus: 6, callStartTs: 1_700_000_000, agent: { manualHangupBy: 2 } }] });
		const record = make();
		const copied = decodeFields(make(), NXCLOUD_DECODE_RULES);
		expect(decodeFieldsInPlace(record, NXCLOUD_DECODE_RULES)).toBe(record);
		expect(record).toEqual(copied);
		expect(Object.keys(record.callInfoDetailList[0])).toEqual(Object.keys(copied.callInfoDetailList[0]));
		expect(record.callInfoDetailList[0]).toMatchObject({ callStatusLabel: 'completed', callStartTsIso: '2023-11-14T22:13:20.000Z' });
		expect(record.callInfoDetailList[0].agent).toMatchObject({ manualHangupByLabel: 'user' });
	});

	test('unknown codes get no label rather than a wrong one', () => {
		expect(decodeNxCloudRecord({ callStatus: 99 })).toEqual({ callStatus: 99 });
	});
});
