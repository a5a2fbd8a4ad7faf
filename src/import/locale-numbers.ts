/**
 * Numbers as spreadsheets export them in different locales: "1,234.5" (English), "1.234,5"
 * (German), "1 234,5" / "1 234,5" (French, with a (narrow) no-break space), "1'234.5" (Swiss).
 * "1,234" alone is ambiguous (1234 or 1.234), so the decimal mark is decided per column from the
 * values that are not ambiguous, then per file, then from the separator (`;` files come from
 * decimal-comma locales), and only then defaults to the dot.
 */
import { cellText, type Cell, type RawTable } from './table.js';

export type DecimalMark = '.' | ',';

const SPACES = /[\s\u00a0\u202f']/g;

/** One value's evidence about the decimal mark: '.' or ',' when it is unambiguous, null otherwise. */
export function decimalEvidence(raw: string): DecimalMark | null {
  const s = raw.replace(SPACES, '').replace(/^[-+]/, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const mark = dot >= 0 ? '.' : comma >= 0 ? ',' : null;
  if (mark === null) return null;
  const parts = s.split(mark);
  // Two or more of the same mark can only be thousands groups: the other one is the decimal mark.
  if (parts.length > 2) return mark === '.' ? ',' : '.';
  // One mark followed by exactly three digits ("1,234") could be either.
  if (parts[1].length === 3 && parts[0].length >= 1 && parts[0].length <= 3 && parts[0] !== '0') return null;
  return mark;
}

function vote(values: Iterable<Cell>): { dot: number; comma: number } {
  let dot = 0;
  let comma = 0;
  for (const c of values) {
    if (typeof c !== 'string') continue;
    const e = decimalEvidence(c);
    if (e === '.') dot++;
    else if (e === ',') comma++;
  }
  return { dot, comma };
}

/** Decides the decimal mark of each column (by index) of a table. */
export function decimalMarks(table: RawTable, columns: number[]): Map<number, DecimalMark> {
  const votes = new Map<number, { dot: number; comma: number }>();
  let fileDot = 0;
  let fileComma = 0;
  for (const col of columns) {
    const v = vote(table.rows.map((r) => r[col] ?? null));
    votes.set(col, v);
    fileDot += v.dot;
    fileComma += v.comma;
  }
  const fileMark: DecimalMark = fileComma > fileDot ? ',' : fileDot > fileComma ? '.' : table.delimiter === ';' ? ',' : '.';
  const out = new Map<number, DecimalMark>();
  for (const col of columns) {
    const v = votes.get(col)!;
    out.set(col, v.comma > v.dot ? ',' : v.dot > v.comma ? '.' : fileMark);
  }
  return out;
}

/** Parses a localized number; NaN if it is not one. Numbers typed by the spreadsheet pass through. */
export function parseLocaleNumber(c: Cell, mark: DecimalMark): number {
  if (typeof c === 'number') return c;
  if (typeof c === 'boolean' || c === null) return NaN;
  const s = cellText(c).replace(SPACES, '');
  if (s === '') return NaN;
  const thousands = mark === '.' ? ',' : '.';
  const plain = s.split(thousands).join('').replace(mark, '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return NaN;
  return Number(plain);
}
