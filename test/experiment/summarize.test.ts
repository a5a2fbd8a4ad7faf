import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { CDF_POINTS, SummaryBuilder, emptySummary, round } from '../../src/experiment/summarize.js';
import type { Summary } from '../../src/models/results.js';
import { quantileSorted } from '../../src/sim/quantiles.js';
import { Tally, tallyConfidenceInterval } from '../../src/sim/stats.js';

type Input = { kind: 'trial'; values: number[]; indices?: number[] } | { kind: 'value'; value: number };

/**
 * The summary as drsim computed it before quantiles were selected instead of sorted: every trial's
 * non-NaN values in order, then the single values; the mean sums them in that order; quantiles from the
 * sorted copy; NaN (not recovered) as +∞ on top. SummaryBuilder must give exactly these numbers.
 */
function reference(inputs: Input[], withCdf: boolean): Summary {
  const trials: number[] = [];
  const singles: number[] = [];
  const means = new Tally();
  let censored = 0;
  for (const input of inputs) {
    if (input.kind === 'value') {
      if (Number.isNaN(input.value)) { censored++; continue; }
      singles.push(input.value);
      means.add(input.value);
      continue;
    }
    const given = (input.indices ?? input.values.map((_, i) => i)).map((i) => input.values[i]);
    const picked = given.filter((v) => !Number.isNaN(v));
    censored += given.length - picked.length;
    if (picked.length === 0) continue;
    trials.push(...picked);
    means.add(picked.reduce((a, b) => a + b, 0) / picked.length);
  }
  const all = Float64Array.from([...trials, ...singles]);
  if (all.length === 0 && censored === 0) return emptySummary();
  if (censored > 0) {
    // Not recovered = +∞ at the top of the sorted sample: a type-7 quantile needing it is null.
    const withInf = Float64Array.from([...all, ...Array<number>(censored).fill(Infinity)]).sort();
    const q = (p: number): number | null => {
      const h = (withInf.length - 1) * p;
      const lo = Math.floor(h);
      if (h === lo) return Number.isFinite(withInf[lo]) ? round(withInf[lo]) : null;
      const v = quantileSorted(withInf, p);
      return Number.isFinite(v) ? round(v) : null;
    };
    return {
      count: withInf.length, censored, mean: null, ciLow: null, ciHigh: null,
      p50: q(0.5), p95: q(0.95), p99: q(0.99), max: null,
      cdf: withCdf ? Array.from({ length: CDF_POINTS }, (_, i) => q(i / (CDF_POINTS - 1))) : [],
    };
  }
  let sum = 0;
  for (const v of all) sum += v;
  all.sort();
  const mean = sum / all.length;
  const ci = tallyConfidenceInterval(means);
  const low = Number.isFinite(ci.low) ? ci.low : mean;
  const high = Number.isFinite(ci.high) ? ci.high : mean;
  return {
    count: all.length,
    censored: 0,
    mean: round(mean),
    ciLow: round(Math.min(low, mean)),
    ciHigh: round(Math.max(high, mean)),
    p50: round(quantileSorted(all, 0.5)),
    p95: round(quantileSorted(all, 0.95)),
    p99: round(quantileSorted(all, 0.99)),
    max: round(all[all.length - 1]),
    cdf: withCdf ? Array.from({ length: CDF_POINTS }, (_, i) => round(quantileSorted(all, i / (CDF_POINTS - 1)))) : [],
  };
}

function feed(builder: SummaryBuilder, inputs: Input[]): void {
  for (const input of inputs) {
    if (input.kind === 'value') builder.addValue(input.value);
    else if (input.indices) builder.addTrial(Float64Array.from(input.values), input.indices);
    else builder.addTrial(Float64Array.from(input.values));
  }
}

// Seconds-like values with ties, some NaN (VMs not recovered).
const value = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
  fc.integer({ min: 0, max: 20 }).map((x) => x * 900),
  fc.constant(NaN),
);
const trialOf = (minLength: number, maxLength: number) => fc.array(value, { minLength, maxLength }).chain((values) =>
  fc.oneof(
    fc.constant<Input>({ kind: 'trial', values }),
    fc.subarray(values.map((_, i) => i)).map((indices): Input => ({ kind: 'trial', values, indices })),
  ),
);
const trial = trialOf(0, 60);
const single = value.map((v): Input => ({ kind: 'value', value: v }));

describe('SummaryBuilder', () => {
  test('gives exactly the sort-based summary: trials (with index subsets), single values, both, with and without CDF', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(trial, single), { maxLength: 80 }), fc.boolean(), (inputs, withCdf) => {
        const builder = new SummaryBuilder();
        feed(builder, inputs);
        expect(builder.build(withCdf)).toEqual(reference(inputs, withCdf));
      }),
      { numRuns: 300 },
    );
  });

  test('large samples (the bucketed selection path), sized or not in advance', () => {
    fc.assert(
      fc.property(fc.array(trialOf(80, 120), { minLength: 20, maxLength: 40 }), fc.nat({ max: 5000 }), (inputs, expected) => {
        const builder = new SummaryBuilder(expected);
        feed(builder, inputs);
        expect(builder.build()).toEqual(reference(inputs, true));
      }),
      { numRuns: 40 },
    );
  });

  test('build can be called again, also after more values', () => {
    const first: Input[] = [{ kind: 'trial', values: [5, 1, NaN, 3] }, { kind: 'trial', values: [2, 2, 9] }];
    const more: Input[] = [{ kind: 'trial', values: [0.1, 7] }];
    const builder = new SummaryBuilder();
    feed(builder, first);
    expect(builder.build()).toEqual(reference(first, true));
    expect(builder.build(false)).toEqual(reference(first, false));
    feed(builder, more);
    expect(builder.build()).toEqual(reference([...first, ...more], true));
  });

  test('a summary computed by hand: type-7 quantiles and a t-interval from per-trial means', () => {
    const builder = new SummaryBuilder();
    builder.addTrial(Float64Array.from([5, 1, 3]));
    builder.addTrial(Float64Array.from([2, 2, 9]));
    const s = builder.build();
    // Values 1, 2, 2, 3, 5, 9: mean 22/6; p50 at h = 5·0.5 = 2.5 → 2 + 0.5·(3 − 2) = 2.5;
    // p95 at h = 4.75 → 5 + 0.75·(9 − 5) = 8. Per-trial means 3 and 13/3: their mean 11/3, sd (4/3)/√2,
    // so the 95% half-width is t(0.975, 1) · sd/√2 = 12.7062 · 2/3 = 8.4708.
    expect(s.count).toBe(6);
    expect(s.mean).toBeCloseTo(22 / 6, 6);
    expect([s.p50, s.p95, s.max]).toEqual([2.5, 8, 9]);
    expect(s.cdf[0]).toBe(1);
    expect(s.cdf[100]).toBe(9);
    expect(s.ciLow).toBeCloseTo(11 / 3 - 12.7062 * (2 / 3), 3);
    expect(s.ciHigh).toBeCloseTo(11 / 3 + 12.7062 * (2 / 3), 3);
  });

  test('no values: the empty summary; one value: everything is that value', () => {
    expect(new SummaryBuilder().build()).toEqual(emptySummary());
    const one = new SummaryBuilder(1);
    one.addValue(42);
    expect(one.build(false)).toEqual({ count: 1, censored: 0, mean: 42, ciLow: 42, ciHigh: 42, p50: 42, p95: 42, p99: 42, max: 42, cdf: [] });
  });
});

describe('censoring: a VM not recovered is later than the horizon, never dropped, never 0', () => {
  test('percentiles count it as +∞; the mean is unknown', () => {
    // Trial 1: 1, 2, 3 s and one VM not recovered; trial 2: 4 s. Sorted with +∞ on top: 1 2 3 4 ∞ (n = 5).
    // Type-7 p: h = 4p. p50: h = 2 → 3. p95: h = 3.8 → between 4 and ∞ → null. p75: h = 3 → exactly 4.
    const b = new SummaryBuilder();
    b.addTrial([1, 2, 3, NaN]);
    b.addTrial([4]);
    const s = b.build();
    expect(s).toMatchObject({ count: 5, censored: 1, mean: null, ciLow: null, ciHigh: null, p50: 3, p95: null, p99: null, max: null });
    expect(s.cdf[75]).toBe(4);
    expect(s.cdf[80]).toBeNull();
    expect(s.cdf[0]).toBe(1);
  });

  test('fewer DR hosts cannot look faster: recovering fewer VMs moves p95 up, not down', () => {
    const all = new SummaryBuilder();
    all.addTrial([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    const fewer = new SummaryBuilder();
    fewer.addTrial([100, 200, 300, 400, 500, 600, 700, NaN, NaN, NaN]);
    expect(all.build().p95).toBe(955);
    expect(fewer.build().p95).toBeNull();
    // Dropping the three (the old behaviour) would have reported p95 = 670 s: faster than recovering them all.
  });

  test('a strategy that recovers nothing reports no number at all, not 0', () => {
    const b = new SummaryBuilder();
    b.addTrial([NaN, NaN]);
    b.addValue(NaN);
    const s = b.build();
    expect(s).toMatchObject({ count: 3, censored: 3, mean: null, p50: null, p95: null, max: null });
    expect(s.cdf.every((x) => x === null)).toBe(true);
  });
});
