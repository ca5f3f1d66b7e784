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
type FieldDecoder = (out: Json, value: unknown) => void;

/** Rules turned into one lookup per field name, made once per rules object. */
const compiledRules = new WeakMap<DecodeRules, Map<string, FieldDecoder>>();

function compile(rules: DecodeRules): Map<string, FieldDecoder> {
	let decoders = compiledRules.get(rules);
	if (decoders) return decoders;
	decoders = new Map();
	for (const [field, table] of Object.entries(rules.labels ?? {})) {
		const labelKey = `${field}Label`;
		decoders.set(field, (out, value) => {
			const label = describeCode(table, value);
			if (label !== undefined) out[labelKey] = label;
		});
	}
	for (const [field, toIso] of Object.entries(rules.dates ?? {})) {
		const labelDecoder = decoders.get(field);
		const isoKey = `${field}Iso`;
		decoders.set(field, (out, value) => {
			labelDecoder?.(out, value);
			const iso = toIso(value);
			if (iso !== undefined) out[isoKey] = iso;
		});
	}
	compiledRules.set(rules, decoders);
	return decoders;
}

/**
 * `record` with decoded twins added at every depth (nested objects and arrays of objects
 * too, since vendors nest call lists inside orders). Unknown codes get no label rather than
 * a wrong one; the raw field is always kept, its twin placed right after it.
 * The input is never changed: parts that gain twins are copies, parts that gain none are
 * shared with the input (a vendor page holds tens of thousands of such parts; copying them
 * all would cost as much as parsing the page).
 */
export function decodeFields<T>(record: T, rules: DecodeRules): T {
	return decodeValue(record, compile(rules)) as T;
}

function decodeValue(value: unknown, decoders: Map<string, FieldDecoder>): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			const decoded = decodeValue(entry, decoders);
			if (decoded !== entry && copy === undefined) copy = value.slice(0, index);
			copy?.push(decoded);
		}
		return copy ?? value;
	}
	const record = value as Json;
	let out: Json | undefined;
	let keysDone = 0;
	for (const key in record) {
		const raw = record[key];
		const decoder = decoders.get(key);
		const decoded = raw !== null && typeof raw === 'object' ? decodeValue(raw, decoders) : raw;
		if (out === undefined && (decoder !== undefined || decoded !== raw)) {
			// First change: copy the keys seen so far, then go on building the copy.
			out = {};
			let copied = 0;
			for (const earlier in record) {
				if (copied++ === keysDone) break;
				out[earlier] = record[earlier];
			}
		}
		if (out !== undefined) {
			out[key] = decoded;
			decoder?.(out, raw);
		}
		keysDone++;
	}
	return out ?? record;
}
