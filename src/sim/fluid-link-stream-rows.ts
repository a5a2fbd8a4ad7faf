/**
 * Streams' state as rows of typed arrays, and the one arithmetic that moves it. A link keeps its streams'
 * rows side by side, so the passes it makes at every event run over plain arrays; a removed stream keeps a
 * row of its own, and so does a ghost replaying a stream's history (fluid-link-history.ts). advanceRow and
 * shareRow are the only code that integrates a stream or sets its rates: a replay is the live stream bit for
 * bit because it is the same code on the same numbers.
 */

/** A row's numbers in the order saveRow writes them (a history checkpoint stores them so). */
export const ROW_SIZE = 13;
export const ROW_CUMULATIVE_IN = 0;
export const ROW_REMOVED_AT = 12;

export class StreamRows {
  weight: Float64Array;
  inflow: Float64Array;
  /** 1: 'throttle' (refuse what the share cannot carry), 0: 'buffer' (queue it). */
  throttle: Uint8Array;
  /** NaN while attached. */
  removedAt: Float64Array;
  service: Float64Array;
  accepted: Float64Array;
  /** When the backlog will drain at current rates (Infinity if it will not). */
  drainAt: Float64Array;
  backlog: Float64Array;
  cumIn: Float64Array;
  cumOut: Float64Array;
  throttled: Float64Array;
  /** ∫ (inflow − accepted) / inflow dt: how long the inflow was refused, weighted by the share refused. */
  throttledShare: Float64Array;
  peakBacklog: Float64Array;

  constructor(capacity: number) {
    this.weight = new Float64Array(capacity);
    this.inflow = new Float64Array(capacity);
    this.throttle = new Uint8Array(capacity);
    this.removedAt = new Float64Array(capacity);
    this.service = new Float64Array(capacity);
    this.accepted = new Float64Array(capacity);
    this.drainAt = new Float64Array(capacity);
    this.backlog = new Float64Array(capacity);
    this.cumIn = new Float64Array(capacity);
    this.cumOut = new Float64Array(capacity);
    this.throttled = new Float64Array(capacity);
    this.throttledShare = new Float64Array(capacity);
    this.peakBacklog = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.weight.length;
  }

  /** Room for at least `rows` rows, keeping the ones there. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const n = Math.max(rows, 2 * this.capacity);
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    const f64 = (k: number) => new Float64Array(k);
    this.weight = grow(this.weight, f64);
    this.inflow = grow(this.inflow, f64);
    this.throttle = grow(this.throttle, (k) => new Uint8Array(k));
    this.removedAt = grow(this.removedAt, f64);
    this.service = grow(this.service, f64);
    this.accepted = grow(this.accepted, f64);
    this.drainAt = grow(this.drainAt, f64);
    this.backlog = grow(this.backlog, f64);
    this.cumIn = grow(this.cumIn, f64);
    this.cumOut = grow(this.cumOut, f64);
    this.throttled = grow(this.throttled, f64);
    this.throttledShare = grow(this.throttledShare, f64);
    this.peakBacklog = grow(this.peakBacklog, f64);
  }

  /** Moves rows [from, from + count) to start at `to` (overlapping ranges are fine). */
  moveRows(from: number, to: number, count: number): void {
    const end = from + count;
    // Column by column, spelled out: this runs at every inflow change that reorders streams.
    this.weight.copyWithin(to, from, end);
    this.inflow.copyWithin(to, from, end);
    this.throttle.copyWithin(to, from, end);
    this.removedAt.copyWithin(to, from, end);
    this.service.copyWithin(to, from, end);
    this.accepted.copyWithin(to, from, end);
    this.drainAt.copyWithin(to, from, end);
    this.backlog.copyWithin(to, from, end);
    this.cumIn.copyWithin(to, from, end);
    this.cumOut.copyWithin(to, from, end);
    this.throttled.copyWithin(to, from, end);
    this.throttledShare.copyWithin(to, from, end);
    this.peakBacklog.copyWithin(to, from, end);
  }

  /** A new stream: nothing carried yet. */
  initRow(r: number, weight: number, inflowBytesPerSecond: number, throttle: boolean): void {
    this.weight[r] = weight;
    this.inflow[r] = inflowBytesPerSecond;
    this.throttle[r] = throttle ? 1 : 0;
    this.removedAt[r] = NaN;
    this.service[r] = 0;
    this.accepted[r] = 0;
    this.drainAt[r] = Infinity;
    this.backlog[r] = 0;
    this.cumIn[r] = 0;
    this.cumOut[r] = 0;
    this.throttled[r] = 0;
    this.throttledShare[r] = 0;
    this.peakBacklog[r] = 0;
  }

  /** Writes row r's ROW_SIZE numbers at `offset`, cumulative bytes in first. */
  saveRow(r: number, into: Float64Array, offset: number): void {
    into[offset] = this.cumIn[r];
    into[offset + 1] = this.cumOut[r];
    into[offset + 2] = this.backlog[r];
    into[offset + 3] = this.throttled[r];
    into[offset + 4] = this.peakBacklog[r];
    into[offset + 5] = this.service[r];
    into[offset + 6] = this.accepted[r];
    into[offset + 7] = this.drainAt[r];
    into[offset + 8] = this.inflow[r];
    into[offset + 9] = this.throttle[r];
    into[offset + 10] = this.weight[r];
    into[offset + 11] = this.throttledShare[r];
    into[offset + 12] = this.removedAt[r];
  }

  loadRow(r: number, from: Float64Array, offset: number): void {
    this.cumIn[r] = from[offset];
    this.cumOut[r] = from[offset + 1];
    this.backlog[r] = from[offset + 2];
    this.throttled[r] = from[offset + 3];
    this.peakBacklog[r] = from[offset + 4];
    this.service[r] = from[offset + 5];
    this.accepted[r] = from[offset + 6];
    this.drainAt[r] = from[offset + 7];
    this.inflow[r] = from[offset + 8];
    this.throttle[r] = from[offset + 9];
    this.weight[r] = from[offset + 10];
    this.throttledShare[r] = from[offset + 11];
    this.removedAt[r] = from[offset + 12];
  }

  copyRow(r: number, to: StreamRows, toRow: number): void {
    to.weight[toRow] = this.weight[r];
    to.inflow[toRow] = this.inflow[r];
    to.throttle[toRow] = this.throttle[r];
    to.removedAt[toRow] = this.removedAt[r];
    to.service[toRow] = this.service[r];
    to.accepted[toRow] = this.accepted[r];
    to.drainAt[toRow] = this.drainAt[r];
    to.backlog[toRow] = this.backlog[r];
    to.cumIn[toRow] = this.cumIn[r];
    to.cumOut[toRow] = this.cumOut[r];
    to.throttled[toRow] = this.throttled[r];
    to.throttledShare[toRow] = this.throttledShare[r];
    to.peakBacklog[toRow] = this.peakBacklog[r];
  }
}

/** The backlog is empty: what was accepted has all been served. */
export function markDrained(rows: StreamRows, r: number): void {
  rows.backlog[r] = 0;
  rows.cumOut[r] = rows.cumIn[r];
}

/** The share of row r's inflow refused at its current rates (0 without inflow). */
export function refusedShare(rows: StreamRows, r: number): number {
  const inflow = rows.inflow[r];
  return inflow > 0 ? (inflow - rows.accepted[r]) / inflow : 0;
}

/** Integrates row r's current rates over dt. */
export function advanceRow(rows: StreamRows, r: number, dtSeconds: number): void {
  const accepted = rows.accepted[r];
  const service = rows.service[r];
  const cumIn = rows.cumIn[r] + accepted * dtSeconds;
  rows.cumIn[r] = cumIn;
  rows.cumOut[r] += service * dtSeconds;
  rows.throttled[r] += (rows.inflow[r] - accepted) * dtSeconds;
  rows.throttledShare[r] += refusedShare(rows, r) * dtSeconds;
  const backlog = rows.backlog[r] + (accepted - service) * dtSeconds;
  // Rounding must not leave a phantom backlog that would keep the stream elastic.
  if (backlog <= 1e-12 * Math.max(1, cumIn)) markDrained(rows, r);
  else {
    rows.backlog[r] = backlog;
    if (backlog > rows.peakBacklog[r]) rows.peakBacklog[r] = backlog;
  }
}

/** Sets row r's rates for the next interval from φ; true if a rate changed (a breakpoint of its history). */
export function shareRow(rows: StreamRows, r: number, fairRatePerWeight: number, nowSeconds: number): boolean {
  let service: number;
  let accepted: number;
  const backlog = rows.backlog[r];
  if (!Number.isNaN(rows.removedAt[r])) {
    service = accepted = 0;
  } else if (backlog > 0) {
    // A residual backlog is served FIFO whatever the mode; throttling applies once it is empty.
    service = rows.weight[r] * fairRatePerWeight;
    accepted = rows.inflow[r];
  } else {
    const inflow = rows.inflow[r];
    service = Math.min(inflow, rows.weight[r] * fairRatePerWeight);
    accepted = rows.throttle[r] === 0 ? inflow : service;
  }
  const changed = service !== rows.service[r] || accepted !== rows.accepted[r];
  rows.service[r] = service;
  rows.accepted[r] = accepted;
  rows.drainAt[r] = backlog > 0 && service > accepted ? nowSeconds + backlog / (service - accepted) : Infinity;
  return changed;
}

/** Where a stream writes a breakpoint of its history when its rates change (at most one per instant). */
export interface BreakpointSink {
  lastBreakpointSeconds: number;
  breakpoint(timeSeconds: number, cumulativeInBytes: number, cumulativeOutBytes: number): void;
}

/** shareRow, and the breakpoint the change makes in `sink` (a second change at the same instant makes none). */
export function shareRowRecording(rows: StreamRows, r: number, fairRatePerWeight: number, nowSeconds: number, sink: BreakpointSink | null): void {
  if (shareRow(rows, r, fairRatePerWeight, nowSeconds) && sink !== null && nowSeconds !== sink.lastBreakpointSeconds) {
    sink.breakpoint(nowSeconds, rows.cumIn[r], rows.cumOut[r]);
  }
}
