/**
 * The workbook's vocabulary: a sheet is a typed table — columns with a kind (how its numbers are
 * formatted in Excel) and a header that carries the unit — and rows of plain values. Numbers stay
 * numbers (Excel sums them); text is made safe against formula injection; a statistic that is null
 * because VMs were not recovered reads "not recovered", never 0.
 */
import type { Summary } from '../../models/results.js';
import { timeUnitFor, type TimeUnit } from '../../models/units/format.js';
import { neutralizeCell } from '../csv/cast.js';
import { maxOf } from '../../sim/array-extremes.js';

/** How a column's numbers are shown (Excel number formats); the unit itself is in the header. */
export type ColumnKind = 'text' | 'prose' | 'count' | 'number' | 'money' | 'fraction' | 'duration' | 'boolean';

export interface Column {
  header: string;
  kind: ColumnKind;
}

export type CellValue = string | number | boolean | null;

export interface SheetTable {
  /** Sheet tab name (at most 31 characters, no []:*?/\). */
  name: string;
  columns: Column[];
  /** Rows in column order; called twice at most (a sample to fit the column widths, then the rows written). */
  rows: () => Iterable<CellValue[]>;
  /** Lines written above the header (a title, a note); the header row is frozen below them. */
  preamble?: string[];
}

export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  prose: undefined,
  count: '#,##0',
  number: '#,##0.##',
  money: '#,##0',
  fraction: '0.0%',
  duration: '#,##0.0#',
  boolean: undefined,
};

/**
 * Text that a spreadsheet could take for a formula (=, +, -, @, tab, carriage return first: OWASP's CSV
 * injection list) gets a leading single quote, so it is shown, never evaluated: the CSV tables' rule
 * (csv/cast.ts), one rule for every spreadsheet drsim writes.
 */
export const safeText: (s: string) => string = neutralizeCell;

/** A cell as written: text made safe, non-finite numbers as text ("unbounded"), the rest as is. */
export function cellValue(v: CellValue): CellValue {
  if (typeof v === 'string') return safeText(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? null : v > 0 ? 'unbounded' : '-unbounded';
  return v;
}

/** Characters of an integer with thousands separators. */
function groupedLength(x: number): number {
  const digits = String(Math.round(Math.abs(x))).length;
  return digits + Math.floor((digits - 1) / 3) + (x < 0 ? 1 : 0);
}

/** About how many characters a value takes once Excel formats it (for column widths; no Intl: 40,000 rows are sampled). */
export function displayLength(v: CellValue, kind: ColumnKind): number {
  if (v === null) return 0;
  if (typeof v === 'string') return v.length;
  if (typeof v === 'boolean') return v ? 4 : 5;
  switch (kind) {
    case 'fraction': return groupedLength(v * 100) + 3;
    case 'money': case 'count': return groupedLength(v);
    default: return groupedLength(v) + (Number.isInteger(v) ? 0 : 3);
  }
}

/** Rows sampled to size the columns: enough to see every kind of value, cheap on 40,000-row sheets. */
const WIDTH_SAMPLE_ROWS = 2000;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const PROSE_WIDTH = 80;

/**
 * Column widths (in Excel's character units) that fit the values and let the header wrap onto at most
 * three lines; and the header row's line count.
 */
export function fitColumns(table: SheetTable): { widths: number[]; headerLines: number } {
  const data = table.columns.map(() => 0);
  let n = 0;
  for (const row of table.rows()) {
    row.forEach((v, i) => { data[i] = Math.max(data[i]!, displayLength(cellValue(v), table.columns[i]!.kind)); });
    if (++n >= WIDTH_SAMPLE_ROWS) break;
  }
  let headerLines = 1;
  const widths = table.columns.map((c, i) => {
    // Sentences wrap in their cells: a column as wide as a short paragraph, not as the longest one.
    if (c.kind === 'prose') return Math.min(PROSE_WIDTH, Math.max(MIN_WIDTH, data[i]! + 2));
    const longestWord = maxOf(c.header.split(/\s+/).map((w) => w.length));
    const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, data[i]! + 2, longestWord + 2, Math.ceil(c.header.length / 3) + 2));
    headerLines = Math.max(headerLines, wrappedLines(c.header, width - 1));
    return width;
  });
  return { widths, headerLines };
}

/** Lines `text` takes when wrapped at word boundaries to `width` characters. */
export function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > width) { lines++; used = word.length; } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
}

/** A duration statistic in `unit`; "not recovered" when it falls among VMs not recovered, empty when there was nothing. */
export function durationCell(value: number | null, summary: Pick<Summary, 'count'>, unit: TimeUnit): CellValue {
  // Seven significant digits: sub-second detail in any unit, without the binary noise of the division.
  if (value !== null) return inUnit(value, unit);
  return summary.count > 0 ? 'not recovered' : null;
}

/** Seconds in `unit`, to seven significant digits. */
export function inUnit(seconds: number, unit: TimeUnit): number {
  return Number((seconds / unit.seconds).toPrecision(7));
}

/** The time unit that reads best for the largest of `seconds` (nulls ignored). */
export function unitFor(seconds: (number | null)[]): TimeUnit {
  return timeUnitFor(seconds.reduce<number>((m, s) => (s !== null && Number.isFinite(s) ? Math.max(m, s) : m), 0));
}

