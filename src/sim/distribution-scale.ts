/**
 * A distribution stretched by a factor: the spec of c·X for a spec of X (c > 0). Every family is closed under
 * scaling, so the result is a spec of the same kind, and a draw from it with the same random numbers is c
 * times the draw from the original (inverse transform: quantile(u) scales with the parameters) — what a
 * sensitivity analysis with common random numbers needs.
 */
import { DistributionError, type DistributionSpec } from './distribution-spec.js';

export function scaleDistribution(spec: DistributionSpec, factor: number): DistributionSpec {
  if (!(factor > 0 && Number.isFinite(factor))) throw new DistributionError(spec.kind, 'scale factor', 'a finite number > 0', factor);
  const c = factor;
  switch (spec.kind) {
    case 'deterministic': return { kind: 'deterministic', value: spec.value * c };
    case 'uniform': return { kind: 'uniform', min: spec.min * c, max: spec.max * c };
    case 'exponential': return { kind: 'exponential', mean: spec.mean * c };
    case 'normal': return { ...spec, mean: spec.mean * c, sd: spec.sd * c };
    case 'lognormal': return 'median' in spec ? { kind: 'lognormal', median: spec.median * c, p95: spec.p95 * c } : { kind: 'lognormal', mean: spec.mean * c, sd: spec.sd * c };
    case 'weibull': return { kind: 'weibull', shape: spec.shape, scale: spec.scale * c };
    case 'triangular':
    case 'pert': return { kind: spec.kind, min: spec.min * c, mode: spec.mode * c, max: spec.max * c };
    case 'empirical': return spec.weights === undefined ? { kind: 'empirical', values: spec.values.map((v) => v * c) } : { kind: 'empirical', values: spec.values.map((v) => v * c), weights: [...spec.weights] };
    case 'empiricalCdf': return { kind: 'empiricalCdf', points: spec.points.map((p) => ({ value: p.value * c, p: p.p })) };
  }
}
