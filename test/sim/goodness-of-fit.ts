/** Goodness-of-fit statistics for tests of random draws against their theoretical distributions. */

/**
 * Kolmogorov–Smirnov distance of a sample from a continuous CDF. Under the null hypothesis
 * P(√n·D > 1.949) ≈ 0.001 (Kolmogorov distribution), so 1.949/√n is the 99.9% critical value.
 */
export function ksDistance(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

export const ksCritical999 = (n: number): number => 1.949 / Math.sqrt(n);

/** Pearson's χ² of observed counts against expected counts (each expected count should be ≥ 5). */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((acc, o, i) => acc + (o - expected[i]) ** 2 / expected[i], 0);
}

/** 99.9% quantiles of χ² with k degrees of freedom (k = 1..10), from standard tables. */
export const CHI2_999 = [NaN, 10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588];

/**
 * Upper quantile of χ² with k degrees of freedom by the Wilson–Hilferty cube approximation,
 * k·(1 − 2/(9k) + z·√(2/(9k)))³ with z the standard normal quantile of p; its relative error is below
 * 0.1% for k ≥ 30 (e.g. k = 167, p = 0.999: 229.2, tables 229.3), so a test at it keeps its stated level.
 */
export function chi2QuantileWilsonHilferty(p: number, k: number, zOfP: number): number {
  const a = 2 / (9 * k);
  return k * (1 - a + zOfP * Math.sqrt(a)) ** 3;
}

/** Standard normal quantile of 0.999. */
export const Z_999 = 3.090232306167813;
