/**
 * Opens an inventory file by its content, not its name: an .xlsx (a ZIP), CSV text (UTF-8 with or
 * without BOM, UTF-16 as Excel's "Unicode text", or Windows-1252 as older European Excel writes it),
 * or something unusable (an old binary .xls, another binary file) → ImportError.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { replaceControlCells } from './control-cells.js';
import { readCsvText } from './read-csv.js';
import { readXlsxSheets } from './read-xlsx.js';
import { ImportError, type RawTable } from './table.js';

/** Far beyond any inventory (a 20k-VM vInfo CSV is ~20 MB); refuses to slurp a disk image by mistake. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export interface OpenedInput {
  kind: 'xlsx' | 'csv';
  /** Sheet names (xlsx), or the file name (csv). */
  sheetNames: string[];
  /** xlsx: wanted sheets by lower-case name; csv: the single table under the key "". */
  tables: Map<string, RawTable>;
  /** Things worth telling the user (e.g. an encoding guess). */
  notes: string[];
}

function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function checkFile(path: string, what: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ImportError(`${path} is a directory, not ${what}`);
    if (!st.isFile()) throw new ImportError(`${path} is not a regular file`);
    if (st.size > MAX_INPUT_BYTES) throw new ImportError(`${path} is ${(st.size / 2 ** 20).toFixed(0)} MiB; inventories above ${MAX_INPUT_BYTES / 2 ** 20} MiB are refused`);
    return st.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
}

/** Bytes → text: BOMs first, then strict UTF-8, then Windows-1252 (never fails, so it goes last). */
export function decodeText(buf: Buffer, notes: string[], label: string): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    notes.push(`${label}: not UTF-8; read as Windows-1252 (Western European Excel)`);
    return new TextDecoder('windows-1252').decode(buf);
  }
}

/**
 * Reads `path` as a workbook (returning the `wantedSheets` it has) or as one CSV table.
 * `what` names the expected input for messages ("an RVTools export", "a CSV inventory").
 */
export async function openInput(path: string, wantedSheets: string[], what: string): Promise<OpenedInput> {
  const size = checkFile(path, what);
  const label = basename(path);
  if (size === 0) throw new ImportError(`${path}: the file is empty`);
  const magic = head(path, 8192);
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) {
    const { names, sheets } = await readXlsxSheets(path, label, wantedSheets);
    return { kind: 'xlsx', sheetNames: names, tables: sheets, notes: cleanTables(sheets) };
  }
  if (magic.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ImportError(`${path} is an old binary Excel (.xls) workbook: save it as .xlsx, or export the sheet as CSV`);
  }
  const utf16 = (magic[0] === 0xff && magic[1] === 0xfe) || (magic[0] === 0xfe && magic[1] === 0xff);
  if (!utf16 && magic.includes(0)) throw new ImportError(`${path} is not a spreadsheet: expected ${what} as .xlsx or CSV, found a binary file`);
  const notes: string[] = [];
  const text = decodeText(readFileSync(path), notes, label);
  const table = readCsvText(text, label);
  const tables = new Map([['', table]]);
  return { kind: 'csv', sheetNames: [label], tables, notes: [...notes, ...cleanTables(tables)] };
}

function cleanTables(tables: Map<string, RawTable>): string[] {
  return [...tables.values()].map(replaceControlCells).filter((m): m is string => m !== null);
}
