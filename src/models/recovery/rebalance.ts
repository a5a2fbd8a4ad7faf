/**
 * Rebalancing after failover (VMotion / live migration): recovery packs units first-fit, so the first
 * DR hosts end up full and the last ones light. Greedy: repeatedly take the busiest and the idlest used
 * host (CPU fraction of capacity) and move the one unit from the busiest that brings the pair closest
 * together, if it fits the idlest host's CPU and RAM; stop when no move narrows the pair. Each move
 * strictly narrows the pair's spread; the number of moves is capped by the number of units.
 * Migration time is not modelled (live migration keeps the VMs up).
 */
import { fits } from './primary-placement.js';
import type { DrHostPool } from './placement.js';

export interface Movable {
  slot: number;
  vcpus: number;
  ramBytes: number;
}

/** max − min CPU fraction across the given slots (0 for fewer than two). */
export function cpuImbalance(pool: DrHostPool, slots: readonly number[], now: number): number {
  if (slots.length < 2) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of slots) {
    const f = pool.cpuFraction(s, now);
    lo = Math.min(lo, f);
    hi = Math.max(hi, f);
  }
  return hi - lo;
}

/** Moves items between `slots` (mutating item.slot and the pool); returns the number of moves. */
export function rebalance(pool: DrHostPool, items: Movable[], slots: readonly number[], now: number): number {
  if (slots.length < 2) return 0;
  const onSlot = new Map<number, number[]>(slots.map((s) => [s, []]));
  items.forEach((it, i) => onSlot.get(it.slot)?.push(i));
  let moves = 0;
  for (let iter = 0; iter < items.length; iter++) {
    let hi = -1;
    let lo = -1;
    for (const s of slots) {
      if (hi < 0 || pool.cpuFraction(s, now) > pool.cpuFraction(hi, now)) hi = s;
      if (lo < 0 || pool.cpuFraction(s, now) < pool.cpuFraction(lo, now)) lo = s;
    }
    const fHi = pool.cpuFraction(hi, now);
    const fLo = pool.cpuFraction(lo, now);
    const gap = fHi - fLo;
    if (!(gap > 1e-9)) break;
    const list = onSlot.get(hi)!;
    let best = -1;
    let bestSpread = gap - 1e-12;
    for (let k = 0; k < list.length; k++) {
      const it = items[list[k]];
      if (!fits(pool.usedVcpus[lo], it.vcpus, pool.capVcpus[lo]) || !fits(pool.usedRam[lo], it.ramBytes, pool.capRam[lo])) continue;
      const spread = Math.abs(fHi - it.vcpus / pool.capVcpus[hi] - (fLo + it.vcpus / pool.capVcpus[lo]));
      if (spread < bestSpread) {
        bestSpread = spread;
        best = k;
      }
    }
    if (best < 0) break;
    const idx = list[best];
    list[best] = list[list.length - 1];
    list.pop();
    onSlot.get(lo)!.push(idx);
    const it = items[idx];
    pool.move(hi, lo, it.vcpus, it.ramBytes);
    it.slot = lo;
    moves++;
  }
  return moves;
}
