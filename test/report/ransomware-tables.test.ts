/**
 * The ransomware tables: ransomware.csv and ransomware-applications.csv, and the "Ransomware" and "Ransomware
 * applications" sheets of report.xlsx — written only when the scenario simulates an attack. Expected cells
 * are the hand-chosen numbers of the fixture (fixtures/ransomware-results.ts), in seconds for the CSVs and
 * in days or hours (the sheet's unit) for the workbook.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/index.js';
import { makeResults } from './fixtures/make-results.js';
import { ransomwareResults } from './fixtures/ransomware-results.js';

type Workbook = InstanceType<typeof ExcelJS.Workbook>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

let dir: string;
const csv = (name: string): Record<string, string>[] => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Record<string, string>[];

/** The sheet's rows below its header (row 2: one preamble line) as header → value. */
function sheetRows(ws: Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) out.push(Object.fromEntries(headers.map((h, c) => [h, ws.getRow(r).getCell(c + 1).value])));
  return out;
}

let wb: Workbook;
let names: { a: string; b: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-ransom-tables-'));
  const results = ransomwareResults();
  names = { a: results.strategies[0]!.name, b: results.strategies[1]!.name };
  await writeReport(results, dir, { formats: new Set(['csv', 'xlsx']) });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'report.xlsx'));
});

describe('ransomware tables', () => {
  test('ransomware.csv: a row per strategy, durations in seconds, shares as fractions, money in the currency', () => {
    const [a, b] = csv('ransomware.csv');
    expect(a).toMatchObject({
      strategy: names.a, events_per_year: '0.05', clean_point: 'before-compromise', clean_point_exists_fraction: '0.75', reinfected_fraction: '0', not_recovered_fraction: '0.25',
      rpo_p50_seconds: '864000', rpo_p95_seconds: '1728000', rpo_max_seconds: '2592000',
      // The max falls among VMs not recovered: an empty cell, never 0.
      rto_p50_seconds: '172800', rto_p95_seconds: '345600', rto_max_seconds: '',
      limited_by_sign_off_fraction: '0.5', limited_by_clean_room_fraction: '0.25', limited_by_restore_fraction: '0.25', limited_by_reinfection_fraction: '0',
      protection_copies_per_year_USD: '9000', protection_clean_room_per_year_USD: '30000', expected_penalty_per_year_USD: '1234',
    });
    expect(b).toMatchObject({
      strategy: names.b, clean_point: 'before-encryption', clean_point_exists_fraction: '1', reinfected_fraction: '0.1',
      rpo_p50_seconds: '3600', rpo_p95_seconds: '7200', rpo_max_seconds: '14400', rto_p50_seconds: '129600', rto_p95_seconds: '259200', rto_max_seconds: '432000',
      limited_by_cleaning_fraction: '0.5', limited_by_sign_off_fraction: '0.25', limited_by_reinfection_fraction: '0.25',
      limited_by_scan_fraction: '0', limited_by_identity_fraction: '0', limited_by_power_on_fraction: '0',
      protection_copies_per_year_USD: '0', expected_penalty_per_year_USD: '5678',
    });
  });

  test('ransomware-applications.csv: a row per strategy × application', () => {
    const rows = csv('ransomware-applications.csv');
    expect(rows.map((r) => [r.strategy, r.application])).toEqual([[names.a, 'orders'], [names.b, 'orders']]);
    expect(rows[0]).toMatchObject({
      vm_count: '4', clean_point: 'before-compromise', reinfection_chance_fraction: '0.2', clean_point_exists_fraction: '0.75', not_recovered_fraction: '0.25', rpo_p50_seconds: '864000', rto_p50_seconds: '259200', rto_max_seconds: '',
      limited_by_sign_off_fraction: '1', limited_by_cleaning_fraction: '0', expected_penalty_per_year_USD: '800',
    });
    expect(rows[1]).toMatchObject({
      clean_point: 'before-encryption', reinfection_chance_fraction: '0.1', clean_point_exists_fraction: '1', rpo_p50_seconds: '7200', rpo_max_seconds: '14400', rto_max_seconds: '432000',
      limited_by_cleaning_fraction: '0.75', limited_by_reinfection_fraction: '0.25', expected_penalty_per_year_USD: '3000',
    });
  });

  test('the Ransomware sheet: days for data lost and time back (the largest is 30 days), shares and money typed', () => {
    const ws = wb.getWorksheet('Ransomware')!;
    const [a, b] = sheetRows(ws);
    expect(a).toMatchObject({
      Strategy: names.a, 'Attacks per year': 0.05, 'Clean point policy': 'before-compromise', 'VMs with a clean point': 0.75, 'VMs not recovered': 0.25,
      'Data lost p50 (days)': 10, 'Data lost max (days)': 30, 'Back p50 (days)': 2, 'Back max (days)': 'not recovered',
      'Held back by sign-off': 0.5, 'Held back by clean-room': 0.25,
      'Copy protection per year (USD)': 9000, 'Clean room per year (USD)': 30000, 'Expected penalties per year (USD)': 1234,
    });
    // One hour in days, to the workbook's seven significant digits.
    expect(b).toMatchObject({ 'Trials reinfected': 0.1, 'Data lost p50 (days)': 0.04166667, 'Back p95 (days)': 3, 'Held back by cleaning': 0.5, 'Held back by reinfection': 0.25 });
  });

  test('the Ransomware applications sheet: the application per strategy (10 days lost at most: days)', () => {
    const rows = sheetRows(wb.getWorksheet('Ransomware applications')!);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ Strategy: names.a, Application: 'orders', VMs: 4, 'Clean point policy': 'before-compromise', 'Reinfection chance': 0.2, 'Trials with a clean point': 0.75, 'Updates lost p50 (days)': 10, 'Time down max (days)': 'not recovered', 'Held back by sign-off': 1, 'Expected penalties per year (USD)': 800 });
    expect(rows[1]).toMatchObject({ 'Updates lost p95 (days)': 0.1666667, 'Time down p95 (days)': 5, 'Held back by cleaning': 0.75, 'Clean point policy': 'before-encryption', 'Reinfection chance': 0.1 });
  });

  test('results written before schema 2.7 (no application policy): empty cells, not an error', async () => {
    const old = ransomwareResults();
    for (const s of old.strategies) for (const a of s.ransomware!.applications) { delete a.cleanPoint; delete a.reinfection; }
    const out = mkdtempSync(join(tmpdir(), 'drsim-ransom-old-'));
    await writeReport(old, out, { formats: new Set(['csv']) });
    const rows = parse(readFileSync(join(out, 'ransomware-applications.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.clean_point, r.reinfection_chance_fraction])).toEqual([['', ''], ['', '']]);
  });

  test('sheets after the bill of materials; neither files nor sheets without an attack', async () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Verdict checks', 'Tiers', 'Applications', 'Costs by part', 'Bill of materials', 'Ransomware', 'Ransomware applications', 'Per-VM results', 'Assumptions']);
    const none = mkdtempSync(join(tmpdir(), 'drsim-no-ransom-'));
    await writeReport(makeResults({ vms: 12, strategies: 2 }), none, { formats: new Set(['csv', 'xlsx']) });
    expect(['ransomware.csv', 'ransomware-applications.csv'].map((f) => existsSync(join(none, f)))).toEqual([false, false]);
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(join(none, 'report.xlsx'));
    expect(plain.worksheets.map((w) => w.name)).not.toContain('Ransomware');
  });
});
