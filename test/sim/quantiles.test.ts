import { describe, expect, test } from '@jest/globals';
import { quantileSorted, quantilesBySelection } from '../../src/sim/quantiles.js';

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
