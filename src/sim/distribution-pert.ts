/**
 * PERT: a Beta on [min, max] shaped by the mode, sampled by two gamma draws (a variable number of
 * uniforms: give PERT quantities their own stream when alignment matters), its quantile found
 * numerically from the inverse incomplete beta.
 */
import { DistributionError, type Distribution, type DistributionSpec } from './distribution-spec.js';
import type { RandomStream } from './random.js';
import { inverseRegularizedIncompleteBeta, normalQuantile } from './student-t.js';

/** PERT: min + (max − min)·Beta(α, β), α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min). */
export class Pert implements Distribution {
  private readonly alpha: number;
  private readonly beta: number;
  constructor(readonly spec: DistributionSpec, private readonly min: number, mode: number, private readonly max: number) {
    const width = max - min;
    this.alpha = width === 0 ? 1 : 1 + (4 * (mode - min)) / width;
    this.beta = width === 0 ? 1 : 1 + (4 * (max - mode)) / width;
  }
  sample(rng: RandomStream): number {
    const x = sampleGamma(this.alpha, rng);
    const y = sampleGamma(this.beta, rng);
    return this.min + (this.max - this.min) * (x / (x + y));
  }
  mean(): number { return this.min + ((this.max - this.min) * this.alpha) / (this.alpha + this.beta); }
  variance(): number {
    const { alpha: a, beta: b } = this;
    return ((this.max - this.min) ** 2 * a * b) / ((a + b) ** 2 * (a + b + 1));
  }
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new DistributionError('pert', 'quantile(p)', 'a probability in [0, 1]', p);
    return this.min + (this.max - this.min) * inverseRegularizedIncompleteBeta(this.alpha, this.beta, p);
  }
}

/** Gamma(shape ≥ 1, scale 1) by Marsaglia & Tsang (2000); ~1.03 normal+uniform pairs per draw. */
function sampleGamma(shape: number, rng: RandomStream): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalQuantile(rng.nextOpen());
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextOpen();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
