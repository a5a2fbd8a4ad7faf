/**
 * Issue 17, "CSV formula injection": names beginning with =, +, -, @, tab or CR were written verbatim into
 * every CSV, and spreadsheets execute them (`=HYPERLINK(...)`, `@SUM(...)`, DDE `=cmd|...`). Every CSV
 * drsim writes neutralizes such text cells (OWASP: a leading single quote, and the cell quoted), while
 * numbers, negative ones included, stay numbers.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../../src/models/results.js';
import { writeReport } from '../../src/report/index.js';
import { writeSweepReport } from '../../src/report/capacity/sweep-report.js';
import { neutralizeCell } from '../../src/report/csv/cast.js';
import { makeResults } from './fixtures/make-results.js';
import { ransomwareResults } from './fixtures/ransomware-results.js';

const HOSTILE = ['=HYPERLINK("http://evil","x")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];
const DANGEROUS = /^[=+\-@\t\r]/;

function hostileResults(): ResultsFile {
  const r = makeResults({ vms: 8, strategies: 4 });
  r.strategies.forEach((s, i) => { s.name = HOSTILE[i]!; });
  r.strategies[0]!.vms.forEach((v, i) => { v.name = HOSTILE[i % HOSTILE.length]!; });
  r.strategies[1]!.flags = ['=1+1 flag'];
  r.strategies[2]!.cost.items[0]!.item = '@evil item';
  return r;
}

/** Every cell of a CSV text, raw (as the file holds it) and parsed (as a spreadsheet sees it). */
function cells(text: string): string[] {
  return (parse(text, { relax_column_count: true }) as string[][]).flat();
}

function expectSafe(name: string, text: string): void {
  const bad = cells(text).filter((c) => DANGEROUS.test(c) && !/^-\d+(\.\d+)?(e[-+]?\d+)?$/.test(c));
  expect({ name, bad }).toEqual({ name, bad: [] });
}

describe('CSV formula injection', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drsim-csv-inj-'));
    await writeReport(hostileResults(), dir, { formats: new Set(['csv']) });
  });

  test.each(['summary.csv', 'tiers.csv', 'costs.csv', 'bom.csv', 'links.csv', 'vms.csv'])('%s holds no cell a spreadsheet would run', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expectSafe(name, text);
    // The neutralized cells are there, quoted, with the leading quote.
    expect(text).toMatch(/"'=HYPERLINK\(""http:\/\/evil"",""x""\)"|"'=1\+1 flag"|"'@evil item"/);
  });

  test('sweep.csv too (swept values, strategy names, link names in headers)', async () => {
    const r = hostileResults();
    const points = [{ assignments: [{ path: 'links.wan.bandwidth', value: '=1+1' }], quantities: [null], strategies: r.strategies, currency: 'USD' }];
    const out = mkdtempSync(join(tmpdir(), 'drsim-sweep-inj-'));
    await writeSweepReport(points, [], out, { scenarioName: 's', scenarioFile: 's.yaml', version: '0', trials: 1, seed: 1 }, { charts: false, png: false });
    const text = readFileSync(join(out, 'sweep.csv'), 'utf8');
    expectSafe('sweep.csv', text);
    expect(text).toContain(`"'=1+1"`);
  });

  test('the ransomware tables too (strategy and application names)', async () => {
    const r = ransomwareResults();
    r.strategies.forEach((s, i) => { s.name = HOSTILE[i]!; s.ransomware!.applications[0]!.name = HOSTILE[i + 2]!; });
    const out = mkdtempSync(join(tmpdir(), 'drsim-ransom-inj-'));
    await writeReport(r, out, { formats: new Set(['csv']) });
    for (const name of ['ransomware.csv', 'ransomware-applications.csv']) {
      const text = readFileSync(join(out, name), 'utf8');
      expectSafe(name, text);
      expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    }
    expect(readFileSync(join(out, 'ransomware-applications.csv'), 'utf8')).toContain(`"'-2+3+cmd|' /C calc'!A0"`);
  });

  test('numbers stay numbers, negative ones included; only text is neutralized', () => {
    expect(neutralizeCell('-5')).toBe("'-5");
    expect(neutralizeCell('=A1')).toBe("'=A1");
    expect(neutralizeCell('plain')).toBe('plain');
    const text = readFileSync(join(dir, 'summary.csv'), 'utf8');
    // The dev/test credit is a negative number: written bare, not quoted, not prefixed.
    expect(text).toMatch(/,-\d+(\.\d+)?,/);
    expect(text).not.toMatch(/[,"]'-?\d+(\.\d+)?[,"\n]/);
  });
});
