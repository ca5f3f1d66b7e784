/**
 * The pure parts of icsoc pre-call decisions: reading one item's decision, building the one
 * reply icsoc reads, when the trigger answers which push, the webhook description's waiting
 * condition, and the decoding of a project's records.
 */
import { buildPreCallReply, dialAllReply, readDecision, type PreCallDecision } from '../../nodes/IcsocAutocall/preCall/replyBuilder';
import { icsocReplyTiming, readPreCallReplyMode } from '../../nodes/IcsocAutocall/preCall/replyTiming';
import { decodeTaskRecord } from '../../nodes/IcsocAutocall/taskData/decode';
import { pushWebhookDescription } from '../../nodes/shared/pushWebhook';
import { icsocReadsPreCallReply, makeTaskRecord, type PreCallRecord } from '../emulators/icsocEmulator';

const decided = (json: Record<string, unknown>, itemIndex = 0): PreCallDecision => {
	const read = readDecision(json, itemIndex);
	if (!('decision' in read) || read.decision === undefined) throw new Error(`no decision: ${JSON.stringify(read)}`);
	return read.decision;
};

describe('reading a decision from an item', () => {
	test('reject: true (or "true", 1, "1") with the pushed IDs, numbers or digit strings', () => {
		for (const reject of [true, 'true', ' TRUE ', 1, '1']) {
			expect(decided({ project_id: 7, task_id: '70', reject, phone: '185' }, 3)).toEqual({ projectId: 7, taskId: 70, reject: true, caller: undefined, itemIndex: 3 });
		}
	});

	test('a caller number (text or a number) sets the caller; reject false with no caller is no decision, and its IDs are not read', () => {
		expect(decided({ project_id: '7', task_id: 71, caller: ' 02158888888 ' })).toEqual({ projectId: 7, taskId: 71, reject: false, caller: '02158888888', itemIndex: 0 });
		expect(decided({ project_id: 7, task_id: 71, caller: 2158888888 }).caller).toBe('2158888888');
		expect(decided({ project_id: 7, task_id: 71, caller: '+862158888888' }).caller).toBe('+862158888888');
		for (const json of [{}, { reject: false }, { reject: 0, caller: '' }, { reject: 'false', caller: null }, { project_id: 'x', reject: '' }]) {
			expect(readDecision(json, 0)).toEqual({});
		}
	});

	test('what cannot be read names the field and the value', () => {
		const problem = (json: Record<string, unknown>) => (readDecision(json, 0) as { problem: string }).problem;
		expect(problem({ project_id: 7, task_id: 70, reject: 'maybe' })).toMatch(/"reject" must be true or false, got "maybe"/);
		expect(problem({ project_id: 7, task_id: 70, reject: {} })).toMatch(/"reject" must be true or false, got an object/);
		expect(problem({ task_id: 70, reject: true })).toMatch(/"project_id" must be icsoc's whole-number ID.*got missing/);
		expect(problem({ project_id: 7, task_id: 'abc', reject: true })).toMatch(/"task_id" .*got "abc"/);
		expect(problem({ project_id: 7, task_id: 1.5, reject: true })).toMatch(/"task_id" .*got 1.5/);
		expect(problem({ project_id: 7, task_id: [70], reject: true })).toMatch(/got a list/);
		expect(problem({ project_id: 7, task_id: 70, caller: ['0215'] })).toMatch(/"caller" must be a phone number as text, got a list/);
		expect(problem({ project_id: 7, task_id: 70, caller: '0215 8888' })).toMatch(/"caller" must be one phone number/);
	});
});

describe('building the one reply', () => {
	test('no decision: icsoc\'s "reject" reply with an empty list, which dials every record', () => {
		expect(buildPreCallReply([])).toEqual({ reply: { code: 0, message: 'success', data: { reject: [] } }, conflicts: [] });
		expect(dialAllReply()).toEqual({ code: 0, message: 'success', data: { reject: [] } });
	});

	test('rejections only: exactly the documented reject reply, integers, in item order, repeats once', () => {
		const { reply } = buildPreCallReply([
			decided({ project_id: '7', task_id: '72', reject: true }, 0),
			decided({ project_id: 7, task_id: 70, reject: true }, 1),
			decided({ project_id: 7, task_id: 72, reject: 'true' }, 2),
		]);
		expect(JSON.stringify(reply)).toBe('{"code":0,"message":"success","data":{"reject":[{"project_id":7,"task_id":72},{"project_id":7,"task_id":70}]}}');
	});

	test('callers only: exactly the documented caller reply (no reject key)', () => {
		const { reply } = buildPreCallReply([decided({ project_id: 7, task_id: 70, caller: '02158888888' }, 0)]);
		expect(JSON.stringify(reply)).toBe('{"code":0,"message":"success","data":{"caller":[{"project_id":7,"task_id":70,"caller":"02158888888"}]}}');
	});

	test('both: reject wins over a caller for the same record; different callers for one record keep the first and report the later', () => {
		const { reply, conflicts } = buildPreCallReply([
			decided({ project_id: 7, task_id: 70, caller: '0211' }, 0),
			decided({ project_id: 7, task_id: 70, reject: true }, 1),
			decided({ project_id: 7, task_id: 71, caller: '0212' }, 2),
			decided({ project_id: 7, task_id: 71, caller: '0212' }, 3),
			decided({ project_id: 7, task_id: 71, caller: '0213' }, 4),
		]);
		expect(reply).toEqual({
			code: 0,
			message: 'success',
			data: { reject: [{ project_id: 7, task_id: 70 }], caller: [{ project_id: 7, task_id: 71, caller: '0212' }] },
		});
		expect(conflicts).toEqual([{ itemIndex: 4, problem: expect.stringMatching(/caller 0213 .*task_id 71 was left out: item 3 already set caller 0212/) }]);
	});

	test('icsoc, reading the built reply, dials exactly the records not rejected, with the callers set', () => {
		const records: PreCallRecord[] = [
			{ project_id: 7, task_id: 70, ext_id: 'a', phone: '18500000001' },
			{ project_id: 7, task_id: 71, ext_id: 'b', phone: '18500000002' },
			{ project_id: 7, task_id: 72, ext_id: 'c', phone: '18500000003' },
		];
		const { reply } = buildPreCallReply([decided({ ...records[1], reject: true }, 1), decided({ ...records[2], caller: '0219' }, 2)]);
		const outcome = icsocReadsPreCallReply(records, { status: 200, text: JSON.stringify(reply) });
		expect(outcome).toEqual({ replyUsed: true, rejected: [records[1]], dialled: [{ ...records[0], caller: undefined }, { ...records[2], caller: '0219' }] });
		// n8n's answer to a failed run, a non-zero code, an empty body: no decision, all dialled.
		for (const failed of [
			{ status: 500, text: '{"message":"Error in workflow"}' },
			{ status: 200, text: '{"code":1,"message":"x","data":{"reject":[{"project_id":7,"task_id":70}]}}' },
			{ status: 200, text: '' },
		]) {
			const read = icsocReadsPreCallReply(records, failed);
			expect([read.replyUsed, read.rejected, read.dialled.map((r) => r.task_id)]).toEqual([false, [], [70, 71, 72]]);
		}
	});
});

describe('when the trigger answers', () => {
	test('type 2 follows Pre-Call Reply alone; type 1 follows Respond (From Workflow: Immediately answered by the trigger, the rest after the run)', () => {
		const table = (['dialAll', 'fromWorkflow'] as const).flatMap((preCall) =>
			(['onReceived', 'lastNode', 'onSuccess'] as const).map((mode) => [preCall, mode, icsocReplyTiming('1', preCall, mode), icsocReplyTiming('2', preCall, mode)]),
		);
		expect(table).toEqual([
			['dialAll', 'onReceived', undefined, undefined],
			['dialAll', 'lastNode', undefined, 'now'],
			['dialAll', 'onSuccess', undefined, 'now'],
			['fromWorkflow', 'onReceived', 'now', 'afterRun'],
			['fromWorkflow', 'lastNode', 'afterRun', 'afterRun'],
			['fromWorkflow', 'onSuccess', 'afterRun', 'afterRun'],
		]);
		expect([readPreCallReplyMode('fromWorkflow'), readPreCallReplyMode(undefined), readPreCallReplyMode('x')]).toEqual(['fromWorkflow', 'dialAll', 'dialAll']);
	});

	test('the webhook description makes n8n wait with firstEntryJson whenever the condition holds, else maps Respond as before', () => {
		const description = pushWebhookDescription('icsoc-autocall', { waitForLastNodeWhen: '$parameter["preCallReply"] === "fromWorkflow"' });
		const evaluate = (expression: unknown, parameters: Record<string, string>) =>
			new Function('$parameter', `return (${String(expression).replace(/^=\{\{|\}\}$/g, '')});`)(parameters);
		const table = ['dialAll', 'fromWorkflow'].flatMap((preCallReply) =>
			['onReceived', 'lastNode', 'onSuccess'].map((responseMode) => [
				preCallReply,
				responseMode,
				evaluate(description.responseMode, { preCallReply, responseMode }),
				evaluate(description.responseData, { preCallReply, responseMode }),
			]),
		);
		expect(table).toEqual([
			['dialAll', 'onReceived', 'onReceived', ''],
			['dialAll', 'lastNode', 'lastNode', 'firstEntryJson'],
			['dialAll', 'onSuccess', 'lastNode', 'noData'],
			['fromWorkflow', 'onReceived', 'lastNode', 'firstEntryJson'],
			['fromWorkflow', 'lastNode', 'lastNode', 'firstEntryJson'],
			['fromWorkflow', 'onSuccess', 'lastNode', 'firstEntryJson'],
		]);
		// Without the option, the description is exactly what the other triggers use.
		expect(pushWebhookDescription('p', {})).toEqual(pushWebhookDescription('p'));
	});
});

describe('decoding a project\'s records', () => {
	test('callResult gets the data list\'s labels (not a CDR\'s); wall-clock times in China time; expiredAt "never" and unset times get null twins', () => {
		const connected = makeTaskRecord(10000, 4);
		expect(connected.callResult).toBe(1);
		expect(decodeTaskRecord(connected)).toEqual({
			...connected,
			callResultLabel: 'connected',
			startedAtIso: '2024-05-01T08:04:00+08:00',
			connectedAtIso: '2024-05-01T08:04:10+08:00',
			endedAtIso: '2024-05-01T08:04:40+08:00',
			canceledAtIso: null,
			nextQueueTimeIso: null,
			expiredAtIso: null,
		});
		const labels = [0, 1, 2, 3, 4].map((index) => decodeTaskRecord(makeTaskRecord(1, index)).callResultLabel);
		expect(labels).toEqual(['cancelled', 'not called', 'redialling', 'not connected', 'connected']);
		const expiring = makeTaskRecord(1, 3);
		// expiredAt is a unix time: shown in the Platform Time Zone too (2024-05-02 00:03 UTC).
		expect(decodeTaskRecord(expiring).expiredAtIso).toBe('2024-05-02T08:03:00+08:00');
		expect(decodeTaskRecord(expiring, 'UTC').expiredAtIso).toBe('2024-05-02T00:03:00Z');
		expect(decodeTaskRecord(makeTaskRecord(1, 2)).nextQueueTimeIso).toBe('2024-05-01T08:12:00+08:00');
		expect(decodeTaskRecord({ callResult: '-3', canceledAt: '2024-05-01 08:00:00' }, 'UTC')).toEqual({
			callResult: '-3',
			callResultLabel: 'cancelled',
			canceledAt: '2024-05-01 08:00:00',
			canceledAtIso: '2024-05-01T08:00:00Z',
		});
	});
});
