/**
 * Parameters shared by the call result operations and their checks.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidParameter } from '../shared/errors';
import { itemParameter } from '../shared/itemParameters';
import { addCallRecordProperty } from '../shared/properties';
import { readPathSegment } from '../shared/validation';
import { isalesCallRecord } from './callRecord';
import { decodeCallResult, isUtcOffset } from './decode';

type ShowFor = { resource: string[]; operation: string[] };

export function vdnIdProperty(show: ShowFor): INodeProperties {
	return {
		displayName: 'VDN ID',
		name: 'vdnId',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 9999, numberPrecision: 0 },
		default: 1,
		required: true,
		description: 'ID of the virtual call center (VDN) the campaign belongs to, 1–9999',
		displayOptions: { show },
	};
}

export function readVdnId(context: IExecuteFunctions, itemIndex: number): number {
	return checkVdnId(context, context.getNodeParameter('vdnId', itemIndex) as unknown, itemIndex);
}

function checkVdnId(context: IExecuteFunctions, raw: unknown, itemIndex: number): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 9999) {
		throw invalidParameter(context.getNode(), itemIndex, `VDN ID must be a whole number from 1 to 9999, got "${String(raw)}"`);
	}
	return value;
}

/** readVdnId for many items: a fixed value or the item's own field is read without an expression run. */
export function vdnIdReader(context: IExecuteFunctions): (itemIndex: number) => number {
	const read = itemParameter<unknown>(context, 'vdnId', undefined);
	return (itemIndex) => checkVdnId(context, read(itemIndex), itemIndex);
}

/** A value that goes into the URL path (Call ID, Campaign ID): an ID, never a path of its own. */
export function readPathPart(context: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	return checkPathPart(context, context.getNodeParameter(name, itemIndex, ''), label, itemIndex);
}

function checkPathPart(context: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string {
	const part = readPathSegment(raw);
	if ('problem' in part) throw invalidParameter(context.getNode(), itemIndex, `${label} ${part.problem}`);
	return encodeURIComponent(part.value);
}

/** readPathPart for many items, read as vdnIdReader reads. */
export function pathPartReader(context: IExecuteFunctions, name: string, label: string): (itemIndex: number) => string {
	const read = itemParameter<unknown>(context, name, '');
	return (itemIndex) => checkPathPart(context, read(itemIndex), label, itemIndex);
}

export function campaignIdProperty(show: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 46',
		description,
		displayOptions: { show },
	};
}

/** Every UTC offset in use today, as a picker (China Standard Time is +08:00). */
const UTC_OFFSET_OPTIONS = [
	...['-12:00', '-11:00', '-10:00', '-09:30', '-09:00', '-08:00', '-07:00', '-06:00', '-05:00', '-04:00', '-03:30', '-03:00', '-02:00', '-01:00'],
	...['+00:00', '+01:00', '+02:00', '+03:00', '+03:30', '+04:00', '+04:30', '+05:00', '+05:30', '+05:45', '+06:00', '+06:30', '+07:00'],
	...['+08:00', '+08:45', '+09:00', '+09:30', '+10:00', '+10:30', '+11:00', '+12:00', '+12:45', '+13:00', '+14:00'],
].map((offset) => ({ name: offset === '+08:00' ? 'UTC+08:00 (China Standard Time)' : `UTC${offset}`, value: offset }));

export function decodeOptions(show: ShowFor): INodeProperties[] {
	return [
		{
			displayName: 'Decode Values',
			name: 'decodeValues',
			type: 'boolean',
			default: true,
			description:
				'Whether to add readable twins next to the raw values: callStatusLabel (failed/succeeded) and an ISO 8601 twin of each time field at the Server UTC Offset (its name plus Iso)',
			displayOptions: { show },
		},
		{
			displayName: 'Server UTC Offset',
			name: 'serverUtcOffset',
			type: 'options',
			options: UTC_OFFSET_OPTIONS,
			default: '+08:00',
			description:
				'UTC offset of the iSales server clock: its times (yyyy-mm-dd hh:mm:ss) are local time without a zone. Used by the ISO twins and by the call record. +08:00 is China Standard Time.',
			displayOptions: { show },
		},
		addCallRecordProperty(show),
	];
}

/** The Server UTC Offset to write the call record's times with, or undefined when Add Call Record is off. */
export function readCallRecordOffset(context: IExecuteFunctions, itemIndex: number): string | undefined {
	if (!context.getNodeParameter('addCallRecord', itemIndex, true)) return undefined;
	const offset = String(context.getNodeParameter('serverUtcOffset', itemIndex, '+08:00') ?? '').trim();
	if (!isUtcOffset(offset)) {
		throw invalidParameter(context.getNode(), itemIndex, `Server UTC Offset "${offset}" is not like +08:00 or -05:00`);
	}
	return offset;
}

/**
 * Returns the item maker of call result records: decoded per the decode options, with `call`
 * per Add Call Record (built from the raw record, beside its fields).
 */
export function readResultItem(context: IExecuteFunctions, itemIndex: number): (record: IDataObject) => IDataObject {
	const decode = readDecoder<IDataObject>(context, itemIndex);
	const offset = readCallRecordOffset(context, itemIndex);
	if (offset === undefined) return decode;
	return (record) => {
		// The record is a fresh part of the vendor's answer, held by no one else.
		const json = decode(record);
		json.call = isalesCallRecord(record, offset) as unknown as IDataObject;
		return json;
	};
}

/** Returns a decoder for call result records per the node's decode options (identity when off). */
export function readDecoder<T>(context: IExecuteFunctions, itemIndex: number): (record: T) => T {
	if (!context.getNodeParameter('decodeValues', itemIndex, true)) return (record) => record;
	const offset = String(context.getNodeParameter('serverUtcOffset', itemIndex, '+08:00') ?? '').trim();
	if (!isUtcOffset(offset)) {
		throw invalidParameter(context.getNode(), itemIndex, `Server UTC Offset "${offset}" is not like +08:00 or -05:00`);
	}
	return (record) => decodeCallResult(record, offset);
}
