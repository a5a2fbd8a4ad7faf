/**
 * Sampling durations from scenario distribution specs, compiled once per spec object (distributionOf:
 * VMs from one template share their spec objects). Negative draws (a normal's left tail) are clamped to
 * 0: a step cannot take negative time.
 */
import { distributionOf, type Distribution, type DistributionSpec } from '../../sim/distributions.js';
import type { RandomStream } from '../../sim/random.js';

export { distributionOf };

/** One draw in seconds, never negative. */
export function sampleSeconds(spec: DistributionSpec, rng: RandomStream): number {
  return drawSeconds(distributionOf(spec), rng);
}

/** sampleSeconds for a distribution compiled already (saves the cache look-up on per-VM draws). */
export function drawSeconds(distribution: Distribution, rng: RandomStream): number {
  return Math.max(0, distribution.sample(rng));
}
