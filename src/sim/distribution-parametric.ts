/**
 * The parametric families sampled by a closed-form inverse CDF: deterministic, uniform, exponential,
 * normal (optionally truncated at zero), lognormal (from mean/sd or median/p95), Weibull, triangular.
 * Each is built from already-checked parameters; normal and lognormal read their own (two forms each).
 */
import { InverseTransform, type Checker, type Distribution, type DistributionSpec } from './distribution-spec.js';
import { gammaFunction, normalCdf, normalQuantile } from './student-t.js';

/** z such that Φ(z) = 0.95: the lognormal median/p95 form's sigma is ln(p95/median)/z95. */
const Z95 = 1.6448536269514722;

export class Deterministic extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly value: number) { super(spec); }
  // Still consumes a uniform, so swapping a fixed value for a random one keeps streams aligned.
  protected inverseCdf(): number { return this.value; }
  mean(): number { return this.value; }
  variance(): number { return 0; }
}

export class Uniform extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly min: number, private readonly max: number) { super(spec); }
  protected inverseCdf(u: number): number { return this.min + (this.max - this.min) * u; }
  mean(): number { return (this.min + this.max) / 2; }
  variance(): number { return (this.max - this.min) ** 2 / 12; }
}

export class Exponential extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly mu: number) { super(spec); }
  protected inverseCdf(u: number): number { return -this.mu * Math.log1p(-u); }
  mean(): number { return this.mu; }
  variance(): number { return this.mu * this.mu; }
}

class Normal extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly mu: number, private readonly sigma: number) { super(spec); }
  protected inverseCdf(u: number): number { return this.mu + this.sigma * normalQuantile(u); }
  mean(): number { return this.mu; }
  variance(): number { return this.sigma * this.sigma; }
}

/** Normal conditioned on x ≥ 0 (not clamped: no atom at zero). */
class TruncatedNormal extends InverseTransform {
  /** P(X ≥ 0) of the untruncated normal, computed as Φ(μ/σ) to stay accurate when it is tiny. */
  private readonly massAboveZero: number;
  constructor(spec: DistributionSpec, private readonly mu: number, private readonly sigma: number) {
    super(spec);
    this.massAboveZero = normalCdf(mu / sigma);
  }
  protected inverseCdf(u: number): number {
    // F⁻¹(u) = μ − σ·Φ⁻¹(massAboveZero·(1 − u)), by symmetry of Φ; exact at both ends.
    return Math.max(0, this.mu - this.sigma * normalQuantile(this.massAboveZero * (1 - u)));
  }
  /** Inverse Mills ratio φ(α)/(1 − Φ(α)) at α = −μ/σ. */
  private millsRatio(): number {
    const alpha = -this.mu / this.sigma;
    return Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI) / this.massAboveZero;
  }
  mean(): number { return this.mu + this.sigma * this.millsRatio(); }
  variance(): number {
    const alpha = -this.mu / this.sigma;
    const lambda = this.millsRatio();
    return this.sigma * this.sigma * (1 + alpha * lambda - lambda * lambda);
  }
}

export function makeNormal(spec: Extract<DistributionSpec, { kind: 'normal' }>, check: Checker): Distribution {
  const mean = check.finite('mean');
  const sd = check.nonNegative('sd');
  const truncate = spec.truncateAtZero;
  if (truncate !== undefined && typeof truncate !== 'boolean') check.fail('truncateAtZero', 'true or false', truncate);
  if (!truncate) return new Normal(spec, mean, sd);
  if (sd === 0) {
    if (mean < 0) check.fail('mean', 'a number ≥ 0 when sd is 0 and truncateAtZero is set', mean);
    return new Normal(spec, mean, 0);
  }
  // Below ~−37σ the mass above zero underflows: nothing left to sample.
  if (!(normalCdf(mean / sd) > 0)) check.fail('mean', `a mean not far below zero relative to sd (${sd}) when truncateAtZero is set`, mean);
  return new TruncatedNormal(spec, mean, sd);
}

class Lognormal extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly mu: number, private readonly sigma: number) { super(spec); }
  protected inverseCdf(u: number): number { return Math.exp(this.mu + this.sigma * normalQuantile(u)); }
  mean(): number { return Math.exp(this.mu + 0.5 * this.sigma * this.sigma); }
  variance(): number {
    const s2 = this.sigma * this.sigma;
    return Math.expm1(s2) * Math.exp(2 * this.mu + s2);
  }
}

export function makeLognormal(spec: Extract<DistributionSpec, { kind: 'lognormal' }>, check: Checker): Distribution {
  const hasMean = 'mean' in spec || 'sd' in spec;
  const hasMedian = 'median' in spec || 'p95' in spec;
  if (hasMean === hasMedian) {
    check.fail('parameters', 'either {mean, sd} or {median, p95}', Object.keys(spec).filter((k) => k !== 'kind').join(', ') || undefined);
  }
  if (hasMean) {
    const mean = check.positive('mean');
    const sd = check.nonNegative('sd');
    // Match the first two moments: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
    const s2 = Math.log1p((sd / mean) ** 2);
    return new Lognormal(spec, Math.log(mean) - s2 / 2, Math.sqrt(s2));
  }
  const median = check.positive('median');
  const p95 = check.finite('p95', median, `a finite number ≥ median (${median})`);
  return new Lognormal(spec, Math.log(median), Math.log(p95 / median) / Z95);
}

export class Weibull extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly shape: number, private readonly scale: number) { super(spec); }
  protected inverseCdf(u: number): number { return this.scale * Math.pow(-Math.log1p(-u), 1 / this.shape); }
  mean(): number { return this.scale * gammaFunction(1 + 1 / this.shape); }
  variance(): number {
    const g1 = gammaFunction(1 + 1 / this.shape);
    return this.scale * this.scale * (gammaFunction(1 + 2 / this.shape) - g1 * g1);
  }
}

export class Triangular extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly a: number, private readonly c: number, private readonly b: number) { super(spec); }
  protected inverseCdf(u: number): number {
    const { a, b, c } = this;
    const width = b - a;
    if (width === 0) return a;
    const split = (c - a) / width;
    return u < split ? a + Math.sqrt(u * width * (c - a)) : b - Math.sqrt((1 - u) * width * (b - c));
  }
  mean(): number { return (this.a + this.b + this.c) / 3; }
  variance(): number {
    const { a, b, c } = this;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  }
}
