import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { orderStatistics, selectRanks } from '../../src/sim/order-statistics.js';
import { sample } from './samples.js';

/** Distinct ascending ranks in [0, n) from arbitrary picks. */
const ranksFor = (n: number, picks: number[]): number[] => [...new Set(picks.map((r) => (n > 0 ? r % n : 0)))].filter((r) => r < n).sort((a, b) => a - b);

describe('orderStatistics', () => {
  test('gives the sorted sample\'s values at the wanted ranks (bucketed past 1,024 values, selected below)', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 30 }), (raw, picks) => {
        const values = raw.map((x) => (x === 0 ? 0 : x)); // no −0, as the caller guarantees
        if (values.length === 0) return;
        const ranks = Int32Array.from(ranksFor(values.length, picks));
        const before = values.slice();
        let min = Infinity;
        let max = -Infinity;
        for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
        const sorted = values.slice().sort();
        expect(orderStatistics(values, ranks, min, max)).toEqual(Float64Array.from(ranks, (r) => sorted[r]));
        expect(values).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});

describe('selectRanks', () => {
  test('puts the sorted array\'s value at every wanted rank, and only permutes', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 30 }), (raw, picks) => {
        const values = raw.map((x) => (x === 0 ? 0 : x)); // no −0: selection does not tell it from +0
        const n = values.length;
        const ranks = ranksFor(n, picks);
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
