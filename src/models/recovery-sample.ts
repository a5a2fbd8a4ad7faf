/**
 * Sampling durations from scenario distribution specs. makeDistribution validates and copies its spec,
 * which is too slow to repeat for 10,000 VMs per trial, so compiled distributions are cached per spec
 * object (VMs from one template share their spec objects). Negative draws (a normal's left tail) are
 * clamped to 0: a step cannot take negative time.
 */
import { makeDistribution, type Distribution, type DistributionSpec } from '../sim/distributions.js';
import type { RandomStream } from '../sim/random.js';

const compiled = new WeakMap<DistributionSpec, Distribution>();

export function distributionOf(spec: DistributionSpec): Distribution {
  let d = compiled.get(spec);
  if (d === undefined) {
    d = makeDistribution(spec);
    compiled.set(spec, d);
  }
  return d;
}

/** One draw in seconds, never negative. */
export function sampleSeconds(spec: DistributionSpec, rng: RandomStream): number {
  return drawSeconds(distributionOf(spec), rng);
}

/** sampleSeconds for a distribution compiled already (saves the cache look-up on per-VM draws). */
export function drawSeconds(distribution: Distribution, rng: RandomStream): number {
  return Math.max(0, distribution.sample(rng));
}
