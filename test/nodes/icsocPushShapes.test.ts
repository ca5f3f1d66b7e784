/**
 * icsoc Autocall Trigger on the shared push layer, over real HTTP: a push of a missing or
 * unknown type, `type` as an object or list, `data` of the wrong shape for its type (plain and
 * encrypted), JSON nested 20,000 deep — each a 400 with a short reason and no execution, never a
 * silent 200 — and the "When Workflow Succeeds" reply mode.
 */
import { icsocEncrypt, icsocPushBody, icsocSign, phpJsonEncode } from '../emulators/icsocEmulator';
import { WebhookServer, type WebhookServerOptions } from '../harness/webhookRunner';

const SECRET = 'push-secret-shapes-01';
const cdr = { call_id: 'c-100', project_id: '7', callresult: '2', start_time: '1714521600' };
const preCall = [{ project_id: '7', task_id: '70', ext_id: 'e-1', phone: '18512345678' }];

/** A body as icsoc writes it, with any `type` and `data`, correctly signed. */
function signedBody(type: unknown, data: unknown, encrypt = false): string {
	const dataText = phpJsonEncode(data);
	if (encrypt) {
		const encrypted = icsocEncrypt(dataText, SECRET);
		return `{"type":${phpJsonEncode(type)},"sign":"${icsocSign(encrypted, SECRET)}","data":${phpJsonEncode(encrypted)}}`;
	}
	const head = type === undefined ? '' : `"type":${phpJsonEncode(type)},`;
	return `{${head}"sign":"${icsocSign(dataText, SECRET)}","timestamp":"2024-05-01 12:00:00","data":${dataText}}`;
}

describe('icsoc Autocall Trigger: pushes of a wrong type or shape', () => {
	let server: WebhookServer;
	const start = async (extra: Partial<WebhookServerOptions> = {}) => {
		server = await new WebhookServer({
			nodeType: 'icsocAutocallTrigger',
			parameters: {},
			credentials: { icsocAutocallPushApi: { secret: SECRET } },
			...extra,
		}).start();
	};
	afterEach(async () => server?.stop());

	test.each([
		['type missing', signedBody(undefined, cdr), /no "type"/],
		['type 3', signedBody(3, cdr), /not 1 .* or 2/],
		['type "cdr"', signedBody('cdr', cdr), /not 1 .* or 2/],
		['type null', signedBody(null, cdr), /not 1 .* or 2/],
		['type an object', signedBody({ toString: 1 }, cdr), /not 1 .* or 2/],
		['type a list', signedBody([1], cdr), /not 1 .* or 2/],
		['type 1 with a list', signedBody(1, preCall), /type 1 .* must be an object/],
		['type 1 with a number', signedBody(1, 5), /type 1 .* must be an object/],
		['type 2 with an object', signedBody(2, preCall[0]), /type 2 .* must be a list of objects/],
		['type 2 with a list of numbers', signedBody(2, [1, 2]), /type 2 .* must be a list of objects/],
		['type 2 with a list holding a list', signedBody('2', [preCall[0], []]), /type 2 .* must be a list of objects/],
		['encrypted type 1 with a list', signedBody(1, preCall, true), /type 1 .* must be an object/],
		['encrypted type 2 with an object', signedBody(2, cdr, true), /type 2 .* must be a list of objects/],
		[
			'data nested 20,000 deep',
			(() => {
				const data = `{"call_id":"c","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
				return `{"type":1,"sign":"${icsocSign(data, SECRET)}","data":${data}}`;
			})(),
			/nests deeper than 32 levels/,
		],
		['encrypted data nested 40 deep', signedBody(1, JSON.parse(`{"x":${'['.repeat(40)}${']'.repeat(40)}}`), true), /decrypted push data nests deeper/],
	])('%s: HTTP 400 {"code":400, message}, no execution', async (_name, body, message) => {
		await start();
		const reply = await server.post(body);
		expect([reply.status, reply.json]).toEqual([400, { code: 400, message: expect.stringMatching(message) }]);
		expect(server.executions).toHaveLength(0);
	});

	test('type "1" and "2" as text are the documented types (numbers may arrive as text)', async () => {
		await start();
		expect((await server.post(signedBody('1', cdr))).json).toEqual({ code: 0 });
		expect((await server.post(signedBody('2', preCall))).json).toEqual({ code: 0 });
		expect(server.executions.map((e) => e[0][0].json.typeLabel)).toEqual(['cdr', 'preCall']);
	});

	test('When Workflow Succeeds: HTTP 200 with an empty body after success whatever the last node output, HTTP 500 after a failure', async () => {
		let fail = false;
		await start({
			parameters: { responseMode: 'onSuccess' },
			runWorkflow: async () => {
				if (fail) throw new Error('CRM down');
				return [{ anything: 'but {"code":0}' }];
			},
		});
		const ok = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET }));
		expect([ok.status, ok.body]).toEqual([200, '']);
		fail = true;
		const failed = await server.post(icsocPushBody({ type: 1, data: cdr, secret: SECRET }));
		expect([failed.status, failed.json]).toEqual([500, { message: 'Error in workflow' }]);
		// Refusals and unchosen types are still answered by the node itself, at once.
		expect((await server.post(signedBody(7, cdr))).status).toBe(400);
		expect(server.executions).toHaveLength(2);
	});
});
