import { describe, expect, test, beforeAll } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../../src/models/results.js';
import { writeReport } from '../../src/report/index.js';
import { makeResults } from './fixtures/make-results.js';

let dir: string;
let results: ResultsFile;
let written: string[];
const read = (name: string): Record<string, string>[] => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-csv-'));
  results = makeResults({ vms: 30, strategies: 4 });
  written = await writeReport(results, dir, { formats: new Set(['csv']) });
});

describe('CSV tables', () => {
  test('csv format writes exactly the tables, no charts, no temp files', () => {
    expect(written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['applications.csv', 'bom.csv', 'costs.csv', 'links.csv', 'summary.csv', 'tiers.csv', 'vms.csv']);
    expect(readdirSync(dir).sort()).toEqual(['applications.csv', 'bom.csv', 'costs.csv', 'links.csv', 'summary.csv', 'tiers.csv', 'vms.csv']);
  });

  test('summary.csv: a row per strategy, the same numbers as results.json, units in headers', () => {
    const rows = read('summary.csv');
    expect(rows).toHaveLength(results.strategies.length);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['rpo_p95_seconds', 'rto_p99_seconds', 'annual_total_USD', 'annual_dev_test_credit_USD', 'wan_p95_bits_per_second']));
    results.strategies.forEach((s, i) => {
      const row = rows[i]!;
      expect(row.strategy_id).toBe(s.id);
      expect(Number(row.rpo_mean_seconds)).toBe(s.summary.rpoSeconds.mean);
      expect(Number(row.rpo_ci_low_seconds)).toBe(s.summary.rpoSeconds.ciLow);
      expect(Number(row.rpo_p95_seconds)).toBe(s.summary.rpoSeconds.p95);
      expect(Number(row.rto_max_seconds)).toBe(s.summary.rtoSeconds.max);
      expect(Number(row.rpo_target_met_fraction)).toBe(s.summary.rpoTargetMet);
      expect(Number(row.not_recovered_fraction)).toBe(s.summary.notRecovered);
      expect(row.sustainable).toBe(String(s.summary.sustainable.sustainable));
      expect(Number(row.dr_hosts_used_max)).toBe(s.summary.drHostsUsed.max);
      expect(Number(row.annual_total_USD)).toBe(s.cost.annualTotal);
      expect(Number(row.expected_annual_penalty_USD)).toBe(s.cost.expectedAnnualPenalty);
    });
  });

  test('vms.csv: a row per VM × strategy with the per-VM numbers', () => {
    const rows = read('vms.csv');
    expect(rows).toHaveLength(results.strategies.length * results.scenario.counts.vms);
    let k = 0;
    for (const s of results.strategies) {
      for (const v of s.vms) {
        const row = rows[k++]!;
        expect([row.strategy_id, row.vm]).toEqual([s.id, v.name]);
        // A statistic among VMs not recovered (null) is an empty cell, never 0.
        const cell = (x: string | undefined) => (x === '' ? null : Number(x));
        expect(cell(row.rpo_p95_seconds)).toBe(v.rpoSeconds.p95);
        expect(cell(row.rto_p50_seconds)).toBe(v.rtoSeconds.p50);
        expect(Number(row.rpo_target_seconds)).toBe(v.rpoTargetSeconds);
        expect(Number(row.rto_target_met_fraction)).toBe(v.rtoTargetMet);
        expect(row.rpo_met).toMatch(/^(true|false)$/);
      }
    }
  });

  test('costs.csv: a row per strategy × cost item, summing to the annual totals', () => {
    const rows = read('costs.csv');
    expect(rows).toHaveLength(results.strategies.reduce((n, s) => n + s.cost.items.length, 0));
    for (const s of results.strategies) {
      const sum = rows.filter((r) => r.strategy_id === s.id).reduce((a, r) => a + Number(r.annual_USD), 0);
      expect(sum).toBeCloseTo(s.cost.annualTotal, 6);
    }
    expect(rows.some((r) => r.category === 'dev-test-credit' && Number(r.annual_USD) < 0)).toBe(true);
  });

  test('links.csv: the typical week per link and strategy, bits/s as in wanWeek', () => {
    const rows = read('links.csv');
    const s = results.strategies[1]!;
    const mine = rows.filter((r) => r.strategy_id === s.id);
    expect(mine.map((r) => Number(r.mean_bits_per_second))).toEqual(s.wanWeek[0]!.meanBitsPerSecond);
    expect(Number(mine[4]!.time_seconds)).toBe(4 * s.wanWeek[0]!.stepSeconds);
    expect(Number(mine[0]!.capacity_bits_per_second)).toBe(results.scenario.links[0]!.bandwidthBitsPerSecond);
  });

  test('tiers.csv: compliance per tier', () => {
    const rows = read('tiers.csv');
    expect(rows).toHaveLength(results.strategies.length * 3);
    expect(Number(rows[0]!.rpo_target_met_fraction)).toBe(results.strategies[0]!.summary.byTier[0]!.rpoTargetMet);
    // The verdict's check with its interval.
    const check = results.strategies[0]!.verdict.checks.find((c) => c.scope === 'tier' && c.name === String(rows[0]!.tier) && c.which === 'rpo')!;
    expect([Number(rows[0]!.rpo_met_ci_low), Number(rows[0]!.rpo_met_ci_high), rows[0]!.rpo_verdict]).toEqual([check.ciLow, check.ciHigh, check.status]);
  });

  test('applications.csv: one row per strategy × business service, with its penalties', () => {
    const rows = read('applications.csv');
    expect(rows).toHaveLength(results.strategies.reduce((n, s) => n + s.applications.length, 0));
    const a = results.strategies[0]!.applications[0]!;
    expect(rows[0]).toMatchObject({ application: a.name, quorum: String(a.quorum), expected_penalty_per_year_USD: String(a.expectedPenaltyPerYear) });
  });
});
