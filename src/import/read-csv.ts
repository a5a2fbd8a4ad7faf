/**
 * CSV text → RawTable. Handles what inventory exports throw at us: a UTF-8 BOM, `;` or tab
 * separators (European Excel), quoted fields with commas and newlines, empty rows, ragged rows and
 * trailing spaces. Row numbers count records (a quoted newline stays inside one spreadsheet row).
 */
import { parse } from 'csv-parse/sync';
import { ImportError, type RawTable } from './table.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Picks the separator that splits the header line (outside quotes) into the most fields; ties go to
 * the first candidate, so a one-column file is read as comma-separated.
 */
export function detectDelimiter(text: string): string {
  const firstLine = headerLine(text);
  let best: string = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The first non-empty line, continued across quoted newlines. */
function headerLine(text: string): string {
  let start = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
  let quoted = false;
  for (let i = start; i < text.length && i < start + 65536; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(start, i);
  }
  return text.slice(start, start + 65536);
}

export function readCsvText(text: string, source: string): RawTable {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  let records: string[][];
  try {
    records = parse(body, {
      delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true, bom: true,
    }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ImportError(`${source}: not a readable CSV file${e.lines ? ` (line ${e.lines})` : ''}: ${e.message.split('\n')[0]}`);
  }
  // Leading empty records are rows a user sees too: count them, then start at the header.
  let h = 0;
  while (h < records.length && records[h].every((c) => c === '')) h++;
  if (h >= records.length) throw new ImportError(`${source}: the file is empty (no header row)`);
  const headers = records[h];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = h + 1; i < records.length; i++) {
    rows.push(records[i]);
    rowNumbers.push(i + 1);
  }
  return { source, headers, rows, rowNumbers, delimiter };
}
