/**
 * Reading one parameter for every input item, fast.
 *
 * n8n evaluates a parameter's expression afresh for each item, and each evaluation builds a
 * sandbox (tens of microseconds): for 10,000 items that costs more than the HTTP requests the
 * node pools them into. Two common cases need no evaluation:
 *  - a fixed value (no expression): the same for every item, so it is read once;
 *  - `{{ $json.field }}` / `{{ $json["field"] }}`: the item's own field, read directly when it
 *    holds text (what n8n would return unchanged).
 * Everything else (other expressions, a field holding a number, list or nothing) goes through
 * `getNodeParameter`, so values and errors are exactly n8n's.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from './errors';
import { readId, readIdList } from './validation';

export type ItemParameter<T> = (itemIndex: number) => T;

/** `={{ $json.name }}` or `={{ $json["name"] }}` / `['name']`, spaces allowed inside the braces. */
const OWN_FIELD_EXPRESSION = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"\\]+)\2\s*\])\s*\}\}$/;

/** The field an expression reads from the item's own JSON, or undefined for any other value. */
export function ownFieldOf(rawValue: unknown): string | undefined {
	if (typeof rawValue !== 'string') return undefined;
	const match = OWN_FIELD_EXPRESSION.exec(rawValue);
	return match ? (match[1] ?? match[3]) : undefined;
}

function isExpression(rawValue: unknown): boolean {
	return typeof rawValue === 'string' && rawValue.startsWith('=');
}

/** Whether parameter `name` is the same for every item (no expression). */
export function isFixedParameter(context: IExecuteFunctions, name: string): boolean {
	return !isExpression(context.getNode().parameters[name]);
}

/**
 * A reader of parameter `name` for any item index, equal to
 * `context.getNodeParameter(name, itemIndex, fallback)`. Only for top-level parameters.
 */
export function itemParameter<T>(context: IExecuteFunctions, name: string, fallback: T): ItemParameter<T> {
	const read = (itemIndex: number) => context.getNodeParameter(name, itemIndex, fallback) as T;
	const rawValue: unknown = context.getNode().parameters[name];

	if (!isExpression(rawValue)) {
		let fixed: { value: T } | undefined;
		return (itemIndex) => (fixed ??= { value: read(itemIndex) }).value;
	}

	const field = ownFieldOf(rawValue);
	if (field === undefined) return read;
	const items = context.getInputData();
	return (itemIndex) => {
		const value = items[itemIndex]?.json[field];
		return typeof value === 'string' ? (value as T) : read(itemIndex);
	};
}

/**
 * A reader of an ID parameter (text or a number; anything else refused, never sent as
 * "[object Object]"), trimmed. A refusal names the item and the parameter.
 */
export function idParameter(context: IExecuteFunctions, name: string, displayName: string, hint?: string): ItemParameter<string> {
	const read = itemParameter<unknown>(context, name, '');
	return (itemIndex) => {
		const id = readId(read(itemIndex));
		if ('problem' in id) throw invalidParameter(context.getNode(), itemIndex, `${displayName} ${id.problem}`, hint);
		return id.value;
	};
}

/** A reader of a list-of-IDs parameter (a list, or text separated by commas); at least one ID. */
export function idListParameter(context: IExecuteFunctions, name: string, displayName: string, hint?: string): ItemParameter<string[]> {
	const read = itemParameter<unknown>(context, name, '');
	return (itemIndex) => {
		const ids = readIdList(read(itemIndex));
		if ('problem' in ids) throw invalidParameter(context.getNode(), itemIndex, `${displayName}: ${ids.problem}`, hint);
		if (ids.value.length === 0) throw invalidParameter(context.getNode(), itemIndex, `${displayName} are empty`, hint);
		return ids.value;
	};
}
