import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../src/sim/random.js';
import { Tally, TimeWeighted, confidenceInterval, tallyConfidenceInterval } from '../../src/sim/stats.js';

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
