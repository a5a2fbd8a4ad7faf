/**
 * A stream ("source") on a fluid link: a continuous inflow at a piecewise-constant rate, served
 * FIFO. The link decides the service rate at each event; between events everything is linear, so
 * the state is integrated, never ticked. With `recordHistory`, breakpoints of cumulative in and out
 * are kept so that `recoveryPointAt(t)` can answer, for any past t, which write time the data
 * delivered by t reaches — the newest recovery point at a disaster time.
 */
import { Float64Series, lastIndexAtOrBelow } from './fluid-link-series.js';
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
  /** Its backlog counts in the link's queued bytes (FluidLink.peakQueuedBytes). Default false. */
  countQueued?: boolean;
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
  /** ∫ (inflow − accepted) / inflow dt: how long the inflow was refused, weighted by the share refused. */
  readonly throttledShareSeconds: number;
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

export class SourceState implements Source, CappedDemand {
  readonly weight: number;
  readonly createdAtSeconds: number;
  readonly countQueued: boolean;
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
  private throttledShare = 0;
  private peakBacklog = 0;
  private readonly times: Float64Series | null;
  private readonly ins: Float64Series | null;
  private readonly outs: Float64Series | null;

  constructor(private readonly clock: LinkClock, options: SourceOptions) {
    const weight = options.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`source weight must be > 0, got ${weight}`);
    checkRate(options.inflowBytesPerSecond);
    this.weight = weight;
    this.inflowBytesPerSecond = options.inflowBytesPerSecond;
    this.overflow = options.overflow;
    this.countQueued = options.countQueued ?? false;
    this.createdAtSeconds = clock.now;
    if (options.recordHistory) {
      this.times = new Float64Series();
      this.ins = new Float64Series();
      this.outs = new Float64Series();
      this.pushBreakpoint(clock.now);
    } else {
      this.times = this.ins = this.outs = null;
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

  get throttledShareSeconds(): number {
    return this.throttledShare + this.refusedShare() * this.pendingSeconds();
  }

  private refusedShare(): number {
    return this.inflowBytesPerSecond > 0 ? (this.inflowBytesPerSecond - this.acceptedRateBytesPerSecond) / this.inflowBytesPerSecond : 0;
  }

  get peakBacklogBytes(): number {
    return Math.max(this.peakBacklog, this.backlogBytes);
  }

  /** Integrates the current rates over dt (called by the link before any change). */
  advance(dtSeconds: number): void {
    this.cumIn += this.acceptedRateBytesPerSecond * dtSeconds;
    this.cumOut += this.serviceRateBytesPerSecond * dtSeconds;
    this.throttled += (this.inflowBytesPerSecond - this.acceptedRateBytesPerSecond) * dtSeconds;
    this.throttledShare += this.refusedShare() * dtSeconds;
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
    if (changed && this.times !== null) this.pushBreakpoint(nowSeconds);
  }

  detach(nowSeconds: number): void {
    this.removedAtSeconds = nowSeconds;
    this.applyShare(0, nowSeconds);
  }

  history(): SourceHistory {
    const { times, ins, outs } = this.requireHistory();
    const end = this.endSeconds();
    const n = times.length;
    const extra = end > times.last() ? 1 : 0;
    const result: SourceHistory = {
      timesSeconds: new Float64Array(n + extra),
      cumulativeInBytes: new Float64Array(n + extra),
      cumulativeOutBytes: new Float64Array(n + extra),
    };
    result.timesSeconds.set(times.toArray());
    result.cumulativeInBytes.set(ins.toArray());
    result.cumulativeOutBytes.set(outs.toArray());
    if (extra) {
      result.timesSeconds[n] = end;
      result.cumulativeInBytes[n] = this.cumulativeInBytes;
      result.cumulativeOutBytes[n] = this.cumulativeOutBytes;
    }
    return result;
  }

  recoveryPointAt(tSeconds: number): number {
    const { times, ins, outs } = this.requireHistory();
    // Times computed by summing delays can overshoot now by a rounding error: accept and clamp those.
    const slack = 1e-9 * Math.max(1, Math.abs(this.clock.now));
    if (!(tSeconds >= this.createdAtSeconds - slack) || tSeconds > this.clock.now + slack) {
      throw new RangeError(`recoveryPointAt(${tSeconds}): t must lie in [${this.createdAtSeconds}, ${this.clock.now}]`);
    }
    // After removal the stream is frozen: nothing more is written or delivered.
    const t = Math.max(this.createdAtSeconds, Math.min(tSeconds, this.clock.now, this.endSeconds()));
    const n = times.length;
    const k = lastIndexAtOrBelow(times, n, t); // segment [k, k+1) holds t; k+1 may be the live end
    const inSlope = k === n - 1 ? this.acceptedRateBytesPerSecond : slope(times, ins, k);
    const outSlope = k === n - 1 ? this.serviceRateBytesPerSecond : slope(times, outs, k);
    const outAtT = outs.get(k) + outSlope * (t - times.get(k));
    // In is non-decreasing: the latest breakpoint whose In <= Out(t), searched only up to k.
    const j = lastIndexAtOrBelow(ins, k + 1, outAtT);
    if (j < 0) return this.createdAtSeconds; // rounding below the first point
    if (j === k) {
      if (inSlope <= 0) return t;
      return Math.min(t, times.get(k) + (outAtT - ins.get(k)) / inSlope);
    }
    const s = times.get(j) + ((outAtT - ins.get(j)) / (ins.get(j + 1) - ins.get(j))) * (times.get(j + 1) - times.get(j));
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

  private pushBreakpoint(nowSeconds: number): void {
    const times = this.times!;
    if (times.length > 0 && times.last() === nowSeconds) return; // same instant, same values
    times.push(nowSeconds);
    this.ins!.push(this.cumIn);
    this.outs!.push(this.cumOut);
  }

  private requireHistory(): { times: Float64Series; ins: Float64Series; outs: Float64Series } {
    if (this.times === null || this.ins === null || this.outs === null) {
      throw new Error('this source was added without recordHistory: true');
    }
    return { times: this.times, ins: this.ins, outs: this.outs };
  }
}

export function checkRate(bytesPerSecond: number): void {
  if (!(bytesPerSecond >= 0) || !Number.isFinite(bytesPerSecond)) {
    throw new RangeError(`rate must be a finite number >= 0 bytes/s, got ${bytesPerSecond}`);
  }
}

function slope(times: Float64Series, values: Float64Series, k: number): number {
  const dt = times.get(k + 1) - times.get(k);
  return dt > 0 ? (values.get(k + 1) - values.get(k)) / dt : 0;
}
