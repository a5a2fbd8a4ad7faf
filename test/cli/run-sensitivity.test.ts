/**
 * `drsim run --sensitivity` as a user runs it: the sensitivity numbers are exactly `drsim sensitivity`'s on the
 * same scenario, seed and trials (the same runs with common random numbers, so identical, not merely close);
 * the run's own numbers do not move; without the flag nothing of it appears; misused flags exit 2.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../../src/models/results.js';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/experiment/fixtures/sensitivity.yaml';
const dir = mkdtempSync(join(tmpdir(), 'drsim-run-sensitivity-'));
const withFlag = join(dir, 'with');
const without = join(dir, 'without');
const alone = join(dir, 'alone');
const read = (path: string): string => readFileSync(path, 'utf8');

beforeAll(async () => {
  const runs = [
    await runCli(['run', FIXTURE, '--trials', '3', '--seed', '5', '--workers', '1', '--sensitivity', '--format', 'csv,html', '--out', withFlag, '-q']),
    await runCli(['run', FIXTURE, '--trials', '3', '--seed', '5', '--workers', '1', '--format', 'csv,html', '--out', without, '-q']),
    await runCli(['sensitivity', FIXTURE, '--trials', '3', '--seed', '5', '--workers', '2', '--out', alone, '--no-charts', '-q']),
  ];
  for (const r of runs) expect([r.code, r.stderr.split('\n').filter((l) => !l.startsWith('warning:')).join('\n')]).toEqual([0, '']);
}, 600_000);

describe('drsim run --sensitivity', () => {
  test('the sensitivity section is drsim sensitivity\'s sensitivity.json, and its CSVs are the same bytes', () => {
    const results = JSON.parse(read(join(withFlag, 'results.json'))) as ResultsFile;
    expect(results.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(results.sensitivity).toEqual(JSON.parse(read(join(alone, 'sensitivity.json'))));
    // The run's trials (3 < the cap) and seed, and every input the fixture has (no host failures: 9 of 10).
    expect([results.sensitivity!.trials, results.sensitivity!.seed, results.sensitivity!.inputs.length]).toEqual([3, 5, 9]);
    for (const f of ['sensitivity.csv', 'break-even.csv']) expect(read(join(withFlag, f))).toBe(read(join(alone, f)));
  });

  test('the bars\' base is the run itself: the same seed and trials give each strategy the run\'s annual total', () => {
    const results = JSON.parse(read(join(withFlag, 'results.json'))) as ResultsFile;
    const s = results.sensitivity!;
    expect(s.strategies.map((x) => x.base.annualTotal)).toEqual(results.strategies.map((x) => x.cost.annualTotal));
    for (const x of s.strategies) for (const b of x.bars) expect(b.annualTotal.base).toBe(x.base.annualTotal);
  });

  test('without the flag: no section, no sensitivity files, and the same results.json bytes as the flagged run without its section', () => {
    const plain = read(join(without, 'results.json'));
    const flagged = JSON.parse(read(join(withFlag, 'results.json'))) as ResultsFile;
    delete flagged.sensitivity;
    expect(plain).toBe(JSON.stringify(flagged, null, 2) + '\n');
    expect(existsSync(join(without, 'sensitivity.csv'))).toBe(false);
    expect(read(join(without, 'report.html'))).not.toContain('What drives the answer');
    expect(read(join(withFlag, 'report.html'))).toContain('<section id="sensitivity"><h2>What drives the answer</h2>');
  });

  test('a flagless run into the same directory removes the previous run\'s sensitivity files (one set)', async () => {
    const again = join(dir, 'again');
    expect((await runCli(['run', FIXTURE, '--trials', '2', '--workers', '1', '--sensitivity', '--sensitivity-trials', '1', '--format', 'csv', '--out', again, '-q'])).code).toBe(0);
    expect(existsSync(join(again, 'break-even.csv'))).toBe(true);
    expect((await runCli(['run', FIXTURE, '--trials', '2', '--workers', '1', '--format', 'csv', '--out', again, '-q'])).code).toBe(0);
    expect(['sensitivity.csv', 'break-even.csv'].map((f) => existsSync(join(again, f)))).toEqual([false, false]);
  }, 600_000);

  test.each([
    [['--sensitivity-trials', '5'], /--sensitivity-trials sets the trials of --sensitivity: give --sensitivity too/],
    [['--sensitivity', '--shard', '1/2'], /--sensitivity needs the whole run: it cannot be split into --shard slices/],
    [['--sensitivity', '--sensitivity-trials', '0'], /--sensitivity-trials/],
  ])('%j: exit 2 with a message', async (flags, message) => {
    const r = await runCli(['run', FIXTURE, '--trials', '2', '--out', join(dir, 'bad'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
