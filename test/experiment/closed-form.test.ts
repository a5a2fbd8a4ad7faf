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
 *
 * Tolerances come from the same theory. The failure instant is uniform over the 6 days after warm-up, a whole
 * number of periods (144 T, 6 P), so its phase within a period is uniform and the RPO is uniform on [L, T + L]
 * (async) or [D, P + D] (backup): its sd is T/√12 (P/√12), and the mean of n = 400 independent trials has sd
 * T/√(12n) = 52 s (P/√(12n) = 1,247 s). |error| ≤ z₀.₉₉₅ = 2.576 such sds is a 99% band.
 */
const file = new URL('./fixtures/end-to-end-closed-form.yaml', import.meta.url);
const TRIALS = 400;
const Z99 = 2.5758; // two-sided 99% normal quantile (the CLT holds well for a mean of 400 uniforms)

/** The mean within the 99% band around its closed form; the reported 95% CI as wide as theory says. */
function meanMatches(s: Summary, expected: number, periodSeconds: number): void {
  // Every VM comes back here: nothing is censored, so the mean and its interval exist.
  expect(s.censored).toBe(0);
  if (s.mean === null || s.ciLow === null || s.ciHigh === null) throw new Error('a mean was expected');
  const sdOfMean = periodSeconds / Math.sqrt(12 * TRIALS);
  expect(Math.abs(s.mean - expected)).toBeLessThanOrEqual(Z99 * sdOfMean);
  // The results' 95% half-width is t₀.₉₇₅,₃₉₉ · s/√n. The sample sd s of 400 uniforms has a relative sd of
  // √((kurtosis − 1)/4n) = √(0.8/1600) = 2.2%, so a 9% band is 4 sds (fails about 1 seed in 15,000).
  const half = (s.ciHigh - s.ciLow) / 2;
  expect(Math.abs(half / (studentTQuantile(0.975, TRIALS - 1) * sdOfMean) - 1)).toBeLessThan(0.09);
}

describe('drsim run reproduces the closed forms end to end', () => {
  test('async T/2 + L and backup P/2 + D, worst cases, and exact RTOs', async () => {
    const { scenario } = parseScenario(readFileSync(file, 'utf8'), 'end-to-end-closed-form.yaml');
    expect(scenario.simulation.trials).toBe(TRIALS);
    const results = await runExperiment(scenario, 'end-to-end-closed-form.yaml', 'test', { workers: 1 });
    const [async, backup] = results.strategies.map((s) => s.summary);

    meanMatches(async.rpoSeconds, 1800 + 360, 3600);
    // The worst case is T + L; P(all 400 RPOs fall short of it by over 60 s) = (1 − 60/3600)^400 ≈ 0.001.
    expect(async.rpoSeconds.max).toBeLessThanOrEqual(3960 + 1e-6);
    expect(async.rpoSeconds.max).toBeGreaterThan(3960 - 60);
    expect(async.rtoSeconds.p50).toBeCloseTo(300 + 600 + 120, 6);
    expect(async.rtoSeconds.max).toBeCloseTo(300 + 600 + 120, 6);
    // P(RPO ≤ 45 min) = (2700 − L) / T = 0.65; binomial sd over 400 VM-trials ≈ 0.024; 3 sd is a 99.7% band.
    expect(Math.abs(async.rpoTargetMet - 0.65)).toBeLessThan(3 * Math.sqrt((0.65 * 0.35) / TRIALS));

    meanMatches(backup.rpoSeconds, 43200 + 8640, 86400);
    // P(all 400 short of P + D by over 30 min) = (1 − 1800/86400)^400 ≈ 2e-4.
    expect(backup.rpoSeconds.max).toBeLessThanOrEqual(86400 + 8640 + 1e-6);
    expect(backup.rpoSeconds.max).toBeGreaterThan(86400 + 8640 - 1800);
    expect(backup.rtoSeconds.max).toBeCloseTo(300 + 600 + 100 + 120, 6);

    // Annualized view: 0.1 site disasters a year × (RTO h × $1,000/h + RPO h × $600/h) with the closed-form
    // mean RPO of 2,160 s: $64.33 a year. The RTO part is exact; the RPO part is 0.1 × $600/h × the mean RPO,
    // whose 99% band (above) is ±2.576 × 52 s: ±$2.23.
    const site = results.strategies[0]!.failures.find((f) => f.kind === 'site-disaster')!;
    expect(site.eventsPerYear).toBeCloseTo(0.1, 12);
    const expectedPenalty = 0.1 * ((1020 / 3600) * 1000 + (2160 / 3600) * 600);
    expect(Math.abs(site.expectedPenaltyPerYear - expectedPenalty)).toBeLessThanOrEqual((0.1 * 600 * Z99 * (3600 / Math.sqrt(12 * TRIALS))) / 3600);
    expect(results.strategies[0]!.cost.expectedAnnualPenalty).toBeCloseTo(site.expectedPenaltyPerYear, 4);
  });
});
