/** `drsim sensitivity` as a user runs it: the files it writes, the same seed → the same bytes, bad ranges → exit 2. */
import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/experiment/fixtures/sensitivity.yaml';

describe('drsim sensitivity', () => {
  test('writes sensitivity.csv, break-even.csv, a tornado per strategy and report.html; the same seed gives the same bytes on 1 or 2 workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-sensitivity-'));
    const one = join(dir, 'one');
    const r = await runCli(['sensitivity', FIXTURE, '--trials', '3', '--workers', '1', '--out', one, '--no-png']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backup: annual total [\d,]+ USD, verdict (meets|misses|undecided)$/m);
    expect(r.stdout).toMatch(/Site disaster rate \(0\.0125\/year – 0\.2\/year\)/);
    for (const f of ['sensitivity.json', 'sensitivity.csv', 'break-even.csv', 'sensitivity.xlsx', 'report.html', 'tornado-backup.svg', 'tornado-async.svg', 'tornado-cdp.vl.json']) expect(existsSync(join(one, f))).toBe(true);
    const csv = readFileSync(join(one, 'sensitivity.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^strategy,input,low_multiplier,high_multiplier,low_value,base_value,high_value,annual_total_low_usd,annual_total_base_usd,annual_total_high_usd,swing_usd,/);
    // 3 strategies × 9 inputs (the fixture has no host failures).
    expect(csv).toHaveLength(1 + 3 * 9);
    // sensitivity.json holds the same numbers, machine-readable: a bar per strategy × input, in the CSV's order.
    const json = JSON.parse(readFileSync(join(one, 'sensitivity.json'), 'utf8')) as { trials: number; strategies: { name: string; bars: { input: string; swing: number }[] }[] };
    expect(json.trials).toBe(3);
    expect(json.strategies.flatMap((x) => x.bars.map((b) => `${x.name},${b.input},`))).toEqual(csv.slice(1).map((l) => l.split(',').slice(0, 2).join(',') + ','));
    expect(readFileSync(join(one, 'report.html'), 'utf8')).toContain('What drives the answer: sensitivity-estate');

    const two = join(dir, 'two');
    const again = await runCli(['sensitivity', FIXTURE, '--trials', '3', '--workers', '2', '--out', two, '--no-charts', '-q']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    for (const f of ['sensitivity.json', 'sensitivity.csv', 'break-even.csv']) expect(readFileSync(join(two, f), 'utf8')).toBe(readFileSync(join(one, f), 'utf8'));
  }, 600_000);

  test('a bad range exits 2 naming the file, line and field, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-sensitivity-bad-'));
    const file = join(dir, 'bad.yaml');
    const text = readFileSync(FIXTURE, 'utf8').replace('downtimeCost: { low: 0.5, high: 2 }', 'downtimeCost: { low: 2, high: 3 }');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('downtimeCost: { low: 2')) + 1;
    const r = await runCli(['sensitivity', file, '-q', '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bad.yaml:${line}:`);
    expect(r.stderr).toMatch(/sensitivity\.downtimeCost\.low: expected a multiplier at most 100% \(the scenario's own value\), found 200%/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
