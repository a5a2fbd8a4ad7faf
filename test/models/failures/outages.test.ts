import { describe, expect, test } from '@jest/globals';
import { drawLinkOutages, inOutage } from '../../../src/models/failures/outages.js';
import type { OutageInterval } from '../../../src/models/failures/events.js';
import type { DistributionSpec } from '../../../src/sim/distributions.js';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { normalCdf } from '../../../src/sim/student-t.js';
import { scenario as build } from '../../support/scenario-builder.js';
import { CHI2_999, chiSquare, ksCritical999, ksDistance } from '../../sim/goodness-of-fit.js';

/**
 * drawLinkOutages promises (its header): per link with an outage process, up times exponential with mean
 * MTBF (from the start, and from the end of each outage to the next start) and durations from the scenario's
 * distribution, from the link's own named stream. That is an alternating renewal process: the long-run
 * fraction of time down is E[D]/(MTBF + E[D]) = 1 − A, A = MTBF/(MTBF + MTTR) (DOMAIN.md).
 *
 * Statistical checks use thousands of independent trials (fixed seed) at the 99.9% level: KS D < 1.949/√n,
 * χ² below its 99.9% quantile, |z| < 3.29. A correct process fails each about once in 1,000 seeds.
 */
const DAY = 86400;
const streams = new RandomStreams('outages-test');

function withOutages(mtbfSeconds: number, durationSeconds: DistributionSpec): Scenario {
  return build({ outages: { mtbfSeconds, durationSeconds } });
}

function outagesOf(s: Scenario, trials: number, until: number): OutageInterval[][] {
  return Array.from({ length: trials }, (_, t) => drawLinkOutages(s, streams, t, until)[0]);
}

describe('link outages', () => {
  test('a link without an outage process, or with an infinite MTBF, never fails', () => {
    expect(drawLinkOutages(build(), streams, 0, 365 * DAY)).toEqual([[]]);
    expect(drawLinkOutages(withOutages(Infinity, { kind: 'deterministic', value: 3600 }), streams, 0, 365 * DAY)).toEqual([[]]);
  });

  test('up times are exponential with mean MTBF and durations follow their distribution (KS)', () => {
    // The first 5 up times and durations of 2,000 trials: 10,000 i.i.d. draws of each. Until = 60 MTBF makes
    // fewer than 5 outages in a trial practically impossible (P(Poisson(≈ 60) < 5) ≈ 1e-20).
    const mtbf = 30 * DAY;
    const sigma = Math.log(8) / 1.6448536269514722; // lognormal median 1 h, p95 8 h
    const runs = outagesOf(withOutages(mtbf, { kind: 'lognormal', median: 3600, p95: 8 * 3600 }), 2000, 60 * mtbf);
    const ups: number[] = [];
    const durations: number[] = [];
    for (const o of runs) {
      expect(o.length).toBeGreaterThanOrEqual(5);
      for (let i = 0; i < 5; i++) {
        ups.push(o[i].startSeconds - (i === 0 ? 0 : o[i - 1].endSeconds));
        durations.push(o[i].endSeconds - o[i].startSeconds);
      }
    }
    expect(ksDistance(ups, (x) => 1 - Math.exp(-x / mtbf))).toBeLessThan(ksCritical999(ups.length));
    expect(ksDistance(durations, (x) => normalCdf(Math.log(x / 3600) / sigma))).toBeLessThan(ksCritical999(durations.length));
  });

  test('with instantaneous outages, the count over a window is Poisson(U/MTBF) (χ², 9 df)', () => {
    // Zero durations leave a Poisson process of rate 1/MTBF: U = 4 MTBF gives Poisson(4).
    const mtbf = 10 * DAY;
    const n = 5000;
    const counts = outagesOf(withOutages(mtbf, { kind: 'deterministic', value: 0 }), n, 4 * mtbf).map((o) => o.length);
    const pmf = (k: number) => Math.exp(-4) * 4 ** k / factorial(k);
    // Categories 0..8 and ≥ 9 (expected counts 92 … 66 and 105: all ≥ 5).
    const observed = Array.from({ length: 10 }, (_, k) => counts.filter((c) => (k < 9 ? c === k : c >= 9)).length);
    const expected = Array.from({ length: 10 }, (_, k) => n * (k < 9 ? pmf(k) : 1 - [0, 1, 2, 3, 4, 5, 6, 7, 8].reduce((a, j) => a + pmf(j), 0)));
    expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[9]);
  });

  test('outages of fixed length d push the next arrival back: P(N ≥ k) = P(Poisson(λ(U − (k − 1)d)) ≥ k) (χ², 5 df)', () => {
    // The k-th outage starts after k exponential up times and k − 1 outages: before U iff the up times sum to
    // less than U − (k − 1)d, i.e. iff a Poisson process of rate λ = 1/MTBF has ≥ k points in that time.
    // (If MTBF were measured start to start, N would be Poisson(λU) instead: mean 4, not ≈ 2.7.)
    const mtbf = 10 * DAY;
    const d = 5 * DAY;
    const U = 40 * DAY;
    const n = 5000;
    const counts = outagesOf(withOutages(mtbf, { kind: 'deterministic', value: d }), n, U).map((o) => o.length);
    const atLeast = (k: number) => (k === 0 ? 1 : U - (k - 1) * d <= 0 ? 0 : poissonAtLeast(k, (U - (k - 1) * d) / mtbf));
    // Categories 0..4 and ≥ 5 (expected counts ≥ 5 each).
    const observed = Array.from({ length: 6 }, (_, k) => counts.filter((c) => (k < 5 ? c === k : c >= 5)).length);
    const expected = Array.from({ length: 6 }, (_, k) => n * (k < 5 ? atLeast(k) - atLeast(k + 1) : atLeast(5)));
    for (const e of expected) expect(e).toBeGreaterThanOrEqual(5);
    expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[5]);
  });

  test('the fraction of time down is MTTR/(MTBF + MTTR), with the transient of a link that starts up', () => {
    // Exponential up (rate α = 1/MTBF) and down (rate β = 1/MTTR) times make a two-state Markov chain started up:
    // P(down at t) = p(1 − e^{−(α+β)t}), p = α/(α+β) = MTTR/(MTBF + MTTR). Averaged over [0, H]:
    // p(1 − (1 − e^{−(α+β)H})/((α+β)H)). Each trial's fraction is an independent draw: the mean of 2,000 is
    // within 3.29 standard errors (sample sd/√n) at 99.9%.
    const mtbf = 10 * DAY;
    const mttr = DAY;
    const H = 365 * DAY;
    const n = 2000;
    const fractions = outagesOf(withOutages(mtbf, { kind: 'exponential', mean: mttr }), n, H)
      .map((o) => o.reduce((acc, x) => acc + Math.min(x.endSeconds, H) - x.startSeconds, 0) / H);
    const rate = 1 / mtbf + 1 / mttr;
    const p = mttr / (mtbf + mttr);
    const expected = p * (1 - (1 - Math.exp(-rate * H)) / (rate * H));
    const mean = fractions.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - expected)).toBeLessThan(3.29 * sd / Math.sqrt(n));
    // The availability of DOMAIN.md, A = MTBF/(MTBF + MTTR) = 10/11, is 1 − p.
    expect(1 - p).toBeCloseTo(10 / 11, 12);
  });

  test('outages are ordered, start before `until`, and negative durations are clamped to 0', () => {
    const [o] = drawLinkOutages(withOutages(DAY, { kind: 'normal', mean: 0, sd: 3600 }), streams, 1, 100 * DAY);
    expect(o.length).toBeGreaterThan(50); // ≈ 100 days / 1 day
    for (let i = 0; i < o.length; i++) {
      expect(o[i].endSeconds).toBeGreaterThanOrEqual(o[i].startSeconds);
      expect(o[i].startSeconds).toBeLessThan(100 * DAY);
      if (i > 0) expect(o[i].startSeconds).toBeGreaterThanOrEqual(o[i - 1].endSeconds);
    }
    expect(o.some((x) => x.endSeconds === x.startSeconds)).toBe(true); // about half the normal draws are negative
  });

  test('each link has its own stream: adding another link changes nothing; same trial, same outages', () => {
    const one = withOutages(5 * DAY, { kind: 'exponential', mean: 3600 });
    const two: Scenario = { ...one, links: [{ ...one.links[0], name: 'other' }, one.links[0]] };
    const a = drawLinkOutages(one, streams, 4, 60 * DAY);
    const b = drawLinkOutages(two, streams, 4, 60 * DAY);
    expect(b[1]).toEqual(a[0]);
    expect(b[0]).not.toEqual(a[0]);
    expect(drawLinkOutages(one, new RandomStreams('outages-test'), 4, 60 * DAY)).toEqual(a);
  });

  test('inOutage: start inclusive, end exclusive', () => {
    const o = [{ startSeconds: 10, endSeconds: 20 }, { startSeconds: 30, endSeconds: 30 }, { startSeconds: 40, endSeconds: 50 }];
    expect([9.9, 10, 19.9, 20, 30, 45, 50].map((t) => inOutage(o, t))).toEqual([false, true, true, false, false, true, false]);
  });
});

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** P(Poisson(m) ≥ k). */
function poissonAtLeast(k: number, m: number): number {
  let below = 0;
  for (let j = 0; j < k; j++) below += Math.exp(-m) * m ** j / factorial(j);
  return 1 - below;
}
