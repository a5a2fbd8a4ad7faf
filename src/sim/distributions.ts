/**
 * Probability distributions: a serializable spec (what a scenario file says) compiled once into a
 * validated sampler. Sampling is by inverse transform — `sample(rng) === quantile(rng.nextOpen())`
 * — for every kind except PERT, so each draw consumes exactly one uniform and a stream's position
 * does not depend on which distribution was drawn from (common random numbers stay aligned).
 * PERT samples Beta by two Marsaglia–Tsang gamma draws, which use a variable number of uniforms:
 * give PERT quantities their own stream when alignment matters.
 *
 * This module is the entry: it checks a spec and builds its family. The spec types and the contract are
 * in distribution-spec.ts; the families in distribution-parametric.ts, -pert.ts and -empirical.ts.
 */
import { Checker, DistributionError, type Distribution, type DistributionSpec } from './distribution-spec.js';
import { makeEmpirical, makeEmpiricalCdf } from './distribution-empirical.js';
import { Deterministic, Exponential, makeLognormal, makeNormal, Triangular, Uniform, Weibull } from './distribution-parametric.js';
import { Pert } from './distribution-pert.js';

export { DistributionError, type Distribution, type DistributionKind, type DistributionSpec } from './distribution-spec.js';

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
