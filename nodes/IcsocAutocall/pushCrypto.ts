/**
 * Verifying and decrypting icsoc pushes. Pure: Node's crypto only.
 *
 * icsoc signs the TEXT of `data` as its PHP backend wrote it (json_encode: `\/`, `\uXXXX`),
 * so the signature is checked over the raw bytes of the received body, never over a
 * re-serialisation (JSON.stringify writes `/` and non-ASCII differently).
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'crypto';

import { isListOfRecords, isRecord, parseJsonLimited, scalarText } from '../shared/push';

/** Why a push body was refused; `status` is the HTTP status to answer with. */
export class PushRejection extends Error {
	constructor(
		readonly status: 400 | 401,
		message: string,
	) {
		super(message);
		this.name = 'PushRejection';
	}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, at: number): number {
	while (at < text.length && WHITESPACE.has(text[at])) at++;
	return at;
}

/** Index just after the JSON string starting at `at` (which is a `"`). */
function endOfString(text: string, at: number): number {
	for (let i = at + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i + 1;
	}
	throw new PushRejection(400, 'The push body is truncated (an unterminated string)');
}

/** Index just after the JSON value starting at `at`. */
function endOfValue(text: string, at: number): number {
	const first = text[at];
	if (first === '"') return endOfString(text, at);
	if (first === '{' || first === '[') {
		let depth = 0;
		for (let i = at; i < text.length; i++) {
			const char = text[i];
			if (char === '"') {
				i = endOfString(text, i) - 1;
			} else if (char === '{' || char === '[') {
				depth++;
			} else if (char === '}' || char === ']') {
				depth--;
				if (depth === 0) return i + 1;
			}
		}
		throw new PushRejection(400, 'The push body is truncated');
	}
	let i = at;
	while (i < text.length && !WHITESPACE.has(text[i]) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
	return i;
}

/**
 * The exact text of the value of top-level `key` in the JSON object `body` (which must
 * already have passed JSON.parse), or undefined when there is no such key. With duplicate
 * keys the last one wins, as in JSON.parse.
 */
export function rawValueText(body: string, key: string): string | undefined {
	let at = skipWhitespace(body, 0);
	if (body[at] !== '{') return undefined;
	at = skipWhitespace(body, at + 1);
	let found: string | undefined;
	while (at < body.length && body[at] !== '}') {
		const keyEnd = endOfString(body, at);
		const name = JSON.parse(body.slice(at, keyEnd)) as string;
		at = skipWhitespace(body, keyEnd);
		at = skipWhitespace(body, at + 1); // past ':'
		const valueEnd = endOfValue(body, at);
		if (name === key) found = body.slice(at, valueEnd);
		at = skipWhitespace(body, valueEnd);
		if (body[at] === ',') at = skipWhitespace(body, at + 1);
	}
	return found;
}

/** icsoc's push signature: lower-case hex md5 of the signed text followed by the secret. */
export function pushSign(signedText: string, secret: string): string {
	return createHash('md5').update(signedText + secret, 'utf8').digest('hex');
}

/** Whether `given` is the signature of `signedText`; constant-time in the signature. */
export function signMatches(signedText: string, secret: string, given: unknown): boolean {
	if (typeof given !== 'string') return false;
	const expected = Buffer.from(pushSign(signedText, secret), 'utf8');
	const actual = Buffer.from(given.trim().toLowerCase(), 'utf8');
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The AES-256 key icsoc derives from the secret: its bytes, zero-padded (or cut) to 32. */
export function pushKey(secret: string): Buffer {
	const key = Buffer.alloc(32);
	Buffer.from(secret, 'utf8').copy(key, 0, 0, 32);
	return key;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decrypts an encrypted push `data` (base64 of AES-256-CFB ciphertext) into its JSON value. */
export function decryptPushData(encrypted: string, secret: string): unknown {
	const text = encrypted.replace(/\s+/g, '');
	if (text === '' || !BASE64.test(text)) {
		throw new PushRejection(400, 'The encrypted push data is not valid base64');
	}
	const key = pushKey(secret);
	const decipher = createDecipheriv('aes-256-cfb', key, key.subarray(0, 16));
	const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]).toString('utf8');
	const parsed = parseJsonLimited(plain, 'The decrypted push data');
	if ('rejection' in parsed) {
		throw new PushRejection(
			400,
			/not valid JSON|empty/.test(parsed.rejection.message)
				? 'The push data could not be decrypted to JSON: check that the secret in the credential is the one agreed with icsoc'
				: parsed.rejection.message,
		);
	}
	return parsed.value;
}

export interface VerifiedPush {
	type: unknown;
	timestamp: unknown;
	/** Whether `data` arrived encrypted. */
	encrypted: boolean;
	/** `data` decoded (decrypted when it arrived encrypted). */
	data: unknown;
	/** The verified signature: the same for every resend of the same data. */
	sign: string;
}

/** The push types icsoc documents: 1 a call detail record, 2 a pre-call list. */
export type IcsocPushType = '1' | '2';

/** `type` as icsoc sends it (1, or "1" as numbers may arrive as text), or undefined when unknown. */
export function icsocPushType(type: unknown): IcsocPushType | undefined {
	const text = typeof type === 'number' || typeof type === 'string' ? scalarText(type)?.trim() : undefined;
	return text === '1' || text === '2' ? text : undefined;
}

/**
 * Why `data` does not have the shape of its push type, or undefined when it does: type 1
 * carries one record (an object), type 2 a list of records (objects).
 */
export function icsocDataShapeProblem(type: IcsocPushType, data: unknown): string | undefined {
	if (type === '1') return isRecord(data) ? undefined : 'The "data" of a type 1 push (call detail record) must be an object';
	return isListOfRecords(data) ? undefined : 'The "data" of a type 2 push (pre-call) must be a list of objects';
}

/**
 * Checks and decodes a raw push body. Throws PushRejection(400) for a body that is not a
 * complete JSON object (nested at most MAX_PUSH_DEPTH deep) with `data` and a known `type`
 * whose `data` has that type's shape, PushRejection(401) for a missing or wrong `sign`.
 */
export function verifyPush(rawBody: string, secret: string): VerifiedPush {
	const parsed = parseJsonLimited(rawBody);
	if ('rejection' in parsed) throw new PushRejection(400, parsed.rejection.message);
	const body = parsed.value;
	if (!isRecord(body)) throw new PushRejection(400, 'The push body is not a JSON object');
	const push = body;
	if (push.data === undefined || push.data === null) throw new PushRejection(400, 'The push has no "data" field');
	const type = icsocPushType(push.type);
	if (type === undefined) {
		throw new PushRejection(
			400,
			push.type === undefined ? 'The push has no "type" field' : 'The push "type" is not 1 (call detail record) or 2 (pre-call)',
		);
	}
	if (push.sign === undefined || push.sign === '') throw new PushRejection(401, 'The push is not signed ("sign" is missing)');
	// Encrypted data is signed as the decoded string; plain data as the text icsoc wrote.
	const signedText = typeof push.data === 'string' ? push.data : rawValueText(rawBody, 'data');
	if (signedText === undefined) throw new PushRejection(400, 'The push has no "data" field');
	if (!signMatches(signedText, secret, push.sign)) {
		throw new PushRejection(401, 'The push signature does not match: check the secret in the credential');
	}
	const encrypted = typeof push.data === 'string';
	const data = encrypted ? decryptPushData(push.data as string, secret) : push.data;
	const shapeProblem = icsocDataShapeProblem(type, data);
	if (shapeProblem) throw new PushRejection(400, shapeProblem);
	return { type: push.type, timestamp: push.timestamp, encrypted, data, sign: String(push.sign).toLowerCase() };
}

/** A push checked: either verified and decoded, or refused with the HTTP status to answer. */
export type PushCheck = { push: VerifiedPush } | { rejection: { status: number; message: string } };

/**
 * verifyPush for a webhook, which must answer every body and never throw: a refusal, and any
 * unforeseen failure while reading the body, become a rejection to answer with.
 */
export function checkPush(rawBody: string, secret: string): PushCheck {
	try {
		return { push: verifyPush(rawBody, secret) };
	} catch (error) {
		if (error instanceof PushRejection) return { rejection: { status: error.status, message: error.message } };
		return { rejection: { status: 400, message: 'The push body could not be read as an icsoc push' } };
	}
}
