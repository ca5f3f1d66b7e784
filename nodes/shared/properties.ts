/**
 * Parameters several operations of all vendors share, described once.
 */
import type { IDisplayOptions, INodePropertyOptions, INodeProperties } from 'n8n-workflow';

/**
 * The value of a filter's "Any" option: the filter is added but nothing is chosen yet, so nothing
 * is sent. An options filter needs a default among its options; "Any" keeps the editor from
 * choosing a value for the user when the filter is added.
 */
export const ANY_VALUE = 'any';

/** The "Any" option, first in a filter's list (see ANY_VALUE). */
export function anyOption(what: string): INodePropertyOptions {
	return { name: 'Any', value: ANY_VALUE, description: `No filter on ${what}: nothing is sent` };
}

/** Whether a filter value was left unset: absent, empty, or "Any". */
export function isUnsetFilter(value: unknown): boolean {
	return value === undefined || value === null || value === ANY_VALUE || String(value).trim() === '';
}

/** "Return All" and "Limit", as n8n's own list operations have them. */
export function returnAllAndLimitProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}


/**
 * Option "Add Call Record" (`addCallRecord`, default on): adds `call`, the vendor-neutral record
 * of the call (nodes/shared/callRecord.ts), beside the vendor's own fields.
 */
export function addCallRecordProperty(show?: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Add Call Record',
		name: 'addCallRecord',
		type: 'boolean',
		default: true,
		description:
			'Whether to add call: one record of the call in the same shape for every vendor (outcome, ISO 8601 times, seconds, dedupeKey), beside the vendor\'s own fields, which stay as they are',
		...(show ? { displayOptions: { show } } : {}),
	};
}
