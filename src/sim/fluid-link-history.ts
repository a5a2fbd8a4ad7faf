/**
 * A stream's history — its cumulative bytes in and out at every breakpoint, from which recovery points are
 * read — kept without writing a breakpoint at every link event.
 *
 * The stream logs only its own changes as checkpoints (creation, inflow and overflow changes, a drain at the
 * link's event, removal, and a keyframe whenever the log reaches a multiple of KEYFRAME_ENTRIES): its whole
 * row (fluid-link-stream-rows.ts) and its position in the link's ReallocationLog. Between two checkpoints
 * every rate the stream had follows from the logged φ, so the breakpoints there are replayed on demand: a
 * ghost row starts from the checkpoint and runs the one stream arithmetic (advanceRow, shareRow) over the log,
 * which makes every breakpoint bit for bit the one the stream would have written live. A link event thus costs a history O(1) per link
 * (one log entry) instead of a breakpoint per stream, and a query replays one or two segments.
 *
 * Breakpoints are numbered as the stream made them: 0 is its creation (t0, 0, 0); checkpoint c covers the
 * numbers [first_c, first_c+1). Times and cumulative bytes in never decrease, so the checkpoints bound the
 * breakpoints after them from below and those before them from above: a search needs one segment.
 */
import type { ReallocationLog } from './fluid-link-log.js';
import { advanceRow, ROW_CUMULATIVE_IN, ROW_REMOVED_AT, ROW_SIZE, shareRowRecording, StreamRows, type BreakpointSink } from './fluid-link-stream-rows.js';

/** A keyframe of every history each time the log reaches a multiple of this: what one query replays. */
export const KEYFRAME_ENTRIES = 1024;

// A checkpoint record: its header, then the stream's state.
const POSITION = 0;
const TIME = 1;
const FIRST = 2;
const LAST_BREAKPOINT = 3;
const HEADER = 4;
const CUMULATIVE_IN = HEADER + ROW_CUMULATIVE_IN;
const REMOVED_AT = HEADER + ROW_REMOVED_AT;
const STRIDE = HEADER + ROW_SIZE;

export type BreakpointColumn = 'time' | 'in';

/** The breakpoints of one segment, as a replay writes them. */
class Segment implements BreakpointSink {
  checkpoint = -1;
  first = 0;
  times: number[] = [];
  ins: number[] = [];
  outs: number[] = [];
  lastBreakpointSeconds = NaN;

  breakpoint(timeSeconds: number, cumulativeInBytes: number, cumulativeOutBytes: number): void {
    this.times.push(timeSeconds);
    this.ins.push(cumulativeInBytes);
    this.outs.push(cumulativeOutBytes);
    this.lastBreakpointSeconds = timeSeconds;
  }
}

export class StreamHistory implements BreakpointSink {
  lastBreakpointSeconds: number;
  private count = 1;
  /** The checkpoints, STRIDE numbers each (header, then the row), in a buffer that doubles as it fills. */
  private records = new Float64Array(2 * STRIDE);
  private checkpoints = 0;
  /** The two segments replayed last (a query reads the one holding t and the one where In meets Out). */
  private recent = new Segment();
  private older = new Segment();

  constructor(private readonly log: ReallocationLog, readonly createdAtSeconds: number) {
    this.lastBreakpointSeconds = createdAtSeconds;
  }

  /** Breakpoints made so far, the creation included. */
  get breakpointCount(): number {
    return this.count;
  }

  /** The live stream's rates changed: one more breakpoint (its values are replayed when asked for). */
  breakpoint(timeSeconds: number): void {
    this.count++;
    this.lastBreakpointSeconds = timeSeconds;
  }

  /** The stream (row r of `rows`) changed by itself, or is created, or keyframes: its state from here on. */
  checkpoint(rows: StreamRows, r: number, nowSeconds: number): void {
    const base = this.checkpoints * STRIDE;
    if (base + STRIDE > this.records.length) {
      const bigger = new Float64Array(2 * this.records.length);
      bigger.set(this.records);
      this.records = bigger;
    }
    const records = this.records;
    records[base + POSITION] = this.log.length;
    records[base + TIME] = nowSeconds;
    records[base + FIRST] = this.count;
    records[base + LAST_BREAKPOINT] = this.lastBreakpointSeconds;
    rows.saveRow(r, records, base + HEADER);
    this.checkpoints++;
  }

  timeAt(i: number): number {
    if (i === 0) return this.createdAtSeconds;
    const s = this.segmentHolding(i);
    return s.times[i - s.first];
  }

  inAt(i: number): number {
    if (i === 0) return 0;
    const s = this.segmentHolding(i);
    return s.ins[i - s.first];
  }

  outAt(i: number): number {
    if (i === 0) return 0;
    const s = this.segmentHolding(i);
    return s.outs[i - s.first];
  }

  /** The last breakpoint number below `n` whose time (or cumulative in) is <= x; -1 if none. */
  lastAtOrBelow(column: BreakpointColumn, n: number, x: number): number {
    const key = column === 'time' ? TIME : CUMULATIVE_IN;
    const r = this.records;
    // The last checkpoint with key <= x: every breakpoint after the next one is > x, every one before it <= x.
    let lo = 0;
    let hi = this.checkpoints;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r[mid * STRIDE + key] <= x) lo = mid + 1;
      else hi = mid;
    }
    const c = lo - 1;
    if (c < 0) return -1; // breakpoint 0 has checkpoint 0's key
    const first = r[c * STRIDE + FIRST];
    const end = Math.min(this.endOf(c), n);
    if (first < end) {
      const s = this.segment(c);
      const values = column === 'time' ? s.times : s.ins;
      let a = 0;
      let b = end - first;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (values[mid] <= x) a = mid + 1;
        else b = mid;
      }
      if (a > 0) return first + a - 1;
    }
    return Math.min(first, n) - 1;
  }

  /** Every breakpoint, replayed from the start. */
  breakpoints(): { times: number[]; ins: number[]; outs: number[] } {
    const all = { times: [this.createdAtSeconds], ins: [0], outs: [0] };
    for (let c = 0; c < this.checkpoints; c++) {
      const s = this.replay(c, new Segment());
      for (let i = 0; i < s.times.length; i++) {
        all.times.push(s.times[i]);
        all.ins.push(s.ins[i]);
        all.outs.push(s.outs[i]);
      }
    }
    return all;
  }

  /** First breakpoint number after checkpoint c's segment. */
  private endOf(c: number): number {
    return c + 1 < this.checkpoints ? this.records[(c + 1) * STRIDE + FIRST] : this.count;
  }

  private segmentHolding(i: number): Segment {
    const r = this.records;
    // The last checkpoint whose first breakpoint is <= i (empty segments share their first with the next).
    let lo = 0;
    let hi = this.checkpoints;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r[mid * STRIDE + FIRST] <= i) lo = mid + 1;
      else hi = mid;
    }
    return this.segment(lo - 1);
  }

  private segment(c: number): Segment {
    if (this.isReplayed(this.recent, c)) return this.recent;
    if (!this.isReplayed(this.older, c)) this.replay(c, this.older);
    const s = this.older;
    this.older = this.recent;
    this.recent = s;
    return s;
  }

  /** A replay stays valid while its segment has no more breakpoints (the live one grows). */
  private isReplayed(s: Segment, c: number): boolean {
    return s.checkpoint === c && s.first + s.times.length === this.endOf(c);
  }

  /** Replays checkpoint c's segment into `into`: the ghost runs the stream's arithmetic over the logged φ. */
  private replay(c: number, into: Segment): Segment {
    const r = this.records;
    const base = c * STRIDE;
    into.checkpoint = c;
    into.first = r[base + FIRST];
    into.times = [];
    into.ins = [];
    into.outs = [];
    into.lastBreakpointSeconds = r[base + LAST_BREAKPOINT];
    // A ghost of the stream: the checkpoint's row, moved by the same arithmetic over the logged φ.
    const ghost = new StreamRows(1);
    ghost.loadRow(0, r, base + HEADER);
    let clock = r[base + TIME];
    const isLast = c + 1 === this.checkpoints;
    const next = base + STRIDE;
    // A removed stream takes no part in later reallocations.
    const end = isLast ? (Number.isNaN(r[base + REMOVED_AT]) ? this.log.length : r[base + POSITION]) : r[next + POSITION];
    for (let i = r[base + POSITION]; i < end; i++) {
      const t = this.log.timeAt(i);
      if (t !== clock) {
        advanceRow(ghost, 0, t - clock);
        clock = t;
      }
      shareRowRecording(ghost, 0, this.log.fairRatePerWeightAt(i), t, into);
    }
    // Removal is the one own change that writes a breakpoint itself (its rates drop to 0).
    const removedAt = isLast ? NaN : r[next + REMOVED_AT];
    if (!Number.isNaN(removedAt) && Number.isNaN(r[base + REMOVED_AT])) {
      if (removedAt !== clock) advanceRow(ghost, 0, removedAt - clock);
      ghost.removedAt[0] = removedAt;
      shareRowRecording(ghost, 0, 0, removedAt, into);
    }
    const expected = this.endOf(c) - into.first;
    if (into.times.length !== expected) {
      throw new Error(`stream history replay made ${into.times.length} breakpoints where the stream made ${expected} (checkpoint ${c})`);
    }
    return into;
  }
}
