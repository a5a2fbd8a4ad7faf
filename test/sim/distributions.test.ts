import { describe, expect, test } from '@jest/globals';
import { DistributionError, makeDistribution, type Distribution, type DistributionSpec } from '../../src/sim/distributions.js';
import { RandomStreams } from '../../src/sim/random.js';
import { normalCdf, regularizedIncompleteBeta } from '../../src/sim/student-t.js';

const N = 200_000;
const streams = new RandomStreams('distributions-test');

/**
 * Tolerances. With N = 200k draws the sample mean's z-score (x̄ − μ)/(σ/√N) is N(0,1) to within
 * CLT error, and so, asymptotically, is the sample variance's (s² − σ²)/√((m₄ − s⁴)/N), with the
 * fourth central moment m₄ estimated from the same sample. |z| < 3.29 is a 99.9% band. The seed is
 * fixed, so each check is deterministic: a correct sampler fails it for about 1 seed in 1000, while
 * a wrong parameter conversion (a mean or variance off by 1%) sits tens of standard errors out.
 */
const Z999 = 3.2905;

function moments(dist: Distribution, name: string): { mean: number; variance: number; m4: number } {
  const rng = streams.stream(name);
  const xs = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) { xs[i] = dist.sample(rng); sum += xs[i]; }
  const mean = sum / N;
  let m2 = 0, m4 = 0;
  for (let i = 0; i < N; i++) { const d = (xs[i] - mean) ** 2; m2 += d; m4 += d * d; }
  return { mean, variance: m2 / (N - 1), m4: m4 / N };
}

/**
 * Each spec with its mean and variance in closed form from the parameters — never from the distribution's
 * own mean()/variance(). Γ and Φ values were computed independently (Python's math.gamma and math.erfc).
 * Truncated normal (X | X ≥ 0): α = −μ/σ, λ = φ(α)/(1 − Φ(α)); mean μ + σλ, variance σ²(1 + αλ − λ²).
 * Lognormal: mean exp(μ + σ²/2), variance (exp(σ²) − 1)·exp(2μ + σ²); from {median, p95}: μ = ln median,
 * σ = ln(p95/median)/z₀.₉₅. Weibull(k, λ): mean λΓ(1 + 1/k), variance λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²).
 * Triangular(a, c, b): mean (a + b + c)/3, variance (a² + b² + c² − ab − ac − bc)/18. PERT(a, m, b) is
 * a + (b − a)·Beta(α, β), α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a): mean a + (b − a)α/(α + β),
 * variance (b − a)²αβ/((α + β)²(α + β + 1)).
 */
const specs: [string, DistributionSpec, number, number][] = [
  ['deterministic', { kind: 'deterministic', value: 4 }, 4, 0],
  ['uniform', { kind: 'uniform', min: -1, max: 5 }, 2, 6 ** 2 / 12],
  ['exponential', { kind: 'exponential', mean: 3600 }, 3600, 3600 ** 2],
  ['normal', { kind: 'normal', mean: 10, sd: 2 }, 10, 4],
  // α = −5: λ = φ(5)/Φ(5) ≈ 1.4867e-6, a shift of 3e-6.
  ['normal truncated far from zero', { kind: 'normal', mean: 10, sd: 2, truncateAtZero: true }, 10.000002973439882, 3.9999702655923404],
  // α = −0.5: λ = φ(0.5)/Φ(0.5) = 0.352065/0.691462 = 0.509160.
  ['normal truncated near zero', { kind: 'normal', mean: 1, sd: 2, truncateAtZero: true }, 2.018320867674067, 1.944701742785468],
  // α = 3: λ = φ(3)/(1 − Φ(3)) = 0.0044318/0.0013499 = 3.283099.
  ['normal truncated below zero', { kind: 'normal', mean: -3, sd: 1, truncateAtZero: true }, 0.2830986549304151, 0.07055918678534567],
  // Moment-matched: the mean and sd are the parameters.
  ['lognormal mean/sd', { kind: 'lognormal', mean: 100, sd: 50 }, 100, 2500],
  // μ = ln 60, σ = ln 4 / 1.644854 = 0.842807: mean 60·exp(σ²/2).
  ['lognormal median/p95', { kind: 'lognormal', median: 60, p95: 240 }, 85.58469664280827, 7578.543160075873],
  // Γ(1 + 1/0.7) = 1.265824, Γ(1 + 2/0.7) = 4.829152.
  ['weibull shape 0.7', { kind: 'weibull', shape: 0.7, scale: 1000 }, 1265.8235060572833, 3426835.553653152],
  // Γ(4/3) = 0.892980, Γ(5/3) = 0.902745.
  ['weibull shape 3', { kind: 'weibull', shape: 3, scale: 20 }, 17.85959023138499, 42.1331539473913],
  ['triangular', { kind: 'triangular', min: 1, mode: 2, max: 6 }, 3, (1 + 4 + 36 - 2 - 6 - 12) / 18],
  // α = 1.8, β = 4.2: mean 1 + 5·0.3 = 2.5 (= (1 + 4·2 + 6)/6), variance 25·7.56/(36·7) = 0.75.
  ['pert', { kind: 'pert', min: 1, mode: 2, max: 6 }, 2.5, 0.75],
  // α = β = 3: variance 100·9/(36·7).
  ['pert symmetric', { kind: 'pert', min: 0, mode: 5, max: 10 }, 5, 900 / 252],
  // P = 0.1, 0.2, 0.7 on 5, 1, 3: E[X] = 2.8, E[X²] = 9.0.
  ['empirical', { kind: 'empirical', values: [5, 1, 3], weights: [1, 2, 7] }, 2.8, 9 - 2.8 ** 2],
  // E[X] = 20/4, E[X²] = (4 + 16 + 16 + 100)/4 = 34.
  ['empirical equal weights', { kind: 'empirical', values: [2, 4, 4, 10] }, 5, 34 - 25],
  // U(0, 10) with mass 0.5, an atom at 10 with 0.1, U(10, 50) with 0.4:
  // E[X] = 2.5 + 1 + 12 = 15.5; E[X²] = 0.5·100/3 + 0.1·100 + 0.4·(100 + 500 + 2500)/3 = 440.
  ['empiricalCdf', { kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 10, p: 0.5 }, { value: 10, p: 0.6 }, { value: 50, p: 1 }] }, 15.5, 440 - 15.5 ** 2],
];

describe('mean() and variance() equal the closed forms from the parameters', () => {
  test.each(specs)('%s', (_, spec, mean, variance) => {
    const dist = makeDistribution(spec);
    // Relative 1e-9: the closed forms above carry 15–16 significant digits.
    expect(Math.abs(dist.mean() - mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(mean)));
    expect(Math.abs(dist.variance() - variance)).toBeLessThanOrEqual(1e-9 * Math.max(1, variance));
  });
});

describe('sample moments match the closed-form mean and variance (200k draws, 99.9% bands)', () => {
  test.each(specs)('%s', (name, spec, mu, sigma2) => {
    const dist = makeDistribution(spec);
    const { mean, variance, m4 } = moments(dist, name);
    if (sigma2 === 0) {
      expect(mean).toBe(mu);
      expect(variance).toBe(0);
      return;
    }
    const zMean = (mean - mu) / Math.sqrt(sigma2 / N);
    const zVar = (variance - sigma2) / Math.sqrt((m4 - variance * variance) / N);
    expect(Math.abs(zMean)).toBeLessThan(Z999);
    expect(Math.abs(zVar)).toBeLessThan(Z999);
  });
});

describe('analytic moments of the parameter conversions', () => {
  test('lognormal from mean/sd keeps the mean and sd', () => {
    const d = makeDistribution({ kind: 'lognormal', mean: 100, sd: 50 });
    expect(d.mean()).toBeCloseTo(100, 10);
    expect(Math.sqrt(d.variance())).toBeCloseTo(50, 9);
  });
  test('PERT mean is (min + 4·mode + max)/6', () => {
    expect(makeDistribution({ kind: 'pert', min: 1, mode: 2, max: 6 }).mean()).toBeCloseTo(15 / 6, 12);
  });
  test('Weibull with shape 1 is exponential', () => {
    const d = makeDistribution({ kind: 'weibull', shape: 1, scale: 7 });
    expect(d.mean()).toBeCloseTo(7, 12);
    expect(d.variance()).toBeCloseTo(49, 10);
  });
});

/** Kolmogorov–Smirnov distance of a sorted sample from a CDF. */
function ksDistance(sorted: Float64Array, cdf: (x: number) => number): number {
  let d = 0;
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

describe('Kolmogorov–Smirnov distance against the CDF', () => {
  // P(√n·D > 1.949) ≈ 0.001 (Kolmogorov distribution), so the 99.9% critical value is 1.949/√n.
  const critical = 1.949 / Math.sqrt(N);
  const cases: [string, DistributionSpec, (x: number) => number][] = [
    ['exponential', { kind: 'exponential', mean: 2 }, (x) => 1 - Math.exp(-x / 2)],
    ['weibull', { kind: 'weibull', shape: 1.5, scale: 4 }, (x) => 1 - Math.exp(-((x / 4) ** 1.5))],
    ['lognormal', { kind: 'lognormal', median: 60, p95: 240 }, (x) => normalCdf(Math.log(x / 60) / (Math.log(4) / 1.6448536269514722))],
    ['triangular', { kind: 'triangular', min: 1, mode: 2, max: 6 }, (x) => (x <= 2 ? (x - 1) ** 2 / 5 : 1 - (6 - x) ** 2 / 20)],
    // PERT samples via gamma draws, not its quantile: check it against Beta(α, β) = Beta(1.8, 4.2).
    ['pert', { kind: 'pert', min: 1, mode: 2, max: 6 }, (x) => regularizedIncompleteBeta(1.8, 4.2, (x - 1) / 5)],
    ['truncated normal', { kind: 'normal', mean: 1, sd: 2, truncateAtZero: true },
      (x) => (normalCdf((x - 1) / 2) - normalCdf(-0.5)) / (1 - normalCdf(-0.5))],
  ];
  test.each(cases)('%s', (name, spec, cdf) => {
    const dist = makeDistribution(spec);
    const rng = streams.stream(`ks:${name}`);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = dist.sample(rng);
    xs.sort();
    expect(ksDistance(xs, cdf)).toBeLessThan(critical);
  });
});

describe('quantile', () => {
  test('closed forms at known points', () => {
    expect(makeDistribution({ kind: 'exponential', mean: 2 }).quantile(0.5)).toBeCloseTo(2 * Math.LN2, 14);
    expect(makeDistribution({ kind: 'normal', mean: 10, sd: 2 }).quantile(0.975)).toBeCloseTo(10 + 2 * 1.959963984540054, 12);
    const logn = makeDistribution({ kind: 'lognormal', median: 60, p95: 240 });
    expect(logn.quantile(0.5)).toBeCloseTo(60, 10);
    expect(logn.quantile(0.95)).toBeCloseTo(240, 6);
    expect(makeDistribution({ kind: 'weibull', shape: 2, scale: 3 }).quantile(1 - Math.exp(-1))).toBeCloseTo(3, 12);
    const tri = makeDistribution({ kind: 'triangular', min: 1, mode: 2, max: 6 });
    expect(tri.quantile(0.2)).toBeCloseTo(2, 12); // F(mode) = (mode − min)/(max − min)
    expect(tri.quantile(0)).toBe(1);
    expect(tri.quantile(1)).toBe(6);
    expect(makeDistribution({ kind: 'uniform', min: 2, max: 4 }).quantile(0.25)).toBe(2.5);
    expect(makeDistribution({ kind: 'deterministic', value: 9 }).quantile(0.3)).toBe(9);
  });

  test('PERT quantile is the numeric inverse of its Beta CDF', () => {
    const pert = makeDistribution({ kind: 'pert', min: 1, mode: 2, max: 6 });
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) {
      expect(regularizedIncompleteBeta(1.8, 4.2, (pert.quantile(p) - 1) / 5)).toBeCloseTo(p, 10);
    }
    expect(makeDistribution({ kind: 'pert', min: 0, mode: 5, max: 10 }).quantile(0.5)).toBeCloseTo(5, 10);
  });

  test('empirical: smallest value whose cumulative probability reaches p', () => {
    const d = makeDistribution({ kind: 'empirical', values: [3, 1, 2], weights: [2, 1, 1] });
    expect([0, 0.25, 0.2501, 0.5, 0.5001, 1].map((p) => d.quantile(p))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(d.mean()).toBeCloseTo((1 + 2 + 6) / 4, 14);
  });

  test('empiricalCdf interpolates linearly and skips flat segments', () => {
    const d = makeDistribution({ kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 10, p: 0.5 }, { value: 30, p: 0.5 }, { value: 40, p: 1 }] });
    expect([0, 0.25, 0.5, 0.5000001, 0.75, 1].map((p) => d.quantile(p))).toEqual([0, 5, 10, expect.closeTo(30, 4), 35, 40]);
    expect(d.mean()).toBeCloseTo(0.5 * 5 + 0.5 * 35, 12);
  });

  test('truncated normal quantile stays at or above zero, with the right median', () => {
    const d = makeDistribution({ kind: 'normal', mean: -3, sd: 1, truncateAtZero: true });
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1e-9)).toBeGreaterThanOrEqual(0);
    const median = d.quantile(0.5);
    // P(X ≤ median | X ≥ 0) = 1/2, computed from upper tails to avoid cancellation.
    expect(normalCdf(-(median + 3)) / normalCdf(-3)).toBeCloseTo(0.5, 10);
  });

  test('p outside [0, 1] is an error', () => {
    expect(() => makeDistribution({ kind: 'exponential', mean: 1 }).quantile(1.5)).toThrow(/quantile\(p\): expected a probability in \[0, 1\], got 1.5/);
    expect(() => makeDistribution({ kind: 'pert', min: 0, mode: 1, max: 2 }).quantile(NaN)).toThrow(DistributionError);
  });
});

describe('common random numbers', () => {
  test('sample(rng) is quantile(nextOpen()) and uses one uniform, for every kind but PERT', () => {
    for (const [name, spec] of specs) {
      if (spec.kind === 'pert') continue;
      const dist = makeDistribution(spec);
      const a = streams.stream(`crn:${name}`);
      const b = streams.stream(`crn:${name}`);
      for (let i = 0; i < 100; i++) expect(dist.sample(a)).toBe(dist.quantile(b.nextOpen()));
      expect(a.next()).toBe(b.next());
    }
  });

  test('larger uniforms give larger samples (monotone), so strategies see aligned draws', () => {
    const d = makeDistribution({ kind: 'lognormal', mean: 100, sd: 80 });
    const us = [0.01, 0.2, 0.5, 0.8, 0.99];
    const xs = us.map((u) => d.quantile(u));
    expect([...xs].sort((x, y) => x - y)).toEqual(xs);
  });
});

describe('validation', () => {
  const bad: [DistributionSpec | unknown, RegExp][] = [
    [{ kind: 'normal', mean: 1, sd: -1 }, /^normal\.sd: expected a finite number ≥ 0, got -1$/],
    [{ kind: 'normal', mean: NaN, sd: 1 }, /^normal\.mean: expected a finite number, got NaN$/],
    [{ kind: 'normal', mean: '5', sd: 1 }, /^normal\.mean: expected a finite number, got "5" \(a string\)$/],
    [{ kind: 'normal', mean: -1, sd: 0, truncateAtZero: true }, /^normal\.mean: expected a number ≥ 0 when sd is 0/],
    [{ kind: 'normal', mean: -100, sd: 1, truncateAtZero: true }, /^normal\.mean: expected a mean not far below zero/],
    [{ kind: 'normal', mean: 1, sd: 1, truncateAtZero: 'yes' }, /^normal\.truncateAtZero: expected true or false/],
    [{ kind: 'uniform', min: 5, max: 1 }, /^uniform\.max: expected a finite number ≥ min \(5\), got 1$/],
    [{ kind: 'exponential', mean: 0 }, /^exponential\.mean: expected a finite number > 0, got 0$/],
    [{ kind: 'exponential' }, /^exponential\.mean: expected a finite number > 0, got nothing$/],
    [{ kind: 'deterministic', value: Infinity }, /^deterministic\.value: expected a finite number, got Infinity$/],
    [{ kind: 'lognormal', mean: -1, sd: 1 }, /^lognormal\.mean: expected a finite number > 0, got -1$/],
    [{ kind: 'lognormal', median: 10, p95: 5 }, /^lognormal\.p95: expected a finite number ≥ median \(10\), got 5$/],
    [{ kind: 'lognormal', mean: 10, sd: 1, median: 5, p95: 20 }, /^lognormal\.parameters: expected either \{mean, sd\} or \{median, p95\}/],
    [{ kind: 'lognormal' }, /^lognormal\.parameters: expected either/],
    [{ kind: 'weibull', shape: 0, scale: 1 }, /^weibull\.shape: expected a finite number > 0, got 0$/],
    [{ kind: 'weibull', shape: 1, scale: -2 }, /^weibull\.scale: expected a finite number > 0, got -2$/],
    [{ kind: 'triangular', min: 3, mode: 2, max: 1 }, /^triangular\.max: expected a finite number ≥ min \(3\), got 1$/],
    [{ kind: 'triangular', min: 0, mode: 5, max: 4 }, /^triangular\.mode: expected a number in \[min, max\] = \[0, 4\], got 5$/],
    [{ kind: 'pert', min: 0, mode: -1, max: 4 }, /^pert\.mode: expected a number in \[min, max\] = \[0, 4\], got -1$/],
    [{ kind: 'empirical', values: [] }, /^empirical\.values: expected an array of at least 1 entries, got an array of length 0$/],
    [{ kind: 'empirical', values: [1, NaN] }, /^empirical\.values\[1\]: expected a finite number, got NaN$/],
    [{ kind: 'empirical', values: [1, 2], weights: [1] }, /^empirical\.weights: expected as many weights as values \(2\)/],
    [{ kind: 'empirical', values: [1, 2], weights: [1, 0] }, /^empirical\.weights\[1\]: expected a finite number > 0, got 0$/],
    [{ kind: 'empirical', values: [1, 2], weights: [-1, 1] }, /^empirical\.weights\[0\]: expected a finite number > 0, got -1$/],
    [{ kind: 'empiricalCdf', points: [{ value: 0, p: 0 }] }, /^empiricalCdf\.points: expected an array of at least 2 entries/],
    [{ kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 5, p: 0.7 }, { value: 9, p: 0.6 }, { value: 10, p: 1 }] },
      /^empiricalCdf\.points\[2\]\.p: expected a non-decreasing CDF \(p ≥ 0\.7\), got 0\.6$/],
    [{ kind: 'empiricalCdf', points: [{ value: 5, p: 0 }, { value: 1, p: 1 }] }, /^empiricalCdf\.points\[1\]\.value: expected values in non-decreasing order \(≥ 5\), got 1$/],
    [{ kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 1, p: 1.2 }] }, /^empiricalCdf\.points\[1\]\.p: expected a probability in \[0, 1\], got 1\.2$/],
    [{ kind: 'empiricalCdf', points: [{ value: 0, p: 0.1 }, { value: 1, p: 1 }] }, /^empiricalCdf\.points\[0\]\.p: expected a CDF starting at p = 0, got 0\.1$/],
    [{ kind: 'empiricalCdf', points: [{ value: 0, p: 0 }, { value: 1, p: 0.9 }] }, /^empiricalCdf\.points\[1\]\.p: expected a CDF ending at p = 1, got 0\.9$/],
    [{ kind: 'gamma', shape: 2 }, /^distribution\.kind: expected one of deterministic, .*, got "gamma" \(a string\)$/],
    [null, /^distribution\.spec: expected an object/],
  ];
  test.each(bad)('%j', (spec, message) => {
    let error: unknown;
    try { makeDistribution(spec as DistributionSpec); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DistributionError);
    expect((error as Error).message).toMatch(message);
  });

  test('the error carries the parameter, the expectation and the value', () => {
    try {
      makeDistribution({ kind: 'normal', mean: 1, sd: -2 });
    } catch (e) {
      expect(e).toMatchObject({ kind: 'normal', parameter: 'sd', expected: 'a finite number ≥ 0', got: -2, name: 'DistributionError' });
    }
    expect.assertions(1);
  });

  test('degenerate but valid specs', () => {
    const rng = streams.stream('degenerate');
    expect(makeDistribution({ kind: 'normal', mean: 5, sd: 0 }).sample(rng)).toBe(5);
    expect(makeDistribution({ kind: 'triangular', min: 2, mode: 2, max: 2 }).sample(rng)).toBe(2);
    expect(makeDistribution({ kind: 'pert', min: 2, mode: 2, max: 2 }).sample(rng)).toBe(2);
    expect(makeDistribution({ kind: 'uniform', min: 3, max: 3 }).sample(rng)).toBe(3);
    expect(makeDistribution({ kind: 'lognormal', median: 7, p95: 7 }).sample(rng)).toBeCloseTo(7, 12);
  });

  test('the spec is copied and frozen', () => {
    const spec = { kind: 'empirical' as const, values: [1, 2, 3] };
    const d = makeDistribution(spec);
    spec.values.push(100);
    expect(d.spec).toEqual({ kind: 'empirical', values: [1, 2, 3] });
    expect(Object.isFrozen(d.spec)).toBe(true);
    expect(d.mean()).toBe(2);
  });
});
