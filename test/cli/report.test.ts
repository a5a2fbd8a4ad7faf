import { describe, expect, test, beforeAll } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResults } from '../report/fixtures/make-results.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'drsim-cli-report-')); });

function write(name: string, data: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
}

describe('drsim report', () => {
  test('writes the requested formats next to the results file by default', async () => {
    const sub = mkdtempSync(join(dir, 'ok-'));
    const path = join(sub, 'results.json');
    writeFileSync(path, JSON.stringify(makeResults()));
    const r = await runCli(['report', path, '--format', 'csv,svg']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote \d+ report files/);
    expect(existsSync(join(sub, 'summary.csv'))).toBe(true);
    expect(existsSync(join(sub, 'charts', 'rpo-cdf.svg'))).toBe(true);
    expect(existsSync(join(sub, 'charts', 'rpo-cdf.vl.json'))).toBe(true);
    expect(existsSync(join(sub, 'charts', 'rpo-cdf.png'))).toBe(false);
    expect(existsSync(join(sub, 'report.html'))).toBe(false);
  });

  test('--out chooses the directory', async () => {
    const path = write('r.json', makeResults());
    const out = join(dir, 'elsewhere');
    const r = await runCli(['report', path, '--out', out, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['applications.csv', 'bom.csv', 'costs.csv', 'links.csv', 'summary.csv', 'tiers.csv', 'vms.csv']);
  });

  test('a results file from a newer drsim: exit 2 with a clear message', async () => {
    const r = await runCli(['report', write('future.json', { ...makeResults(), schemaVersion: '3.0' })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('written by a newer drsim (schema 3.0); this drsim reads 2.x');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a corrupted results file: exit 2 naming the JSON path', async () => {
    const bad = makeResults() as unknown as { strategies: Record<string, unknown>[] };
    delete bad.strategies[0]!.cost;
    const r = await runCli(['report', write('corrupt.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corrupted results file: strategies\[0\]\.cost: expected an object/);
  });

  test('a truncated file: exit 2, not JSON, with the position', async () => {
    const text = JSON.stringify(makeResults());
    const r = await runCli(['report', write('trunc.json', text.slice(0, 500))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON at line 1, column 501/);
  });

  test('unknown format names: exit 2 listing the valid ones', async () => {
    const r = await runCli(['report', write('f.json', makeResults()), '--format', 'csv,pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('csv, xlsx, svg, png, html');
    expect(r.stderr).toContain('unknown: pdf');
  });
});
