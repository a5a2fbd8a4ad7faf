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
 * sorted copy. SummaryBuilder must give exactly these numbers.
 */
function reference(inputs: Input[], withCdf: boolean): Summary {
  const trials: number[] = [];
  const singles: number[] = [];
  const means = new Tally();
  for (const input of inputs) {
    if (input.kind === 'value') {
      if (Number.isNaN(input.value)) continue;
      singles.push(input.value);
      means.add(input.value);
      continue;
    }
    const picked = (input.indices ?? input.values.map((_, i) => i)).map((i) => input.values[i]).filter((v) => !Number.isNaN(v));
    if (picked.length === 0) continue;
    trials.push(...picked);
    means.add(picked.reduce((a, b) => a + b, 0) / picked.length);
  }
  const all = Float64Array.from([...trials, ...singles]);
  if (all.length === 0) return emptySummary();
  let sum = 0;
  for (const v of all) sum += v;
  all.sort();
  const mean = sum / all.length;
  const ci = tallyConfidenceInterval(means);
  const low = Number.isFinite(ci.low) ? ci.low : mean;
  const high = Number.isFinite(ci.high) ? ci.high : mean;
  return {
    count: all.length,
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
    builder.addTrial(Float64Array.from([5, 1, NaN, 3]));
    builder.addTrial(Float64Array.from([2, 2, 9]));
    const s = builder.build();
    // Values 1, 2, 2, 3, 5, 9 (NaN skipped): mean 22/6; p50 at h = 5·0.5 = 2.5 → 2 + 0.5·(3 − 2) = 2.5;
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
    expect(one.build(false)).toEqual({ count: 1, mean: 42, ciLow: 42, ciHigh: 42, p50: 42, p95: 42, p99: 42, max: 42, cdf: [] });
  });
});
