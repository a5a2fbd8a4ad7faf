/**
 * A report set appears whole or not at all (output-set.ts): nothing in the directory changes before the
 * swap; the swap replaces every entry the set owns (stale ones too) and keeps the user's; a discarded set
 * leaves the directory as it was; what a killed process left behind is removed by the next write.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_ENTRIES, REPORT_FORMATS, writeReport, type ReportFormat } from '../../src/report/index.js';
import { removeLeftovers, RESULTS_SET, StagedOutput, SWEEP_SET } from '../../src/report/output-set.js';
import { ransomwareResults } from './fixtures/ransomware-results.js';
import { makeResults } from './fixtures/make-results.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'drsim-output-set-'));

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    try {
      out[name] = readFileSync(join(dir, name), 'utf8');
    } catch {
      out[name] = '<dir>';
    }
  }
  return out;
}

function oldSet(dir: string): void {
  mkdirSync(join(dir, 'charts'));
  writeFileSync(join(dir, 'results.json'), 'old results');
  writeFileSync(join(dir, 'report.html'), 'old html');
  writeFileSync(join(dir, 'charts', 'old.svg'), 'old chart');
  writeFileSync(join(dir, 'vms.csv'), 'old vms');
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  writeFileSync(join(dir, 'partial-1-of-2.json'), 'a shard');
}

describe('StagedOutput', () => {
  test('nothing changes until the commit; then the owned entries are the new set\'s, stale ones gone, the user\'s kept', async () => {
    const dir = tmp();
    oldSet(dir);
    const before = files(dir);
    const set = await StagedOutput.open(dir);
    writeFileSync(set.path('results.json'), 'new results');
    mkdirSync(set.path('charts'));
    writeFileSync(join(set.path('charts'), 'new.svg'), 'new chart');
    // Only the hidden staging directory is new.
    expect(Object.fromEntries(Object.entries(files(dir)).filter(([k]) => !k.startsWith('.drsim-staging-')))).toEqual(before);
    set.commit(RESULTS_SET);
    // report.html and vms.csv belonged to the old set: a results.json without reports replaces them too.
    expect(files(dir)).toEqual({
      'charts': '<dir>', 'charts/new.svg': 'new chart', 'notes.txt': 'mine', 'partial-1-of-2.json': 'a shard', 'results.json': 'new results',
    });
  });

  test('a discarded set leaves the directory exactly as it was', async () => {
    const dir = tmp();
    oldSet(dir);
    const before = files(dir);
    const set = await StagedOutput.open(dir);
    writeFileSync(set.path('report.html'), 'half');
    await set.discard();
    expect(files(dir)).toEqual(before);
  });

  test('a sweep set owns sweep.csv and sweep charts only', async () => {
    const dir = tmp();
    oldSet(dir);
    writeFileSync(join(dir, 'sweep.csv'), 'old sweep');
    writeFileSync(join(dir, 'sweep-rpo-p95.svg'), 'old sweep chart');
    const set = await StagedOutput.open(dir);
    writeFileSync(set.path('sweep.csv'), 'new sweep');
    set.commit(SWEEP_SET);
    const after = files(dir);
    expect(after['sweep.csv']).toBe('new sweep');
    expect(after['sweep-rpo-p95.svg']).toBeUndefined();
    expect(after['results.json']).toBe('old results');
  });

  test('staging directories and temp files of dead processes are removed; a living one\'s are not', () => {
    const dir = tmp();
    // A pid that has ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    mkdirSync(join(dir, `.drsim-staging-${dead}-abc123`));
    mkdirSync(join(dir, `.drsim-old-${dead}-abc123`));
    writeFileSync(join(dir, `.report.html.${dead}.x1y2.tmp`), '');
    mkdirSync(join(dir, `.drsim-staging-${process.pid}-live`));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    removeLeftovers(dir);
    expect(readdirSync(dir).sort()).toEqual([`.drsim-staging-${process.pid}-live`, 'notes.txt']);
  });
});

describe('REPORT_ENTRIES', () => {
  test('lists every top-level entry writeReport creates in every format (so a new set replaces all of an old one)', async () => {
    const dir = tmp();
    await writeReport(makeResults({ vms: 4, strategies: 2 }), dir, { formats: new Set<ReportFormat>(REPORT_FORMATS) });
    const made = readdirSync(dir);
    expect(made.length).toBeGreaterThan(5);
    expect(made.filter((n) => !REPORT_ENTRIES.includes(n))).toEqual([]);
  });

  test('and the optional ones: the ransomware tables of a scenario under attack', async () => {
    const dir = tmp();
    await writeReport(ransomwareResults(), dir, { formats: new Set<ReportFormat>(['csv']) });
    const made = readdirSync(dir);
    expect(made).toEqual(expect.arrayContaining(['ransomware.csv', 'ransomware-applications.csv']));
    expect(made.filter((n) => !REPORT_ENTRIES.includes(n))).toEqual([]);
  });
});
