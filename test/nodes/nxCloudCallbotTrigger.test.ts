/**
 * NXCloud Callbot Trigger over real HTTP, inside n8n-core's real WebhookContext: an emulated
 * NXCloud (its own signing code) sends signed order, call and task pushes, tampered, unsigned
 * and replayed ones.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	makeCallPush,
	makeOrderPush,
	makeTaskPush,
	NxCloudPushSender,
	type NxCloudPushAlgorithm,
} from '../emulators/nxCloudEmulator';
import { loadNodeType } from '../harness/packageTypes';
import { WebhookServer, type WebhookServerOptions } from '../harness/webhookRunner';

const account = { uuid: 'nx-push-uuid-0001', secretKey: 'nx-push-secret-key-0001' };

test('the public contract: names, credential, POST webhook, events and the three reply modes', () => {
	const { description } = loadNodeType('nxCloudCallbotTrigger');
	expect([description.name, description.displayName, description.inputs, description.usableAsTool]).toEqual([
		'nxCloudCallbotTrigger',
		'NXCloud Callbot Trigger',
		[],
		undefined,
	]);
	expect(description.credentials?.map((c) => c.name)).toEqual(['nxCloudCallbotApi']);
	expect(description.webhooks?.map((w) => [w.httpMethod, w.path])).toEqual([['POST', 'nxcloud-callbot']]);
	const property = (name: string) => description.properties.find((p) => p.name === name)!;
	expect([property('events').type, property('events').default]).toEqual(['multiOptions', ['order', 'call', 'task']]);
	expect((property('events').options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['call', 'order', 'task']);
	expect(property('responseMode').default).toBe('onReceived');
	expect((property('responseMode').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['onReceived', 'lastNode', 'onSuccess']);
	const icsoc = loadNodeType('icsocAutocallTrigger').description.properties.find((p) => p.name === 'responseMode')!;
	expect([icsoc.default, (icsoc.options as Array<{ value: string }>).map((o) => o.value)]).toEqual(['onReceived', ['onReceived', 'lastNode', 'onSuccess']]);
});

describe('NXCloud Callbot Trigger over real HTTP', () => {
	let server: WebhookServer;
	let nxCloud: NxCloudPushSender;
	const start = async (parameters: INodeParameters = {}, extra: Partial<WebhookServerOptions> & { algorithm?: NxCloudPushAlgorithm } = {}) => {
		server = await new WebhookServer({
			nodeType: 'nxCloudCallbotTrigger',
			parameters,
			credentials: {
				nxCloudCallbotApi: { baseUrl: 'https://nxbot.nxcloud.com', ...account, algorithm: extra.algorithm ?? 'MD5' },
			},
			...extra,
		}).start();
		nxCloud = new NxCloudPushSender(account);
		return server;
	};
	afterEach(async () => server?.stop());

	const items = () => server.executions.flatMap((execution) => execution[0].map((item) => item.json));

	test.each(['MD5', 'SHA256'] as const)(
		'signed order, call and task pushes (%s) get {"retCode":0} and start one execution each, with event and dedupeKey',
		async (algorithm) => {
			await start({}, { algorithm });
			const pushes = [makeOrderPush('o-1'), makeCallPush('o-1', 'c-1'), makeTaskPush('task-1', 3)];
			for (const push of pushes) {
				const reply = await nxCloud.send(server.url, push, { algorithm });
				expect([reply.status, JSON.parse(reply.text)]).toEqual([200, { retCode: 0 }]);
			}
			expect(server.executions).toHaveLength(3);
			expect(server.executions.every((execution) => execution.length === 1 && execution[0].length === 1)).toBe(true);
			const [order, call, task] = items();
			expect(order).toMatchObject({ event: 'order', dedupeKey: 'nxcloud:order:o-1:true', orderID: 'o-1', callbackType: '1', userName: '张三' });
			expect(order.callInfoDetail).toMatchObject({ callID: 'o-1-call-1', callStatus: 6, callStatusLabel: 'completed', callStartTsIso: '2024-05-01T00:00:00Z' });
			expect(call).toMatchObject({ event: 'call', dedupeKey: 'nxcloud:call:c-1', callingNumber: '02150001000', lineAddress: 'sip-line-3' });
			expect(task).toMatchObject({ event: 'task', dedupeKey: 'nxcloud:task:task-1:3:1714525200', taskStatus: 3, taskStatusLabel: 'completed' });
			expect(task.taskStat).toEqual(makeTaskPush('task-1', 3).taskStat);
		},
	);

	test('pushes of an event not chosen are answered {"retCode":0} and start nothing', async () => {
		await start({ events: ['call'] });
		for (const push of [makeOrderPush('o-1'), makeTaskPush('task-1', 2)]) {
			const reply = await nxCloud.send(server.url, push);
			expect([reply.status, JSON.parse(reply.text)]).toEqual([200, { retCode: 0 }]);
		}
		expect(server.executions).toHaveLength(0);
		await nxCloud.send(server.url, makeCallPush('o-1', 'c-1'));
		expect(items().map((item) => item.event)).toEqual(['call']);
	});

	test('tampered, unsigned, wrongly signed and wrong-algorithm pushes: HTTP 401, a short JSON reason, no execution', async () => {
		await start();
		const good = nxCloud.sign(makeCallPush('o-1', 'c-1'));
		const { sign, ...unsignedHeaders } = good.headers;
		const otherAccount = new NxCloudPushSender({ ...account, secretKey: 'someone-else' }).sign(makeCallPush('o-1', 'c-1'));
		const sha = nxCloud.sign(makeCallPush('o-1', 'c-1'), { algorithm: 'SHA256' });
		const cases: Array<[string | Buffer, Record<string, string>, RegExp]> = [
			[good.body.replace('"c-1"', '"c-2"'), good.headers, /does not match/],
			[good.body.replace('"callStatus":6', '"callStatus":8'), good.headers, /does not match/],
			[` ${good.body}`, good.headers, /does not match/],
			[good.body, { ...good.headers, createTs: String(Number(good.headers.createTs) + 1) }, /does not match/],
			[good.body, { ...good.headers, requestID: 'another-request' }, /does not match/],
			[good.body, unsignedHeaders, /not signed/],
			[good.body, {}, /not signed/],
			[good.body, { sign }, /lacks/],
			[otherAccount.body, otherAccount.headers, /does not match/],
			[sha.body, sha.headers, /does not match/],
		];
		for (const [body, headers, message] of cases) {
			const reply = await nxCloud.sendRaw(server.url, body, headers);
			expect([reply.status, JSON.parse(reply.text)]).toEqual([401, { retCode: 401, retMsg: expect.stringMatching(message) }]);
			expect(reply.text).not.toContain(account.secretKey);
		}
		expect(server.executions).toHaveLength(0);
	});

	test('a replayed push: by default started again with the same dedupeKey (Remove Duplicates drops it); with a maximum age, refused once too old', async () => {
		await start();
		const captured = nxCloud.sign(makeCallPush('o-1', 'c-9'));
		expect((await nxCloud.send(server.url, captured)).status).toBe(200);
		expect((await nxCloud.send(server.url, captured)).status).toBe(200);
		expect(items().map((item) => item.dedupeKey)).toEqual(['nxcloud:call:c-9', 'nxcloud:call:c-9']);
		await server.stop();

		await start({ maxAgeSeconds: 300 });
		const tenMinutesAgo = nxCloud.sign(makeCallPush('o-1', 'c-9'), { createTs: Math.floor(Date.now() / 1000) - 600 });
		const replay = await nxCloud.send(server.url, tenMinutesAgo);
		expect([replay.status, JSON.parse(replay.text)]).toEqual([401, { retCode: 401, retMsg: expect.stringMatching(/maximum age of 300 s/) }]);
		expect(server.executions).toHaveLength(0);
		expect((await nxCloud.send(server.url, makeCallPush('o-1', 'c-9'))).status).toBe(200);
		expect(server.executions).toHaveLength(1);
	});

	test('signed but malformed: not an object, no known event, wrong field shapes, nested 20,000 deep: HTTP 400, no execution', async () => {
		await start();
		const bodies: Array<[string, RegExp]> = [
			['[{"orderID":"o-1"}]', /not a JSON object/],
			['{"hello":"world"}', /not an NXCloud order, call or task push/],
			[JSON.stringify(makeCallPush('o-1', 'c-1', { callInfoDetail: [] })), /callInfoDetail must be an object/],
			[JSON.stringify(makeOrderPush('o-1', { orderID: { id: 1 } })), /orderID must be text/],
			[JSON.stringify(makeTaskPush('t', 3, { taskStatus: [3] })), /taskStatus must be text/],
			[`{"orderID":"o-1","callInfoDetail":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, /nests deeper/],
			['{"a":' .repeat(20_000) + '1' + '}'.repeat(20_000), /nests deeper/],
		];
		for (const [body, message] of bodies) {
			const reply = await nxCloud.send(server.url, body);
			expect([reply.status, JSON.parse(reply.text)]).toEqual([400, { retCode: 400, retMsg: expect.stringMatching(message) }]);
		}
		// Sent as text/plain, unparseable bodies reach the node too (application/json ones n8n refuses with 422).
		const signedGarbage = nxCloud.sign('{"orderID":');
		const reply = await fetch(server.url, { method: 'POST', headers: { ...signedGarbage.headers, 'Content-Type': 'text/plain' }, body: signedGarbage.body });
		expect([reply.status, await reply.json()]).toEqual([400, { retCode: 400, retMsg: expect.stringMatching(/not valid JSON/) }]);
		expect(server.executions).toHaveLength(0);
	});

	test('a __proto__ key in a signed push stays an own property of the item; no prototype is changed', async () => {
		await start();
		const body = '{"callbackType":2,"orderID":"o-1","__proto__":{"isAdmin":true},"callInfoDetail":{"callID":"c-1","callStatus":6,"__proto__":{"x":1}}}';
		expect((await nxCloud.send(server.url, body)).status).toBe(200);
		const [item] = items();
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect(Object.keys(item)).toContain('__proto__');
		expect((item as { isAdmin?: unknown }).isAdmin).toBeUndefined();
		expect(Object.getPrototypeOf(item.callInfoDetail)).toBe(Object.prototype);
		expect((item.callInfoDetail as IDataObject).callStatusLabel).toBe('completed');
	});

	describe('reply modes', () => {
		let fail = false;
		const workflow = {
			// The rest of the workflow: a CRM update ending on an item that is not {"retCode":0}.
			runWorkflow: async () => {
				if (fail) throw new Error('CRM down');
				return [{ updated: true }];
			},
		};
		beforeEach(() => {
			fail = false;
		});

		test('Immediately (default): {"retCode":0} before the run, even if the run then fails', async () => {
			await start({}, workflow);
			fail = true;
			const reply = await nxCloud.send(server.url, makeCallPush('o-1', 'c-1'));
			expect([reply.status, reply.text]).toEqual([200, '{"retCode":0}']);
			expect(server.executions).toHaveLength(1);
		});

		test('When Last Node Finishes: the last node\'s first item after success, HTTP 500 after a failure', async () => {
			await start({ responseMode: 'lastNode' }, workflow);
			const ok = await nxCloud.send(server.url, makeCallPush('o-1', 'c-1'));
			expect([ok.status, JSON.parse(ok.text)]).toEqual([200, { updated: true }]);
			fail = true;
			const failed = await nxCloud.send(server.url, makeCallPush('o-1', 'c-2'));
			expect([failed.status, JSON.parse(failed.text)]).toEqual([500, { message: 'Error in workflow' }]);
		});

		test('When Workflow Succeeds: HTTP 200 with an empty body after success whatever the last node output, HTTP 500 after a failure; refusals unchanged', async () => {
			await start({ responseMode: 'onSuccess' }, workflow);
			const ok = await nxCloud.send(server.url, makeCallPush('o-1', 'c-1'));
			expect([ok.status, ok.text]).toEqual([200, '']);
			fail = true;
			const failed = await nxCloud.send(server.url, makeCallPush('o-1', 'c-2'));
			expect([failed.status, JSON.parse(failed.text)]).toEqual([500, { message: 'Error in workflow' }]);
			const forged = await nxCloud.sendRaw(server.url, JSON.stringify(makeCallPush('o-1', 'c-3')), {});
			expect(forged.status).toBe(401);
			await server.stop();
			await start({ responseMode: 'onSuccess', events: ['task'] }, workflow);
			const ignored = await nxCloud.send(server.url, makeCallPush('o-1', 'c-4'));
			expect([ignored.status, ignored.text]).toEqual([200, '{"retCode":0}']);
			expect(server.executions).toHaveLength(0);
		});
	});
});
