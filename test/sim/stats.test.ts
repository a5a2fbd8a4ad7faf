import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../src/sim/random.js';
import { Tally, TimeWeighted, confidenceInterval, tallyConfidenceInterval } from '../../src/sim/stats.js';
import {
  gammaFunction, normalCdf, normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTQuantile,
} from '../../src/sim/student-t.js';

const relClose = (a: number, b: number, rel: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

describe('Tally', () => {
  test('hand example', () => {
    const t = new Tally();
    [2, 4, 4, 4, 5, 5, 7, 9].forEach((x) => t.add(x));
    expect(t.count).toBe(8);
    expect(t.mean).toBe(5);
    expect(t.variance).toBeCloseTo(32 / 7, 14);
    expect(t.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect([t.min, t.max, t.sum]).toEqual([2, 9, 40]);
  });

  test('empty and single-observation tallies', () => {
    const t = new Tally();
    expect([t.count, t.mean, t.variance, t.min, t.max, t.sum]).toEqual([0, NaN, NaN, NaN, NaN, 0]);
    t.add(3);
    expect([t.mean, t.variance, t.min, t.max]).toEqual([3, NaN, 3, 3]);
    expect(() => t.add(NaN)).toThrow(/NaN/);
  });

  test('Welford stays accurate with a large offset', () => {
    const t = new Tally();
    for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) t.add(x);
    expect(t.variance).toBeCloseTo(30, 6);
  });

  test('merge equals one pass, whatever the split', () => {
    const rng = new RandomStreams(3).stream('tally');
    const xs = Array.from({ length: 10_001 }, () => rng.exponential(50) + 1e6);
    const single = new Tally();
    xs.forEach((x) => single.add(x));
    for (const parts of [2, 3, 7, 64]) {
      const tallies = Array.from({ length: parts }, () => new Tally());
      xs.forEach((x, i) => tallies[Math.floor((i * parts) / xs.length)].add(x));
      const merged = tallies.reduce((acc, t) => acc.merge(t), new Tally());
      expect(merged.count).toBe(single.count);
      relClose(merged.mean, single.mean, 1e-14);
      relClose(merged.variance, single.variance, 1e-9);
      expect([merged.min, merged.max]).toEqual([single.min, single.max]);
      relClose(merged.sum, single.sum, 1e-14);
    }
  });

  test('merging with empty tallies changes nothing; merge returns the receiver', () => {
    const a = new Tally();
    [1, 2, 3].forEach((x) => a.add(x));
    expect(a.merge(new Tally())).toBe(a);
    expect(new Tally().merge(a).toJSON()).toEqual(a.toJSON());
  });

  test('toJSON/fromJSON round-trip, through JSON text', () => {
    const a = new Tally();
    [1, 5, 2].forEach((x) => a.add(x));
    const back = Tally.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(back.toJSON()).toEqual(a.toJSON());
    const empty = Tally.fromJSON(JSON.parse(JSON.stringify(new Tally())));
    empty.add(4);
    expect([empty.min, empty.max]).toEqual([4, 4]);
  });
});

describe('TimeWeighted', () => {
  test('hand computation', () => {
    // Level 0 on [0,2), 3 on [2,5), 1 on [5,6), 4 on [6,10): integral 0 + 9 + 1 + 16 = 26.
    const tw = new TimeWeighted(0, 0);
    tw.update(2, 3);
    tw.update(5, 1);
    tw.update(6, 4);
    expect(tw.integral()).toBe(10);
    expect(tw.integral(10)).toBe(26);
    expect(tw.mean(10)).toBe(2.6);
    expect([tw.min, tw.max, tw.current, tw.lastUpdateTime]).toEqual([0, 4, 4, 6]);
  });

  test('start time and initial value; zero-length updates count for min/max only', () => {
    const tw = new TimeWeighted(100, 2);
    tw.update(100, 9);
    tw.update(100, 1);
    tw.update(104, 3);
    expect(tw.integral(110)).toBe(4 * 1 + 6 * 3);
    expect(tw.mean(110)).toBeCloseTo(22 / 10, 14);
    expect([tw.min, tw.max]).toEqual([1, 9]);
    expect(tw.mean(100)).toBeNaN();
  });

  test('time must not go backwards', () => {
    const tw = new TimeWeighted();
    tw.update(5, 1);
    expect(() => tw.update(4, 2)).toThrow(/expected time ≥ 5, got 4/);
    expect(() => tw.mean(3)).toThrow(/untilTime/);
  });
});

describe('normal and Student-t functions', () => {
  test('normalQuantile at known points (AS 241)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    relClose(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    relClose(normalQuantile(1e-300), -37.0470962993612, 1e-13); // r > 5 branch
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.1)).toBeNaN();
  });

  test('normalCdf at known points, inverse of normalQuantile', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    relClose(normalCdf(-3), 0.0013498980316300946, 1e-12);
    relClose(normalCdf(-10), 7.619853024160527e-24, 1e-11);
    for (const p of [1e-12, 0.01, 0.3, 0.7, 0.99]) relClose(normalCdf(normalQuantile(p)), p, 1e-12);
  });

  test('gamma function', () => {
    expect(gammaFunction(5)).toBeCloseTo(24, 12);
    relClose(gammaFunction(0.5), Math.sqrt(Math.PI), 1e-14);
    relClose(gammaFunction(0.1), 9.513507698668732, 1e-13);
    relClose(gammaFunction(101), 9.33262154439441e157, 1e-12);
  });

  test('incomplete beta: closed forms', () => {
    // I_x(1, b) = 1 − (1 − x)^b; I_x(a, 1) = x^a; I_x(2, 2) = 3x² − 2x³.
    relClose(regularizedIncompleteBeta(1, 3.5, 0.2), 1 - 0.8 ** 3.5, 1e-13);
    relClose(regularizedIncompleteBeta(2.5, 1, 0.7), 0.7 ** 2.5, 1e-13);
    relClose(regularizedIncompleteBeta(2, 2, 0.9), 3 * 0.81 - 2 * 0.729, 1e-13);
  });

  test('t quantiles match the table', () => {
    // Table values (3 decimals), then more digits from scipy.stats.t.ppf.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(studentTQuantile(0.995, 29)).toBeCloseTo(2.756, 3);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.960, 3);
    relClose(studentTQuantile(0.975, 1), 12.706204736174694, 1e-13);
    relClose(studentTQuantile(0.975, 2), 4.302652729749464, 1e-13);
    relClose(studentTQuantile(0.975, 3), 3.1824463052837078, 1e-11);
    relClose(studentTQuantile(0.975, 29), 2.045229642132703, 1e-11);
    relClose(studentTQuantile(0.995, 29), 2.756385903670605, 1e-11);
    relClose(studentTQuantile(0.95, 9), 1.833112932656237, 1e-11);
    relClose(studentTQuantile(0.9999, 7), 7.063432828157639, 1e-11);
    relClose(studentTQuantile(0.975, 1000), 1.9623390808264083, 1e-12);
    relClose(studentTQuantile(0.6, 10), 0.2601848294920803, 1e-11);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
  });

  test('t quantile inverts the t CDF for fractional and large df', () => {
    for (const df of [0.5, 1.5, 3, 10.25, 50, 1000, 99_999, 100_001, 1e8]) {
      for (const p of [1e-9, 0.001, 0.05, 0.3, 0.49, 0.51, 0.9, 0.999]) {
        const tail = Math.min(p, 1 - p);
        const back = studentTCdf(studentTQuantile(p, df), df);
        expect(Math.abs(back - p) / tail).toBeLessThan(1e-9);
      }
    }
  });

  test('bad arguments', () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(/degrees of freedom/);
    expect(() => studentTQuantile(1.5, 3)).toThrow(/p: expected a probability/);
  });
});

describe('confidence intervals', () => {
  test('Student-t half width', () => {
    const ci = confidenceInterval(10, 2, 30);
    expect(ci.mean).toBe(10);
    expect(ci.halfWidth).toBeCloseTo((2.045229642132703 * 2) / Math.sqrt(30), 12);
    expect(ci.low).toBeCloseTo(10 - ci.halfWidth, 14);
    expect(ci.high).toBeCloseTo(10 + ci.halfWidth, 14);
    expect(confidenceInterval(10, 2, 30, 0.99).halfWidth).toBeCloseTo((2.756385903670605 * 2) / Math.sqrt(30), 11);
  });

  test('fewer than two observations: unknown width', () => {
    expect(confidenceInterval(5, 0, 1).halfWidth).toBeNaN();
    const t = new Tally();
    t.add(5);
    expect(tallyConfidenceInterval(t)).toEqual({ mean: 5, low: NaN, high: NaN, halfWidth: NaN });
    expect(() => confidenceInterval(1, 1, 10, 1)).toThrow(/level/);
  });

  test('coverage: about 95% of intervals from normal samples contain the mean', () => {
    // 2000 intervals of 5 observations: coverage ~ Binomial(2000, 0.95)/2000, sd 0.0049;
    // a z-interval (1.96 instead of 2.776) would cover only ~88%.
    const streams = new RandomStreams('coverage');
    let covered = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const rng = streams.stream('obs', trial);
      const t = new Tally();
      for (let i = 0; i < 5; i++) t.add(rng.normal(7, 3));
      const ci = tallyConfidenceInterval(t);
      if (ci.low <= 7 && 7 <= ci.high) covered++;
    }
    expect(Math.abs(covered / 2000 - 0.95)).toBeLessThan(0.0165);
  });
});
