/**
 * Distributions given as data: a discrete table of values with weights (empirical) and a piecewise-linear
 * CDF through (value, p) points (empiricalCdf), both sampled by inverse transform on sorted arrays.
 */
import { InverseTransform, type Checker, type Distribution, type DistributionSpec } from './distribution-spec.js';

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

export function makeEmpirical(spec: Extract<DistributionSpec, { kind: 'empirical' }>, check: Checker): Distribution {
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

export function makeEmpiricalCdf(spec: Extract<DistributionSpec, { kind: 'empiricalCdf' }>, check: Checker): Distribution {
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
