/**
 * A stream ("source") on a fluid link: a continuous inflow at a piecewise-constant rate, served
 * FIFO. The link decides the service rate at each event; between events everything is linear, so
 * the state is integrated, never ticked. With `recordHistory`, its cumulative in and out over time are kept
 * (as its own changes on the link's reallocation log, see fluid-link-history.ts) so that
 * `recoveryPointAt(t)` can answer, for any past t, which write time the data delivered by t reaches — the
 * newest recovery point at a disaster time.
 */
import { StreamHistory } from './fluid-link-history.js';
import type { ReallocationLog } from './fluid-link-log.js';
import { refusedShare, shareRowRecording, StreamRows } from './fluid-link-stream-rows.js';
import type { LinkStreams } from './fluid-link-streams.js';

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

/**
 * A stream's handle. While attached, its state is a row of its link's streams (fluid-link-streams.ts); once
 * removed, a row of its own. Every number it reports is read from that row, integrated to now.
 */
export class SourceState implements Source {
  readonly weight: number;
  readonly createdAtSeconds: number;
  readonly countQueued: boolean;
  /** The link's streams while attached, else null. */
  attachedTo: LinkStreams | null;
  rows: StreamRows;
  row: number;
  /** The history (recordHistory), else null. */
  private readonly recorded: StreamHistory | null;

  /** `log`: the link's reallocation log, needed with recordHistory. */
  constructor(private readonly clock: LinkClock, options: SourceOptions, streams: LinkStreams, log: ReallocationLog | null) {
    const weight = options.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`source weight must be > 0, got ${weight}`);
    checkRate(options.inflowBytesPerSecond);
    this.weight = weight;
    this.countQueued = options.countQueued ?? false;
    this.createdAtSeconds = clock.now;
    if (options.recordHistory) {
      if (log === null) throw new Error("a stream with recordHistory needs its link's reallocation log");
      this.recorded = new StreamHistory(log, clock.now);
    } else {
      this.recorded = null;
    }
    this.attachedTo = streams;
    this.rows = streams.rows;
    this.row = streams.add(this, this.recorded, weight, options.inflowBytesPerSecond, options.overflow, this.countQueued);
    this.recorded?.checkpoint(this.rows, this.row, clock.now);
  }

  get inflowBytesPerSecond(): number {
    return this.rows.inflow[this.row];
  }

  get overflow(): OverflowMode {
    return this.rows.throttle[this.row] === 1 ? 'throttle' : 'buffer';
  }

  get removedAtSeconds(): number {
    return this.rows.removedAt[this.row];
  }

  get serviceRateBytesPerSecond(): number {
    return this.rows.service[this.row];
  }

  get backlogBytes(): number {
    const { rows, row } = this.integrated();
    return Math.max(0, rows.backlog[row] + (rows.accepted[row] - rows.service[row]) * this.pendingSeconds());
  }

  get cumulativeInBytes(): number {
    const { rows, row } = this.integrated();
    return rows.cumIn[row] + rows.accepted[row] * this.pendingSeconds();
  }

  get cumulativeOutBytes(): number {
    const { rows, row } = this.integrated();
    return rows.cumOut[row] + rows.service[row] * this.pendingSeconds();
  }

  get throttledBytes(): number {
    const { rows, row } = this.integrated();
    return rows.throttled[row] + (rows.inflow[row] - rows.accepted[row]) * this.pendingSeconds();
  }

  get throttledShareSeconds(): number {
    const { rows, row } = this.integrated();
    return rows.throttledShare[row] + refusedShare(rows, row) * this.pendingSeconds();
  }

  get peakBacklogBytes(): number {
    const { rows, row } = this.integrated();
    return Math.max(rows.peakBacklog[row], this.backlogBytes);
  }

  /** Inflow, overflow mode or backlog changed other than by integrating (or a keyframe): the history checkpoints. */
  ownChange(): void {
    if (this.recorded !== null) {
      const { rows, row } = this.integrated();
      this.recorded.checkpoint(rows, row, this.clock.now);
    }
  }

  /** Leaves the link: keeps a copy of its row (integrated to now) and stops there. */
  detach(rows: StreamRows, row: number, nowSeconds: number): void {
    const own = new StreamRows(1);
    rows.copyRow(row, own, 0);
    this.attachedTo = null;
    this.rows = own;
    this.row = 0;
    own.removedAt[0] = nowSeconds;
    shareRowRecording(own, 0, 0, nowSeconds, this.recorded);
    this.ownChange();
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
    let inSlope = this.rows.accepted[this.row];
    let outSlope = this.rows.service[this.row];
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

  /** Its row, integrated up to the link's last advance. */
  private integrated(): { rows: StreamRows; row: number } {
    if (this.attachedTo !== null) this.attachedTo.integrate(this.row);
    return this;
  }

  private pendingSeconds(): number {
    return this.clock.now - this.clock.lastUpdateSeconds;
  }

  private endSeconds(): number {
    const removedAt = this.removedAtSeconds;
    return Number.isNaN(removedAt) ? this.clock.now : removedAt;
  }

  private requireHistory(): StreamHistory {
    if (this.recorded === null) throw new Error('this source was added without recordHistory: true');
    return this.recorded;
  }
}

export function checkRate(bytesPerSecond: number): void {
  if (!(bytesPerSecond >= 0) || !Number.isFinite(bytesPerSecond)) {
    throw new RangeError(`rate must be a finite number >= 0 bytes/s, got ${bytesPerSecond}`);
  }
}
