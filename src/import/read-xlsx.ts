/**
 * .xlsx → the sheets we ask for, as RawTables. Uses exceljs's streaming reader (a 20k-VM RVTools
 * export has ~25 sheets; only the wanted ones are decoded). The streaming reader names sheets from
 * workbook.xml, which some writers store after the sheets; then every sheet is called "SheetN" and
 * we fall back to reading the whole workbook.
 */
import type ExcelJSModule from 'exceljs';

/** exceljs takes ~0.2 s to load: only `drsim import rvtools` with a workbook needs it. */
async function excel(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}
import { ImportError, type Cell, type RawTable } from './table.js';

/** exceljs cell values: plain values, rich text, formulas (with cached results), hyperlinks, errors, dates. */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return toCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

export interface XlsxSheets {
  /** Every sheet name in the workbook, in order (for "no vInfo sheet; found: ..."). */
  names: string[];
  /** The wanted sheets that exist, by the wanted (lower-case) name. */
  sheets: Map<string, RawTable>;
}

function rowsToTable(source: string, rows: Array<{ number: number; values: Cell[] }>): RawTable | null {
  let h = 0;
  while (h < rows.length && rows[h].values.every((c) => c === null || String(c).trim() === '')) h++;
  if (h >= rows.length) return null;
  const headers = rows[h].values.map((c) => (c === null ? '' : String(c).trim()));
  const body = rows.slice(h + 1);
  return { source, headers, rows: body.map((r) => r.values), rowNumbers: body.map((r) => r.number) };
}

/** exceljs row.values is 1-based (index 0 unused) and sparse. */
function rowCells(values: unknown): Cell[] {
  const arr = Array.isArray(values) ? values : [];
  const out: Cell[] = [];
  for (let i = 1; i < arr.length; i++) out.push(toCell(arr[i]));
  return out;
}

async function readStreaming(path: string, label: string, wanted: Set<string>): Promise<XlsxSheets> {
  const ExcelJS = await excel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
  });
  const names: string[] = [];
  const sheets = new Map<string, RawTable>();
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    names.push(name);
    if (!wanted.has(name.toLowerCase())) continue;
    const rows: Array<{ number: number; values: Cell[] }> = [];
    for await (const row of ws) rows.push({ number: row.number, values: rowCells(row.values) });
    const table = rowsToTable(`${label} [${name}]`, rows);
    if (table) sheets.set(name.toLowerCase(), table);
  }
  return { names, sheets };
}

async function readWhole(path: string, label: string, wanted: Set<string>): Promise<XlsxSheets> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const names = wb.worksheets.map((w) => w.name);
  const sheets = new Map<string, RawTable>();
  for (const ws of wb.worksheets) {
    if (!wanted.has(ws.name.toLowerCase())) continue;
    const rows: Array<{ number: number; values: Cell[] }> = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push({ number: row.number, values: rowCells(row.values) }));
    const table = rowsToTable(`${label} [${ws.name}]`, rows);
    if (table) sheets.set(ws.name.toLowerCase(), table);
  }
  return { names, sheets };
}

/** Reads the sheets named in `wanted` (case-insensitive). Throws ImportError for a broken workbook. */
export async function readXlsxSheets(path: string, label: string, wanted: string[]): Promise<XlsxSheets> {
  const want = new Set(wanted.map((w) => w.toLowerCase()));
  try {
    const streamed = await readStreaming(path, label, want);
    const unnamed = streamed.names.length > 0 && streamed.names.every((n) => /^Sheet\d+$/.test(n));
    if (streamed.sheets.size > 0 || !unnamed) return streamed;
    return await readWhole(path, label, want);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${label}: not a readable .xlsx workbook (${(err as Error).message.split('\n')[0]})`);
  }
}
