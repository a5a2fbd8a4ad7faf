/**
 * Cells of someone else's export may hold control characters (an ESC sequence pasted into a VM's notes,
 * a NUL from a broken export). Names in a scenario cannot (scenario/control-chars.ts), and the importer
 * must always write a scenario that loads: such characters become spaces, and the rows are reported.
 */
import { findControlChar, replaceControlChars } from '../models/scenario/control-chars.js';
import { listRows } from './inventory.js';
import type { RawTable } from './table.js';

/** Cleans `table` in place; returns a message naming the rows changed, or null if none were. */
export function replaceControlCells(table: RawTable): string | null {
  const rows: number[] = [];
  let headers = false;
  const clean = (c: string): string => replaceControlChars(c).replace(/ {2,}/g, ' ').trim();
  table.headers = table.headers.map((h) => {
    if (findControlChar(h) === null) return h;
    headers = true;
    return clean(h);
  });
  table.rows.forEach((row, r) => {
    let changed = false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === 'string' && findControlChar(cell) !== null) {
        row[c] = clean(cell);
        changed = true;
      }
    }
    if (changed) rows.push(table.rowNumbers[r]!);
  });
  if (rows.length === 0 && !headers) return null;
  const where = [headers ? 'the header row' : '', rows.length > 0 ? `row${rows.length === 1 ? '' : 's'} ${listRows(rows)}` : ''].filter((x) => x).join(' and ');
  return `${table.source}: control characters (such as ESC or NUL) in ${where} were replaced by spaces`;
}
