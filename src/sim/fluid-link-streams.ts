/**
 * A fluid link's streams as one set: their rows side by side (fluid-link-stream-rows.ts), stored in the
 * water-filling order (inflow/weight ascending, ties in order of arrival), which is kept as inflows change
 * so that no event sorts. Every link event visits each stream — shares and the total rate are folded in
 * this order, which is what keeps the arithmetic the same whatever else changes — in two sequential passes
 * over typed arrays: integrate and classify (then water-fill), share.
 *
 * Most streams, most of the time, are "steady": an empty backlog and rates equal to their own inflow
 * (accepted = served = inflow). Such a stream costs an event almost nothing. Integrating it is
 * cumIn += inflow·dt, cumOut = cumIn (what advanceRow computes for it, bit for bit: its other terms add exact
 * zeros), so it is left behind and caught up over the link's log of advance intervals when next read or
 * changed — the same additions in the same order. Its share stays its inflow as long as weight·φ reaches
 * it, which is one multiplication to check. Every other stream is integrated at each event.
 *
 * When nothing is elastic (no transfer, every backlog empty) and the inflows fit with room to spare, the
 * water-filling is skipped: its answer is known (φ = ∞, see fairRatePerWeight). A stream whose inflow changes
 * finds its place by binary search.
 */
import { fairRatePerWeight, compareCapPerWeight } from './fluid-link-share.js';
import type { OverflowMode, Source, SourceState } from './fluid-link-source.js';
import { advanceRow, markDrained, shareRow, StreamRows, type BreakpointSink } from './fluid-link-stream-rows.js';

/**
 * Relative room the inflows must leave on the link for the fast φ (fairRatePerWeight): far above the rounding
 * in Σ inflow (a few ulps per change between passes) and in the water-filling's running sums.
 */
const FAST_SHARE_MARGIN = 1e-6;
/** Below this capacity (bytes/s; real links carry more than 1) the fast φ is not used: no subnormal arithmetic to reason about. */
const MIN_FAST_SHARE_CAPACITY = 1e-200;
/** 2^-52: twice the unit roundoff, a bound for a sum's and a difference's rounding relative to their operands. */
const ROUNDING = 2 ** -52;
const SUBNORMAL_ROUNDING = 1e-300;

export class LinkStreams {
  /** Row p is the p-th stream in the water-filling order; the first `m` rows are in use. */
  readonly rows = new StreamRows(8);
  private m = 0;
  /** Each row's stream and where its breakpoints go. */
  private readonly handles: (SourceState | undefined)[] = [];
  private readonly sinks: (BreakpointSink | null)[] = [];
  /** Reused per event: the rows with an empty backlog (capped at their inflow), in order. */
  private capped = new Int32Array(8);
  /** Reused per share pass: rows whose rates changed and that record history. */
  private changedWithHistory = new Int32Array(8);
  /** The link's advances so far, the interval of each (dts[e] for advance e), and up to which one each row is integrated. */
  private epoch = 0;
  private readonly dts: number[] = [0];
  private integratedTo = new Float64Array(8);
  /** 1: the row is steady (see above) and may lag behind the epoch. */
  private steady = new Uint8Array(8);
  /** 1: the row's backlog counts in the link's queued bytes (SourceOptions.countQueued). */
  private countQueued = new Uint8Array(8);
  /**
   * Some counted stream may be unsteady (so may have a backlog): false means every counted stream is steady,
   * its backlog exactly 0, and countedBacklogBytes is 0 without a pass. Set wherever a row turns unsteady,
   * recomputed by each share pass.
   */
  private countedUnsteady = false;
  /** Rows the last share pass left unsteady (a backlog, or refused writes): 0 allows the fast φ below. */
  private unsteadyAfterShare = 0;
  /** Σ inflow, exact as of the last share pass and moved by each inflow change since (see fairRatePerWeight). */
  private inflowSum = 0;
  /** A bound on how far inflowSum may be from the true sum (rounding in the changes since the last pass). */
  private inflowSumError = 0;
  /** The earliest drain of any stream, as the last share pass set them (stale after a removal). */
  private earliestDrainSeconds = Infinity;
  private drainStale = false;

  get count(): number {
    return this.m;
  }

  /** A new stream (of `handle`): its row, where a stable sort would put it (after every equal or smaller key). */
  add(handle: SourceState, sink: BreakpointSink | null, weight: number, inflowBytesPerSecond: number, overflow: OverflowMode, countQueued: boolean): number {
    this.reserve(this.m + 2); // one spare row past the last (reposition)
    const { inflow, weight: weights } = this.rows;
    let lo = 0;
    let hi = this.m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCapPerWeight(inflow[mid], weights[mid], inflowBytesPerSecond, weight) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.moveRows(lo, lo + 1, this.m - lo);
    this.m++;
    this.rows.initRow(lo, weight, inflowBytesPerSecond, overflow === 'throttle');
    this.moveInflowSum(0, inflowBytesPerSecond);
    this.integratedTo[lo] = this.epoch;
    this.steady[lo] = 0;
    this.countQueued[lo] = countQueued ? 1 : 0;
    if (countQueued) this.countedUnsteady = true;
    this.handles[lo] = handle;
    this.sinks[lo] = sink;
    return lo;
  }

  /** Takes a stream out, integrated to now; its row is handed to `keep` first. */
  remove(s: SourceState, keep: (rows: StreamRows, row: number) => void): void {
    const r = s.row;
    this.integrate(r);
    keep(this.rows, r);
    this.moveInflowSum(this.rows.inflow[r], 0);
    this.moveRows(r + 1, r, this.m - r - 1);
    this.m--;
    this.handles[this.m] = undefined;
    this.sinks[this.m] = null;
    this.drainStale = true;
  }

  /** The stream behind a handle, which must be attached to this link. */
  attached(source: Source): SourceState {
    const s = source as SourceState;
    if (s.attachedTo !== this) throw new Error('source is not attached to this link');
    return s;
  }

  setInflow(s: SourceState, inflowBytesPerSecond: number): void {
    const r = s.row;
    if (this.rows.inflow[r] === inflowBytesPerSecond) return;
    this.integrate(r);
    this.unsteady(r);
    this.moveInflowSum(this.rows.inflow[r], inflowBytesPerSecond);
    this.rows.inflow[r] = inflowBytesPerSecond;
    this.reposition(r);
    s.ownChange();
  }

  setOverflow(s: SourceState, mode: OverflowMode): void {
    const r = s.row;
    this.integrate(r);
    this.unsteady(r);
    this.rows.throttle[r] = mode === 'throttle' ? 1 : 0;
    s.ownChange();
  }

  /** The link integrated up to now: every stream has dt more to integrate (at its next visit, or later if steady). */
  advance(dtSeconds: number): void {
    this.epoch++;
    this.dts.push(dtSeconds);
  }

  /** Brings row r up to the link's last advance. */
  integrate(r: number): void {
    const from = this.integratedTo[r];
    const epoch = this.epoch;
    if (from === epoch) return;
    const { rows, dts } = this;
    if (this.steady[r] === 1) {
      const accepted = rows.accepted[r];
      let cumIn = rows.cumIn[r];
      for (let e = from + 1; e <= epoch; e++) cumIn += accepted * dts[e];
      rows.cumIn[r] = cumIn;
      rows.cumOut[r] = cumIn;
    } else {
      for (let e = from + 1; e <= epoch; e++) advanceRow(rows, r, dts[e]);
    }
    this.integratedTo[r] = epoch;
  }

  /** Empties the backlogs due to drain by `timeSeconds` (they were computed to land there). */
  markDrainedBy(timeSeconds: number): void {
    if (!(this.earliestDrain(Infinity) <= timeSeconds)) return;
    const rows = this.rows;
    for (let r = 0; r < this.m; r++) {
      if (rows.drainAt[r] <= timeSeconds) {
        this.integrate(r);
        this.unsteady(r);
        markDrained(rows, r);
        this.handles[r]!.ownChange();
      }
    }
  }

  /** Whether some backlog drains by `timeSeconds`. */
  drainsBy(timeSeconds: number): boolean {
    return this.earliestDrain(Infinity) <= timeSeconds;
  }

  /** The earliest backlog drain, if before `bound`; else `bound`. */
  earliestDrain(bound: number): number {
    if (this.drainStale) {
      let earliest = Infinity;
      for (let r = 0; r < this.m; r++) earliest = Math.min(earliest, this.rows.drainAt[r]);
      this.earliestDrainSeconds = earliest;
      this.drainStale = false;
    }
    return this.earliestDrainSeconds < bound ? this.earliestDrainSeconds : bound;
  }

  /**
   * Σ backlog of the streams whose backlog counts in the link's queued bytes (countQueued), in their order,
   * `pendingSeconds` after the link's last advance: each term is what the stream's backlogBytes reports.
   */
  countedBacklogBytes(pendingSeconds: number): number {
    if (!this.countedUnsteady) return 0;
    const { countQueued, steady, integratedTo, epoch, rows } = this;
    const { backlog, accepted, service } = rows;
    let queued = 0;
    for (let r = 0; r < this.m; r++) {
      // A steady stream's backlog is 0, exactly: adding it changes nothing.
      if (countQueued[r] === 1 && steady[r] === 0) {
        if (integratedTo[r] !== epoch) this.integrate(r);
        queued += Math.max(0, backlog[r] + (accepted[r] - service[r]) * pendingSeconds);
      }
    }
    return queued;
  }

  /**
   * φ, the fair rate per unit weight, for the streams and the transfers' total weight: a backlogged stream
   * competes like a transfer, one with an empty backlog is capped at its inflow. Integrates every stream first.
   */
  fairRatePerWeight(capacityBytesPerSecond: number, transferWeight: number): number {
    const m = this.m;
    if (m === 0) return transferWeight > 0 ? capacityBytesPerSecond / transferWeight : Infinity;
    // Nothing elastic (no transfer; every stream's backlog empty: the last pass left all steady, and a stream
    // changed since was integrated then) and the inflows fit with room to spare: water-filling would find every
    // stream satisfied at its cap and return Infinity — the rows are sorted by cap/weight, so each cap is at most
    // its weight's share of what is left, and the margin covers rounding in the sums. The answer without the pass.
    if (transferWeight === 0 && this.unsteadyAfterShare === 0 && capacityBytesPerSecond >= MIN_FAST_SHARE_CAPACITY
      && (this.inflowSum + this.inflowSumError) * (1 + FAST_SHARE_MARGIN) <= capacityBytesPerSecond) return Infinity;
    const { capped, integratedTo, steady, epoch, rows } = this;
    const { backlog, weight } = rows;
    const dt = this.dts[epoch];
    let elasticWeight = transferWeight;
    let count = 0;
    for (let r = 0; r < m; r++) {
      if (steady[r] === 1) {
        capped[count++] = r; // a steady row has an empty backlog
        continue;
      }
      const from = integratedTo[r];
      if (from === epoch - 1) {
        advanceRow(rows, r, dt);
        integratedTo[r] = epoch;
      } else if (from !== epoch) {
        this.integrate(r);
      }
      if (backlog[r] > 0) elasticWeight += weight[r];
      else capped[count++] = r;
    }
    return fairRatePerWeight(capacityBytesPerSecond, elasticWeight, weight, rows.inflow, capped, count);
  }

  /** Gives every stream its share of φ; returns `transferRate` plus their service rates (in this order). */
  applyShare(fairRatePerWeight: number, nowSeconds: number, transferRate: number): number {
    const { steady, sinks, rows, integratedTo, epoch, countQueued } = this;
    const { backlog, inflow, service, accepted, drainAt, weight } = rows;
    let changedWithHistory = this.changedWithHistory;
    let changes = 0;
    let total = transferRate;
    let earliest = Infinity;
    let countedUnsteady = false;
    let unsteadyRows = 0;
    let inflowSum = 0;
    for (let r = 0; r < this.m; r++) {
      inflowSum += inflow[r];
      if (steady[r] === 1) {
        // min(inflow, weight·φ) is still its inflow (= its service): nothing changes, not even its drain (none).
        const s = service[r];
        if (weight[r] * fairRatePerWeight >= s) {
          total += s;
          continue;
        }
        // Its rates change: first catch up at the old ones.
        if (integratedTo[r] !== epoch) this.integrate(r);
      }
      if (shareRow(rows, r, fairRatePerWeight, nowSeconds) && sinks[r] !== null) {
        if (changes === changedWithHistory.length) changedWithHistory = this.growChanged();
        changedWithHistory[changes++] = r;
      }
      const s = service[r];
      steady[r] = backlog[r] === 0 && accepted[r] === s && s === inflow[r] ? 1 : 0;
      if (steady[r] === 0) {
        unsteadyRows++;
        if (countQueued[r] === 1) countedUnsteady = true;
      }
      if (drainAt[r] < earliest) earliest = drainAt[r];
      total += s;
    }
    this.earliestDrainSeconds = earliest;
    this.drainStale = false;
    this.countedUnsteady = countedUnsteady;
    this.unsteadyAfterShare = unsteadyRows;
    this.inflowSum = inflowSum;
    this.inflowSumError = 0;
    // The breakpoints once the loop is done (no sink called inside it): one per instant, the first change's values.
    const { cumIn, cumOut } = rows;
    for (let i = 0; i < changes; i++) {
      const r = changedWithHistory[i];
      const sink = sinks[r]!;
      if (nowSeconds !== sink.lastBreakpointSeconds) sink.breakpoint(nowSeconds, cumIn[r], cumOut[r]);
    }
    return total;
  }

  /** Every stream with a history checkpoints (a keyframe: what one query replays stays short). */
  checkpointHistories(): void {
    for (let r = 0; r < this.m; r++) if (this.sinks[r] !== null) this.handles[r]!.ownChange();
  }

  /** One stream's inflow goes from `before` to `after`: moves the sum, and the bound on its rounding. */
  private moveInflowSum(before: number, after: number): void {
    const sum = this.inflowSum;
    this.inflowSum = sum + (after - before);
    // Two roundings, each at most half an ulp of its result (or an absolute sliver among subnormals).
    this.inflowSumError += ROUNDING * (Math.abs(sum) + Math.abs(before) + Math.abs(after)) + SUBNORMAL_ROUNDING;
  }

  private unsteady(r: number): void {
    this.steady[r] = 0;
    if (this.countQueued[r] === 1) this.countedUnsteady = true;
  }

  private growChanged(): Int32Array<ArrayBuffer> {
    const bigger = new Int32Array(2 * this.changedWithHistory.length);
    bigger.set(this.changedWithHistory);
    this.changedWithHistory = bigger;
    return bigger;
  }

  private reserve(count: number): void {
    this.rows.reserve(count);
    if (count > this.capped.length) {
      const n = Math.max(count, 2 * this.capped.length);
      this.capped = new Int32Array(n);
      const integratedTo = new Float64Array(n);
      integratedTo.set(this.integratedTo);
      this.integratedTo = integratedTo;
      const steady = new Uint8Array(n);
      steady.set(this.steady);
      this.steady = steady;
      const countQueued = new Uint8Array(n);
      countQueued.set(this.countQueued);
      this.countQueued = countQueued;
    }
  }

  /** Moves rows [from, from + count) to start at `to`, with their bookkeeping, and tells the moved streams. */
  private moveRows(from: number, to: number, count: number): void {
    if (count <= 0 || from === to) return;
    this.rows.moveRows(from, to, count);
    this.integratedTo.copyWithin(to, from, from + count);
    this.steady.copyWithin(to, from, from + count);
    this.countQueued.copyWithin(to, from, from + count);
    const handles = this.handles.slice(from, from + count);
    const sinks = this.sinks.slice(from, from + count);
    for (let i = 0; i < count; i++) {
      this.handles[to + i] = handles[i];
      this.sinks[to + i] = sinks[i];
      handles[i]!.row = to + i;
    }
  }

  /**
   * Moves one row whose key (inflow/weight) changed to where a stable sort would put it: the others stay
   * sorted, and among equal keys it keeps its place relative to them. Two binary searches over the others
   * (which are sorted) instead of a sort, then one move of the rows in between.
   */
  private reposition(from: number): void {
    const { inflow, weight } = this.rows;
    const key = inflow[from];
    const keyWeight = weight[from];
    // Its index among the others: after the smaller keys, and among equal keys where it stood. The others are
    // rows 0..m-2 of the order without `from` (index i is row i below `from`, row i + 1 from it on).
    const others = this.m - 1;
    let lo = 0;
    let hi = others;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = mid < from ? mid : mid + 1;
      if (compareCapPerWeight(inflow[r], weight[r], key, keyWeight) < 0) lo = mid + 1;
      else hi = mid;
    }
    const below = lo;
    hi = others;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = mid < from ? mid : mid + 1;
      if (compareCapPerWeight(inflow[r], weight[r], key, keyWeight) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const equal = lo - below;
    const to = Math.min(Math.max(from, below), below + equal);
    if (to === from) return;
    // The moving row waits in the spare row past the last one (reserve keeps one), not in a new array.
    const spare = this.m;
    this.rows.copyRow(from, this.rows, spare);
    const integratedTo = this.integratedTo[from];
    const steady = this.steady[from];
    const countQueued = this.countQueued[from];
    const handle = this.handles[from]!;
    const sink = this.sinks[from];
    if (to > from) this.moveRows(from + 1, from, to - from);
    else this.moveRows(to, to + 1, from - to);
    this.rows.copyRow(spare, this.rows, to);
    this.integratedTo[to] = integratedTo;
    this.steady[to] = steady;
    this.countQueued[to] = countQueued;
    this.handles[to] = handle;
    this.sinks[to] = sink;
    handle.row = to;
  }
}
