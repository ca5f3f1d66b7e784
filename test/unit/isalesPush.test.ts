/**
 * The pure half of the Huawei CC-iSales Trigger (nodes/HuaweiIsales/push.ts) and its offline
 * credential test (pushTokenTest.ts).
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

import {
	checkPushToken,
	decodePushResult,
	isalesResultDedupeKey,
	MIN_PUSH_TOKEN_LENGTH,
	pushTokenProblem,
	readIsalesPush,
} from '../../nodes/HuaweiIsales/push';
import { huaweiIsalesPushTokenTest } from '../../nodes/HuaweiIsales/pushTokenTest';
import { loadCredentialType, loadNodeType } from '../harness/packageTypes';

const TOKEN = '3f9a1c7e5b2d4f608a1c2e4b6d8f0a1c';

describe('push token', () => {
	test('the minimum is 24 characters, URL-safe only, no surrounding spaces; messages never quote the token', () => {
		expect(MIN_PUSH_TOKEN_LENGTH).toBe(24);
		const cases: Array<[unknown, RegExp | undefined]> = [
			[undefined, /empty/],
			['', /empty/],
			[42, /empty/],
			['a'.repeat(23), /23 characters long: use at least 24/],
			['a'.repeat(24), undefined],
			['Az09-._~'.repeat(3), undefined],
			[` ${'a'.repeat(30)}`, /space or line break/],
			[`${'a'.repeat(30)}\n`, /space or line break/],
			[`${'a'.repeat(30)}+b`, /character 31/],
			[`${'a'.repeat(10)}/${'b'.repeat(20)}`, /character 11/],
			[`${'a'.repeat(10)}&token=${'b'.repeat(20)}`, /character 11/],
			[`${'a'.repeat(10)}é${'b'.repeat(20)}`, /URL cannot carry/],
			[`${'a'.repeat(10)}😀${'b'.repeat(20)}`, /character 11/],
		];
		for (const [token, expected] of cases) {
			const problem = pushTokenProblem(token);
			if (expected === undefined) expect([token, problem]).toEqual([token, undefined]);
			else expect([token, problem]).toEqual([token, expect.stringMatching(expected)]);
			if (typeof token === 'string' && token.length > 3) expect(problem ?? '').not.toContain(token.trim());
		}
	});

	test('checkPushToken: only a single ?token= equal to the credential\'s passes; every refusal is 401 and names no token', () => {
		expect(checkPushToken({ token: TOKEN }, TOKEN)).toBeUndefined();
		expect(checkPushToken({ token: TOKEN, other: 'x' }, TOKEN)).toBeUndefined();
		const refused: unknown[] = [
			undefined,
			null,
			'token=' + TOKEN,
			{},
			{ token: '' },
			{ token: TOKEN.slice(1) },
			{ token: `${TOKEN} ` },
			{ token: [TOKEN] },
			{ token: [TOKEN, TOKEN] },
			{ token: { a: TOKEN } },
			{ Token: TOKEN },
			Object.create({ token: TOKEN }),
		];
		for (const query of refused) {
			const rejection = checkPushToken(query, TOKEN);
			expect(rejection?.status).toBe(401);
			expect(rejection?.message).not.toContain(TOKEN);
		}
		// A credential token that cannot guard the URL refuses even a matching push.
		expect(checkPushToken({ token: 'short' }, 'short')).toEqual({ status: 401, message: expect.stringMatching(/not usable/) });
		expect(checkPushToken({ token: '' }, '')?.status).toBe(401);
	});

	test('the offline credential Test: Error with the reason, OK saying where the token is really checked; nothing is sent', async () => {
		const context = {} as ICredentialTestFunctions;
		const test = (token: unknown) =>
			huaweiIsalesPushTokenTest.call(context, { id: '1', name: 'push', type: 'huaweiIsalesPushApi', data: { token } } as ICredentialsDecrypted);
		expect(await test('')).toEqual({ status: 'Error', message: expect.stringMatching(/empty/) });
		expect(await test('abc')).toEqual({ status: 'Error', message: expect.stringMatching(/at least 24/) });
		expect(await test(`${'a'.repeat(30)}?`)).toEqual({ status: 'Error', message: expect.stringMatching(/URL cannot carry/) });
		const ok = await test(TOKEN);
		expect(ok).toEqual({ status: 'OK', message: expect.stringMatching(/every push/) });
		expect(ok.message).not.toContain(TOKEN);
	});

	test('the credential has the token as a password field and no test request; the trigger tests it (testedBy) with a function it provides', () => {
		const credential = loadCredentialType('huaweiIsalesPushApi');
		expect(credential.properties.find((p) => p.name === 'token')?.typeOptions?.password).toBe(true);
		expect(credential.test).toBeUndefined();
		const trigger = loadNodeType('huaweiIsalesTrigger');
		const reference = trigger.description.credentials?.find((c) => c.name === 'huaweiIsalesPushApi');
		expect(reference).toMatchObject({ required: true, testedBy: 'huaweiIsalesPushTokenTest' });
		expect(typeof trigger.methods?.credentialTest?.huaweiIsalesPushTokenTest).toBe('function');
	});
});

describe('result push reading', () => {
	test('dedupe keys: callId first; without one, campaign, number and call time; objects refused', () => {
		expect(isalesResultDedupeKey({ callId: '1709254805-1000' })).toEqual({ key: 'huawei:call:1709254805-1000' });
		expect(isalesResultDedupeKey({ callId: 12345 })).toEqual({ key: 'huawei:call:12345' });
		expect(isalesResultDedupeKey({ callId: ' c-1 ' })).toEqual({ key: 'huawei:call:c-1' });
		expect(isalesResultDedupeKey({ callId: '', campaignId: 7, called: '139', callTimeStr: '2024-03-01 09:00:00' })).toEqual({
			key: 'huawei:result:7:139:2024-03-01 09:00:00',
		});
		expect(isalesResultDedupeKey({ called: '139' })).toEqual({ key: 'huawei:result::139:' });
		expect(isalesResultDedupeKey({ callId: ['c'] })).toEqual({ problem: expect.stringMatching(/callId/) });
		expect(isalesResultDedupeKey({ called: '139', callTimeStr: {} })).toEqual({ problem: expect.stringMatching(/callTimeStr/) });
		expect(isalesResultDedupeKey({})).toEqual({ problem: expect.stringMatching(/neither/) });
		expect(isalesResultDedupeKey({ callId: null, called: null })).toEqual({ problem: expect.stringMatching(/neither/) });
	});

	test('decoding: callStatusLabel and ISO twins of every time field read in the server offset, raw values kept, input untouched', () => {
		const result = Object.freeze({ callId: 'c', callStatus: '5', callTimeStr: '2024-03-01 09:00:05', callEndTime: '2024-03-01 09:01:00', failCode: '00603' });
		const decoded = decodePushResult(result, '+08:00');
		expect(decoded).toEqual({
			...result,
			callStatusLabel: 'failed',
			callTimeStrIso: '2024-03-01T09:00:05+08:00',
			callEndTimeIso: '2024-03-01T09:01:00+08:00',
		});
		// Each twin right after its raw field.
		expect(Object.keys(decoded)).toEqual(['callId', 'callStatus', 'callStatusLabel', 'callTimeStr', 'callTimeStrIso', 'callEndTime', 'callEndTimeIso', 'failCode']);
		expect(decodePushResult({ callStatus: 9, callTimeStr: 'yesterday' }, '+08:00')).toEqual({ callStatus: 9, callStatusLabel: null, callTimeStr: 'yesterday', callTimeStrIso: null });
	});

	test('readIsalesPush: token before body, an empty list is ignored, one item per result', () => {
		const read = (body: string, query: unknown = { token: TOKEN }) => readIsalesPush(Buffer.from(body), { token: TOKEN, query, decodeOffset: '+08:00' });
		expect(read('not json', {})).toEqual({ rejection: { status: 401, message: expect.any(String) } });
		expect(read('[]')).toEqual({ ignore: true });
		expect(read('{}')).toEqual({ rejection: { status: 400, message: expect.stringMatching(/not a JSON list/) } });
		const two = read('[{"callId":"a","callStatus":6},{"callId":"b","dedupeKey":"forged"}]');
		expect(two).toEqual({
			items: [
				{ callId: 'a', callStatus: 6, callStatusLabel: 'succeeded', dedupeKey: 'huawei:call:a' },
				{ callId: 'b', dedupeKey: 'huawei:call:b' },
			],
		});
		expect(readIsalesPush(Buffer.from('[{"callId":"a","callStatus":6}]'), { token: TOKEN, query: { token: TOKEN } })).toEqual({
			items: [{ callId: 'a', callStatus: 6, dedupeKey: 'huawei:call:a' }],
		});
	});
});

describe('trigger description (n8n trigger rules)', () => {
	test('name and class end in Trigger, no inputs, a subtitle, a POST webhook at huawei-isales, webhookMethods, not a tool', () => {
		const trigger = loadNodeType('huaweiIsalesTrigger');
		const { description } = trigger;
		expect(trigger.constructor.name).toBe('HuaweiIsalesTrigger');
		expect([description.name, description.displayName]).toEqual(['huaweiIsalesTrigger', 'Huawei CC-iSales Trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(description.subtitle).toBeTruthy();
		expect(description.usableAsTool).toBeFalsy();
		expect(description.webhooks?.map((w) => [w.httpMethod, w.path])).toEqual([['POST', 'huawei-isales']]);
		expect(Object.keys(trigger.webhookMethods?.default ?? {}).sort()).toEqual(['checkExists', 'create', 'delete']);
		const responseMode = description.properties.find((p) => p.name === 'responseMode');
		expect((responseMode?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['onReceived', 'lastNode', 'onSuccess']);
		expect(description.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['decodeValues', 'serverUtcOffset']));
		// The offset serves the ISO twins and the call record alike: always shown.
		expect(description.properties.find((p) => p.name === 'serverUtcOffset')?.displayOptions).toBeUndefined();
		expect(description.properties.find((p) => p.name === 'addCallRecord')).toMatchObject({ type: 'boolean', default: true });
		expect(description.properties.find((p) => p.name === 'decodeValues')?.displayOptions).toBeUndefined();
		const notice = String(description.properties.find((p) => p.name === 'setupNotice')?.displayName);
		expect(notice).toContain('huawei-isales?token=&lt;your token&gt;');
	});
});
