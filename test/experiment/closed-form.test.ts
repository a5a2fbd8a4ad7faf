import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runExperiment } from '../../src/experiment/experiment.js';
import type { Summary } from '../../src/models/results.js';
import { parseScenario } from '../../src/models/scenario/loader.js';
import { studentTQuantile } from '../../src/sim/student-t.js';

/**
 * The whole pipeline (YAML → protection → site disaster at a random time → recovery → aggregation) against
 * DOMAIN.md's closed forms, for one VM writing c = 1 MB/s of unique data over a 10 MB/s link:
 * - async every T = 1 h: transfer lag L = cT/B = 360 s; mean RPO T/2 + L = 2,160 s, worst T + L = 3,960 s;
 * - a daily backup at 01:00 straight to the DR site: D = 86.4 GB / 10 MB/s = 8,640 s; mean RPO 12 h + D, worst 24 h + D;
 * - RTO = detection 5 min + declaration 10 min (+ restore of 100 GB at 1 GB/s = 100 s for the backup) + boot 2 min.
 * The mean is checked against a 99% Student-t interval over the 400 independent trials (results carry the 95% one).
 */
const file = new URL('./fixtures/end-to-end-closed-form.yaml', import.meta.url);
const TRIALS = 400;

function within99(s: Summary, expected: number): void {
  const widen = studentTQuantile(0.995, TRIALS - 1) / studentTQuantile(0.975, TRIALS - 1);
  const half = ((s.ciHigh - s.ciLow) / 2) * widen;
  expect(Math.abs(s.mean - expected)).toBeLessThanOrEqual(half);
  // The interval is informative (not vacuously wide): under 10% of the value.
  expect(half).toBeLessThan(0.1 * expected);
}

describe('drsim run reproduces the closed forms end to end', () => {
  test('async T/2 + L and backup P/2 + D, worst cases, and exact RTOs', async () => {
    const { scenario } = parseScenario(readFileSync(file, 'utf8'), 'end-to-end-closed-form.yaml');
    expect(scenario.simulation.trials).toBe(TRIALS);
    const results = await runExperiment(scenario, 'end-to-end-closed-form.yaml', 'test', { workers: 1 });
    const [async, backup] = results.strategies.map((s) => s.summary);

    within99(async.rpoSeconds, 1800 + 360);
    // The worst case over 400 uniform failure times comes within a few seconds of T + L.
    expect(async.rpoSeconds.max).toBeLessThanOrEqual(3960 + 1e-6);
    expect(async.rpoSeconds.max).toBeGreaterThan(3960 - 60);
    expect(async.rtoSeconds.p50).toBeCloseTo(300 + 600 + 120, 6);
    expect(async.rtoSeconds.max).toBeCloseTo(300 + 600 + 120, 6);
    // P(RPO ≤ 45 min) = (2700 − L) / T = 0.65; binomial sd over 400 VM-trials ≈ 0.024 (3 sd).
    expect(Math.abs(async.rpoTargetMet - 0.65)).toBeLessThan(3 * Math.sqrt((0.65 * 0.35) / TRIALS));

    within99(backup.rpoSeconds, 43200 + 8640);
    expect(backup.rpoSeconds.max).toBeLessThanOrEqual(86400 + 8640 + 1e-6);
    expect(backup.rpoSeconds.max).toBeGreaterThan(86400 + 8640 - 1800);
    expect(backup.rtoSeconds.max).toBeCloseTo(300 + 600 + 100 + 120, 6);

    // Annualized view: 0.1 site disasters a year × (RTO h × $1,000/h + RPO h × $600/h).
    const site = results.strategies[0]!.failures.find((f) => f.kind === 'site-disaster')!;
    expect(site.eventsPerYear).toBeCloseTo(0.1, 12);
    expect(site.expectedPenaltyPerYear).toBeCloseTo(0.1 * ((1020 / 3600) * 1000 + (async.rpoSeconds.mean / 3600) * 600), 4);
    expect(Math.abs(site.expectedPenaltyPerYear - 0.1 * ((1020 / 3600) * 1000 + (2160 / 3600) * 600))).toBeLessThan(0.1 * 600 * 0.1);
    expect(results.strategies[0]!.cost.expectedAnnualPenalty).toBeCloseTo(site.expectedPenaltyPerYear, 4);
  });
});
