/**
 * A sheet as read from a spreadsheet or CSV: header names, rows of cells, and for each row the row
 * number a user sees when opening the file (header = row 1), so messages can point at it.
 */

/** A cell: numbers stay numbers when the source typed them (xlsx); CSV cells are text. */
export type Cell = string | number | boolean | null;

export interface RawTable {
  /** Where it came from, for messages: "vInfo.csv" or "export.xlsx [vInfo]". */
  source: string;
  headers: string[];
  rows: Cell[][];
  /** Spreadsheet row number of each row (1 = the header row). */
  rowNumbers: number[];
  /** The CSV delimiter, when read from CSV (a hint for decimal commas: `;` files are European). */
  delimiter?: string;
}

/** An input the importer cannot use at all (missing file, not a spreadsheet, a required column missing): exit 2. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Header text reduced to what matters for matching: case, spacing, underscores and brackets ("Memory (MB)") are ignored. */
export function normalizeHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').toLowerCase().replace(/[()[\]{}:]/g, ' ').replace(/[\s_]+/g, ' ').trim();
}

/** Finds the first header matching any alias (aliases are normalized); -1 if none. */
export function findColumn(headers: readonly string[], aliases: readonly string[]): number {
  const norm = headers.map(normalizeHeader);
  for (const a of aliases) {
    const i = norm.indexOf(normalizeHeader(a));
    if (i >= 0) return i;
  }
  return -1;
}

export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c.trim() : String(c);
}

export function isEmptyRow(row: readonly Cell[]): boolean {
  return row.every((c) => cellText(c) === '');
}

/** "VM, CPUs, Memory, ... (12 more)": what columns were found, for error messages. */
export function listHeaders(headers: readonly string[], max = 25): string {
  const shown = headers.filter((h) => h.trim() !== '').slice(0, max).map((h) => `"${h}"`);
  const more = headers.length - shown.length;
  return shown.length === 0 ? '(none)' : `${shown.join(', ')}${more > 0 ? ` (${more} more)` : ''}`;
}
