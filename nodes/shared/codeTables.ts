/**
 * Code tables: vendor status and error codes and their meanings.
 * Vendors send codes as numbers or as numeric strings ("0"), so lookups normalise to strings.
 */

export type CodeTable = Readonly<Record<string, string>>;

/** The meaning of `code` in `table`, or undefined when the table does not know it. */
export function describeCode(table: CodeTable, code: unknown): string | undefined {
	if (code === null || code === undefined || code === '') return undefined;
	// Numbers need no normalising: a table's keys are their decimal text.
	const key = typeof code === 'number' ? code : String(code).trim();
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** "6 (incorrect signature)", or just "6" when the meaning is unknown. */
export function codeWithMeaning(table: CodeTable, code: unknown): string {
	const meaning = describeCode(table, code);
	return meaning ? `${String(code)} (${meaning})` : String(code);
}
