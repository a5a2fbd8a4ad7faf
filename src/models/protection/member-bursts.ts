/**
 * The writes of several VMs of one bursty workload, each bursting on its own: bursts are drawn per VM (from
 * the VM's own stream), so a VM bursts at the same moments whether it replicates alone, in an application,
 * in a consistency group or in an automatic batch, and whatever strategy groups it. The part's rate is
 *   average × profile(t) × (S + (m − 1) · Σ_{i bursting at t} s_i),
 * S the members' summed scale, m the burst multiplier — or, where the peak write rate caps a burst
 * (write-curve.ts burstRate), average × profile(t) × S + Σ_{i bursting} s_i · (capped − average × profile(t))
 * at unit scale: the sum of the members' own curves, built in one
 * sweep over the hour boundaries and the members' burst edges (merged with a heap: O(E log k) for E edges of
 * k members), so a batch of hundreds of VMs costs its edges, not hundreds of curves.
 */
import { burstRate, HOUR_SECONDS, WriteCurve } from './write-curve.js';
import type { Workload } from '../scenario/model.js';

export interface BurstingMember {
  scale: number;
  /** Burst episodes [start, end), sorted and disjoint (drawBursts). */
  episodes: Array<[number, number]>;
}

export function buildBurstyPartCurve(workload: Workload, members: readonly BurstingMember[], horizonSeconds: number): WriteCurve {
  const total = members.reduce((a, m) => a + m.scale, 0);
  const extra = (workload.burst?.multiplier ?? 1) - 1;
  const edges = new EdgeHeap(members);
  const times: number[] = [];
  const rates: number[] = [];
  let active = 0;
  let activeCount = 0;
  let t = 0;
  while (t < horizonSeconds) {
    // Apply every burst edge at or before t (members starting or ending a burst now).
    while (edges.size > 0 && edges.nextTime() <= t) {
      const { member, starts } = edges.pop();
      const s = members[member].scale;
      if (starts) { active += s; activeCount++; } else { active -= s; activeCount--; }
    }
    const p = workload.weeklyProfile[Math.floor(t / HOUR_SECONDS) % 168];
    // Nobody bursting: exactly the steady formula (average × scale × profile), whatever rounding the sum of edges left.
    let rate = workload.averageWriteBytesPerSecond * total * p;
    if (activeCount > 0) {
      // Per unit of scale: the hour's rate and a burst's (the peak may cap it; each member's peak is the peak × its scale).
      const hour = workload.averageWriteBytesPerSecond * p;
      const burst = burstRate(workload, hour, 1);
      rate = burst === hour * (extra + 1) ? workload.averageWriteBytesPerSecond * (total + extra * active) * p : rate + active * (burst - hour);
    }
    if (rates.length === 0 || rates[rates.length - 1] !== rate) {
      times.push(t);
      rates.push(rate);
    }
    const nextHour = (Math.floor(t / HOUR_SECONDS) + 1) * HOUR_SECONDS;
    t = Math.min(nextHour, edges.size > 0 ? edges.nextTime() : Infinity, horizonSeconds);
  }
  times.push(horizonSeconds);
  rates.push(rates.length > 0 ? rates[rates.length - 1] : 0);
  const cumulative = new Float64Array(times.length);
  for (let i = 1; i < times.length; i++) cumulative[i] = cumulative[i - 1] + rates[i - 1] * (times[i] - times[i - 1]);
  return new WriteCurve(Float64Array.from(times), Float64Array.from(rates), cumulative);
}

/** The members' next burst edges, earliest first (ties by member index: deterministic). */
class EdgeHeap {
  /** Member ids in heap order, keyed by the time of their next edge. */
  private readonly heap: Int32Array;
  private readonly key: Float64Array;
  /** Next edge of each member: 2j = start of episode j, 2j + 1 = its end. */
  private readonly cursor: Int32Array;
  size = 0;

  constructor(private readonly members: readonly BurstingMember[]) {
    this.heap = new Int32Array(members.length);
    this.key = new Float64Array(members.length);
    this.cursor = new Int32Array(members.length);
    members.forEach((m, i) => {
      if (m.scale > 0 && m.episodes.length > 0) {
        this.key[i] = m.episodes[0][0];
        this.heap[this.size++] = i;
      }
    });
    for (let k = (this.size >> 1) - 1; k >= 0; k--) this.down(k);
  }

  nextTime(): number {
    return this.key[this.heap[0]];
  }

  /** Takes the earliest edge and moves its member on to its next one. */
  pop(): { member: number; starts: boolean } {
    const member = this.heap[0];
    const c = this.cursor[member]++;
    const episodes = this.members[member].episodes;
    const next = c + 1;
    if (next < 2 * episodes.length) {
      this.key[member] = episodes[next >> 1][next & 1];
    } else {
      this.heap[0] = this.heap[--this.size];
    }
    if (this.size > 0) this.down(0);
    return { member, starts: (c & 1) === 0 };
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && a < b);
  }

  private down(k: number): void {
    const h = this.heap;
    const n = this.size;
    const item = h[k];
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(h[r], h[l]) ? r : l;
      if (!this.less(h[c], item)) break;
      h[k] = h[c];
      k = c;
    }
    h[k] = item;
  }
}
