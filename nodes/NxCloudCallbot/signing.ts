/**
 * NXCloud Callbot v3 request signing. Pure: no n8n imports.
 *
 * sign = UPPER(hex(HASH(secretKey + "&body=" + body + "&createTs=" + createTs
 *                       + "&requestID=" + requestID + "&uuid=" + uuid)))
 * `body` is the exact JSON text sent: serialise once, sign that string, send the same bytes.
 */
import { createHash, randomBytes } from 'crypto';

export type NxCloudAlgorithm = 'MD5' | 'SHA256';

export interface NxCloudSignInput {
	secretKey: string;
	uuid: string;
	/** The body text, or its bytes exactly as received (a push is verified over its raw bytes). */
	body: string | Uint8Array;
	createTs: string;
	requestId: string;
	algorithm: NxCloudAlgorithm;
}

export function nxCloudSign({ secretKey, uuid, body, createTs, requestId, algorithm }: NxCloudSignInput): string {
	const hash = createHash(algorithm === 'SHA256' ? 'sha256' : 'md5');
	hash.update(`${secretKey}&body=`, 'utf8');
	// Text is hashed as UTF-8; bytes as they are (re-decoding could change invalid UTF-8).
	if (typeof body === 'string') hash.update(body, 'utf8');
	else hash.update(body);
	hash.update(`&createTs=${createTs}&requestID=${requestId}&uuid=${uuid}`, 'utf8');
	return hash.digest('hex').toUpperCase();
}

export function parseAlgorithm(value: unknown): NxCloudAlgorithm {
	const text = String(value ?? 'MD5').toUpperCase().replace('-', '');
	if (text === 'MD5' || text === 'SHA256') return text;
	throw new RangeError(`Unsupported NXCloud signature algorithm "${String(value)}": use MD5 or SHA256`);
}

/** A unique request ID: 32 hex characters, as in the vendor's examples. */
export function newRequestId(): string {
	return randomBytes(16).toString('hex');
}

/** The headers of a signed NXCloud request for `body`, at `now`. */
export function nxCloudSignedHeaders(
	credentials: { uuid: string; secretKey: string; algorithm: NxCloudAlgorithm },
	body: string,
	now: Date = new Date(),
	requestId: string = newRequestId(),
): Record<string, string> {
	const createTs = String(Math.floor(now.getTime() / 1000));
	return {
		'Content-Type': 'application/json;charset=UTF-8',
		requestID: requestId,
		uuid: credentials.uuid,
		createTs,
		algorithm: credentials.algorithm,
		sign: nxCloudSign({ ...credentials, body, createTs, requestId }),
	};
}
