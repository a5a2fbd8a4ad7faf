/**
 * The search behind `drsim size`: bisection for the edge of the feasible range of a quantity that makes
 * the metrics monotone (more bandwidth or more DR hosts never makes RPO/RTO worse; a longer snapshot
 * interval never makes RPO better). Counts are searched as integers; continuous quantities geometrically
 * (each probe halves the ratio hi/lo) until hi/lo ≤ 1 + tolerance; fractions arithmetically.
 *
 * The direction is found from the ends: feasible at max and not at min → the smallest feasible value;
 * feasible at min and not at max → the largest (an interval, say). If the targets are not monotone in the
 * quantity, bisection still ends at *a* boundary between a failing and a passing value, not necessarily
 * the smallest one: a sweep shows the whole curve.
 */
import { pushAll } from '../sim/array-extremes.js';

export type SearchScale = 'integer' | 'geometric' | 'linear';

export interface SearchSpec {
  min: number;
  max: number;
  scale: SearchScale;
  /** Relative (geometric: hi/lo ≤ 1 + tolerance) or absolute (linear) resolution. */
  tolerance: number;
  /** Rounds a probe to a value the scenario can state exactly (e.g. 4 significant digits in the user's unit). */
  round: (x: number) => number;
}

export interface SearchProbe<T> {
  value: number;
  feasible: boolean;
  /** Higher is better: how comfortably the targets hold (negative when missed). Used only when both ends pass. */
  slack: number;
  detail: T;
}

export type SearchOutcome<T> =
  | { kind: 'found'; direction: 'smallest' | 'largest'; answer: SearchProbe<T>; beyond: SearchProbe<T>; probes: SearchProbe<T>[] }
  | { kind: 'met-everywhere'; direction: 'smallest' | 'largest'; answer: SearchProbe<T>; probes: SearchProbe<T>[] }
  | { kind: 'not-achievable'; probes: SearchProbe<T>[] };

export async function bisect<T>(spec: SearchSpec, probe: (value: number) => Promise<SearchProbe<T>>, ends?: [SearchProbe<T>, SearchProbe<T>]): Promise<SearchOutcome<T>> {
  const probes: SearchProbe<T>[] = [];
  const at = async (v: number) => { const p = await probe(v); probes.push(p); return p; };
  const [low, high] = ends ?? [await at(spec.min), await at(spec.max)];
  if (ends) pushAll(probes, ends);
  if (!low.feasible && !high.feasible) return { kind: 'not-achievable', probes };
  if (low.feasible && high.feasible) {
    // Already met at both ends: the cheap end is the one with less slack (where the quantity helps least).
    const increasing = high.slack >= low.slack;
    return { kind: 'met-everywhere', direction: increasing ? 'smallest' : 'largest', answer: increasing ? low : high, probes };
  }
  const increasing = high.feasible;
  // Invariant: `bad` fails, `good` passes; they close in on each other.
  let bad = increasing ? low : high;
  let good = increasing ? high : low;
  for (let guard = 0; guard < 64 && !closeEnough(spec, bad.value, good.value); guard++) {
    const mid = spec.round(midpoint(spec, bad.value, good.value));
    if (mid === bad.value || mid === good.value) break;
    const p = await at(mid);
    if (p.feasible) good = p; else bad = p;
  }
  return { kind: 'found', direction: increasing ? 'smallest' : 'largest', answer: good, beyond: bad, probes };
}

function closeEnough(spec: SearchSpec, a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  switch (spec.scale) {
    case 'integer': return hi - lo <= 1;
    case 'linear': return hi - lo <= spec.tolerance;
    case 'geometric': return lo > 0 ? hi / lo <= 1 + spec.tolerance : hi - lo <= spec.tolerance * hi;
  }
}

function midpoint(spec: SearchSpec, a: number, b: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (spec.scale === 'integer') return Math.floor((lo + hi) / 2);
  if (spec.scale === 'geometric' && lo > 0) return Math.sqrt(lo * hi);
  return (lo + hi) / 2;
}
