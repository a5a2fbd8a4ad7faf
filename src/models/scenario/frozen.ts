/**
 * A scenario is read-only once the simulation has seen it: per-scenario indexes (recovery/scenario-index.ts),
 * compiled distributions and group plans are cached on its objects, and would go stale silently if it
 * changed. So the first simulation step freezes it, deeply; a later change throws a TypeError at the
 * line that tried it (ES modules are strict). Change a copy instead (`structuredClone`).
 */
import type { Scenario } from './model.js';

/** Freezes the scenario and everything in it (idempotent; cheap after the first call). */
export function freezeScenario(scenario: Scenario): Scenario {
  if (!Object.isFrozen(scenario)) deepFreeze(scenario);
  return scenario;
}

function deepFreeze(value: object): void {
  const stack: object[] = [value];
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (Object.isFrozen(o) || ArrayBuffer.isView(o)) continue;
    Object.freeze(o);
    for (const key of Object.keys(o)) {
      const v = (o as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
}
