/**
 * A fluid link's streams as one set, kept in the water-filling order (inflow/weight ascending, ties in
 * order of arrival) so that no event sorts: the link integrates, shares out and drains them through here.
 * Streams are few (tens), so every event visits each of them; the many bulk transfers enter the sharing
 * only through their total weight.
 */
import { byCapPerWeight, fairRatePerWeight } from './fluid-link-share.js';
import type { Source, SourceState } from './fluid-link-source.js';

export class LinkStreams {
  private readonly list: SourceState[] = [];
  /** Reused per event: the streams with an empty backlog (capped at their inflow). */
  private readonly cappedScratch: SourceState[] = [];

  get count(): number {
    return this.list.length;
  }

  add(s: SourceState): void {
    this.list.push(s);
    this.list.sort(byCapPerWeight);
  }

  remove(s: SourceState): void {
    this.list.splice(this.list.indexOf(s), 1);
  }

  /** The stream behind a handle, which must be attached to this link. */
  attached(source: Source): SourceState {
    const s = source as SourceState;
    if (!this.list.includes(s)) throw new Error('source is not attached to this link');
    return s;
  }

  setInflow(s: SourceState, inflowBytesPerSecond: number): void {
    if (s.inflowBytesPerSecond === inflowBytesPerSecond) return;
    s.inflowBytesPerSecond = inflowBytesPerSecond;
    this.reposition(s);
  }

  /** Integrates every stream over dt. */
  advance(dtSeconds: number): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) list[i].advance(dtSeconds);
  }

  /** Empties the backlogs due to drain by `timeSeconds` (they were computed to land there). */
  markDrainedBy(timeSeconds: number): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i].drainAtSeconds <= timeSeconds) list[i].markDrained();
  }

  /** Whether some backlog drains by `timeSeconds`. */
  drainsBy(timeSeconds: number): boolean {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i].drainAtSeconds <= timeSeconds) return true;
    return false;
  }

  /** The earliest backlog drain, if before `bound`; else `bound`. */
  earliestDrain(bound: number): number {
    const list = this.list;
    let next = bound;
    for (let i = 0; i < list.length; i++) if (list[i].drainAtSeconds < next) next = list[i].drainAtSeconds;
    return next;
  }

  /** Σ backlog of the streams whose backlog counts in the link's queued bytes (countQueued). */
  countedBacklogBytes(): number {
    const list = this.list;
    let queued = 0;
    for (let i = 0; i < list.length; i++) if (list[i].countQueued) queued += list[i].backlogBytes;
    return queued;
  }

  /**
   * φ, the fair rate per unit weight, for the streams and the transfers' total weight: a backlogged stream
   * competes like a transfer, one with an empty backlog is capped at its inflow.
   */
  fairRatePerWeight(capacityBytesPerSecond: number, transferWeight: number): number {
    const list = this.list;
    if (list.length === 0) return transferWeight > 0 ? capacityBytesPerSecond / transferWeight : Infinity;
    let elasticWeight = transferWeight;
    const capped = this.cappedScratch;
    let m = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.isElastic) elasticWeight += s.weight;
      else capped[m++] = s;
    }
    return fairRatePerWeight(capacityBytesPerSecond, elasticWeight, capped, m);
  }

  /** Gives every stream its share of φ; returns `transferRate` plus their service rates (in this order). */
  applyShare(fairRatePerWeight: number, nowSeconds: number, transferRate: number): number {
    const list = this.list;
    let total = transferRate;
    for (let i = 0; i < list.length; i++) {
      list[i].applyShare(fairRatePerWeight, nowSeconds);
      total += list[i].serviceRateBytesPerSecond;
    }
    return total;
  }

  /**
   * Moves one stream whose key (inflow/weight) changed to where a stable sort would put it: the others
   * stay sorted, and among equal keys it keeps its place relative to them. O(m) instead of a sort.
   */
  private reposition(s: SourceState): void {
    const list = this.list;
    const from = list.indexOf(s);
    // Its index among the others: after the smaller keys, and among equal keys where it stood.
    let below = 0;
    let equal = 0;
    for (let i = 0; i < list.length; i++) {
      if (i === from) continue;
      const c = byCapPerWeight(list[i], s);
      if (c < 0) below++;
      else if (c === 0) equal++;
    }
    const to = Math.min(Math.max(from, below), below + equal);
    for (let i = from; i < to; i++) list[i] = list[i + 1];
    for (let i = from; i > to; i--) list[i] = list[i - 1];
    list[to] = s;
  }
}
