/**
 * The pure half of the push layer every trigger of this package shares (icsoc, NXCloud, and
 * later Huawei): reading a raw body, parsing it as JSON with a nesting limit, shape checks,
 * timing-safe comparison. No n8n imports: the webhook half is pushWebhook.ts.
 *
 * Everything here answers a problem as a value (a PushRejection) instead of throwing, so a
 * webhook can answer any body, however odd, with a clear 4xx.
 */
import { timingSafeEqual } from 'crypto';

/** Why a push was refused: the HTTP status to answer with and a short reason. */
export interface PushRejection {
	status: number;
	message: string;
}

/** A value, or why there is none. */
export type PushResult<T> = { value: T } | { rejection: PushRejection };

export function reject(status: number, message: string): { rejection: PushRejection } {
	return { rejection: { status, message } };
}

/**
 * How deep a push may nest objects and lists. Vendors' pushes nest 4 levels (NXCloud: body →
 * callInfoDetail → intents → intent); anything past this is not a push, and decoding or n8n's
 * copying of something nested thousands deep would overflow the stack.
 */
export const MAX_PUSH_DEPTH = 32;

/** The request's raw body as n8n's body reader keeps it (a Buffer; a string in some set-ups). */
export function rawBodyBytes(rawBody: unknown): Buffer | undefined {
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	return undefined;
}

/**
 * Whether the JSON text nests objects and lists deeper than `limit`. One pass, no recursion;
 * brackets inside strings do not count. Meant to run before JSON.parse.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (inString) {
			if (code === 0x5c /* \ */) i++;
			else if (code === 0x22 /* " */) inString = false;
		} else if (code === 0x22) {
			inString = true;
		} else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
			if (++depth > limit) return true;
		} else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
			depth--;
		}
	}
	return false;
}

/**
 * The JSON value of `text`, refused (400) when it is empty, nested deeper than `maxDepth`, or
 * not JSON. `what` names the text in messages ("The push body", "The decrypted push data").
 * A `__proto__` key stays an ordinary own property (JSON.parse never sets a prototype).
 */
export function parseJsonLimited(text: string, what = 'The push body', maxDepth = MAX_PUSH_DEPTH): PushResult<unknown> {
	if (text.trim() === '') return reject(400, `${what} is empty`);
	if (nestsDeeperThan(text, maxDepth)) return reject(400, `${what} nests deeper than ${maxDepth} levels`);
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return reject(400, `${what} is not valid JSON (truncated or not JSON)`);
	}
}

/** parseJsonLimited, then the value must be a JSON object. */
export function parseJsonObject(text: string, what = 'The push body', maxDepth = MAX_PUSH_DEPTH): PushResult<JsonRecord> {
	const parsed = parseJsonLimited(text, what, maxDepth);
	if ('rejection' in parsed) return parsed;
	if (!isRecord(parsed.value)) return reject(400, `${what} is not a JSON object`);
	return { value: parsed.value };
}

export type JsonRecord = Record<string, unknown>;

/** A JSON object (not null, not a list). */
export function isRecord(value: unknown): value is JsonRecord {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list whose every entry is a JSON object (an empty list is one). */
export function isListOfRecords(value: unknown): value is JsonRecord[] {
	return Array.isArray(value) && value.every(isRecord);
}

/** An ID-like value: a non-empty string or a finite number. */
export function isScalarId(value: unknown): value is string | number {
	return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Text of a JSON scalar for keys and messages; never throws (String() on an object with an own
 * `toString` key does). Objects and lists give undefined.
 */
export function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * Whether two texts are equal, in time that does not depend on where they differ (only on
 * their lengths), so a signature cannot be guessed byte by byte.
 */
export function timingSafeTextEqual(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A header's single value (Node joins repeated headers; a list means a set-cookie-like header). */
export function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}
