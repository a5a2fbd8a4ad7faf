import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { quantileSorted, quantilesBySelection } from '../../src/sim/quantiles.js';
import { sample } from './samples.js';

const quantiles = (values: number[], ps: number[]): number[] => quantilesBySelection(Float64Array.from(values), ps);

describe('exact quantiles (type 7)', () => {
  test('match numpy.quantile (method="linear") on small hand examples', () => {
    // numpy: np.quantile([3,1,4,1,5,9,2,6], [0, .1, .25, .33, .5, .9, 1])
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const got = quantiles(x, [0, 0.1, 0.25, 0.33, 0.5, 0.9, 1]);
    const numpy = [1, 1, 1.75, 2.31, 3.5, 6.9, 9];
    got.forEach((q, i) => expect(q).toBeCloseTo(numpy[i], 12));
    expect(quantiles([7], [0, 0.5, 1])).toEqual([7, 7, 7]);
    expect(quantiles([1.5, -2], [0.3, 0.75])).toEqual([expect.closeTo(-0.95, 12), expect.closeTo(0.625, 12)]);
  });

  test('quantileSorted on a typed array; edge cases', () => {
    const sorted = Float64Array.from([10, 20, 30, 40]);
    expect(quantileSorted(sorted, 0.5)).toBe(25);
    expect(quantileSorted(sorted, 1 / 3)).toBeCloseTo(20, 12);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted(sorted, -0.1)).toThrow(/probability/);
    expect(() => quantiles([1, NaN], [0.5])).toThrow(/values\[1\] is NaN/);
  });

  test('quantilesBySelection does not reorder its input', () => {
    const x = Float64Array.of(3, 1, 2);
    quantilesBySelection(x, [0.5]);
    expect(x).toEqual(Float64Array.of(3, 1, 2));
  });
});

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
