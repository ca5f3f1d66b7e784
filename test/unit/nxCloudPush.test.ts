/**
 * Reading NXCloud pushes (nodes/NxCloudCallbot/push.ts): signature over the raw bytes, event,
 * shape, dedupe keys, decoded item. Signed by the emulator's own implementation of the rule.
 */
import {
	checkNxCloudPushSignature,
	nxCloudPushDedupeKey,
	nxCloudPushEvent,
	readNxCloudPush,
	type NxCloudPushOptions,
} from '../../nodes/NxCloudCallbot/push';
import { makeCallPush, makeOrderPush, makeTaskPush, signNxCloudPush } from '../emulators/nxCloudEmulator';

const account = { uuid: 'Vh71ym3yQwWSYZFpqkFwTskGXUbSxDtR', secretKey: 'u7Mf3zUNOkg4lMV9a0E6cHSgIkK22GSr' };
const NOW = 1_714_525_260;

/** Headers as Node hands them to a webhook: names lower-cased. */
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

function options(overrides: Partial<NxCloudPushOptions> = {}): NxCloudPushOptions {
	return {
		key: { secretKey: account.secretKey, algorithm: 'MD5' },
		events: ['order', 'call', 'task'],
		decode: true,
		nowSeconds: NOW,
		timeZone: 'UTC',
		...overrides,
	};
}

describe('signature', () => {
	test("the vendor's computed vectors verify over the raw bytes (MD5 and SHA256)", () => {
		const headers = { requestid: '0123456789abcdef0123456789abcdef', uuid: account.uuid, createts: '1700000000' };
		const body = Buffer.from('{"data":"ping"}');
		const check = (sign: string, algorithm: 'MD5' | 'SHA256') =>
			checkNxCloudPushSignature({ ...headers, sign }, body, { secretKey: account.secretKey, algorithm }, { nowSeconds: NOW });
		expect(check('B13974D77A7E6B91FF2952D1938AACCE', 'MD5')).toBeUndefined();
		expect(check('b13974d77a7e6b91ff2952d1938aacce', 'MD5')).toBeUndefined();
		expect(check('3D3F8D612D5A8AAB93E94328222B944BDE093168B2CE766973E597D373C057AA', 'SHA256')).toBeUndefined();
		// The algorithm is the credential's: an MD5 sign does not pass a SHA256 credential.
		expect(check('B13974D77A7E6B91FF2952D1938AACCE', 'SHA256')?.status).toBe(401);
	});

	test('the bytes as sent are signed: invalid UTF-8 and whitespace count, a re-serialisation would not match', () => {
		const bytes = Buffer.concat([Buffer.from('{"orderID":"o-1","userName":"'), Buffer.from([0xe5, 0xbc]), Buffer.from('" }')]);
		const headers = { requestid: 'req-1', uuid: account.uuid, createts: String(NOW) };
		const { createHash } = require('crypto') as typeof import('crypto');
		const sign = createHash('md5')
			.update(Buffer.concat([Buffer.from(`${account.secretKey}&body=`), bytes, Buffer.from(`&createTs=${NOW}&requestID=req-1&uuid=${account.uuid}`)]))
			.digest('hex')
			.toUpperCase();
		const key = { secretKey: account.secretKey, algorithm: 'MD5' as const };
		expect(checkNxCloudPushSignature({ ...headers, sign }, bytes, key, { nowSeconds: NOW })).toBeUndefined();
		// The same body decoded and re-encoded (the broken bytes become U+FFFD) no longer matches.
		expect(checkNxCloudPushSignature({ ...headers, sign }, Buffer.from(bytes.toString('utf8')), key, { nowSeconds: NOW })?.status).toBe(401);
	});

	test('missing, wrong and partial signatures: 401 with a short reason naming no secret', () => {
		const signed = signNxCloudPush(account, makeOrderPush('o-1'), { createTs: NOW });
		const body = Buffer.from(signed.body);
		const key = { secretKey: account.secretKey, algorithm: 'MD5' as const };
		const run = (headers: Record<string, string>, bytes = body) => checkNxCloudPushSignature(lower(headers), bytes, key, { nowSeconds: NOW });
		expect(run(signed.headers)).toBeUndefined();
		const { sign, ...unsigned } = signed.headers;
		const cases: Array<[Record<string, string>, Buffer, RegExp]> = [
			[unsigned, body, /not signed/],
			[{ ...signed.headers, sign: '' }, body, /not signed/],
			[{ ...signed.headers, sign: sign.slice(1) }, body, /does not match/],
			[{ ...signed.headers, sign: sign.replace(/^./, sign[0] === 'A' ? 'B' : 'A') }, body, /does not match/],
			[{ ...signed.headers, requestID: 'other' }, body, /does not match/],
			[{ ...signed.headers, uuid: 'other' }, body, /does not match/],
			[{ ...signed.headers, createTs: String(NOW + 1) }, body, /does not match/],
			[signed.headers, Buffer.from(signed.body.replace('o-1', 'o-2')), /does not match/],
			[signed.headers, Buffer.from(signed.body + ' '), /does not match/],
			[{ sign, uuid: account.uuid, createTs: String(NOW) }, body, /lacks/],
		];
		for (const [headers, bytes, message] of cases) {
			const rejection = run(headers, bytes);
			expect(rejection).toEqual({ status: 401, message: expect.stringMatching(message) });
			expect(rejection!.message).not.toContain(account.secretKey);
		}
		expect(checkNxCloudPushSignature(lower(signed.headers), body, { ...key, secretKey: '' }, { nowSeconds: NOW })?.message).toMatch(/No Secret Key/);
	});

	test('maximum age: off by default; when set, a push signed too long ago (or ahead) is refused', () => {
		const key = { secretKey: account.secretKey, algorithm: 'MD5' as const };
		const at = (createTs: number | string) => signNxCloudPush(account, makeOrderPush('o-1'), { createTs });
		const check = (signed: ReturnType<typeof at>, maxAgeSeconds?: number) =>
			checkNxCloudPushSignature(lower(signed.headers), Buffer.from(signed.body), key, { nowSeconds: NOW, maxAgeSeconds });
		const dayOld = at(NOW - 86_400);
		expect(check(dayOld)).toBeUndefined();
		expect(check(dayOld, 0)).toBeUndefined();
		expect(check(dayOld, 300)).toEqual({ status: 401, message: expect.stringMatching(/maximum age of 300 s/) });
		expect(check(at(NOW - 299), 300)).toBeUndefined();
		expect(check(at(NOW + 600), 300)?.status).toBe(401);
		expect(check(at('soon'), 300)).toEqual({ status: 401, message: 'The createTs header is not a unix time' });
	});
});

describe('which event a push is', () => {
	test.each([
		['order: callbackType the string "1"', makeOrderPush('o-1'), 'order'],
		['call: callbackType a number', makeCallPush('o-1', 'c-1'), 'call'],
		['task: taskStatus and taskStat, no order', makeTaskPush('task-1', 3), 'task'],
		['order even if its callbackType string is not "1"', makeOrderPush('o-1', { callbackType: '2' }), 'order'],
		['call even if its callbackType number is 1', makeCallPush('o-1', 'c-1', { callbackType: 1 }), 'call'],
		['no callbackType, call-only fields: call', makeCallPush('o-1', 'c-1', { callbackType: undefined }), 'call'],
		['no callbackType, no call-only fields: order', makeOrderPush('o-1', { callbackType: undefined }), 'order'],
		['callbackType null, callingNumber: call', { orderID: 'o', callbackType: null, callingNumber: '1' }, 'call'],
		['only taskStat: task', { userTaskID: 't', taskStat: {} }, 'task'],
		['an order push with a taskStatus field stays an order', makeOrderPush('o-1', { taskStatus: 2 }), 'order'],
		['nothing known', { hello: 1 }, undefined],
		['empty', {}, undefined],
	])('%s', (_name, push, event) => {
		expect(nxCloudPushEvent(JSON.parse(JSON.stringify(push)))).toBe(event);
	});
});

describe('dedupe keys', () => {
	test('the same for a resend, different for different events', () => {
		const key = (event: 'order' | 'call' | 'task', push: Record<string, unknown>) => {
			const result = nxCloudPushDedupeKey(event, push);
			if (!('key' in result)) throw new Error(result.rejection.message);
			return result.key;
		};
		expect(key('call', makeCallPush('o-1', 'c-7'))).toBe('nxcloud:call:c-7');
		expect(key('order', makeOrderPush('o-1'))).toBe('nxcloud:order:o-1:true');
		expect(key('order', makeOrderPush('o-1', { finish: false }))).toBe('nxcloud:order:o-1:false');
		expect(key('order', makeOrderPush('o-1', { finish: undefined }))).toBe('nxcloud:order:o-1:');
		expect(key('task', makeTaskPush('task-1', 3))).toBe('nxcloud:task:task-1:3:1714525200');
		expect(key('task', makeTaskPush('task-1', 5, { createTs: 1_714_525_999 }))).toBe('nxcloud:task:task-1:5:1714525999');
		expect(key('call', makeCallPush('o-1', 'c-1', { callInfoDetail: { callID: 42 } }))).toBe('nxcloud:call:42');
	});

	test.each([
		['call', makeCallPush('o-1', 'c-1', { callInfoDetail: { callStatus: 6 } }), /callInfoDetail.callID/],
		['call', makeCallPush('o-1', 'c-1', { callInfoDetail: [{ callID: 'c-1' }] }), /callInfoDetail must be an object/],
		['call', makeCallPush('o-1', 'c-1', { callInfoDetail: { callID: { id: 1 } } }), /callInfoDetail.callID/],
		['order', makeOrderPush('', {}), /needs an orderID/],
		['order', makeOrderPush('o-1', { orderID: ['o-1'] }), /orderID must be text/],
		['order', makeOrderPush('o-1', { finish: { yes: true } }), /finish must be text/],
		['order', makeOrderPush('o-1', { callbackType: ['1'] }), /callbackType must be text/],
		['task', makeTaskPush('task-1', 3, { taskStatus: [3] }), /taskStatus must be text/],
		['task', makeTaskPush('task-1', 3, { taskStat: 'all' }), /taskStat must be an object/],
		['task', makeTaskPush('task-1', 3, { userTaskID: undefined }), /needs a userTaskID/],
	] as const)('%s push refused (case %#)', (event, push, message) => {
		expect(nxCloudPushDedupeKey(event, JSON.parse(JSON.stringify(push)))).toEqual({ rejection: { status: 400, message: expect.stringMatching(message) } });
	});
});

describe('readNxCloudPush', () => {
	const read = (push: object | string, overrides: Partial<NxCloudPushOptions> = {}, algorithm: 'MD5' | 'SHA256' = 'MD5') => {
		const signed = signNxCloudPush(account, push, { createTs: NOW, algorithm });
		return readNxCloudPush(Buffer.from(signed.body), lower(signed.headers), options({ key: { secretKey: account.secretKey, algorithm }, ...overrides }));
	};

	test('a call push: event, every pushed field, labels and ISO twins, raw values kept, dedupeKey', () => {
		const push = makeCallPush('o-1', 'c-1');
		const result = read(push, {}, 'SHA256');
		if (!('item' in result)) throw new Error(JSON.stringify(result));
		expect(result.event).toBe('call');
		expect(result.item).toEqual({
			...push,
			callInfoDetail: {
				...(push.callInfoDetail as object),
				callStatusLabel: 'completed',
				callStartTsIso: '2024-05-01T00:00:00Z',
				callAnswerTsIso: '2024-05-01T00:00:05Z',
				callEndTsIso: '2024-05-01T00:01:05Z',
				sms: [{ smsSendTs: 1_714_521_670, smsSendTsIso: '2024-05-01T00:01:10Z', sysMessageID: 'sms-1', smsContent: '感谢接听' }],
				agent: { ...((push.callInfoDetail as Record<string, unknown>).agent as object), agentCallStatusLabel: 'completed',
					// 0: no manual call; the twins are there, empty, as for a call with one.
					manualCallStartIso: null,
					manualCallAnswerIso: null,
					manualCallEndIso: null,
					manualHangupByLabel: 'none',
				},
			},
			event: 'call',
			dedupeKey: 'nxcloud:call:c-1',
			call: {
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
				recordingUrl: 'https://record.nxcloud.com/c-1.mp3',
				dedupeKey: 'nxcloud:call:c-1',
			},
		});
		expect(read(push, { addCallRecord: false }, 'SHA256')).not.toHaveProperty('item.call');
	});

	test("twins and the call record are written in the workflow's time zone, and agree", () => {
		const result = read(makeCallPush('o-1', 'c-1'), { timeZone: 'Asia/Shanghai' });
		if (!('item' in result)) throw new Error(JSON.stringify(result));
		const call = result.item.callInfoDetail as Record<string, unknown>;
		expect(call.callStartTsIso).toBe('2024-05-01T08:00:00+08:00');
		expect(Object.keys(call).slice(0, 4)).toEqual(['callID', 'callStatus', 'callStatusLabel', 'callStartTs']);
		expect((result.item.call as Record<string, unknown>).startedAt).toBe(call.callStartTsIso);
		const task = read(makeTaskPush('task-1', 4), { timeZone: 'America/New_York' });
		expect(task).toMatchObject({ item: { createTsIso: '2024-04-30T21:00:00-04:00' } });
	});

	test('a task push decodes taskStatus and createTs; without decoding the fields are as pushed', () => {
		const result = read(makeTaskPush('task-1', 4));
		expect(result).toMatchObject({ event: 'task', item: { taskStatus: 4, taskStatusLabel: 'completed (failed)', createTsIso: '2024-05-01T01:00:00Z' } });
		expect(read(makeTaskPush('task-1', 4), { decode: false })).toEqual({
			event: 'task',
			item: { ...makeTaskPush('task-1', 4), event: 'task', dedupeKey: 'nxcloud:task:task-1:4:1714525200' },
		});
	});

	test('event and dedupeKey are the trigger\'s even when a push carries fields of those names', () => {
		expect(read(makeOrderPush('o-1', { event: 'call', dedupeKey: 'x' }))).toMatchObject({ event: 'order', item: { event: 'order', dedupeKey: 'nxcloud:order:o-1:true' } });
	});

	test('an event not chosen is verified, then ignored', () => {
		expect(read(makeTaskPush('task-1', 2), { events: ['call'] })).toEqual({ ignore: true, event: 'task' });
		expect(read(makeCallPush('o', 'c'), { events: [] })).toEqual({ ignore: true, event: 'call' });
		// ...but an invalid push of an unchosen event is still refused.
		expect(read(makeCallPush('o', 'c', { callInfoDetail: 'none' }), { events: [] })).toHaveProperty('rejection.status', 400);
	});

	test('signed but not a push: 400 with a short reason; unsigned garbage: 401 before any parsing', () => {
		const cases: Array<[string, RegExp]> = [
			['', /empty/],
			['{"orderID":', /not valid JSON/],
			['[{"orderID":"o-1"}]', /not a JSON object/],
			['{"hello":"world"}', /not an NXCloud order, call or task push/],
			[`{"orderID":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, /nests deeper/],
		];
		for (const [body, message] of cases) {
			expect(read(body)).toEqual({ rejection: { status: 400, message: expect.stringMatching(message) } });
			expect(readNxCloudPush(Buffer.from(body), {}, options())).toEqual({ rejection: { status: 401, message: expect.stringMatching(/not signed/) } });
		}
	});

	test('a __proto__ key in a push stays an own property of the item; no prototype changes', () => {
		const body = '{"callbackType":2,"orderID":"o-1","__proto__":{"polluted":1},"callInfoDetail":{"callID":"c-1","__proto__":{"callStatus":6}}}';
		const result = read(body);
		if (!('item' in result)) throw new Error(JSON.stringify(result));
		expect(Object.getPrototypeOf(result.item)).toBe(Object.prototype);
		expect(Object.keys(result.item)).toEqual(['callbackType', 'orderID', '__proto__', 'callInfoDetail', 'event', 'dedupeKey', 'call']);
		expect((result.item as { polluted?: unknown }).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(result.item.callInfoDetail)).toBe(Object.prototype);
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	});
});
