/**
 * The reply icsoc reads after a pre-call push (type 2), built from the workflow's decisions.
 * Pure: no n8n imports, nothing thrown.
 *
 * icsoc's developer page "call detail and event pushes", section 1.3 (pre-call push, reply):
 * - "reject" reply: `{code: 0, message, data: {reject: [{project_id, task_id}]}}`: the records
 *   listed are not dialled;
 * - "caller" reply: `{code: 0, message, data: {caller: [{project_id, task_id, caller}]}}`: those
 *   records are dialled from the caller number given;
 * - `code` 0 means the reply is read; any other code and icsoc ignores the reply's data and dials
 *   the records as planned (with the project's own caller numbers).
 * project_id and task_id are integers there (a task is one record, one number, of a project).
 *
 * One decision per input item, read from the item's own fields: `project_id`, `task_id`, and
 * `reject` (true: do not dial) or `caller` (dial from this number). An item with neither is no
 * decision (its record is dialled as planned) and its IDs are not read.
 */

/** A record's decision, read from one input item. */
export interface PreCallDecision {
	projectId: number;
	taskId: number;
	/** true: do not dial the record. */
	reject: boolean;
	/** Dial the record from this number (ignored when it is rejected). */
	caller?: string;
	itemIndex: number;
}

export interface PreCallReply {
	code: 0;
	message: string;
	data: {
		reject?: Array<{ project_id: number; task_id: number }>;
		caller?: Array<{ project_id: number; task_id: number; caller: string }>;
	};
}

/** The `message` of every reply built here (icsoc's example reply carries a short text). */
export const PRE_CALL_REPLY_MESSAGE = 'success';

/** The reply that dials every record as planned: icsoc's "reject" reply with nothing in it. */
export function dialAllReply(): PreCallReply {
	return { code: 0, message: PRE_CALL_REPLY_MESSAGE, data: { reject: [] } };
}

export type ReadDecision = { decision?: PreCallDecision } | { problem: string };

/** A value of `reject` read as yes or no; undefined when it is neither. */
function readRejectFlag(value: unknown): boolean | undefined {
	if (value === true || value === 1) return true;
	if (value === false || value === 0 || value === null || value === undefined) return false;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0' || text === '') return false;
	}
	return undefined;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return String(value);
}

/**
 * A record ID as icsoc writes it: a whole number, or text of digits (pushes may carry numbers
 * as strings). Anything else names the problem.
 */
function readRecordId(value: unknown, field: string): { value: number } | { problem: string } {
	let id: number | undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) id = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value) && Number.isSafeInteger(Number(value))) id = Number(value);
	if (id === undefined) {
		const given = value === undefined ? 'missing' : `${describe(value)}`;
		return { problem: `"${field}" must be icsoc's whole-number ID, as the push carries it (got ${given})` };
	}
	return { value: id };
}

/** The caller number of a decision, or undefined when the item sets none. */
function readCaller(value: unknown): { value?: string } | { problem: string } {
	if (value === undefined || value === null) return {};
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return { value: String(value) };
	if (typeof value !== 'string') return { problem: `"caller" must be a phone number as text, got ${describe(value)}` };
	const text = value.trim();
	if (text === '') return {};
	if (!/^\+?[0-9]+$/.test(text)) {
		return { problem: `"caller" must be one phone number (digits, optionally a leading +), got ${describe(text)}` };
	}
	return { value: text };
}

/**
 * The decision an input item's JSON expresses: none when it neither rejects nor sets a caller,
 * else the decision, or why it cannot be read.
 */
export function readDecision(json: Readonly<Record<string, unknown>>, itemIndex: number): ReadDecision {
	const reject = readRejectFlag(json.reject);
	if (reject === undefined) return { problem: `"reject" must be true or false, got ${describe(json.reject)}` };
	const caller = readCaller(json.caller);
	if ('problem' in caller) return caller;
	if (!reject && caller.value === undefined) return {};
	const projectId = readRecordId(json.project_id, 'project_id');
	if ('problem' in projectId) return projectId;
	const taskId = readRecordId(json.task_id, 'task_id');
	if ('problem' in taskId) return taskId;
	return { decision: { projectId: projectId.value, taskId: taskId.value, reject, caller: caller.value, itemIndex } };
}

export interface BuiltReply {
	reply: PreCallReply;
	/** Decisions left out because an earlier item set another caller for the same record. */
	conflicts: Array<{ itemIndex: number; problem: string }>;
}

/**
 * The one reply for all decisions. A record is rejected when any item rejects it (rejecting
 * wins over a caller: a do-not-call decision is never lost to another item's caller). A record
 * given two different callers keeps the first; the later decision is reported as a conflict.
 * Repeats are sent once. `data` holds `reject` unless there are only callers, and `caller` when
 * there is one: with no decision at all the reply is `{code: 0, message, data: {reject: []}}`.
 */
export function buildPreCallReply(decisions: readonly PreCallDecision[]): BuiltReply {
	const key = (decision: PreCallDecision) => `${decision.projectId}/${decision.taskId}`;
	const rejected = new Map<string, { project_id: number; task_id: number }>();
	for (const decision of decisions) {
		if (decision.reject && !rejected.has(key(decision))) {
			rejected.set(key(decision), { project_id: decision.projectId, task_id: decision.taskId });
		}
	}
	const callers = new Map<string, { project_id: number; task_id: number; caller: string; itemIndex: number }>();
	const conflicts: BuiltReply['conflicts'] = [];
	for (const decision of decisions) {
		if (decision.reject || decision.caller === undefined || rejected.has(key(decision))) continue;
		const earlier = callers.get(key(decision));
		if (earlier === undefined) {
			callers.set(key(decision), { project_id: decision.projectId, task_id: decision.taskId, caller: decision.caller, itemIndex: decision.itemIndex });
		} else if (earlier.caller !== decision.caller) {
			conflicts.push({
				itemIndex: decision.itemIndex,
				problem: `caller ${decision.caller} for project_id ${decision.projectId}, task_id ${decision.taskId} was left out: item ${earlier.itemIndex + 1} already set caller ${earlier.caller} for that record`,
			});
		}
	}
	const data: PreCallReply['data'] = {};
	if (rejected.size > 0 || callers.size === 0) data.reject = [...rejected.values()];
	if (callers.size > 0) data.caller = [...callers.values()].map(({ project_id, task_id, caller }) => ({ project_id, task_id, caller }));
	return { reply: { code: 0, message: PRE_CALL_REPLY_MESSAGE, data }, conflicts };
}
