/**
 * Trial records as plain JSON (for shard files): typed arrays become arrays, NaN becomes null. Decoding
 * restores exactly the same numbers (JSON round-trips doubles), so merged shards aggregate to exactly the
 * unsharded result.
 */
import type { EventRecord, StrategyTrialRecord, TrialRecord } from './trial.js';

type Json = unknown;

const numbers = (a: ArrayLike<number>): (number | null)[] => Array.from(a, (x) => (Number.isNaN(x) ? null : x));
const floats = (a: unknown, path: string): Float64Array => {
  if (!Array.isArray(a)) throw new Error(`${path}: expected an array`);
  return Float64Array.from(a, (x) => (x === null ? NaN : Number(x)));
};

export function encodeTrial(r: TrialRecord): Json {
  return {
    trial: r.trial,
    strategies: r.strategies.map((s) => ({
      ...s,
      events: s.events.map((e) => ({
        ...e, vms: Array.from(e.vms), rpoSeconds: numbers(e.rpoSeconds), rtoSeconds: numbers(e.rtoSeconds), outcome: Array.from(e.outcome),
        ...(e.limit !== undefined ? { limit: Array.from(e.limit) } : {}),
      })),
      links: s.links.map((l) => ({ ...l, weekBytesPerSecond: Array.from(l.weekBytesPerSecond) })),
    })),
  };
}

export function decodeTrial(j: any, path = 'trial'): TrialRecord {
  if (typeof j !== 'object' || j === null || typeof j.trial !== 'number' || !Array.isArray(j.strategies)) throw new Error(`${path}: not a trial record`);
  return {
    trial: j.trial,
    strategies: j.strategies.map((s: any, si: number): StrategyTrialRecord => ({
      ...s,
      events: (s.events as any[]).map((e, ei): EventRecord => ({
        ...e,
        vms: Int32Array.from(e.vms),
        rpoSeconds: floats(e.rpoSeconds, `${path}.strategies[${si}].events[${ei}].rpoSeconds`),
        rtoSeconds: floats(e.rtoSeconds, `${path}.strategies[${si}].events[${ei}].rtoSeconds`),
        outcome: Uint8Array.from(e.outcome),
        ...(e.limit !== undefined ? { limit: Uint8Array.from(e.limit) } : {}),
      })),
      links: (s.links as any[]).map((l, li) => ({ ...l, weekBytesPerSecond: floats(l.weekBytesPerSecond, `${path}.strategies[${si}].links[${li}].weekBytesPerSecond`) })),
    })),
  };
}
