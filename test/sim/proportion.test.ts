import { describe, expect, test } from '@jest/globals';
import { fractionInterval, wilsonInterval } from '../../src/sim/proportion.js';
import { RandomStreams } from '../../src/sim/random.js';

describe('proportion intervals', () => {
  test('Wilson: textbook values', () => {
    // 0 of 10 at 95% (z = 1.95996): [0, z²/(n + z²)] = [0, 0.27753]; 10 of 10: [0.72247, 1].
    const z2 = 1.959964 ** 2;
    expect(wilsonInterval(0, 10).high).toBeCloseTo(z2 / (10 + z2), 5);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(10 / (10 + z2), 5);
    // 81 of 263 (Wilson 1927 / Newcombe 1998 example 1): [0.2553, 0.3662].
    const w = wilsonInterval(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });

  test('per-trial fractions: a t-interval, clipped; identical trials fall back to Wilson over the trials', () => {
    // 0.9, 1, 0.8: mean 0.9, sd 0.1, t(0.975, 2) = 4.302653 → ± 0.24842, clipped at 1.
    const i = fractionInterval([0.9, 1, 0.8]);
    expect(i.low).toBeCloseTo(0.9 - (4.302653 * 0.1) / Math.sqrt(3), 5);
    expect(i.high).toBe(1);
    expect(fractionInterval([1, 1, 1, 1, 1])).toEqual(wilsonInterval(5, 5));
  });

  test('coverage: about 95% of intervals contain the true fraction (2,000 experiments, 4-sigma band)', () => {
    const rng = new RandomStreams(5).stream('coverage');
    let covered = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      // 30 trials, each the share of 20 VMs meeting a target with probability 0.9.
      const fractions = Array.from({ length: 30 }, () => {
        let k = 0;
        for (let v = 0; v < 20; v++) if (rng.uniform(0, 1) < 0.9) k++;
        return k / 20;
      });
      const i = fractionInterval(fractions);
      if (i.low <= 0.9 && 0.9 <= i.high) covered++;
    }
    // Binomial sd of the coverage at 0.95: √(0.95·0.05/2000) = 0.0049; 4 sd = 0.0195.
    expect(Math.abs(covered / runs - 0.95)).toBeLessThan(0.0195);
  });
});
