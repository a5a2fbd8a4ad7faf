/** A stretched distribution draws c times what the original draws from the same random numbers. */
import { describe, expect, test } from '@jest/globals';
import { makeDistribution, type DistributionSpec } from '../../src/sim/distributions.js';
import { scaleDistribution } from '../../src/sim/distribution-scale.js';
import { RandomStreams } from '../../src/sim/random.js';

const SPECS: DistributionSpec[] = [
  { kind: 'deterministic', value: 600 },
  { kind: 'uniform', min: 60, max: 900 },
  { kind: 'exponential', mean: 1800 },
  { kind: 'normal', mean: 3600, sd: 600, truncateAtZero: true },
  { kind: 'lognormal', median: 900, p95: 14400 },
  { kind: 'lognormal', mean: 1200, sd: 400 },
  { kind: 'weibull', shape: 1.5, scale: 3600 },
  { kind: 'triangular', min: 300, mode: 600, max: 1800 },
  { kind: 'pert', min: 300, mode: 600, max: 1800 },
  { kind: 'empirical', values: [60, 600, 6000], weights: [1, 2, 1] },
  { kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 600, p: 0.5 }, { value: 3600, p: 1 }] },
];

describe('scaleDistribution', () => {
  test.each(SPECS.map((s) => [s.kind, s] as const))('%s: same stream → c × the draw; mean × c; variance × c²', (_, spec) => {
    for (const c of [0.5, 1, 3]) {
      const original = makeDistribution(spec);
      const scaled = makeDistribution(scaleDistribution(spec, c));
      const a = new RandomStreams(42).stream('x', 0);
      const b = new RandomStreams(42).stream('x', 0);
      for (let i = 0; i < 200; i++) {
        const x = original.sample(a);
        expect(scaled.sample(b)).toBeCloseTo(c * x, Math.max(0, 9 - Math.ceil(Math.log10(Math.max(1, c * x)))));
      }
      expect(scaled.mean() / original.mean()).toBeCloseTo(c, 9);
      if (original.variance() > 0) expect(scaled.variance() / original.variance()).toBeCloseTo(c * c, 9);
    }
  });

  test('a factor of 1 gives the same spec; zero, negative and non-finite factors are refused', () => {
    for (const spec of SPECS) expect(scaleDistribution(spec, 1)).toEqual(spec);
    expect(() => scaleDistribution(SPECS[0]!, 0)).toThrow(/scale factor/);
    expect(() => scaleDistribution(SPECS[0]!, -1)).toThrow(/scale factor/);
    expect(() => scaleDistribution(SPECS[0]!, Infinity)).toThrow(/scale factor/);
  });
});
