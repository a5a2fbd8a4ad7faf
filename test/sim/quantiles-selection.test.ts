import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { quantileSorted, quantilesBySelection, selectRanks } from '../../src/sim/quantiles.js';

/** What summaries ask for: the 101 CDF points, then p50, p95, p99 (and 1 for the maximum). */
const CDF = [...Array.from({ length: 101 }, (_, i) => i / 100), 0.5, 0.95, 0.99];
const FEW = [0.5, 0.95, 0.99, 1];

/** Bit-for-bit equality (toBe uses Object.is: −0 ≠ +0, NaN = NaN). */
function expectSameBits(got: number[], want: number[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBe(want[i]));
}

const sortedQuantiles = (values: Float64Array, ps: readonly number[]) => {
  const sorted = values.slice().sort();
  return ps.map((p) => quantileSorted(sorted, p));
};

/** Samples with many ties, tiny ones, large ones (past the bucketing threshold), skewed ones. */
const doubles = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const tied = fc.integer({ min: -5, max: 5 }).map((x) => x * 3600);
const sample = fc.oneof(
  fc.array(doubles, { minLength: 0, maxLength: 40 }),
  fc.array(tied, { minLength: 1, maxLength: 3000 }),
  fc.array(fc.oneof(doubles, tied), { minLength: 1000, maxLength: 5000 }),
  fc.array(fc.double({ noNaN: true, min: 0, max: 1, noDefaultInfinity: true }).map((u) => Math.exp(30 * u)), { minLength: 1000, maxLength: 5000 }),
).map((a) => Float64Array.from(a));
const probabilities = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 12 });

describe('quantilesBySelection', () => {
  test('equals quantileSorted on the sorted sample, bit for bit (ties, tiny and large samples)', () => {
    fc.assert(
      fc.property(sample, probabilities, (values, ps) => {
        const before = values.slice();
        for (const qs of [CDF, FEW, ps]) expectSameBits(quantilesBySelection(values, qs), sortedQuantiles(values, qs));
        expect(values).toEqual(before); // left as it is
      }),
      { numRuns: 300 },
    );
  });

  test('n = 1 and n = 2; an empty sample gives NaN', () => {
    expectSameBits(quantilesBySelection(Float64Array.of(7), FEW), [7, 7, 7, 7]);
    expectSameBits(quantilesBySelection(Float64Array.of(3, 1), [0, 0.25, 1]), [1, 1.5, 3]);
    expectSameBits(quantilesBySelection(new Float64Array(0), [0, 0.5, 1]), [NaN, NaN, NaN]);
  });

  test('all values equal, infinities, and −0 among +0 (sorted first, as a sort does)', () => {
    const same = new Float64Array(5000).fill(42);
    expectSameBits(quantilesBySelection(same, CDF), sortedQuantiles(same, CDF));
    const withInfinity = Float64Array.from({ length: 3000 }, (_, i) => (i % 1000 === 0 ? Infinity : i));
    expectSameBits(quantilesBySelection(withInfinity, CDF), sortedQuantiles(withInfinity, CDF));
    const zeros = Float64Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i));
    expectSameBits(quantilesBySelection(zeros, CDF), sortedQuantiles(zeros, CDF));
  });

  test('a huge outlier (everything else in one bucket) and an ascending sample', () => {
    const outlier = Float64Array.from({ length: 20000 }, (_, i) => (i === 7 ? 1e15 : (i * 7919) % 10007));
    expectSameBits(quantilesBySelection(outlier, CDF), sortedQuantiles(outlier, CDF));
    const ascending = Float64Array.from({ length: 20000 }, (_, i) => i / 3);
    expectSameBits(quantilesBySelection(ascending, CDF), sortedQuantiles(ascending, CDF));
  });

  test('throws on NaN and on a probability outside [0, 1]', () => {
    expect(() => quantilesBySelection(Float64Array.of(1, NaN), [0.5])).toThrow(/values\[1\] is NaN/);
    expect(() => quantilesBySelection(Float64Array.of(1), [1.5])).toThrow(/probability/);
  });
});

describe('selectRanks', () => {
  test('puts the sorted array\'s value at every wanted rank, and only permutes', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 30 }), (raw, picks) => {
        const values = raw.map((x) => (x === 0 ? 0 : x)); // no −0: selection does not tell it from +0
        const n = values.length;
        const ranks = [...new Set(picks.map((r) => (n > 0 ? r % n : 0)))].filter((r) => r < n).sort((a, b) => a - b);
        const a = values.slice();
        selectRanks(a, ranks);
        const sorted = values.slice().sort();
        for (const r of ranks) expect(a[r]).toBe(sorted[r]);
        expect(a.slice().sort()).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });
});
