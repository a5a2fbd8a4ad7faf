/**
 * Issue 17, "resource exhaustion" end to end: a tiny file or flag asking for millions of VMs, 10⁹ trials or a
 * huge sweep grid is refused at once with exit 2 and the estimate, not an out-of-memory abort (exit 134).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './run-cli.js';

const STACK = /\n\s+at /;
const MINIMAL = readFileSync('test/support/fixtures/minimal.yaml', 'utf8');
let dir: string;
let results: Record<string, CliResult>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-limits-'));
  const huge = join(dir, 'huge.yaml');
  writeFileSync(huge, MINIMAL.replace('  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db] }', '  - { template: "v-{i}", count: 10000000, vcpus: 2, ram: 8 GiB, disk: 50 GB }'));
  const manyTrials = join(dir, 'trials.yaml');
  writeFileSync(manyTrials, MINIMAL.replace('name: minimal', 'name: minimal\nsimulation: { trials: 1000000000 }'));
  const cases: Record<string, string[]> = {
    validateHuge: ['validate', huge],
    runHuge: ['run', huge, '--out', join(dir, 'o1')],
    flagTrials: ['run', 'test/support/fixtures/minimal.yaml', '--trials', '1000000000', '--out', join(dir, 'o2')],
    validateTrials: ['validate', manyTrials],
    runTrials: ['run', manyTrials, '--shard', '1/1000', '--out', join(dir, 'o3')],
    sweepGrid: ['sweep', 'test/support/fixtures/minimal.yaml', '--set', `links.wan.bandwidth=${Array.from({ length: 200 }, (_, i) => `${i + 1} Mbit/s`).join(';')}`,
      '--set', `hosts[0].count=${Array.from({ length: 100 }, (_, i) => i + 1).join(',')}`, '--out', join(dir, 'o4')],
  };
  const entries = await Promise.all(Object.entries(cases).map(async ([k, args]) => [k, await runCli(args)] as const));
  results = Object.fromEntries(entries);
});

describe('size limits (CLI)', () => {
  test('count: 10000000 is refused by validate and run at its line, exit 2, no stack', () => {
    for (const r of [results.validateHuge!, results.runHuge!]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/huge\.yaml:24:\d+: vms\[1\]\.count: template "v-\{i\}" makes 10,000,000 VMs.*--allow-large raises it/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  test('--trials 1000000000 is refused with the estimate', () => {
    const r = results.flagTrials!;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/minimal\.yaml: this run would use too much memory: 2 VMs × 1 strategy × 1,000,000,000 trials = 2,000,000,000 VM-trials \(about .*\).*--allow-large/);
  });

  test('a file asking for 10⁹ trials validates with a warning; a 1/1000 shard of it is still too large', () => {
    expect(results.validateTrials!.code).toBe(0);
    expect(results.validateTrials!.stderr).toMatch(/^warning: .*trials\.yaml: this run would use too much memory/m);
    expect(results.runTrials!.code).toBe(2);
    expect(results.runTrials!.stderr).toMatch(/1,000,000 trials = 2,000,000 VM-trials/);
  });

  test('a sweep grid of 20,000 points is refused before it is built', () => {
    const r = results.sweepGrid!;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the sweep grid has 20,000 points.*above the limit of 10,000 points \(--allow-large raises it\)/);
  });
});
