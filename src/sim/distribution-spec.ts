/**
 * What a distribution is in the kernel: the serializable spec a scenario file writes, the contract every
 * family meets (sample, mean, variance, quantile), the error a bad spec raises, the reader that checks a
 * spec's parameters, and the inverse-transform body most families share.
 */
import type { RandomStream } from './random.js';

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

/** Reads numeric parameters and throws DistributionError naming the offender. */
export class Checker {
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

/**
 * Shared body: the inverse-transform kinds only define quantile, mean and variance. Each draw is
 * quantile(rng.nextOpen()), exactly one uniform, so a stream's position never depends on the values drawn.
 */
export abstract class InverseTransform implements Distribution {
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
