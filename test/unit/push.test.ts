/**
 * The shared push layer's pure parts (nodes/shared/push.ts, the pure helpers of pushWebhook.ts)
 * and decoding of hostile keys (nodes/shared/decodeFields.ts).
 */
import { decodeNxCloudRecord } from '../../nodes/NxCloudCallbot/decode';
import { decodeIcsocRecord } from '../../nodes/IcsocAutocall/decode';
import { icsocDataShapeProblem, icsocPushType } from '../../nodes/IcsocAutocall/pushCrypto';
import { decodeFields, decodeFieldsInPlace } from '../../nodes/shared/decodeFields';
import {
	headerValue,
	isListOfRecords,
	isRecord,
	isScalarId,
	MAX_PUSH_DEPTH,
	nestsDeeperThan,
	parseJsonLimited,
	parseJsonObject,
	rawBodyBytes,
	scalarText,
	timingSafeTextEqual,
} from '../../nodes/shared/push';
import {
	pushWebhookDescription,
	readResponseMode,
	responseModeProperty,
	startWorkflowResponse,
} from '../../nodes/shared/pushWebhook';

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('parsing with a depth limit', () => {
	test('JSON nested 20,000 deep is refused with 400 before parsing, in a few milliseconds', () => {
		for (const text of [deepArrays(20_000), deepObjects(20_000), `{"data":${deepArrays(20_000)}}`]) {
			const started = process.hrtime.bigint();
			const parsed = parseJsonLimited(text);
			expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
			expect(parsed).toEqual({ rejection: { status: 400, message: `The push body nests deeper than ${MAX_PUSH_DEPTH} levels` } });
		}
	});

	test('the limit itself is allowed, one more level is not', () => {
		expect(nestsDeeperThan(deepArrays(MAX_PUSH_DEPTH), MAX_PUSH_DEPTH)).toBe(false);
		expect(nestsDeeperThan(deepArrays(MAX_PUSH_DEPTH + 1), MAX_PUSH_DEPTH)).toBe(true);
		expect(parseJsonLimited(deepObjects(MAX_PUSH_DEPTH))).toHaveProperty('value');
	});

	test('brackets inside strings, escaped quotes and backslashes do not count', () => {
		const text = JSON.stringify({ a: '[[[[[[{{{{{{', b: 'say \\"[[[[\\" and \\\\', c: ['\\'] });
		expect(nestsDeeperThan(text, 2)).toBe(false);
		expect(parseJsonLimited(text, 'x', 2)).toEqual({ value: JSON.parse(text) });
	});

	test('empty, non-JSON and non-object bodies: 400 with a short reason', () => {
		expect(parseJsonLimited('  ')).toEqual({ rejection: { status: 400, message: 'The push body is empty' } });
		expect(parseJsonLimited('{"a":')).toEqual({ rejection: { status: 400, message: 'The push body is not valid JSON (truncated or not JSON)' } });
		for (const text of ['[1]', '"x"', '3', 'null', 'true']) {
			expect(parseJsonObject(text)).toEqual({ rejection: { status: 400, message: 'The push body is not a JSON object' } });
		}
		expect(parseJsonObject('{"a":1}')).toEqual({ value: { a: 1 } });
	});

	test('a __proto__ key stays an own property and the prototype is untouched', () => {
		const parsed = parseJsonObject('{"__proto__":{"polluted":true},"a":1}');
		if (!('value' in parsed)) throw new Error('expected a value');
		expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
		expect(Object.keys(parsed.value)).toEqual(['__proto__', 'a']);
		expect((parsed.value as { polluted?: boolean }).polluted).toBeUndefined();
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
	});
});

describe('shape helpers', () => {
	test('records, lists of records, IDs and scalar text', () => {
		expect([isRecord({}), isRecord([]), isRecord(null), isRecord('x')]).toEqual([true, false, false, false]);
		expect([isListOfRecords([]), isListOfRecords([{}]), isListOfRecords([{}, 1]), isListOfRecords({})]).toEqual([true, true, false, false]);
		expect([isScalarId('a'), isScalarId(7), isScalarId(''), isScalarId(' '), isScalarId(NaN), isScalarId({}), isScalarId(true)]).toEqual([
			true,
			true,
			false,
			false,
			false,
			false,
			false,
		]);
		// String() of an object with an own toString key throws; scalarText never does.
		const hostile = JSON.parse('{"toString":1,"valueOf":2}');
		expect(() => String(hostile)).toThrow();
		expect([scalarText(hostile), scalarText([1]), scalarText('a'), scalarText(1), scalarText(false), scalarText(null)]).toEqual([
			undefined,
			undefined,
			'a',
			'1',
			'false',
			undefined,
		]);
	});

	test('raw bodies, headers, timing-safe comparison', () => {
		expect(rawBodyBytes(Buffer.from('ab'))).toEqual(Buffer.from('ab'));
		expect(rawBodyBytes('ab')).toEqual(Buffer.from('ab'));
		expect(rawBodyBytes(undefined)).toBeUndefined();
		expect(rawBodyBytes({})).toBeUndefined();
		expect(headerValue({ sign: 'A', list: ['a', 'b'] }, 'Sign')).toBe('A');
		expect(headerValue({ list: ['a', 'b'] }, 'list')).toBeUndefined();
		expect([timingSafeTextEqual('ABC', 'ABC'), timingSafeTextEqual('ABD', 'ABC'), timingSafeTextEqual('AB', 'ABC'), timingSafeTextEqual('', '')]).toEqual([
			true,
			false,
			false,
			true,
		]);
	});
});

describe('reply modes', () => {
	const ack = { retCode: 0 };
	test('onReceived hands n8n the acknowledgement; lastNode and onSuccess leave the reply to n8n after the run', () => {
		expect(startWorkflowResponse('onReceived', [{ a: 1 }], ack)).toEqual({ webhookResponse: ack, workflowData: [[{ json: { a: 1 } }]] });
		expect(startWorkflowResponse('lastNode', [{ a: 1 }], ack)).toEqual({ workflowData: [[{ json: { a: 1 } }]] });
		expect(startWorkflowResponse('onSuccess', [{ a: 1 }, { b: 2 }], ack)).toEqual({ workflowData: [[{ json: { a: 1 } }, { json: { b: 2 } }]] });
	});

	test('an unknown or missing mode is the default, onReceived', () => {
		expect([readResponseMode('lastNode'), readResponseMode('onSuccess'), readResponseMode(undefined), readResponseMode('x')]).toEqual([
			'lastNode',
			'onSuccess',
			'onReceived',
			'onReceived',
		]);
	});

	test('the webhook description maps the three modes onto n8n\'s responseMode and responseData', () => {
		const description = pushWebhookDescription('p');
		expect(description).toMatchObject({ name: 'default', httpMethod: 'POST', path: 'p' });
		// The expressions, evaluated as plain JavaScript with $parameter.
		const evaluate = (expression: unknown, responseMode: string) =>
			new Function('$parameter', `return (${String(expression).replace(/^=\{\{|\}\}$/g, '')});`)({ responseMode });
		const table = ['onReceived', 'lastNode', 'onSuccess', 'unknown'].map((mode) => [
			mode,
			evaluate(description.responseMode, mode),
			evaluate(description.responseData, mode),
		]);
		expect(table).toEqual([
			['onReceived', 'onReceived', ''],
			['lastNode', 'lastNode', 'firstEntryJson'],
			['onSuccess', 'lastNode', 'noData'],
			['unknown', 'onReceived', ''],
		]);
	});

	test('the Respond parameter offers the three modes, onReceived by default, each saying what the vendor gets', () => {
		const property = responseModeProperty({ vendor: 'V', acknowledgement: '{"ok":1}', onFailure: 'F.', onEmptyReply: 'E.', deduplicate: 'D' });
		expect(property.name).toBe('responseMode');
		expect(property.default).toBe('onReceived');
		const options = property.options as Array<{ value: string; description: string }>;
		expect(options.map((o) => o.value)).toEqual(['onReceived', 'lastNode', 'onSuccess']);
		expect(options[0].description).toMatch(/HTTP 200 \{"ok":1\}.*lost/);
		expect(options[1].description).toMatch(/first item of the last node.*HTTP 500.*F\..*D/);
		expect(options[2].description).toMatch(/empty body after success, HTTP 500 after a failure.*E\..*D/);
	});
});

describe('decoding hostile keys', () => {
	test('a __proto__ key is kept as an own property at every depth; no prototype changes', () => {
		const push = JSON.parse(
			'{"__proto__":{"callStatus":6},"callStatus":6,"callInfoDetail":{"__proto__":{"x":1},"callStartTs":1700000000,"intents":[{"__proto__":[1]}]}}',
		);
		for (const decoded of [decodeNxCloudRecord(push, 'UTC'), decodeFields(push, { labels: { callStatus: { '6': 'done' } } })]) {
			expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
			expect(Object.keys(decoded)).toContain('__proto__');
			expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual(expect.objectContaining({ callStatus: 6 }));
			expect((decoded as { callStatus?: unknown }).callStatus).toBe(6);
		}
		const decoded = decodeNxCloudRecord(push, 'UTC');
		expect(decoded.callStatusLabel).toBe('completed');
		expect(Object.getPrototypeOf(decoded.callInfoDetail)).toBe(Object.prototype);
		expect(Object.keys(decoded.callInfoDetail)).toEqual(['__proto__', 'callStartTs', 'callStartTsIso', 'intents']);
		expect(Object.getPrototypeOf(decoded.callInfoDetail.intents[0])).toBe(Object.prototype);
		expect(({} as { x?: unknown }).x).toBeUndefined();
		// In place too, and icsoc's rules.
		const again = decodeFieldsInPlace(JSON.parse('{"__proto__":{"a":1},"callStatus":6}'), { labels: { callStatus: { '6': 'done' } } });
		expect([Object.getPrototypeOf(again), Object.keys(again)]).toEqual([Object.prototype, ['__proto__', 'callStatus', 'callStatusLabel']]);
		const icsoc = decodeIcsocRecord(JSON.parse('{"__proto__":{"a":1},"callresult":"2"}'));
		expect([Object.getPrototypeOf(icsoc), Object.keys(icsoc)]).toEqual([Object.prototype, ['__proto__', 'callresult', 'callresultLabel']]);
	});
});

describe('icsoc push type and data shape (pure)', () => {
	test('type 1 or 2, as numbers or text; anything else unknown, without throwing', () => {
		expect([1, '1', 2, '2', ' 2 '].map(icsocPushType)).toEqual(['1', '1', '2', '2', '2']);
		const unknown = [undefined, null, 0, 3, 1.5, '01', 'cdr', '', true, {}, [], [1], JSON.parse('{"toString":1}')];
		expect(unknown.map(icsocPushType)).toEqual(unknown.map(() => undefined));
	});

	test('type 1 carries an object, type 2 a list of objects', () => {
		expect(icsocDataShapeProblem('1', {})).toBeUndefined();
		expect(icsocDataShapeProblem('2', [])).toBeUndefined();
		expect(icsocDataShapeProblem('2', [{}, {}])).toBeUndefined();
		for (const data of [[], [{}], 'x', 1, null]) expect(icsocDataShapeProblem('1', data)).toMatch(/type 1/);
		for (const data of [{}, [1], [{}, []], [null], 'x']) expect(icsocDataShapeProblem('2', data)).toMatch(/type 2/);
	});
});
