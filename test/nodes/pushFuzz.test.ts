/**
 * Fixed-seed fuzz of both push triggers through the webhook runner, in-process (the real
 * WebhookContext, n8n's body parsing emulated, no socket): thousands of mutated pushes, each
 * known by construction to be valid (signed by the vendor's rule, of a documented shape) or
 * invalid. Asserted: webhook() never throws, never answers 5xx, an invalid push gets a 4xx and
 * starts nothing, a valid one gets 200 and starts exactly one execution whose items keep their
 * prototype.
 */
import { icsocEncrypt, icsocSign, makeCdrPush, phpJsonEncode } from '../emulators/icsocEmulator';
import { makePushResult } from '../emulators/isalesEmulator';
import { makeCallPush, makeOrderPush, makeTaskPush, signNxCloudPush, type NxCloudPushAlgorithm } from '../emulators/nxCloudEmulator';
import { WebhookServer } from '../harness/webhookRunner';

const CASES_PER_TRIGGER = 3000;

/** mulberry32: a small fixed-seed PRNG, so a failing case can be replayed by its index. */
function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (below: number) => Math.floor(next() * below);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', ' ', 'a.b', '$json', '{{ 1 }}', '\u0000'];
const STRINGS = ['', ' ', 'x', '0', '-1', '1e999', 'null', 'true', '{}', '[]', '"', '\\', '\\u0000', '\u2028', '😀', '\ud800', '客户', '<script>', '2024-02-30 25:61:61', 'NaN'];

function randomScalar(rng: Rng): unknown {
	switch (rng.int(6)) {
		case 0:
			return rng.pick(STRINGS);
		case 1:
			return rng.pick([0, -1, 1, 1.5, 1e21, -1e-7, 2 ** 53 + 1, 1_714_521_600, 1_714_521_600_000]);
		case 2:
			return rng.chance(0.5);
		case 3:
			return null;
		case 4:
			return Array.from({ length: rng.int(12) }, () => String.fromCharCode(rng.int(0x3000))).join('');
		default:
			return String(rng.int(30));
	}
}

function randomJson(rng: Rng, depth: number): unknown {
	if (depth <= 0 || rng.chance(0.5)) return randomScalar(rng);
	if (rng.chance(0.5)) return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth - 1));
	const record: Record<string, unknown> = {};
	for (let i = rng.int(4); i > 0; i--) {
		const key = rng.chance(0.3) ? rng.pick(HOSTILE_KEYS) : `k${rng.int(50)}`;
		// Defined, not assigned: a "__proto__" key must be an own property here too.
		Object.defineProperty(record, key, { value: randomJson(rng, depth - 1), enumerable: true, writable: true, configurable: true });
	}
	return record;
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

interface FuzzCase {
	kind: string;
	body: string | Buffer;
	headers?: Record<string, string>;
	contentType?: string;
	valid: boolean;
	/** Appended to the webhook path: a query such as '?token=…' (Huawei pushes carry their token there). */
	query?: string;
	/** Valid, but nothing to run (an empty result list): HTTP 200 and no execution. */
	acknowledgedOnly?: boolean;
	/** For a valid push: how many items its one execution must hold (default: not checked). */
	items?: number;
}

async function runFuzz(server: WebhookServer, makeCase: (rng: Rng, index: number) => FuzzCase, seed: number) {
	const rng = prng(seed);
	const tally = { exceptions: 0, valid: 0, invalid: 0, executionsForInvalid: 0, wrong: [] as string[], kinds: new Map<string, number>() };
	for (let index = 0; index < CASES_PER_TRIGGER; index++) {
		const fuzzCase = makeCase(rng, index);
		tally.kinds.set(fuzzCase.kind, (tally.kinds.get(fuzzCase.kind) ?? 0) + 1);
		const before = server.executions.length;
		let reply;
		try {
			reply = await server.deliver(fuzzCase.body, fuzzCase.contentType ?? 'application/json', fuzzCase.headers ?? {}, fuzzCase.query ?? '');
		} catch (error) {
			tally.exceptions++;
			tally.wrong.push(`#${index} ${fuzzCase.kind}: threw ${(error as Error).message}`);
			continue;
		}
		const started = server.executions.length - before;
		if (fuzzCase.valid && fuzzCase.acknowledgedOnly) {
			tally.valid++;
			if (reply.status !== 200 || started !== 0) tally.wrong.push(`#${index} ${fuzzCase.kind} (acknowledged only): HTTP ${reply.status}, ${started} executions, ${reply.body}`);
		} else if (fuzzCase.valid) {
			tally.valid++;
			if (reply.status !== 200 || started !== 1) tally.wrong.push(`#${index} ${fuzzCase.kind} (valid): HTTP ${reply.status}, ${started} executions, ${reply.body}`);
			else {
				const items = server.executions[server.executions.length - 1][0];
				if (items.some((item) => Object.getPrototypeOf(item.json) !== Object.prototype)) tally.wrong.push(`#${index} ${fuzzCase.kind}: item prototype changed`);
				if (fuzzCase.items !== undefined && items.length !== fuzzCase.items) tally.wrong.push(`#${index} ${fuzzCase.kind}: ${items.length} items, expected ${fuzzCase.items}`);
			}
		} else {
			tally.invalid++;
			tally.executionsForInvalid += started;
			if (reply.status < 400 || reply.status >= 500 || started !== 0) {
				tally.wrong.push(`#${index} ${fuzzCase.kind} (invalid): HTTP ${reply.status}, ${started} executions, ${reply.body.slice(0, 200)}`);
			}
		}
	}
	// Nothing leaked onto Object.prototype either.
	expect(Object.keys(Object.prototype)).toEqual([]);
	return tally;
}

describe('fuzz: NXCloud Callbot Trigger', () => {
	const account = { uuid: 'fuzz-uuid', secretKey: 'fuzz-secret-key' };
	let md5: WebhookServer;

	beforeAll(async () => {
		// deliver() needs no socket: the server is never started.
		md5 = new WebhookServer({
			nodeType: 'nxCloudCallbotTrigger',
			parameters: {},
			credentials: { nxCloudCallbotApi: { baseUrl: 'https://nxbot.nxcloud.com', ...account, algorithm: 'MD5' } },
		});
	});

	const KEY_FIELDS = new Set(['orderID', 'callInfoDetail', 'callbackType', 'taskStatus', 'taskStat', 'userTaskID', 'finish', 'createTs', 'taskID', 'callingNumber', 'lineAddress']);

	function basePush(rng: Rng): Record<string, unknown> {
		const n = rng.int(1000);
		return rng.pick([() => makeOrderPush(`o-${n}`), () => makeCallPush(`o-${n}`, `c-${n}`), () => makeTaskPush(`task-${n}`, 1 + rng.int(5))])();
	}
	const signed = (push: unknown, rng: Rng, secretKey = account.secretKey, algorithm: NxCloudPushAlgorithm = 'MD5') =>
		signNxCloudPush({ ...account, secretKey }, typeof push === 'string' ? push : JSON.stringify(push), { algorithm, requestId: `r${rng.int(1e9)}` });

	function makeCase(rng: Rng): FuzzCase {
		const push = basePush(rng);
		const mutable = Object.keys(push).filter((key) => !KEY_FIELDS.has(key));
		const detail = push.callInfoDetail as Record<string, unknown> | undefined;
		const mutation = rng.int(16);
		const valid = (kind: string, text: string): FuzzCase => ({ kind, ...toRequest(signed(text, rng)), valid: true });
		const invalid = (kind: string, text: string | Buffer, headers?: Record<string, string>): FuzzCase => ({
			kind,
			body: text,
			headers: headers ?? signed(text.toString(), rng).headers,
			valid: false,
		});
		switch (mutation) {
			case 0: {
				push[rng.pick(mutable)] = randomJson(rng, 6);
				return valid('field value', JSON.stringify(push));
			}
			case 1: {
				const key = rng.chance(0.5) ? rng.pick(HOSTILE_KEYS) : `extra${rng.int(9)}`;
				const text = JSON.stringify(push).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(randomJson(rng, 8))},`);
				return valid('extra or hostile key', text);
			}
			case 2: {
				if (detail) detail[rng.pick(Object.keys(detail).filter((k) => k !== 'callID'))] = randomJson(rng, 6);
				else (push.taskStat as Record<string, unknown>)[`k${rng.int(5)}`] = randomJson(rng, 6);
				return valid('nested value', JSON.stringify(push));
			}
			case 3:
				return valid('whitespace and key order', JSON.stringify(Object.fromEntries(Object.entries(push).reverse()), null, rng.int(5)));
			case 4: {
				delete push[rng.pick(mutable)];
				return valid('optional field dropped', JSON.stringify(push));
			}
			case 5: {
				const text = JSON.stringify(push);
				const at = rng.int(text.length);
				const bytes = Buffer.from(text);
				bytes[at] = (bytes[at] + 1 + rng.int(254)) % 256;
				return invalid('byte changed after signing', bytes, signed(text, rng).headers);
			}
			case 6: {
				const headers: Record<string, string> = { ...signed(push, rng).headers };
				const name = rng.pick(Object.keys(headers));
				if (rng.chance(0.5)) delete headers[name];
				else headers[name] = String(randomScalar(rng)).replace(/[^\x20-\x7e]/g, '') + (name === 'sign' ? '' : 'x');
				return { kind: `header ${name} dropped or changed`, ...toRequest({ body: JSON.stringify(push), headers }), valid: false };
			}
			case 7: {
				const [secretKey, algorithm] = rng.pick<[string, NxCloudPushAlgorithm]>([
					['not-the-key', 'MD5'],
					['not-the-key', 'SHA256'],
					[account.secretKey, 'SHA256'],
				]);
				return { kind: 'another secret or algorithm', ...toRequest(signed(push, rng, secretKey, algorithm)), valid: false };
			}
			case 8: {
				const text = JSON.stringify(push);
				return invalid('truncated', text.slice(0, rng.int(text.length)));
			}
			case 9: {
				const field = rng.pick(['orderID', 'callInfoDetail', 'userTaskID', 'taskStat', 'callbackType', 'finish', 'taskStatus', 'createTs']);
				// Objects are wrong for scalar fields; anything but an object for the two object fields.
				const wrong = rng.pick<unknown>(field === 'callInfoDetail' || field === 'taskStat' ? ['x', 1, true, [], [{}]] : [{}, [], [1], { id: 1 }]);
				const present = push[field] !== undefined;
				if (!present) return invalid('not an object (list of pushes)', JSON.stringify([push]));
				push[field] = wrong;
				return invalid(`${field} of a wrong type`, JSON.stringify(push));
			}
			case 10: {
				if (detail) {
					if (push.callbackType !== 2) return invalid('no known event', JSON.stringify({ hello: push.orderID }));
					if (rng.chance(0.5)) delete detail.callID;
					else detail.callID = rng.pick<unknown>(['', {}, [], null]);
					return invalid('call push without a callID', JSON.stringify(push));
				}
				delete push.userTaskID;
				return invalid('task push without userTaskID', JSON.stringify(push));
			}
			case 11:
				return invalid('not a JSON object', JSON.stringify(rng.pick<unknown>([[push], 'push', 1, null, true, []])));
			case 12: {
				const depth = rng.pick([33, 100, 1000, 20_000]);
				return invalid(`nested ${depth} deep`, JSON.stringify(push).replace(/\}$/, `,"deep":${deep(depth)}}`));
			}
			case 13:
				return invalid('no known event', JSON.stringify(Object.fromEntries(Object.entries(push).filter(([key]) => !['orderID', 'callInfoDetail', 'taskStatus', 'taskStat'].includes(key)))));
			case 14: {
				const garbage = Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)));
				if (garbage[0] === 0x7b) garbage[0] = 0x20;
				return { ...invalid('random bytes', garbage), contentType: rng.pick(['application/json', 'text/plain', 'application/octet-stream']) };
			}
			default: {
				const text = JSON.stringify(push);
				return { kind: 'unsigned', body: text, headers: rng.chance(0.5) ? {} : { requestID: 'x', uuid: account.uuid, createTs: '1' }, valid: false };
			}
		}
	}

	function toRequest(signedPush: { body: string; headers: Record<string, string> }) {
		return { body: signedPush.body, headers: signedPush.headers };
	}

	test(`${CASES_PER_TRIGGER} mutated pushes: 0 exceptions, no 5xx, 0 executions for invalid ones, exactly 1 per valid one`, async () => {
		const tally = await runFuzz(md5, (rng) => makeCase(rng), 0x13c0ffee);
		expect(tally.wrong.slice(0, 10)).toEqual([]);
		expect(tally.exceptions).toBe(0);
		expect(tally.executionsForInvalid).toBe(0);
		expect(tally.valid + tally.invalid).toBe(CASES_PER_TRIGGER);
		expect(tally.valid).toBeGreaterThan(CASES_PER_TRIGGER / 4);
		expect(tally.invalid).toBeGreaterThan(CASES_PER_TRIGGER / 2);
		expect(tally.kinds.size).toBeGreaterThanOrEqual(14);
	});
});

describe('fuzz: icsoc Autocall Trigger', () => {
	const SECRET = 'fuzz-push-secret-合同';
	let server: WebhookServer;

	beforeAll(() => {
		server = new WebhookServer({ nodeType: 'icsocAutocallTrigger', parameters: {}, credentials: { icsocAutocallPushApi: { secret: SECRET } } });
	});

	/** A push body as icsoc's PHP writes it, with any `type` and `data`; signed over the data text unless told otherwise. */
	function body(type: unknown, data: unknown, { encrypt = false, sign }: { encrypt?: boolean; sign?: unknown } = {}): string {
		const dataText = encrypt ? phpJsonEncode(icsocEncrypt(phpJsonEncode(data), SECRET)) : phpJsonEncode(data);
		const signedText = encrypt ? (JSON.parse(dataText) as string) : dataText;
		const signValue = sign === undefined ? icsocSign(signedText, SECRET) : sign;
		const head = type === undefined ? '' : `"type":${phpJsonEncode(type)},`;
		return `{${head}"sign":${phpJsonEncode(signValue)},"timestamp":"2024-05-01 12:00:00","data":${dataText}}`;
	}

	function record(rng: Rng): Record<string, unknown> {
		const cdr: Record<string, unknown> = makeCdrPush(rng.int(1000));
		for (let i = rng.int(3); i > 0; i--) {
			const key = rng.chance(0.4) ? rng.pick(HOSTILE_KEYS) : rng.pick(Object.keys(cdr));
			Object.defineProperty(cdr, key, { value: randomJson(rng, 6), enumerable: true, writable: true, configurable: true });
		}
		return cdr;
	}
	const preCallList = (rng: Rng) =>
		Array.from({ length: rng.int(5) }, (_, i) => ({ project_id: String(rng.int(9)), task_id: `t-${i}`, ext_id: `e-${i}`, phone: `1851234${i}`, ...(rng.chance(0.3) ? { [rng.pick(HOSTILE_KEYS)]: randomJson(rng, 4) } : {}) }));

	function makeCase(rng: Rng): FuzzCase {
		const encrypt = rng.chance(0.3);
		const type = rng.pick<unknown>([1, '1', 2, '2']);
		const isCdr = String(type) === '1';
		const data = isCdr ? record(rng) : preCallList(rng);
		const mutation = rng.int(14);
		switch (mutation) {
			case 0:
			case 1:
			case 2:
				return { kind: `valid type ${JSON.stringify(type)}${encrypt ? ' encrypted' : ''}`, body: body(type, data, { encrypt }), valid: true };
			case 3: {
				const text = body(type, data, { encrypt }).replace('"2024-05-01 12:00:00"', phpJsonEncode(randomJson(rng, 5)));
				return { kind: 'timestamp of any shape', body: text, valid: true };
			}
			case 4:
				return { kind: 'type missing or unknown', body: body(rng.pick<unknown>([undefined, 0, 3, -1, 1.5, '01', '1.0', 'cdr', '', null, true]), data, { encrypt }), valid: false };
			case 5:
				return { kind: 'type an object or a list', body: body(rng.pick<unknown>([{}, [], [1], { '1': 1 }, JSON.parse('{"toString":1}'), ['2']]), data, { encrypt }), valid: false };
			case 6: {
				const wrong = isCdr ? rng.pick<unknown>([[], [data], 5, true, 'x']) : rng.pick<unknown>([{}, (data as Array<Record<string, unknown>>)[0] ?? { a: 1 }, [1], [{ a: 1 }, 'x'], [[]], [null], 7]);
				// A string is taken as encrypted data (and fails to decrypt); others are plain.
				return { kind: `data of the wrong shape for type ${String(type)}`, body: body(type, wrong, { encrypt: encrypt && typeof wrong !== 'string' }), valid: false };
			}
			case 7: {
				const text = body(type, data, { encrypt });
				const dataStart = text.indexOf('"data":') + 7;
				const at = dataStart + rng.int(text.length - dataStart);
				const bytes = Buffer.from(text);
				bytes[at] = (bytes[at] + 1 + rng.int(254)) % 256;
				return { kind: 'data changed after signing', body: bytes, valid: false };
			}
			case 8:
				return { kind: 'sign missing or wrong', body: body(type, data, { encrypt, sign: rng.pick<unknown>(['', 'abc', {}, [], 0, null, icsocSign('other', SECRET)]) }), valid: false };
			case 9: {
				const text = body(type, data, { encrypt });
				return { kind: 'truncated', body: text.slice(0, rng.int(text.length)), contentType: rng.pick(['application/json', 'text/plain']), valid: false };
			}
			case 10: {
				const depth = rng.pick([33, 500, 20_000]);
				const nested = JSON.parse(`{"x":${deep(Math.min(depth, 5000))}}`) as Record<string, unknown>;
				if (depth === 20_000) {
					// Built as text: too deep for phpJsonEncode's recursion.
					const dataText = `{"call_id":"c","x":${deep(depth)}}`;
					return { kind: 'data nested 20,000 deep', body: `{"type":1,"sign":"${icsocSign(dataText, SECRET)}","data":${dataText}}`, valid: false };
				}
				return { kind: `data nested ${depth} deep${encrypt ? ' encrypted' : ''}`, body: body(1, nested, { encrypt }), valid: false };
			}
			case 11:
				return { kind: 'not a JSON object', body: rng.pick(['[]', '[{"type":1}]', '"push"', '1', 'null', '']), valid: false };
			case 12:
				return { kind: 'data missing or null', body: rng.pick(['{"type":1,"sign":"abc","data":null}', '{"type":1,"sign":"abc"}', '{"type":2,"data":null}']), valid: false };
			default: {
				const garbage = Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)));
				if (garbage[0] === 0x7b) garbage[0] = 0x20;
				return { kind: 'random bytes', body: garbage, contentType: rng.pick(['application/json', 'text/plain']), valid: false };
			}
		}
	}

	test(`${CASES_PER_TRIGGER} mutated pushes: 0 exceptions, no 5xx, 0 executions for invalid ones, exactly 1 per valid one`, async () => {
		const tally = await runFuzz(server, makeCase, 0x1c50c);
		expect(tally.wrong.slice(0, 10)).toEqual([]);
		expect(tally.exceptions).toBe(0);
		expect(tally.executionsForInvalid).toBe(0);
		expect(tally.valid).toBeGreaterThan(CASES_PER_TRIGGER / 4);
		expect(tally.invalid).toBeGreaterThan(CASES_PER_TRIGGER / 2);
	});
});

describe('fuzz: Huawei CC-iSales Trigger', () => {
	const TOKEN = 'fuzz-isales-push-token_0123456789.abc~';
	const withToken = `?token=${TOKEN}`;
	let server: WebhookServer;

	beforeAll(() => {
		server = new WebhookServer({ nodeType: 'huaweiIsalesTrigger', parameters: {}, credentials: { huaweiIsalesPushApi: { token: TOKEN } } });
	});

	const results = (rng: Rng, count = 1 + rng.int(4)) => Array.from({ length: count }, () => makePushResult(String(2000 + rng.int(9)), rng.int(1000)));
	const OPTIONAL = ['sessionId', 'callTimeStr', 'callStatus', 'failCode', 'vdnId', 'customField', 'recordPath', 'campaignId'];
	/** A list with one entry replaced by `entry` (at a random place), as JSON text. */
	const withEntry = (rng: Rng, list: unknown[], entryText: string) => {
		const texts = list.map((result) => JSON.stringify(result));
		texts[rng.int(texts.length)] = entryText;
		return `[${texts.join(',')}]`;
	};

	function makeCase(rng: Rng): FuzzCase {
		const list = results(rng);
		const target = list[rng.int(list.length)];
		const mutation = rng.int(18);
		const valid = (kind: string, body: string, items = list.length): FuzzCase => ({ kind, body, query: withToken, valid: true, items });
		const invalid = (kind: string, body: string | Buffer, query = withToken): FuzzCase => ({ kind, body, query, valid: false });
		switch (mutation) {
			case 0:
				target[rng.pick(OPTIONAL.concat('called'))] = randomJson(rng, 6);
				return valid('field value', JSON.stringify(list));
			case 1: {
				const key = rng.chance(0.6) ? rng.pick(HOSTILE_KEYS) : `extra${rng.int(9)}`;
				const entry = JSON.stringify(target).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(randomJson(rng, 8))},`);
				return valid('extra or hostile key', withEntry(rng, [target], entry), 1);
			}
			case 2:
				return valid('whitespace and key order', JSON.stringify(list.map((result) => Object.fromEntries(Object.entries(result).reverse())), null, rng.int(5)));
			case 3:
				delete target[rng.pick(OPTIONAL)];
				return valid('optional field dropped', JSON.stringify(list));
			case 4:
				target.callId = rng.pick<unknown>([undefined, '', ' ', null]);
				return valid('no callId: key from campaign, number and time', JSON.stringify(list));
			case 5: {
				const many = results(rng, 1 + rng.int(60));
				return valid(`batch of results`, JSON.stringify(many), many.length);
			}
			case 6:
				return { kind: 'empty list', body: rng.pick(['[]', ' [ ]', '[\n]']), query: withToken, valid: true, acknowledgedOnly: true };
			case 7:
				target.callId = rng.pick<unknown>([0, 1, 1.5, -7, 1_709_254_805_000, 'x', '客户-1']);
				return valid('callId a number or odd text', JSON.stringify(list));
			case 8: {
				const query = rng.pick([
					'',
					'?token=',
					`?token=${TOKEN.slice(0, -1)}`,
					`?token=${TOKEN}x`,
					`?token=${TOKEN.toUpperCase()}`,
					`?token=${TOKEN}&token=${TOKEN}`,
					`?token[]=${TOKEN}`,
					`?token[a]=${TOKEN}`,
					`?Token=${TOKEN}`,
					`/${TOKEN}`,
					`?t=${TOKEN}`,
					`?token=%20${TOKEN}`,
				]);
				return invalid(`token missing, wrong or misplaced`, JSON.stringify(list), query);
			}
			case 9: {
				const headers = rng.pick<Record<string, string>>([{ token: TOKEN }, { authorization: `Bearer ${TOKEN}` }, { 'x-token': TOKEN }]);
				return { ...invalid('token in a header', JSON.stringify(list), ''), headers };
			}
			case 10:
				return invalid('not a list', rng.pick<string>([JSON.stringify(target), JSON.stringify({ callResultList: list }), '"x"', '1', 'null', 'true', '{}']));
			case 11:
				return invalid('a list with a non-object entry', withEntry(rng, list, JSON.stringify(rng.pick<unknown>([1, 'x', null, true, [], [target], 1.5]))));
			case 12:
				target.callId = rng.pick<unknown>([{}, [], ['c'], { id: 1 }]);
				return invalid('callId a list or an object', JSON.stringify(list));
			case 13:
				delete target.callId;
				target.called = rng.pick<unknown>([undefined, '', null, {}, []]);
				return invalid('neither callId nor called', JSON.stringify(list));
			case 14: {
				const depth = rng.pick([33, 100, 1000, 20_000]);
				return invalid(`nested ${depth} deep`, withEntry(rng, list, JSON.stringify(target).replace(/\}$/, `,"deep":${deep(depth)}}`)));
			}
			case 15: {
				const text = JSON.stringify(list);
				return { ...invalid('truncated', text.slice(0, rng.int(text.length))), contentType: rng.pick(['application/json', 'text/plain']) };
			}
			case 16: {
				const garbage = Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)));
				if (garbage[0] === 0x5b) garbage[0] = 0x20;
				return { ...invalid('random bytes', garbage, rng.chance(0.8) ? withToken : ''), contentType: rng.pick(['application/json', 'text/plain', 'application/octet-stream']) };
			}
			default:
				// Valid body, no token: a forged push.
				return invalid('forged (no token), valid body', JSON.stringify(list), '');
		}
	}

	test(`${CASES_PER_TRIGGER} mutated pushes: 0 exceptions, no 5xx, 0 executions for invalid ones, exactly 1 per valid one with one item per result`, async () => {
		const tally = await runFuzz(server, makeCase, 0x15a1e5);
		expect(tally.wrong.slice(0, 10)).toEqual([]);
		expect(tally.exceptions).toBe(0);
		expect(tally.executionsForInvalid).toBe(0);
		expect(tally.valid + tally.invalid).toBe(CASES_PER_TRIGGER);
		expect(tally.valid).toBeGreaterThan(CASES_PER_TRIGGER / 4);
		expect(tally.invalid).toBeGreaterThan(CASES_PER_TRIGGER / 3);
		expect(tally.kinds.size).toBeGreaterThanOrEqual(16);
	});
});
