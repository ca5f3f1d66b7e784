/**
 * Parameters several icsoc operations share, and reading them with the same checks.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../shared/errors';
import { IANA_TIME_ZONES } from '../shared/timeZones';
import { ICSOC_TIME_ZONE } from './decode';

/** The Platform Time Zone picker's options: the IANA zones, icsoc's own named as such. */
const TIME_ZONE_OPTIONS = IANA_TIME_ZONES.map((zone) => ({
	name: zone === ICSOC_TIME_ZONE ? `${zone} (China Standard Time, icsoc's default)` : zone,
	value: zone,
}));

/** Options with the Platform Time Zone; `extra` says what else the zone applies to. */
export function platformTimeZoneOptions(show: IDisplayOptions['show'], extra = '.'): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Platform Time Zone',
				name: 'icsocTimeZone',
				type: 'options',
				options: TIME_ZONE_OPTIONS,
				default: ICSOC_TIME_ZONE,
				description: `The time zone icsoc writes wall-clock times in: Asia/Shanghai unless your account says otherwise${extra} Another IANA zone can be given with an expression`,
			},
		],
	};
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** The item's Platform Time Zone; one this runtime does not know is the user's mistake, said plainly. */
export function readPlatformTimeZone(context: IExecuteFunctions, itemIndex: number): string {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeZone = String(options.icsocTimeZone || ICSOC_TIME_ZONE).trim();
	if (!isValidTimeZone(timeZone)) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`Platform Time Zone is not an IANA time zone: ${timeZone}`,
			'Pick a zone from the list (Asia/Shanghai for China Standard Time), or give an IANA name such as Europe/Berlin.',
		);
	}
	return timeZone;
}
