/** Break-even by hand: two strategies whose annual totals are outlays + rate × consequence. */
import { describe, expect, test } from '@jest/globals';
import { crossings, lineThrough, onLine } from '../../src/experiment/break-even.js';

describe('break-even', () => {
  test('tape (cheap, hurts in a disaster) against replication (dear, hurts little): they cost the same at 0.05/year', () => {
    // Tape: 1,000 a year + 50,000 per disaster; replication: 3,000 a year + 10,000 per disaster.
    // 1,000 + 50,000 r = 3,000 + 10,000 r  ⇔  r = 2,000 / 40,000 = 0.05, where both cost 3,500.
    const tape = lineThrough('tape', 0.01, 1_000 + 50_000 * 0.01, 0.1, 1_000 + 50_000 * 0.1)!;
    const replication = lineThrough('replication', 0.01, 3_000 + 10_000 * 0.01, 0.1, 3_000 + 10_000 * 0.1)!;
    expect(tape.intercept).toBeCloseTo(1_000, 9);
    expect(tape.slope).toBeCloseTo(50_000, 9);
    const [c, ...rest] = crossings([tape, replication]);
    expect(rest).toEqual([]);
    expect(c!.factor).toBeCloseTo(0.05, 12);
    expect(c!.total).toBeCloseTo(3_500, 6);
    expect(c!.cheaperBelow).toBe('tape');
    expect(c!.cheaperAbove).toBe('replication');
    expect(c!.changesCheapest).toBe(true);
  });

  test('parallel lines (the same consequence) never cross, nor do lines that meet only at a negative rate', () => {
    expect(crossings([{ name: 'a', intercept: 1, slope: 5 }, { name: 'b', intercept: 2, slope: 5 }])).toEqual([]);
    // Slopes equal but for the results' rounding: parallel too (a crossing there would be noise).
    expect(crossings([{ name: 'a', intercept: 1, slope: 35_651.000001 }, { name: 'b', intercept: 2, slope: 35_651.0000015 }])).toEqual([]);
    // a: 10 + 1 f, b: 5 + 2 f meet at f = 5; c: 1 + 3 f and a meet at f = 4.5; b and c at f = 4.
    const all = crossings([{ name: 'a', intercept: 10, slope: 1 }, { name: 'b', intercept: 5, slope: 2 }, { name: 'c', intercept: 1, slope: 3 }]);
    expect(all.map((x) => x.factor)).toEqual([4, 4.5, 5]);
    // c is cheapest until 4 (13 each, a 14), then b until 5 (15 each), then a; at 4.5 a and c swap above b (14 < 14.5).
    expect(all.map((x) => x.changesCheapest)).toEqual([true, false, true]);
    expect(all.map((x) => `${x.cheaperBelow}<${x.cheaperAbove}`)).toEqual(['c<b', 'c<a', 'b<a']);
    expect(crossings([{ name: 'a', intercept: 1, slope: 1 }, { name: 'b', intercept: 2, slope: 2 }])).toEqual([]);
  });

  test('a point is on a line to the results\' rounding, not beyond', () => {
    const l = lineThrough('x', 0.5, 100, 1.5, 300)!;
    expect(onLine(l, 1, 200.000001)).toBe(true);
    expect(onLine(l, 1, 200.01)).toBe(false);
    expect(lineThrough('x', 1, 5, 1, 5)).toBeNull();
  });
});
