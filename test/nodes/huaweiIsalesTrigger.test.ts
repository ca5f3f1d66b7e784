/**
 * Huawei CC-iSales Trigger over real HTTP, inside n8n-core's real WebhookContext: an emulated
 * iSales (test/emulators/isalesEmulator.ts) posts result pushes to the campaign's callBackUrl,
 * with the token, without it, with another, or with it elsewhere than in the query.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { IsalesPushSender, makePushResult } from '../emulators/isalesEmulator';
import { WebhookServer, type WebhookServerOptions } from '../harness/webhookRunner';

const TOKEN = 'tok_9f2c4e1a7b3d5f60-8a1c2e4b6d.7f~90';
const ACK = { retCode: '0', retMsg: 'success' };

describe('Huawei CC-iSales Trigger over real HTTP', () => {
	let server: WebhookServer;
	let isales: IsalesPushSender;
	const start = async (parameters: INodeParameters = {}, extra: Partial<WebhookServerOptions> & { token?: string } = {}) => {
		server = await new WebhookServer({
			nodeType: 'huaweiIsalesTrigger',
			parameters,
			credentials: { huaweiIsalesPushApi: { token: extra.token ?? TOKEN } },
			...extra,
		}).start();
		isales = new IsalesPushSender(IsalesPushSender.callBackUrlFor(server.url, TOKEN));
		return server;
	};
	afterEach(async () => server?.stop());

	const items = () => server.executions.flatMap((execution) => execution[0].map((item) => item.json));

	test('a push of one result with the token: HTTP 200 {"retCode":"0"} at once, one execution, decoded like Get Call Result, with dedupeKey', async () => {
		await start();
		const result = makePushResult('2001', 1);
		const replies = await isales.deliver([result]);
		expect(replies.map((reply) => [reply.status, JSON.parse(reply.text)])).toEqual([[200, ACK]]);
		expect(server.executions).toHaveLength(1);
		expect(items()).toEqual([
			{
				...result,
				callStatusLabel: 'failed',
				callTimeStrIso: '2024-03-01T09:01:05+08:00',
				dedupeKey: 'huawei:call:1709254806-1001',
				// A push has callTimeStr, not the begin and end times of Get Call Result.
				call: {
					vendor: 'huawei',
					callId: '1709254806-1001',
					externalId: 'crm-1',
					phone: '13900000001',
					outcome: 'failed',
					vendorStatus: { code: 5, label: 'failed' },
					startedAt: '2024-03-01T09:01:05+08:00',
					answeredAt: null,
					endedAt: null,
					durationSec: null,
					talkSec: 0,
					recordingUrl: null,
					dedupeKey: 'huawei:call:1709254806-1001',
				},
			},
		]);
	});

	test('a push of 3 results: one execution with 3 items in push order, each with its own dedupeKey', async () => {
		await start();
		const results = [0, 1, 2].map((n) => makePushResult('2001', n));
		const reply = await isales.push(results);
		expect([reply.status, JSON.parse(reply.text)]).toEqual([200, ACK]);
		expect(server.executions).toHaveLength(1);
		expect(server.executions[0]).toHaveLength(1);
		expect(server.executions[0][0]).toHaveLength(3);
		expect(items().map((item) => [item.callId, item.callStatusLabel, item.dedupeKey])).toEqual([
			['1709254805-1000', 'succeeded', 'huawei:call:1709254805-1000'],
			['1709254806-1001', 'failed', 'huawei:call:1709254806-1001'],
			['1709254807-1002', 'failed', 'huawei:call:1709254807-1002'],
		]);
	});

	test('a result pushed again carries the same dedupeKey (Remove Duplicates drops the repeat)', async () => {
		await start();
		const result = makePushResult('2001', 7);
		await isales.push([result]);
		await isales.push([result, makePushResult('2001', 8)]);
		expect(items().map((item) => item.dedupeKey)).toEqual(['huawei:call:1709254812-1007', 'huawei:call:1709254812-1007', 'huawei:call:1709254813-1008']);
	});

	test('token missing, wrong or elsewhere than ?token=: HTTP 401 {"retCode":"401"}, no execution, the token never echoed; iSales pushes once more at once', async () => {
		await start();
		const body = JSON.stringify([makePushResult('2001', 1)]);
		const base = server.url;
		const attempts: Array<[string, RequestInit, RegExp]> = [
			[base, {}, /carries no token/],
			[`${base}?token=`, {}, /does not match/],
			[`${base}?token=${TOKEN.slice(0, -1)}`, {}, /does not match/],
			[`${base}?token=${TOKEN}x`, {}, /does not match/],
			[`${base}?token=${TOKEN.toUpperCase()}`, {}, /does not match/],
			[`${base}?token=%20${TOKEN}`, {}, /does not match/],
			[`${base}?token=${TOKEN}&token=${TOKEN}`, {}, /more than once or in another form/],
			[`${base}?token[a]=${TOKEN}`, {}, /more than once or in another form/],
			[`${base}?Token=${TOKEN}`, {}, /carries no token/],
			[`${base}?access_token=${TOKEN}`, {}, /carries no token/],
			// In the path, in headers, in the body: not where the trigger reads it.
			[`${base}/${TOKEN}`, {}, /carries no token/],
			[base, { headers: { token: TOKEN } }, /carries no token/],
			[base, { headers: { Authorization: `Bearer ${TOKEN}` } }, /carries no token/],
			[base, { headers: { 'X-Token': TOKEN } }, /carries no token/],
			[`${base}#token=${TOKEN}`, {}, /carries no token/],
		];
		for (const [url, init, message] of attempts) {
			const response = await fetch(url, {
				method: 'POST',
				body,
				...init,
				headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
			});
			const text = await response.text();
			expect([url.replace(TOKEN, '<token>'), response.status, JSON.parse(text)]).toEqual([
				url.replace(TOKEN, '<token>'),
				401,
				{ retCode: '401', retMsg: expect.stringMatching(message) },
			]);
			expect(text).not.toContain(TOKEN);
		}
		const inBody = await isales.push(JSON.stringify([{ ...makePushResult('2001', 1), token: TOKEN }]), base);
		expect(inBody.status).toBe(401);
		// iSales answers a refusal with one immediate retry, refused too.
		const withoutToken = new IsalesPushSender(base);
		expect((await withoutToken.deliver([makePushResult('2001', 1)])).map((reply) => reply.status)).toEqual([401, 401]);
		const otherToken = new IsalesPushSender(IsalesPushSender.callBackUrlFor(base, 'another-token-of-32-characters-x'));
		expect((await otherToken.deliver([makePushResult('2001', 1)])).map((reply) => reply.status)).toEqual([401, 401]);
		expect(server.executions).toHaveLength(0);
	});

	test('the token is checked before the body: a malformed body without the token is 401, not 400', async () => {
		await start();
		for (const body of ['{', '{"a":1}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`]) {
			const reply = await server.post(body, 'text/plain');
			expect(reply.status).toBe(401);
		}
		expect(server.executions).toHaveLength(0);
	});

	test.each([
		['empty', ''],
		['23 characters', 'a'.repeat(23)],
		['not URL-safe', `${'a'.repeat(30)}+/=`],
	])('a credential Token that cannot guard the URL (%s) refuses every push, even one carrying it', async (_label, token) => {
		await start({}, { token });
		const reply = await server.post(JSON.stringify([makePushResult('2001', 1)]), 'application/json', {}, `?token=${encodeURIComponent(token)}`);
		expect([reply.status, (reply.json as IDataObject).retMsg]).toEqual([401, expect.stringMatching(/Token is not usable/)]);
		expect(server.executions).toHaveLength(0);
	});

	test('with the token, malformed bodies get HTTP 400 with the reason and start nothing', async () => {
		await start();
		const bodies: Array<[string, string, RegExp]> = [
			['{"callId":"c-1"', 'text/plain', /not valid JSON/],
			['callId=c-1', 'text/plain', /not valid JSON/],
			['', 'text/plain', /is empty/],
			[JSON.stringify(makePushResult('2001', 1)), 'application/json', /not a JSON list of call results/],
			['{"callResultList":[{"callId":"c-1"}]}', 'application/json', /not a JSON list of call results/],
			['"results"', 'application/json', /not a JSON list/],
			['null', 'application/json', /not a JSON list/],
			['[1]', 'application/json', /Entry 1 of the push is not a JSON object/],
			[JSON.stringify([makePushResult('2001', 1), 'x']), 'application/json', /Entry 2 of the push is not a JSON object/],
			[JSON.stringify([makePushResult('2001', 1), null]), 'application/json', /Entry 2/],
			[JSON.stringify([[makePushResult('2001', 1)]]), 'application/json', /Entry 1/],
			[JSON.stringify([{ ...makePushResult('2001', 1), callId: { id: 1 } }]), 'application/json', /callId is a list or an object/],
			[JSON.stringify([{ campaignId: '2001', callStatus: 5 }]), 'application/json', /neither a callId nor a called number/],
			[`${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'application/json', /nests deeper than 32 levels/],
			[`[{"callId":"c-1","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]`, 'application/json', /nests deeper/],
		];
		for (const [body, contentType, message] of bodies) {
			const reply = await server.post(body, contentType, {}, `?token=${TOKEN}`);
			expect([body.slice(0, 40), reply.status, reply.json]).toEqual([body.slice(0, 40), 400, { retCode: '400', retMsg: expect.stringMatching(message) }]);
		}
		// Sent as application/json, a body that does not parse is refused by n8n's own body parser (422).
		const unparsed = await server.post('[{"callId":', 'application/json', {}, `?token=${TOKEN}`);
		expect(unparsed.status).toBe(422);
		expect(server.executions).toHaveLength(0);
	});

	test('an empty list with the token is acknowledged (HTTP 200 {"retCode":"0"}) and starts nothing', async () => {
		await start();
		for (const body of ['[]', ' [ ] ']) {
			const reply = await server.post(body, 'application/json', {}, `?token=${TOKEN}`);
			expect([reply.status, reply.json]).toEqual([200, ACK]);
		}
		expect(server.executions).toHaveLength(0);
	});

	test('__proto__ keys stay own properties of the items; no prototype is changed', async () => {
		await start();
		const body = '[{"callId":"c-1","callStatus":6,"callTimeStr":"2024-03-01 09:00:00","__proto__":{"isAdmin":true}},{"callId":"c-2","constructor":{"prototype":{"x":1}},"__proto__":null}]';
		const reply = await server.post(body, 'application/json', {}, `?token=${TOKEN}`);
		expect(reply.status).toBe(200);
		const [first, second] = items();
		for (const item of [first, second]) {
			expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
			expect(Object.keys(item)).toContain('__proto__');
		}
		expect((first as { isAdmin?: unknown }).isAdmin).toBeUndefined();
		expect(first).toMatchObject({ callStatusLabel: 'succeeded', callTimeStrIso: '2024-03-01T09:00:00+08:00', dedupeKey: 'huawei:call:c-1' });
		expect(second.dedupeKey).toBe('huawei:call:c-2');
		expect(Object.keys(Object.prototype)).toEqual([]);
	});

	test('a result without a callId gets a key from campaign, number and call time, stable across resends', async () => {
		await start();
		const result = { ...makePushResult('2001', 4), callId: '' };
		await isales.push([result]);
		await isales.push([result]);
		expect(items().map((item) => item.dedupeKey)).toEqual([
			'huawei:result:2001:13900000004:2024-03-01 09:04:05',
			'huawei:result:2001:13900000004:2024-03-01 09:04:05',
		]);
	});

	test('Decode Values: Server UTC Offset moves the ISO twins; off keeps the results as pushed; a bad offset answers 500 and starts nothing', async () => {
		await start({ serverUtcOffset: '-05:00' });
		const result = makePushResult('2001', 0, { callBeginTime: '2024-03-01 09:00:05', callEndTime: '2024-03-01 23:30:00' });
		await isales.push([result]);
		expect(items()[0]).toMatchObject({
			callTimeStrIso: '2024-03-01T09:00:05-05:00',
			callBeginTimeIso: '2024-03-01T09:00:05-05:00',
			callEndTimeIso: '2024-03-01T23:30:00-05:00',
			callStatusLabel: 'succeeded',
			call: {
				startedAt: '2024-03-01T09:00:05-05:00',
				answeredAt: '2024-03-01T09:00:05-05:00',
				endedAt: '2024-03-01T23:30:00-05:00',
				durationSec: 52_195,
				talkSec: 52_195,
			},
		});
		await server.stop();

		await start({ decodeValues: false });
		await isales.push([result]);
		expect(items()).toEqual([{ ...result, dedupeKey: 'huawei:call:1709254805-1000', call: expect.objectContaining({ startedAt: '2024-03-01T09:00:05+08:00' }) }]);
		await server.stop();

		await start({ decodeValues: false, addCallRecord: false });
		await isales.push([result]);
		expect(items()).toEqual([{ ...result, dedupeKey: 'huawei:call:1709254805-1000' }]);
		await server.stop();

		await start({ serverUtcOffset: 'Asia/Shanghai' });
		const reply = await isales.push([result]);
		expect([reply.status, JSON.parse(reply.text)]).toEqual([500, { retCode: '500', retMsg: expect.stringMatching(/n8n log/) }]);
		expect(server.executions).toHaveLength(0);
	});

	describe('reply modes', () => {
		let fail = false;
		const workflow = {
			// The rest of the workflow: a call-back list ending on an item that is not iSales' reply.
			runWorkflow: async () => {
				if (fail) throw new Error('call-back list unavailable');
				return [{ listed: 2 }];
			},
		};
		beforeEach(() => {
			fail = false;
		});

		test('Immediately (default): {"retCode":"0"} before the run, even if the run then fails', async () => {
			await start({}, workflow);
			fail = true;
			const reply = await isales.push([makePushResult('2001', 1)]);
			expect([reply.status, JSON.parse(reply.text)]).toEqual([200, ACK]);
			expect(server.executions).toHaveLength(1);
		});

		test('When Last Node Finishes: the last node\'s first item after success; HTTP 500 after a failure, and iSales pushes once more at once', async () => {
			await start({ responseMode: 'lastNode' }, workflow);
			const ok = await isales.push([makePushResult('2001', 1)]);
			expect([ok.status, JSON.parse(ok.text)]).toEqual([200, { listed: 2 }]);
			fail = true;
			const failed = await isales.deliver([makePushResult('2001', 2)]);
			expect(failed.map((reply) => [reply.status, JSON.parse(reply.text)])).toEqual([
				[500, { message: 'Error in workflow' }],
				[500, { message: 'Error in workflow' }],
			]);
			expect(server.executions).toHaveLength(3);
		});

		test('When Workflow Succeeds: HTTP 200 with an empty body after success, HTTP 500 after a failure; refusals and empty lists still answered at once', async () => {
			await start({ responseMode: 'onSuccess' }, workflow);
			const ok = await isales.push([makePushResult('2001', 1), makePushResult('2001', 2)]);
			expect([ok.status, ok.text]).toEqual([200, '']);
			fail = true;
			const failed = await isales.push([makePushResult('2001', 3)]);
			expect([failed.status, JSON.parse(failed.text)]).toEqual([500, { message: 'Error in workflow' }]);
			const forged = await new IsalesPushSender(server.url).push([makePushResult('2001', 4)]);
			expect(forged.status).toBe(401);
			const empty = await isales.push([]);
			expect([empty.status, JSON.parse(empty.text)]).toEqual([200, ACK]);
			expect(server.executions).toHaveLength(2);
		});
	});
});
