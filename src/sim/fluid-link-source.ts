/**
 * A stream ("source") on a fluid link: a continuous inflow at a piecewise-constant rate, served
 * FIFO. The link decides the service rate at each event; between events everything is linear, so
 * the state is integrated, never ticked. With `recordHistory`, its cumulative in and out over time are kept
 * (as its own changes on the link's reallocation log, see fluid-link-history.ts) so that
 * `recoveryPointAt(t)` can answer, for any past t, which write time the data delivered by t reaches — the
 * newest recovery point at a disaster time.
 */
import type { ReallocationLog } from './fluid-link-log.js';
import { StreamHistory, type BreakpointSink, type ReplayableStream } from './fluid-link-history.js';
import type { CappedDemand } from './fluid-link-share.js';

/**
 * What happens when a stream's fair share is below its inflow:
 * 'buffer' queues the excess (CDP journal, async replication falling behind);
 * 'throttle' refuses it (synchronous replication slowing the writers), counted in throttledBytes.
 */
export type OverflowMode = 'buffer' | 'throttle';

export interface SourceOptions {
  /** Weight in the link's weighted fair sharing; > 0. */
  weight?: number;
  inflowBytesPerSecond: number;
  overflow: OverflowMode;
  recordHistory?: boolean;
}

export interface SourceHistory {
  timesSeconds: Float64Array;
  cumulativeInBytes: Float64Array;
  cumulativeOutBytes: Float64Array;
}

/** Public view of a stream; change it through the link (setInflow, setOverflow, removeSource). */
export interface Source {
  readonly weight: number;
  readonly inflowBytesPerSecond: number;
  readonly overflow: OverflowMode;
  readonly createdAtSeconds: number;
  /** NaN while attached. */
  readonly removedAtSeconds: number;
  /** Current service rate on the link. */
  readonly serviceRateBytesPerSecond: number;
  /** All below are exact at the scheduler's current time. */
  readonly backlogBytes: number;
  readonly cumulativeInBytes: number;
  readonly cumulativeOutBytes: number;
  readonly throttledBytes: number;
  /** Largest backlog so far (exact: the backlog is piecewise linear, so it peaks at a breakpoint or now). */
  readonly peakBacklogBytes: number;
  /** Breakpoints up to now (the last one at now); throws without recordHistory. */
  history(): SourceHistory;
  /** The write time s whose data has fully arrived by t: In(s) = Out(t), the latest such s ≤ t. */
  recoveryPointAt(tSeconds: number): number;
  /** t − recoveryPointAt(t). */
  lagAt(tSeconds: number): number;
}

/** The link's clock as seen by its sources: state is exact at lastUpdateSeconds. */
export interface LinkClock {
  readonly now: number;
  readonly lastUpdateSeconds: number;
}

export class SourceState implements Source, CappedDemand, ReplayableStream {
  readonly weight: number;
  readonly createdAtSeconds: number;
  removedAtSeconds = NaN;
  inflowBytesPerSecond: number;
  overflow: OverflowMode;
  serviceRateBytesPerSecond = 0;
  acceptedRateBytesPerSecond = 0;
  /** When the backlog will drain at current rates (Infinity if it will not). */
  drainAtSeconds = Infinity;
  private backlog = 0;
  private cumIn = 0;
  private cumOut = 0;
  private throttled = 0;
  private peakBacklog = 0;
  /** The live history (recordHistory), else null; a replaying ghost has none either. */
  private readonly recorded: StreamHistory | null;
  /** Where a change of rates writes its breakpoint: the history (live), a replayed segment (ghost), or nowhere. */
  private sink: BreakpointSink | null;

  /** `log`: the link's reallocation log, needed with recordHistory. */
  constructor(private readonly clock: LinkClock, options: SourceOptions, log: ReallocationLog | null = null) {
    const weight = options.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`source weight must be > 0, got ${weight}`);
    checkRate(options.inflowBytesPerSecond);
    this.weight = weight;
    this.inflowBytesPerSecond = options.inflowBytesPerSecond;
    this.overflow = options.overflow;
    this.createdAtSeconds = clock.now;
    if (options.recordHistory) {
      if (log === null) throw new Error("a stream with recordHistory needs its link's reallocation log");
      this.recorded = new StreamHistory(log, clock.now, (sink) => this.ghost(sink));
      this.sink = this.recorded;
      this.recorded.checkpoint(this, clock.now);
    } else {
      this.recorded = null;
      this.sink = null;
    }
  }

  /** CappedDemand view used by the water-filling: a stream with an empty backlog wants its inflow. */
  get capBytesPerSecond(): number {
    return this.inflowBytesPerSecond;
  }

  /** A backlogged stream competes like a bulk transfer until its backlog drains. */
  get isElastic(): boolean {
    return this.backlog > 0;
  }

  get isAttached(): boolean {
    return Number.isNaN(this.removedAtSeconds);
  }

  get backlogBytes(): number {
    return Math.max(0, this.backlog + (this.acceptedRateBytesPerSecond - this.serviceRateBytesPerSecond) * this.pendingSeconds());
  }

  get cumulativeInBytes(): number {
    return this.cumIn + this.acceptedRateBytesPerSecond * this.pendingSeconds();
  }

  get cumulativeOutBytes(): number {
    return this.cumOut + this.serviceRateBytesPerSecond * this.pendingSeconds();
  }

  get throttledBytes(): number {
    return this.throttled + (this.inflowBytesPerSecond - this.acceptedRateBytesPerSecond) * this.pendingSeconds();
  }

  get peakBacklogBytes(): number {
    return Math.max(this.peakBacklog, this.backlogBytes);
  }

  /** Integrates the current rates over dt (called by the link before any change). */
  advance(dtSeconds: number): void {
    this.cumIn += this.acceptedRateBytesPerSecond * dtSeconds;
    this.cumOut += this.serviceRateBytesPerSecond * dtSeconds;
    this.throttled += (this.inflowBytesPerSecond - this.acceptedRateBytesPerSecond) * dtSeconds;
    const backlog = this.backlog + (this.acceptedRateBytesPerSecond - this.serviceRateBytesPerSecond) * dtSeconds;
    // Rounding must not leave a phantom backlog that would keep the stream elastic.
    if (backlog <= 1e-12 * Math.max(1, this.cumIn)) this.markDrained();
    else {
      this.backlog = backlog;
      if (backlog > this.peakBacklog) this.peakBacklog = backlog;
    }
  }

  markDrained(): void {
    this.backlog = 0;
    this.cumOut = this.cumIn;
  }

  /** The link's event found the backlog drained (when it was computed to): an own change of the stream. */
  drainAtLinkEvent(): void {
    this.markDrained();
    this.ownChange();
  }

  /** Inflow, overflow mode or backlog changed other than by integrating: the history checkpoints it. */
  ownChange(): void {
    if (this.recorded !== null) this.recorded.checkpoint(this, this.clock.now);
  }

  /** applyShare at a reallocation of the link (logged), as opposed to a ghost's replay of one. */
  shareAtReallocation(fairRatePerWeight: number, nowSeconds: number): void {
    this.applyShare(fairRatePerWeight, nowSeconds);
    if (this.recorded !== null) this.recorded.afterReallocation(this, nowSeconds);
  }

  /** Sets the rates for the next interval from φ; records a breakpoint if a slope changed. */
  applyShare(fairRatePerWeight: number, nowSeconds: number): void {
    let service: number;
    let accepted: number;
    if (!this.isAttached) {
      service = accepted = 0;
    } else if (this.backlog > 0) {
      // A residual backlog is served FIFO whatever the mode; throttling applies once it is empty.
      service = this.weight * fairRatePerWeight;
      accepted = this.inflowBytesPerSecond;
    } else {
      service = Math.min(this.inflowBytesPerSecond, this.weight * fairRatePerWeight);
      accepted = this.overflow === 'buffer' ? this.inflowBytesPerSecond : service;
    }
    const changed = service !== this.serviceRateBytesPerSecond || accepted !== this.acceptedRateBytesPerSecond;
    this.serviceRateBytesPerSecond = service;
    this.acceptedRateBytesPerSecond = accepted;
    this.drainAtSeconds = this.backlog > 0 && service > accepted ? nowSeconds + this.backlog / (service - accepted) : Infinity;
    // One breakpoint per instant: a second change at the same time keeps the first one's values.
    if (changed && this.sink !== null && nowSeconds !== this.sink.lastBreakpointSeconds) this.sink.breakpoint(nowSeconds, this.cumIn, this.cumOut);
  }

  detach(nowSeconds: number): void {
    this.removedAtSeconds = nowSeconds;
    this.applyShare(0, nowSeconds);
    this.ownChange();
  }

  saveState(into: number[]): void {
    into.push(this.cumIn, this.cumOut, this.backlog, this.throttled, this.peakBacklog, this.serviceRateBytesPerSecond, this.acceptedRateBytesPerSecond,
      this.drainAtSeconds, this.inflowBytesPerSecond, this.overflow === 'buffer' ? 0 : 1, this.removedAtSeconds);
  }

  loadState(from: readonly number[], offset: number): void {
    this.cumIn = from[offset];
    this.cumOut = from[offset + 1];
    this.backlog = from[offset + 2];
    this.throttled = from[offset + 3];
    this.peakBacklog = from[offset + 4];
    this.serviceRateBytesPerSecond = from[offset + 5];
    this.acceptedRateBytesPerSecond = from[offset + 6];
    this.drainAtSeconds = from[offset + 7];
    this.inflowBytesPerSecond = from[offset + 8];
    this.overflow = from[offset + 9] === 0 ? 'buffer' : 'throttle';
    this.removedAtSeconds = from[offset + 10];
  }

  history(): SourceHistory {
    const h = this.requireHistory();
    const { times, ins, outs } = h.breakpoints();
    const end = this.endSeconds();
    const n = times.length;
    const extra = end > times[n - 1] ? 1 : 0;
    const result: SourceHistory = {
      timesSeconds: new Float64Array(n + extra),
      cumulativeInBytes: new Float64Array(n + extra),
      cumulativeOutBytes: new Float64Array(n + extra),
    };
    result.timesSeconds.set(times);
    result.cumulativeInBytes.set(ins);
    result.cumulativeOutBytes.set(outs);
    if (extra) {
      result.timesSeconds[n] = end;
      result.cumulativeInBytes[n] = this.cumulativeInBytes;
      result.cumulativeOutBytes[n] = this.cumulativeOutBytes;
    }
    return result;
  }

  recoveryPointAt(tSeconds: number): number {
    const h = this.requireHistory();
    // Times computed by summing delays can overshoot now by a rounding error: accept and clamp those.
    const slack = 1e-9 * Math.max(1, Math.abs(this.clock.now));
    if (!(tSeconds >= this.createdAtSeconds - slack) || tSeconds > this.clock.now + slack) {
      throw new RangeError(`recoveryPointAt(${tSeconds}): t must lie in [${this.createdAtSeconds}, ${this.clock.now}]`);
    }
    // After removal the stream is frozen: nothing more is written or delivered.
    const t = Math.max(this.createdAtSeconds, Math.min(tSeconds, this.clock.now, this.endSeconds()));
    const n = h.breakpointCount;
    const k = h.lastAtOrBelow('time', n, t); // segment [k, k+1) holds t; k+1 may be the live end
    const timeK = h.timeAt(k);
    const inK = h.inAt(k);
    const outK = h.outAt(k);
    let inSlope = this.acceptedRateBytesPerSecond;
    let outSlope = this.serviceRateBytesPerSecond;
    if (k < n - 1) {
      const dt = h.timeAt(k + 1) - timeK;
      inSlope = dt > 0 ? (h.inAt(k + 1) - inK) / dt : 0;
      outSlope = dt > 0 ? (h.outAt(k + 1) - outK) / dt : 0;
    }
    const outAtT = outK + outSlope * (t - timeK);
    // In is non-decreasing: the latest breakpoint whose In <= Out(t), searched only up to k.
    const j = h.lastAtOrBelow('in', k + 1, outAtT);
    if (j < 0) return this.createdAtSeconds; // rounding below the first point
    if (j === k) {
      if (inSlope <= 0) return t;
      return Math.min(t, timeK + (outAtT - inK) / inSlope);
    }
    const timeJ = h.timeAt(j);
    const inJ = h.inAt(j);
    const s = timeJ + ((outAtT - inJ) / (h.inAt(j + 1) - inJ)) * (h.timeAt(j + 1) - timeJ);
    return Math.min(t, s);
  }

  lagAt(tSeconds: number): number {
    return tSeconds - this.recoveryPointAt(tSeconds);
  }

  private pendingSeconds(): number {
    return this.clock.now - this.clock.lastUpdateSeconds;
  }

  private endSeconds(): number {
    return this.isAttached ? this.clock.now : this.removedAtSeconds;
  }

  private requireHistory(): StreamHistory {
    if (this.recorded === null) throw new Error('this source was added without recordHistory: true');
    return this.recorded;
  }

  /** A copy of this stream that replays into `sink`: same weight and arithmetic, no history of its own. */
  private ghost(sink: BreakpointSink): SourceState {
    const g = new SourceState(this.clock, { weight: this.weight, inflowBytesPerSecond: 0, overflow: 'buffer' });
    g.sink = sink;
    return g;
  }
}

export function checkRate(bytesPerSecond: number): void {
  if (!(bytesPerSecond >= 0) || !Number.isFinite(bytesPerSecond)) {
    throw new RangeError(`rate must be a finite number >= 0 bytes/s, got ${bytesPerSecond}`);
  }
}
