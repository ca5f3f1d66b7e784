import type { INodeParameters } from 'n8n-workflow';

import { icsocPushBody, icsocSign, phpJsonEncode } from '../emulators/icsocEmulator';
import { WebhookServer, type WebhookServerOptions } from '../harness/webhookRunner';

const SECRET = 'push-secret-合同-01';
const cdr = {
	call_id: 'c-100',
	project_id: '7',
	callresult: '2',
	endresult: '11',
	start_time: '1714521600',
	area: '广东/深圳',
	record_url: 'https://rec.icsoc.net/a/b.mp3',
	remark: 'VIP "金卡" 客户 😀',
};

describe('icsoc Autocall Trigger over real HTTP', () => {
	let server: WebhookServer;
	const start = async (parameters: INodeParameters = {}, extra: Partial<WebhookServerOptions> = {}) => {
		server = await new WebhookServer({
			nodeType: 'icsocAutocallTrigger',
			parameters,
			credentials: { icsocAutocallPushApi: { secret: SECRET } },
			...extra,
		}).start();
		return server;
	};
	afterEach(async () => server?.stop());

	test('a plain CDR push (PHP-escaped, non-ASCII) is acknowledged with {"code":0} and emits one item', async () => {
		await start();
		const body = icsocPushBody({ type: 1, data: cdr, secret: SECRET, timestamp: '2024-05-01 08:00:05' });
		expect(body).toContain('\\u5e7f\\u4e1c\\/\\u6df1\\u5733');
		const reply = await server.post(body);
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ code: 0 });
		expect(server.executions).toHaveLength(1);
		const items = server.executions[0][0];
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			type: 1,
			typeLabel: 'cdr',
			timestamp: '2024-05-01 08:00:05',
			timestampIso: '2024-05-01T08:00:05+08:00',
			encrypted: false,
			// Top-level, for n8n's Remove Duplicates: the call's key, the same in every resend.
			dedupeKey: 'icsoc:call:c-100',
			data: {
				...cdr,
				callresultLabel: 'caller and called connected',
				endresultLabel: 'caller hung up',
				start_timeIso: '2024-05-01T08:00:00+08:00',
			},
			// The pushed fields stay as they are; `call` is beside them (this CDR has few fields).
			call: {
				vendor: 'icsoc',
				callId: 'c-100',
				externalId: null,
				phone: null,
				outcome: 'answered',
				vendorStatus: { code: '2', label: 'caller and called connected' },
				startedAt: '2024-05-01T08:00:00+08:00',
				answeredAt: null,
				endedAt: null,
				durationSec: null,
				talkSec: null,
				recordingUrl: null,
				dedupeKey: 'icsoc:call:c-100',
			},
		});
	});

	test('every push has the same columns: timestampIso right after timestamp, null when it is no time; none without a timestamp', async () => {
		await start();
		const never = { ...cdr, callresult: '77', end_time: '0000-00-00 00:00:00' };
		for (const timestamp of ['2024-05-01 08:00:05', '0000-00-00 00:00:00']) {
			const reply = await server.post(icsocPushBody({ type: 1, data: timestamp.startsWith('0') ? never : cdr, secret: SECRET, timestamp }));
			expect(reply.status).toBe(200);
		}
		const [read, unreadable] = server.executions.map((execution) => execution[0][0].json);
		expect(Object.keys(read).slice(0, 6)).toEqual(['type', 'typeLabel', 'timestamp', 'timestampIso', 'encrypted', 'data']);
		expect(Object.keys(unreadable)).toEqual(Object.keys(read));
		expect(unreadable.timestampIso).toBeNull();
		// In data too: an unknown code and PHP's "never" get null twins, not missing ones.
		expect(unreadable.data).toMatchObject({ callresult: '77', callresultLabel: null, end_time: '0000-00-00 00:00:00', end_timeIso: null });
		const dataText = phpJsonEncode(cdr);
		const reply = await server.post(`{"type":1,"sign":"${icsocSign(dataText, SECRET)}","data":${dataText}}`);
		expect(reply.status).toBe(200);
		expect(server.executions[2][0][0].json).not.toHaveProperty('timestampIso');
	});

	test('an encrypted CDR push is verified over its base64 text and decrypted', async () => {
		await start({ decodeValues: false });
		const reply = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET, encrypt: true }));
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ code: 0 });
		expect(server.executions[0][0][0].json).toEqual(
			expect.objectContaining({ encrypted: true, data: cdr }),
		);
	});

	test('a pre-call push (type 2, a list) emits one item with the list', async () => {
		await start();
		const list = [
			{ project_id: '7', task_id: '70', ext_id: 'e-1', phone: '18512345678' },
			{ project_id: '7', task_id: '70', ext_id: 'e-2', phone: '18512345679' },
		];
		const reply = await server.post(icsocPushBody({ type: 2, data: list, secret: SECRET, encrypt: true }));
		expect(reply.json).toEqual({ code: 0 });
		expect(server.executions).toHaveLength(1);
		expect(server.executions[0][0]).toHaveLength(1);
		expect(server.executions[0][0][0].json).toEqual(expect.objectContaining({ type: 2, typeLabel: 'preCall', data: list }));
	});

	test('a push type the user did not select is acknowledged and starts nothing', async () => {
		await start({ pushTypes: ['1'] });
		const reply = await server.post(icsocPushBody({ type: 2, data: [], secret: SECRET }));
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ code: 0 });
		expect(server.executions).toHaveLength(0);
	});

	test('tampered, unsigned and wrongly signed pushes get HTTP 401 with a non-zero code and start nothing', async () => {
		await start();
		const good = icsocPushBody({ type: 1, data: cdr, secret: SECRET });
		const tampered = good.replace('c-100', 'c-101');
		const unsigned = `{"type":1,"timestamp":"2024-05-01 12:00:00","data":${phpJsonEncode(cdr)}}`;
		const otherSecret = icsocPushBody({ type: 1, data: cdr, secret: 'not-the-secret' });
		// Signed over a re-serialisation (JSON.stringify) of data rather than over the text
		// in the body: a verifier that re-serialises would accept it; icsoc's rule does not.
		const reencoded = `{"type":1,"sign":"${icsocSign(JSON.stringify(cdr), SECRET)}","data":${phpJsonEncode(cdr)}}`;
		for (const body of [tampered, unsigned, otherSecret, reencoded]) {
			const reply = await server.post(body);
			expect(reply.status).toBe(401);
			expect((reply.json as { code: number }).code).not.toBe(0);
			expect(reply.body).not.toContain(SECRET);
		}
		expect(server.executions).toHaveLength(0);
	});

	test('truncated, non-JSON, incomplete and undecryptable pushes get HTTP 400 with a clear message', async () => {
		await start();
		const good = icsocPushBody({ type: 1, data: cdr, secret: SECRET });
		const cases: Array<[string, RegExp]> = [
			[good.slice(0, good.length - 15), /not valid JSON/],
			['<xml>push</xml>', /not valid JSON/],
			['', /empty/],
			['"just a string"', /not a JSON object/],
			[`{"type":1,"sign":"abc"}`, /no "data"/],
			[`{"type":1,"sign":"${icsocSign('!!not-base64!!', SECRET)}","data":"!!not-base64!!"}`, /not valid base64/],
			[`{"type":1,"sign":"${icsocSign('AAAAAAAAAAAA', SECRET)}","data":"AAAAAAAAAAAA"}`, /could not be decrypted/],
		];
		// Sent as text/plain so the node sees them; n8n's own parser answers 422 first to an
		// application/json body that does not parse (next test).
		for (const [body, message] of cases) {
			const reply = await server.post(body, 'text/plain');
			expect(reply.status).toBe(400);
			expect(reply.json).toEqual({ code: 400, message: expect.stringMatching(message) });
		}
		// Well-formed JSON that is not a valid push reaches the node under application/json too.
		for (const [body, message] of cases.slice(3)) {
			const reply = await server.post(body);
			expect([reply.status, reply.json]).toEqual([400, { code: 400, message: expect.stringMatching(message) }]);
		}
		expect(server.executions).toHaveLength(0);
		expect(server.rejectedByN8n).toBe(0);
	});

	test('a truncated application/json push is refused by n8n itself (422) and starts nothing', async () => {
		await start();
		const good = icsocPushBody({ type: 1, data: cdr, secret: SECRET });
		const reply = await server.post(good.slice(0, 40));
		expect(reply.status).toBe(422);
		expect(server.rejectedByN8n).toBe(1);
		expect(server.executions).toHaveLength(0);
	});

	test('lastNode mode: answers with the last node\'s {"code":0} after the workflow succeeded, HTTP 500 when it failed', async () => {
		let fail = false;
		await start(
			{ responseMode: 'lastNode' },
			{
				// The workflow the notice asks for: work, then an Edit Fields node keeping code = 0.
				runWorkflow: async () => {
					if (fail) throw new Error('database down');
					return [{ code: 0 }];
				},
			},
		);
		const body = icsocPushBody({ type: 1, data: cdr, secret: SECRET });
		const ok = await server.post(body);
		expect(ok.status).toBe(200);
		expect(ok.json).toEqual({ code: 0 });
		fail = true;
		const failed = await server.post(body);
		expect(failed.status).toBe(500);
		expect(failed.json).toEqual({ message: 'Error in workflow' });
		expect(server.executions).toHaveLength(2);
		// Rejections are still answered by the node itself, without an execution.
		const rejected = await server.post(body.replace('c-100', 'c-999'));
		expect(rejected.status).toBe(401);
		expect(server.executions).toHaveLength(2);
	});

	test('the trigger keeps no state: the same push twice gives two executions', async () => {
		await start();
		const body = icsocPushBody({ type: 1, data: cdr, secret: SECRET });
		await server.post(body);
		await server.post(body);
		expect(server.executions).toHaveLength(2);
	});
});

describe('icsoc Autocall Trigger: dedupeKey at the top level of every item', () => {
	let server: WebhookServer | undefined;
	afterEach(async () => server?.stop());

	test('a CDR push carries its call key; a pre-call push the key of its signed data, equal on a resend and different for other data', async () => {
		server = await new WebhookServer({
			nodeType: 'icsocAutocallTrigger',
			parameters: { responseMode: 'onReceived' },
			credentials: { icsocAutocallPushApi: { secret: SECRET } },
		}).start();
		const preCall = (phone: string) =>
			icsocPushBody({ type: 2, data: [{ project_id: 7, task_id: 71, ext_id: 'e', phone }], secret: SECRET });
		await server.post(icsocPushBody({ type: 1, data: { call_id: 'c-9', callresult: '2' }, secret: SECRET }));
		await server.post(preCall('18500000001'));
		await server.post(preCall('18500000001'));
		await server.post(preCall('18500000002'));
		const keys = server.executions.map((execution) => execution[0][0].json.dedupeKey);
		expect(keys[0]).toBe('icsoc:call:c-9');
		expect(keys[1]).toMatch(/^icsoc:push:2:[0-9a-f]{32}$/);
		expect(keys[2]).toBe(keys[1]);
		expect(keys[3]).not.toBe(keys[1]);
	});
});
