/**
 * Parameters several operations of all vendors share, described once.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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

