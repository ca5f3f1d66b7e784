/**
 * Adding readable twins to coded fields of vendor records, keeping the raw values:
 * `callStatus: 6` gains `callStatusLabel: "completed"`, `callStartTs: 1700000000` gains
 * `callStartTsIso: "2023-11-15T06:13:20+08:00"` (in the zone the vendor's rules name), and
 * `callAnswerTs: 0` (never) gains `callAnswerTsIso: null`: a field present gets its twin, so the
 * records of a list have the same keys (n8n's table builds its columns from them). Pure.
 */
import type { CodeTable } from './codeTables';
import { describeCode } from './codeTables';

export interface DecodeRules {
	/** field name → code table; adds `<field>Label`, null for a code the table does not know. */
	labels?: Readonly<Record<string, CodeTable>>;
	/** field name → converter to ISO text; adds `<field>Iso`, null where the converter gives undefined (0, empty, "never", not a time). */
	dates?: Readonly<Record<string, (value: unknown) => string | undefined>>;
}

type Json = Record<string, unknown>;
type FieldDecoder = (out: Json, value: unknown) => void;

/**
 * Rules that depend on one setting (a time zone, a UTC offset), made once per value of it:
 * decoding compiles each rules object once, so rules made afresh per record cost a compile each.
 */
export function rulesPerSetting(make: (setting: string) => DecodeRules): (setting: string) => DecodeRules {
	const made = new Map<string, DecodeRules>();
	return (setting) => {
		let rules = made.get(setting);
		if (!rules) made.set(setting, (rules = make(setting)));
		return rules;
	};
}

/** What a twin's own name maps to: nothing to add. */
const twinField: FieldDecoder = () => undefined;

/** Rules turned into one lookup per field name, made once per rules object. */
const compiledRules = new WeakMap<DecodeRules, Map<string, FieldDecoder>>();

function compile(rules: DecodeRules): Map<string, FieldDecoder> {
	let decoders = compiledRules.get(rules);
	if (decoders) return decoders;
	decoders = new Map();
	for (const [field, table] of Object.entries(rules.labels ?? {})) {
		const labelKey = `${field}Label`;
		decoders.set(field, (out, value) => {
			out[labelKey] = describeCode(table, value) ?? null;
		});
	}
	for (const [field, toIso] of Object.entries(rules.dates ?? {})) {
		const labelDecoder = decoders.get(field);
		const isoKey = `${field}Iso`;
		decoders.set(field, (out, value) => {
			labelDecoder?.(out, value);
			out[isoKey] = toIso(value) ?? null;
		});
	}
	// Twin names, known so a record that already has one (decoded before) keeps one such key.
	const twins = [...Object.keys(rules.labels ?? {}).map((field) => `${field}Label`), ...Object.keys(rules.dates ?? {}).map((field) => `${field}Iso`)];
	for (const twin of twins) if (!decoders.has(twin)) decoders.set(twin, twinField);
	compiledRules.set(rules, decoders);
	return decoders;
}

/**
 * `record` with decoded twins added at every depth (nested objects and arrays of objects
 * too, since vendors nest call lists inside orders). Every field a rule names whose value is
 * a scalar (null included) gets its twin, null when it cannot be decoded: an unknown code gets
 * no label rather than a wrong one, a time of 0, "" or "0000-00-00 00:00:00" no date; so an
 * unanswered call has `callAnswerTsIso` as the answered one next to it does. A field the record
 * lacks gets no twin, nor one holding an object or a list (decoded inside instead). The raw
 * fields are kept, in their order, each twin right after its raw field (`callStartTs`,
 * `callStartTsIso`, `callEndTs`, …: n8n's table and JSON views show keys in order). The input
 * is never changed: parts that gain twins are copies, parts that gain none are shared with the
 * input.
 */
export function decodeFields<T>(record: T, rules: DecodeRules): T {
	return decodeValue(record, compile(rules), false) as T;
}

/**
 * The same twins, for a vendor answer just parsed and held by no one else: lists and records
 * without twins of their own are changed where they are, a record that gains twins is replaced
 * by its rebuilt copy (inserting keys mid-record means building it anew). A call list of 10,000
 * orders decoded this way makes a third of the garbage.
 */
export function decodeFieldsInPlace<T>(record: T, rules: DecodeRules): T {
	return decodeValue(record, compile(rules), true) as T;
}

/** `target[key] = value`, keeping a vendor's "__proto__" key (JSON.parse keeps it) an own property rather than setting the prototype. */
function setField(target: Json, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value;
}

function decodeValue(value: unknown, decoders: Map<string, FieldDecoder>, inPlace: boolean): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			const decoded = decodeValue(entry, decoders, inPlace);
			if (decoded === entry) {
				copy?.push(decoded);
			} else if (inPlace) {
				value[index] = decoded;
			} else {
				copy ??= value.slice(0, index);
				copy.push(decoded);
			}
		}
		return copy ?? value;
	}
	const record = value as Json;
	// The rebuilt record, made at the first field that changes: its fields so far are copied,
	// the rest added as they come, each twin right after its raw field. Built key by key: a
	// spread copy that then grows is several times slower in V8.
	let out: Json | undefined;
	for (const key in record) {
		const raw = record[key];
		if (raw !== null && typeof raw === 'object') {
			const decoded = decodeValue(raw, decoders, inPlace);
			if (out !== undefined) setField(out, key, decoded);
			else if (decoded === raw) continue;
			// Replacing the value of a key the loop has passed is safe; no key is added or removed.
			else if (inPlace) setField(record, key, decoded);
			else setField((out = fieldsBefore(record, key)), key, decoded);
			continue;
		}
		const decoder = decoders.get(key);
		if (decoder === undefined) {
			if (out !== undefined) setField(out, key, raw);
		} else if (decoder === twinField) {
			// A field named like a twin (a record decoded before) gives way to the twin just made.
			if (out !== undefined && !Object.prototype.hasOwnProperty.call(out, key)) setField(out, key, raw);
		} else {
			out ??= fieldsBefore(record, key);
			setField(out, key, raw);
			decoder(out, raw);
		}
	}
	return out ?? record;
}

/** A new record with the fields of `record` before `stop`. */
function fieldsBefore(record: Json, stop: string): Json {
	const out: Json = {};
	for (const key in record) {
		if (key === stop) break;
		setField(out, key, record[key]);
	}
	return out;
}
