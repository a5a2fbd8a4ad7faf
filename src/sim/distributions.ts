/**
 * Probability distributions: a serializable spec (what a scenario file says) compiled once into a
 * validated sampler. Sampling is by inverse transform — `sample(rng) === quantile(rng.nextOpen())`
 * — for every kind except PERT, so each draw consumes exactly one uniform and a stream's position
 * does not depend on which distribution was drawn from (common random numbers stay aligned).
 * PERT samples Beta by two Marsaglia–Tsang gamma draws, which use a variable number of uniforms:
 * give PERT quantities their own stream when alignment matters.
 */
import type { RandomStream } from './random.js';
import {
  gammaFunction,
  inverseRegularizedIncompleteBeta,
  normalCdf,
  normalQuantile,
} from './student-t.js';

export type DistributionSpec =
  | { kind: 'deterministic'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; sd: number; truncateAtZero?: boolean }
  | { kind: 'lognormal'; mean: number; sd: number }
  | { kind: 'lognormal'; median: number; p95: number }
  | { kind: 'weibull'; shape: number; scale: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'pert'; min: number; mode: number; max: number }
  | { kind: 'empirical'; values: number[]; weights?: number[] }
  | { kind: 'empiricalCdf'; points: { value: number; p: number }[] };

export type DistributionKind = DistributionSpec['kind'];

export interface Distribution {
  readonly spec: DistributionSpec;
  sample(rng: RandomStream): number;
  mean(): number;
  variance(): number;
  /** Inverse CDF at p in [0, 1] (closed form where one exists, numeric for PERT). */
  quantile(p: number): number;
}

/** A spec that does not describe a distribution; says which parameter, what was expected, what was given. */
export class DistributionError extends Error {
  constructor(
    readonly kind: string,
    readonly parameter: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${kind}.${parameter}: expected ${expected}, got ${describe(got)}`);
    this.name = 'DistributionError';
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `"${value}" (a string)`;
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return JSON.stringify(value) ?? String(value);
}

/** z such that Φ(z) = 0.95: the lognormal median/p95 form's sigma is ln(p95/median)/z95. */
const Z95 = 1.6448536269514722;

/** Shared body: the inverse-transform kinds only define quantile, mean and variance. */
abstract class InverseTransform implements Distribution {
  constructor(readonly spec: DistributionSpec) {}
  abstract mean(): number;
  abstract variance(): number;
  protected abstract inverseCdf(u: number): number;

  sample(rng: RandomStream): number {
    return this.inverseCdf(rng.nextOpen());
  }

  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new DistributionError(this.spec.kind, 'quantile(p)', 'a probability in [0, 1]', p);
    return this.inverseCdf(p);
  }
}

const compiled = new WeakMap<DistributionSpec, Distribution>();

/**
 * makeDistribution, once per spec object: validating and copying is too slow to repeat per draw (per
 * trial, per VM). The spec must not change afterwards (scenario specs do not).
 */
export function distributionOf(spec: DistributionSpec): Distribution {
  let d = compiled.get(spec);
  if (d === undefined) {
    d = makeDistribution(spec);
    compiled.set(spec, d);
  }
  return d;
}

/** Builds a validated, ready-to-sample distribution from its spec (which it copies and freezes). */
export function makeDistribution(spec: DistributionSpec): Distribution {
  if (typeof spec !== 'object' || spec === null) throw new DistributionError('distribution', 'spec', 'an object', spec);
  const kind = (spec as { kind?: unknown }).kind;
  const check = new Checker(String(kind), spec as unknown as Record<string, unknown>);
  switch (spec.kind) {
    case 'deterministic':
      return new Deterministic(freeze(spec), check.finite('value'));
    case 'uniform': {
      const min = check.finite('min');
      const max = check.finite('max', min, `a finite number ≥ min (${min})`);
      return new Uniform(freeze(spec), min, max);
    }
    case 'exponential':
      return new Exponential(freeze(spec), check.positive('mean'));
    case 'normal':
      return makeNormal(freeze(spec), check);
    case 'lognormal':
      return makeLognormal(freeze(spec), check);
    case 'weibull':
      return new Weibull(freeze(spec), check.positive('shape'), check.positive('scale'));
    case 'triangular':
    case 'pert': {
      const min = check.finite('min');
      const max = check.finite('max', min, `a finite number ≥ min (${min})`);
      const mode = check.finite('mode');
      if (mode < min || mode > max) throw new DistributionError(kind as string, 'mode', `a number in [min, max] = [${min}, ${max}]`, mode);
      return spec.kind === 'pert' ? new Pert(freeze(spec), min, mode, max) : new Triangular(freeze(spec), min, mode, max);
    }
    case 'empirical':
      return makeEmpirical(freeze(spec), check);
    case 'empiricalCdf':
      return makeEmpiricalCdf(freeze(spec), check);
    default:
      throw new DistributionError(
        'distribution', 'kind',
        'one of deterministic, uniform, exponential, normal, lognormal, weibull, triangular, pert, empirical, empiricalCdf',
        kind,
      );
  }
}

/** A deep, frozen copy: later edits to the caller's object cannot desynchronize spec and sampler. */
function freeze<T extends DistributionSpec>(spec: T): T {
  return deepFreeze(structuredClone(spec));
}
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Reads numeric parameters and throws DistributionError naming the offender. */
class Checker {
  constructor(private readonly kind: string, private readonly spec: Record<string, unknown>) {}

  finite(name: string, atLeast = -Infinity, expected = 'a finite number'): number {
    const v = this.spec[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < atLeast) throw new DistributionError(this.kind, name, expected, v);
    return v;
  }
  positive(name: string): number {
    const v = this.finite(name, -Infinity, 'a finite number > 0');
    if (!(v > 0)) throw new DistributionError(this.kind, name, 'a finite number > 0', v);
    return v;
  }
  nonNegative(name: string): number {
    return this.finite(name, 0, 'a finite number ≥ 0');
  }
  fail(parameter: string, expected: string, got: unknown): never {
    throw new DistributionError(this.kind, parameter, expected, got);
  }
  array(name: string, minLength: number): unknown[] {
    const v = this.spec[name];
    if (!Array.isArray(v) || v.length < minLength) this.fail(name, `an array of at least ${minLength} entries`, v);
    return v;
  }
}

class Deterministic extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly value: number) { super(spec); }
  // Still consumes a uniform, so swapping a fixed value for a random one keeps streams aligned.
  protected inverseCdf(): number { return this.value; }
  mean(): number { return this.value; }
  variance(): number { return 0; }
}

class Uniform extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly min: number, private readonly max: number) { super(spec); }
  protected inverseCdf(u: number): number { return this.min + (this.max - this.min) * u; }
  mean(): number { return (this.min + this.max) / 2; }
  variance(): number { return (this.max - this.min) ** 2 / 12; }
}

class Exponential extends InverseTransform {
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

function makeNormal(spec: Extract<DistributionSpec, { kind: 'normal' }>, check: Checker): Distribution {
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

function makeLognormal(spec: Extract<DistributionSpec, { kind: 'lognormal' }>, check: Checker): Distribution {
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

class Weibull extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly shape: number, private readonly scale: number) { super(spec); }
  protected inverseCdf(u: number): number { return this.scale * Math.pow(-Math.log1p(-u), 1 / this.shape); }
  mean(): number { return this.scale * gammaFunction(1 + 1 / this.shape); }
  variance(): number {
    const g1 = gammaFunction(1 + 1 / this.shape);
    return this.scale * this.scale * (gammaFunction(1 + 2 / this.shape) - g1 * g1);
  }
}

class Triangular extends InverseTransform {
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

/** PERT: min + (max − min)·Beta(α, β), α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min). */
class Pert implements Distribution {
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

/** Discrete table: P(X = values[i]) ∝ weights[i]. Values are sorted so the inverse transform is monotone. */
class Empirical extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly values: Float64Array, private readonly cumulative: Float64Array) { super(spec); }
  protected inverseCdf(u: number): number {
    // Smallest i with cumulative[i] ≥ u (cumulative is normalized, last entry exactly 1).
    const cum = this.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return this.values[lo];
  }
  private moment(power: 1 | 2, center = 0): number {
    let sum = 0;
    let previous = 0;
    for (let i = 0; i < this.values.length; i++) {
      sum += (this.cumulative[i] - previous) * (this.values[i] - center) ** power;
      previous = this.cumulative[i];
    }
    return sum;
  }
  mean(): number { return this.moment(1); }
  variance(): number { return this.moment(2, this.mean()); }
}

function makeEmpirical(spec: Extract<DistributionSpec, { kind: 'empirical' }>, check: Checker): Distribution {
  const values = check.array('values', 1);
  values.forEach((v, i) => { if (typeof v !== 'number' || !Number.isFinite(v)) check.fail(`values[${i}]`, 'a finite number', v); });
  let weights: unknown[] = values.map(() => 1);
  if (spec.weights !== undefined) {
    weights = check.array('weights', 1);
    if (weights.length !== values.length) check.fail('weights', `as many weights as values (${values.length})`, weights);
    weights.forEach((w, i) => { if (typeof w !== 'number' || !Number.isFinite(w) || !(w > 0)) check.fail(`weights[${i}]`, 'a finite number > 0', w); });
  }
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const total = (weights as number[]).reduce((s, w) => s + w, 0);
  const sorted = new Float64Array(order.map((i) => values[i] as number));
  const cumulative = new Float64Array(order.length);
  let running = 0;
  order.forEach((i, k) => { running += weights[i] as number; cumulative[k] = running / total; });
  cumulative[cumulative.length - 1] = 1; // no rounding gap at the top
  return new Empirical(spec, sorted, cumulative);
}

/** Piecewise-linear CDF through (value, p) points, p from 0 to 1: uniform density between points. */
class EmpiricalCdf extends InverseTransform {
  constructor(spec: DistributionSpec, private readonly values: Float64Array, private readonly ps: Float64Array) { super(spec); }
  protected inverseCdf(u: number): number {
    const { values, ps } = this;
    if (u <= 0) return values[0];
    // First k with ps[k] ≥ u; then ps[k−1] < u ≤ ps[k], so the segment has positive width in p.
    let lo = 1;
    let hi = ps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ps[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    const t = (u - ps[lo - 1]) / (ps[lo] - ps[lo - 1]);
    return values[lo - 1] + t * (values[lo] - values[lo - 1]);
  }
  mean(): number {
    let sum = 0;
    for (let i = 1; i < this.values.length; i++) sum += (this.ps[i] - this.ps[i - 1]) * (this.values[i] + this.values[i - 1]) / 2;
    return sum;
  }
  variance(): number {
    // Each segment is uniform on [a, b]: E[X²] contributes Δp·(a² + ab + b²)/3.
    let second = 0;
    for (let i = 1; i < this.values.length; i++) {
      const a = this.values[i - 1];
      const b = this.values[i];
      second += (this.ps[i] - this.ps[i - 1]) * (a * a + a * b + b * b) / 3;
    }
    const m = this.mean();
    return Math.max(0, second - m * m);
  }
}

function makeEmpiricalCdf(spec: Extract<DistributionSpec, { kind: 'empiricalCdf' }>, check: Checker): Distribution {
  const points = check.array('points', 2);
  const values = new Float64Array(points.length);
  const ps = new Float64Array(points.length);
  points.forEach((point, i) => {
    const { value, p } = (point ?? {}) as { value?: unknown; p?: unknown };
    if (typeof value !== 'number' || !Number.isFinite(value)) check.fail(`points[${i}].value`, 'a finite number', value);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) check.fail(`points[${i}].p`, 'a probability in [0, 1]', p);
    if (i > 0 && value < values[i - 1]) check.fail(`points[${i}].value`, `values in non-decreasing order (≥ ${values[i - 1]})`, value);
    if (i > 0 && p < ps[i - 1]) check.fail(`points[${i}].p`, `a non-decreasing CDF (p ≥ ${ps[i - 1]})`, p);
    values[i] = value;
    ps[i] = p;
  });
  if (ps[0] !== 0) check.fail('points[0].p', 'a CDF starting at p = 0', ps[0]);
  if (ps[ps.length - 1] !== 1) check.fail(`points[${ps.length - 1}].p`, 'a CDF ending at p = 1', ps[ps.length - 1]);
  return new EmpiricalCdf(spec, values, ps);
}
