/**
 * report.xlsx read back with exceljs (an independent reader): a sheet per concern in a fixed order, typed
 * cells (numbers, booleans, percentages with their Excel formats), units in the headers, a frozen and
 * filterable header row, columns as wide as their values, text that cannot turn into a formula, and
 * statistics among VMs not recovered written as "not recovered", never as 0.
 */
import { describe, expect, test, beforeAll } from '@jest/globals';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../../../src/models/results.js';
import { writeReport } from '../../../src/report/index.js';
import { WORKBOOK_SHEETS } from '../../../src/report/xlsx/sheets.js';
import { displayLength, safeText } from '../../../src/report/xlsx/table.js';
import { writeWorkbook } from '../../../src/report/xlsx/workbook.js';
import { makeResults } from '../fixtures/make-results.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

async function read(path: string): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The header row (the first row whose first cell says what a row is about) and its texts. */
function headerOf(ws: Worksheet): { row: number; headers: string[] } {
  for (let r = 1; r <= 5; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    if (values.length > 1) return { row: r, headers: values.map(String) };
  }
  throw new Error(`${ws.name}: no header row`);
}

function column(ws: Worksheet, header: string): { values: unknown[]; numFmt: string | undefined } {
  const h = headerOf(ws);
  const c = h.headers.indexOf(header) + 1;
  if (c === 0) throw new Error(`${ws.name}: no column "${header}" in ${h.headers.join(' | ')}`);
  const values: unknown[] = [];
  let numFmt: string | undefined;
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const cell = ws.getRow(r).getCell(c);
    values.push(cell.value);
    numFmt ??= cell.numFmt;
  }
  return { values, numFmt };
}

let dir: string;
let results: ResultsFile;
let wb: Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-xlsx-'));
  // 600 VMs × 4 strategies: the per-VM sheet's XML is over a megabyte, so it is compressed in several pieces.
  results = makeResults({ vms: 600, strategies: 4, trials: 5, vmCdf: false });
  // Names a spreadsheet would take for formulas.
  results.strategies[0]!.name = '=HYPERLINK("http://evil.example","click")';
  results.strategies[1]!.vms[0]!.name = '+cmd|calc';
  results.strategies[2]!.vms[0]!.name = '@SUM(A1)';
  results.strategies[3]!.vms[0]!.name = '-2+3';
  // A strategy whose RTO p95 and max fall among VMs not recovered.
  const rto = results.strategies[1]!.summary.rtoSeconds;
  Object.assign(rto, { censored: Math.ceil(rto.count * 0.1), mean: null, ciLow: null, ciHigh: null, p95: null, p99: null, max: null });
  const written = await writeReport(results, dir, { formats: new Set(['xlsx']) });
  expect(written).toEqual([join(dir, 'report.xlsx')]);
  expect(readdirSync(dir)).toEqual(['report.xlsx']);
  wb = await read(join(dir, 'report.xlsx'));
});

describe('report.xlsx', () => {
  test('a sheet per concern, in a fixed order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Verdict checks', 'Tiers', 'Applications', 'Costs by part', 'Bill of materials', 'Per-VM results', 'Assumptions']);
  });

  test('the summary: a row per strategy, numbers as numbers, money and shares with their formats, yes/no as booleans', () => {
    const ws = wb.getWorksheet('Summary')!;
    const total = column(ws, 'Annual total (USD)');
    expect(total.values).toEqual(results.strategies.map((s) => s.cost.annualTotal));
    expect(total.numFmt).toBe('#,##0');
    const outlays = column(ws, 'Outlays per year (USD)');
    expect(outlays.values).toEqual(results.strategies.map((s) => s.cost.annualCapex + s.cost.annualOpex));
    const met = column(ws, 'VMs meeting RPO target');
    expect(met.values).toEqual(results.strategies.map((s) => s.summary.rpoTargetMet));
    expect(met.numFmt).toBe('0.0%');
    expect(column(ws, 'Sustainable').values).toEqual(results.strategies.map((s) => s.summary.sustainable.sustainable));
    expect(column(ws, 'Verdict').values).toEqual(results.strategies.map((s) => s.verdict.status));
  });

  test('durations in one human unit per measure, named in the header; a statistic among VMs not recovered reads "not recovered"', () => {
    const ws = wb.getWorksheet('Summary')!;
    const { headers } = headerOf(ws);
    const rto95 = headers.find((h) => h.startsWith('RTO p95'))!;
    expect(rto95).toMatch(/^RTO p95 \((seconds|minutes|hours|days)\)$/);
    const perUnit = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }[/\((\w+)\)/.exec(rto95)![1]!]!;
    const values = column(ws, rto95).values;
    expect(values[1]).toBe('not recovered');
    results.strategies.forEach((s, i) => {
      if (i !== 1) expect(values[i] as number).toBeCloseTo(s.summary.rtoSeconds.p95! / perUnit, 5);
    });
  });

  test('the bill of materials: the results\' lines and totals as typed numbers, quantities in the row\'s unit', () => {
    const ws = wb.getWorksheet('Bill of materials')!;
    const lines = results.strategies.flatMap((s) => [
      ...s.billOfMaterials!.lines.map((l) => [l.quantity, l.unit, l.needed, l.available, l.overCapacity, l.oneOff, l.perYear]),
      [null, null, null, null, null, s.billOfMaterials!.oneOffTotal, s.billOfMaterials!.perYearTotal],
    ]);
    const col = (h: string) => column(ws, h).values;
    const [quantity, unit, needed, available, over, oneOff, perYear] = ['Quantity (in Unit)', 'Unit', 'Needed (in Unit)', 'Available (in Unit)', 'Over capacity', 'One-off (USD)', 'Per year (USD)'].map(col);
    expect(quantity!.map((_, i) => [quantity![i], unit![i], needed![i], available![i], over![i], oneOff![i], perYear![i]])).toEqual(lines);
    expect(column(ws, 'One-off (USD)').numFmt).toBe('#,##0');
  });

  test('every numeric column says its unit or is a share or a count', () => {
    for (const ws of wb.worksheets) {
      const h = headerOf(ws);
      h.headers.forEach((header, i) => {
        const cell = ws.getRow(h.row + 1).getCell(i + 1);
        if (typeof cell.value !== 'number') return;
        const fmt = cell.numFmt;
        if (fmt === '0.0%' || (fmt === '#,##0' && !/USD|cost|Capex|Outlay|penalt|total|year/i.test(header))) return;
        // "(in Unit)": the bill of materials' quantities, in the unit its Unit column gives for the row.
        expect([ws.name, header]).toEqual([ws.name, expect.stringMatching(/\((USD|seconds|minutes|hours|days|[kMG]?bit\/s|hours per year|in Unit)\)$/)]);
      });
    }
  });

  test('header row frozen (with the first column) and filterable; the sheet fits its values', () => {
    for (const ws of wb.worksheets) {
      const h = headerOf(ws);
      const view = ws.views[0] as { state?: string; ySplit?: number; xSplit?: number };
      expect([ws.name, view.state, view.ySplit]).toEqual([ws.name, 'frozen', h.row]);
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${h.row}:[A-Z]+${ws.rowCount}$`));
      h.headers.forEach((header, i) => {
        const width = ws.getColumn(i + 1).width!;
        let longest = 0;
        for (let r = h.row + 1; r <= Math.min(ws.rowCount, h.row + 200); r++) {
          const v = ws.getRow(r).getCell(i + 1).value;
          if (v !== null && typeof v !== 'object') longest = Math.max(longest, displayLength(v as string | number | boolean, typeof v === 'number' && ws.getRow(r).getCell(i + 1).numFmt === '0.0%' ? 'fraction' : 'number'));
        }
        // Prose wraps in its cell (at most 80 characters wide); everything else fits on one line.
        expect([ws.name, header, width >= Math.min(longest, 80)]).toEqual([ws.name, header, true]);
        for (const word of header.split(' ')) expect(width).toBeGreaterThanOrEqual(word.length);
      });
    }
  });

  test('per-VM results: a row per VM and strategy', () => {
    const ws = wb.getWorksheet('Per-VM results')!;
    const rows = ws.rowCount - headerOf(ws).row;
    expect(rows).toBe(results.strategies.reduce((n, s) => n + s.vms.length, 0));
    const met = column(ws, 'Trials meeting RPO target').values;
    expect(met.every((v) => typeof v === 'number')).toBe(true);
  });

  test('text that a spreadsheet could take for a formula starts with a quote', () => {
    expect(safeText('=1+2')).toBe("'=1+2");
    for (const s of ['+1', '-1', '@x', '\tx', '\rx']) expect(safeText(s)).toBe(`'${s}`);
    expect(safeText('backup-restore')).toBe('backup-restore');
    const summary = column(wb.getWorksheet('Summary')!, 'Strategy').values;
    expect(summary[0]).toBe('\'=HYPERLINK("http://evil.example","click")');
    const vms = column(wb.getWorksheet('Per-VM results')!, 'VM').values;
    for (const name of ["'+cmd|calc", "'@SUM(A1)", "'-2+3"]) expect(vms).toContain(name);
    for (const ws of wb.worksheets) {
      for (let r = 1; r <= Math.min(ws.rowCount, 100); r++) {
        ws.getRow(r).eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        });
      }
    }
  });

  test('the sheet list is open: one more builder is one more sheet', async () => {
    const path = join(dir, 'extended.xlsx');
    await writeWorkbook(results, path, [...WORKBOOK_SHEETS, () => ({
      name: 'Quotes', columns: [{ header: 'Item', kind: 'text' }, { header: 'Price (USD)', kind: 'money' }], rows: () => [['DR host', 12000]],
    })]);
    const extended = await read(path);
    expect(extended.worksheets.map((w) => w.name).slice(-1)).toEqual(['Quotes']);
    expect(extended.getWorksheet('Quotes')!.getRow(2).getCell(2).value).toBe(12000);
  });
});
