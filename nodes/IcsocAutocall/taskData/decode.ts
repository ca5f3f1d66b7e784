/**
 * Readable labels and ISO dates for the records of a project (POST /api/v1/poc/tasks/lists),
 * keeping the raw values. Pure.
 *
 * Their `callResult` is not a CDR's: -3 cancelled, -2 not called, -1 redialling, 0 not
 * connected, 1 connected (icsoc's data-list page), so the CDR decoding must not label it.
 */
import type { CodeTable } from '../../shared/codeTables';
import { decodeFields, rulesPerSetting, type DecodeRules } from '../../shared/decodeFields';
import { unixToZonedIso } from '../../shared/dates';
import { ICSOC_TIME_ZONE, icsocTimeToIso } from '../decode';

/** `callResult` of a record: where its dialling stands. */
export const TASK_CALL_RESULT: CodeTable = {
	'-3': 'cancelled',
	'-2': 'not called',
	'-1': 'redialling',
	'0': 'not connected',
	'1': 'connected',
};

/** Wall-clock ("Y-m-d H:i:s") time fields of a record, as the page lists them. */
export const TASK_TIME_FIELDS: readonly string[] = ['startedAt', 'connectedAt', 'endedAt', 'canceledAt', 'nextQueueTime'];

/** `expiredAt` is a unix timestamp; 4294967295 (the largest 32-bit value) means "never expires" (its twin null, as for unset times). */
export const NEVER_EXPIRES = 4294967295;

const rulesForZone = rulesPerSetting((timeZone) => ({
	labels: { callResult: TASK_CALL_RESULT },
	dates: {
		...Object.fromEntries(TASK_TIME_FIELDS.map((field) => [field, (value: unknown) => icsocTimeToIso(value, timeZone)])),
		expiredAt: (value: unknown) => (Number(value) === NEVER_EXPIRES ? undefined : unixToZonedIso(value, timeZone)),
	},
}));

export function taskDataDecodeRules(timeZone: string = ICSOC_TIME_ZONE): DecodeRules {
	return rulesForZone(timeZone);
}

/** `record` with `callResultLabel` and `<time field>Iso` twins added. */
export function decodeTaskRecord<T>(record: T, timeZone: string = ICSOC_TIME_ZONE): T {
	return decodeFields(record, taskDataDecodeRules(timeZone));
}
