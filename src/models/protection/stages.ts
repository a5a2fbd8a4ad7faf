/**
 * A copy along a path of shared stages — the source's read, the WAN, the destination's write — each stage a
 * fluid link shared with whatever else uses it (DOMAIN: "data / slowest stage"). The same bytes cross every
 * stage at once (the copy streams through, it is not stored and forwarded); it is complete when its slowest
 * stage is. Each stage's share is computed as if the others kept pace, which is exact when one stage is the
 * bottleneck of everyone crossing it, and otherwise gives each flow the best of its stages' shares.
 */
import type { FluidLink } from '../../sim/fluid-link.js';

export interface Stage {
  link: FluidLink;
  bytes: number;
}

/**
 * Starts `stages` together; `onDone(t)` gets the time the last one finished. With `passive`, onDone must only
 * record (FluidLink's passive transfers); otherwise it may start more work.
 */
export function copyThroughStages(stages: readonly Stage[], weight: number, onDone: (timeSeconds: number) => void, passive: boolean): void {
  let left = 0;
  for (const s of stages) if (s.bytes > 0) left++;
  if (left === 0) throw new RangeError('copyThroughStages: nothing to copy (call onDone directly)');
  let last = 0;
  const finished = (t: number): void => {
    if (t > last) last = t;
    if (--left === 0) onDone(last);
  };
  for (const s of stages) if (s.bytes > 0) s.link.startTransfer(s.bytes, { weight, onComplete: finished, passive });
}
