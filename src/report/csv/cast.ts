/**
 * csv-stringify options shared by every table drsim writes: booleans as true/false (the default writes 1
 * and ''), and text cells that a spreadsheet would run as a formula neutralized.
 *
 * CSV formula injection (OWASP): a cell beginning with =, +, -, @, tab or carriage return is a formula to
 * Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)`, DDE `=cmd|...`). Names come from scenario
 * files and inventories drsim did not write, so such text gets a leading single quote (shown as text,
 * never evaluated) and is quoted. Only strings: numbers, negative ones included, stay numbers.
 */
import type { CastingContext, Options } from 'csv-stringify';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function castString(value: string, _context: CastingContext): string | { value: string; quoted: boolean } {
  return FORMULA_START.test(value) ? { value: neutralizeCell(value), quoted: true } : value;
}

export const CSV_OPTIONS: Options = {
  header: true,
  cast: { boolean: (v: boolean) => (v ? 'true' : 'false'), string: castString as never },
};

/** The same casts for tables written with their header as the first row (no `header` option). */
export const CSV_ROWS_OPTIONS: Options = { cast: CSV_OPTIONS.cast };
