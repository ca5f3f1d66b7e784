/**
 * Reading Huawei CC-iSales result pushes ("Calling Back Outbound Call Results"): the token the
 * push URL must carry, the body (a bare JSON list of call results), dedupe keys and decoded
 * items. Pure: Node's crypto only, no n8n imports.
 *
 * iSales posts to the campaign's callBackUrl with no header of its own and no signature, so the
 * URL is the only secret: it must end in `?token=<the credential's Token>`. The token is read
 * from the query, compared in constant time (over SHA-256 digests, so not even its length
 * shows), and checked before the body is read.
 */
import { createHash } from 'crypto';

import {
	isRecord,
	parseJsonLimited,
	reject,
	timingSafeTextEqual,
	type JsonRecord,
	type PushRejection,
	type PushResult,
} from '../shared/push';
import { decodeFields } from '../shared/decodeFields';
import { isalesCallRecord, isalesResultDedupeKey } from './callRecord';
import { CALL_RESULT_TIME_FIELDS, isalesRulesPerOffset } from './decode';

/** The query parameter of the push URL that carries the token. */
export const PUSH_TOKEN_PARAMETER = 'token';

/** A push token shorter than this is refused (24 random URL-safe characters: at least 128 bits). */
export const MIN_PUSH_TOKEN_LENGTH = 24;

/** Characters a URL carries as they are (RFC 3986 "unreserved"): the token needs no encoding. */
const URL_SAFE = /^[A-Za-z0-9._~-]*$/;

/** Why `token` cannot guard the push URL, or undefined when it can. Never quotes the token. */
export function pushTokenProblem(token: unknown): string | undefined {
	if (typeof token !== 'string' || token === '') {
		return `Token is empty: set a random token of at least ${MIN_PUSH_TOKEN_LENGTH} characters (e.g. the output of "openssl rand -hex 24").`;
	}
	if (token.trim() !== token) {
		return 'Token starts or ends with a space or line break: remove it.';
	}
	if (!URL_SAFE.test(token)) {
		const at = [...token].findIndex((character) => !URL_SAFE.test(character)) + 1;
		return `Token holds a character a URL cannot carry as it is (character ${at}): use only letters A-Z and a-z, digits and - . _ ~ (hex or base64url text qualifies).`;
	}
	if (token.length < MIN_PUSH_TOKEN_LENGTH) {
		return `Token is ${token.length} characters long: use at least ${MIN_PUSH_TOKEN_LENGTH}, as anyone who guesses it can post results into the workflow.`;
	}
	return undefined;
}

function digest(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Whether the request's query carries `expected` as its `token` (a rejection, 401, when not).
 * `query` is the query as n8n parsed it: a repeated `token` arrives as a list, `token[a]=…` as an
 * object; only a single text counts. A credential token that could not guard the URL (empty,
 * short) refuses every push rather than accept an easily guessed one.
 */
export function checkPushToken(query: unknown, expected: string): PushRejection | undefined {
	if (pushTokenProblem(expected) !== undefined) {
		return { status: 401, message: "The credential's Token is not usable (run the credential's Test): every push is refused until it is fixed" };
	}
	const given = isRecord(query) && Object.prototype.hasOwnProperty.call(query, PUSH_TOKEN_PARAMETER) ? query[PUSH_TOKEN_PARAMETER] : undefined;
	if (given === undefined) {
		return { status: 401, message: `The push URL carries no token: the campaign's callBackUrl must end in ?${PUSH_TOKEN_PARAMETER}=<the credential's Token>` };
	}
	if (typeof given !== 'string') {
		return { status: 401, message: `The push URL carries ${PUSH_TOKEN_PARAMETER} more than once or in another form than ?${PUSH_TOKEN_PARAMETER}=<token>` };
	}
	if (!timingSafeTextEqual(digest(given), digest(expected))) {
		return { status: 401, message: "The push URL's token does not match the credential's Token" };
	}
	return undefined;
}

export { isalesResultDedupeKey };

/** The time fields of a pushed result: Get Call Result's, plus the push's own callTimeStr. */
export const PUSH_TIME_FIELDS = [...CALL_RESULT_TIME_FIELDS, 'callTimeStr'] as const;

const pushRulesForOffset = isalesRulesPerOffset(PUSH_TIME_FIELDS);

/** A pushed result decoded as Get Call Result decodes: callStatusLabel and `<time field>Iso` twins at the server's offset. */
export function decodePushResult(result: JsonRecord, utcOffset: string): JsonRecord {
	return decodeFields(result, pushRulesForOffset(utcOffset.trim()));
}

export interface IsalesPushOptions {
	/** The credential's Token. */
	token: string;
	/** The request's query, as n8n parsed it. */
	query: unknown;
	/** The iSales server's UTC offset ("+08:00") to decode with; undefined = no decoding. */
	decodeOffset?: string;
	/** Add `call`, the vendor-neutral call record, with times read in this offset ("+08:00"); undefined = none. */
	callRecordOffset?: string;
}

export type IsalesPushRead = { rejection: PushRejection } | { ignore: true } | { items: JsonRecord[] };

/**
 * One push, from query and raw bytes to the items the workflow gets: token (401, checked before
 * the body is read), JSON within the depth limit (400), a list of objects each with a dedupe
 * key (400), decoding. An empty list is acknowledged and starts nothing. Never throws.
 */
export function readIsalesPush(rawBody: Buffer, options: IsalesPushOptions): IsalesPushRead {
	const unauthorized = checkPushToken(options.query, options.token);
	if (unauthorized) return { rejection: unauthorized };
	const parsed: PushResult<unknown> = parseJsonLimited(rawBody.toString('utf8'));
	if ('rejection' in parsed) return parsed;
	const results = parsed.value;
	if (!Array.isArray(results)) return reject(400, 'The push body is not a JSON list of call results ([{...}, ...])');
	if (results.length === 0) return { ignore: true };
	const items: JsonRecord[] = [];
	for (let index = 0; index < results.length; index++) {
		const result: unknown = results[index];
		if (!isRecord(result)) return reject(400, `Entry ${index + 1} of the push is not a JSON object (a call result)`);
		const dedupe = isalesResultDedupeKey(result);
		if ('problem' in dedupe) return reject(400, `Call result ${index + 1} of the push cannot be told apart: ${dedupe.problem}`);
		const fields = options.decodeOffset === undefined ? result : decodePushResult(result, options.decodeOffset);
		// The result's own fields first: `dedupeKey` is ours even if a result had one.
		if (options.callRecordOffset === undefined) items.push({ ...fields, dedupeKey: dedupe.key });
		else items.push({ ...fields, dedupeKey: dedupe.key, call: isalesCallRecord(result, options.callRecordOffset) as unknown as JsonRecord });
	}
	return { items };
}
