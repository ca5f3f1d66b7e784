/**
 * Adding readable twins to coded fields of vendor records, keeping the raw values:
 * `callStatus: 6` gains `callStatusLabel: "completed"`, `callStartTs: 1700000000` gains
 * `callStartTsIso: "2023-11-14T22:13:20.000Z"`. Pure.
 */
import type { CodeTable } from './codeTables';
import { describeCode } from './codeTables';

export interface DecodeRules {
	/** field name → code table; adds `<field>Label`. */
	labels?: Readonly<Record<string, CodeTable>>;
	/** field name → converter to ISO text; adds `<field>Iso`. */
	dates?: Readonly<Record<string, (value: unknown) => string | undefined>>;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A copy of `record` with decoded twins added at every depth (nested objects and arrays of
 * objects too, since vendors nest call lists inside orders). Unknown codes get no label
 * rather than a wrong one; the raw field is always kept.
 */
export function decodeFields<T>(record: T, rules: DecodeRules): T {
	if (Array.isArray(record)) return record.map((entry) => decodeFields(entry, rules)) as T;
	if (!isPlainObject(record)) return record;
	const out: Json = {};
	for (const [key, value] of Object.entries(record)) {
		out[key] = isPlainObject(value) || Array.isArray(value) ? decodeFields(value, rules) : value;
		const table = rules.labels?.[key];
		if (table) {
			const label = describeCode(table, value);
			if (label !== undefined) out[`${key}Label`] = label;
		}
		const toIso = rules.dates?.[key];
		if (toIso) {
			const iso = toIso(value);
			if (iso !== undefined) out[`${key}Iso`] = iso;
		}
	}
	return out as T;
}
