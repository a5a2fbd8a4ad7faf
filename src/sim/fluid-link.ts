/**
 * A shared-bandwidth link as a fluid, weighted processor-sharing resource (weighted max-min
 * fairness, GPS). Units: bytes and seconds.
 *
 * Bulk transfers are elastic: each gets w·φ(t), φ being the fair rate per unit weight. A virtual
 * clock V with dV/dt = φ turns "b bytes at weight w, started at V0" into a fixed finish virtual
 * time V0 + b/w, so transfers sit in a heap keyed by that and nothing is rescanned when φ changes:
 * each start, finish, cancel or capacity change is O(log n). Streams (sources) are water-filled at every
 * event, in a fixed order so that every sum is the same whatever else changes: that visit is O(streams) per
 * event by design (a few nanoseconds for a steady stream; histories cost O(1) per event, see
 * fluid-link-history.ts). Exactly one "next change" event is pending in the scheduler at any time
 * (a re-armed timer): the earliest transfer finish or backlog drain. Passive completions may run
 * ahead of the scheduler's clock inside that event (runPassiveAhead).
 *
 * This module is the virtual clock and the event; the parts are beside it: a transfer
 * (fluid-link-transfer.ts), a stream (fluid-link-source.ts, its state in fluid-link-stream-rows.ts) and the
 * set of them in water-filling order (fluid-link-streams.ts, fluid-link-share.ts), stream histories
 * (fluid-link-log.ts, fluid-link-history.ts), the passive rule (fluid-link-passive.ts), the throughput
 * recorder (fluid-link-throughput.ts).
 */
import type { Scheduler } from './scheduler.js';
import type { Timer } from './timers.js';
import { IndexedHeap } from './indexed-heap.js';
import { refuseInsidePassiveCallback, runPassiveCallback } from './fluid-link-passive.js';
import { checkRate, SourceState, type LinkClock, type OverflowMode, type Source, type SourceOptions } from './fluid-link-source.js';
import { KEYFRAME_ENTRIES } from './fluid-link-history.js';
import { ReallocationLog } from './fluid-link-log.js';
import { LinkStreams } from './fluid-link-streams.js';
import { ThroughputRecorder, type ThroughputBreakpoints } from './fluid-link-throughput.js';
import { TransferState, type Transfer, type TransferLink, type TransferOptions } from './fluid-link-transfer.js';

export type { OverflowMode, Source, SourceHistory, SourceOptions } from './fluid-link-source.js';
export type { ThroughputBreakpoints } from './fluid-link-throughput.js';
export type { Transfer, TransferOptions } from './fluid-link-transfer.js';

export interface FluidLinkOptions {
  capacityBytesPerSecond: number;
  /** Keep (time, total bytes/s carried) breakpoints; see throughputBreakpoints(). */
  recordThroughput?: boolean;
}

/** Finish keys within this relative distance of the virtual clock count as reached (rounding). */
const RELATIVE_EPSILON = 1e-12;

export class FluidLink implements LinkClock, TransferLink {
  private capacity: number;
  /** Virtual clock at lastUpdateSeconds; reset to 0 whenever no transfer is active. */
  private virtualTime = 0;
  /** φ: bytes/s per unit weight for elastic participants (Infinity: nobody elastic). */
  private phi = Infinity;
  private transferWeight = 0;
  private transferRate = 0;
  private totalRate = 0;
  private lastUpdate: number;
  /** Active transfers by slot, keyed by (finish virtual time, start order). */
  private readonly heap = new IndexedHeap(64);
  private transfersBySlot: (TransferState | undefined)[] = [];
  private freeSlots: number[] = [];
  /** Completed send() transfers, ready for reuse (no allocation per snapshot delta). */
  private readonly pool: TransferState[] = [];
  private nextSeq = 0;
  /** Attached streams, in the water-filling order. */
  private readonly streams = new LinkStreams();
  /** Every reallocation's time and φ, from the first stream with history on: what their histories replay. */
  private log: ReallocationLog | null = null;
  /** Ahead of the scheduler after running passive completions early (see TransferOptions.passive). */
  private aheadClock = -Infinity;
  /** The one pending event (re-armed as the next change moves). */
  private readonly timer: Timer;
  private pendingAtSeconds = Infinity;
  private transferDueSeconds = Infinity;
  /** Inside our own event: changes made by callbacks are batched into one reallocation. */
  private inEvent = false;
  private carried = 0;
  private utilizationIntegral = 0;
  private upSeconds = 0;
  private readonly throughput: ThroughputRecorder | null;
  /**
   * Queued bytes of the participants that count (countQueued): Σ w·F and Σ w over such transfers give
   * their remaining bytes as Σ w·F − V·Σ w in O(1); counted streams add their backlogs.
   */
  private queuedWeight = 0;
  private queuedWeightedFinish = 0;
  private countsQueued = false;
  private peakQueued = 0;
  private readonly onEventBound = (): void => this.onEvent();

  constructor(private readonly scheduler: Scheduler, options: FluidLinkOptions) {
    checkRate(options.capacityBytesPerSecond);
    this.capacity = options.capacityBytesPerSecond;
    this.lastUpdate = scheduler.now;
    this.timer = scheduler.timer(this.onEventBound);
    this.throughput = options.recordThroughput ? new ThroughputRecorder(scheduler.now) : null;
  }

  /** The scheduler's time, or later while passive completions have been run ahead of it. */
  get now(): number {
    const t = this.scheduler.now;
    return this.aheadClock > t ? this.aheadClock : t;
  }

  get lastUpdateSeconds(): number {
    return this.lastUpdate;
  }

  get capacityBytesPerSecond(): number {
    return this.capacity;
  }

  /** Total bytes/s being carried now. */
  get rateBytesPerSecond(): number {
    return this.totalRate;
  }

  /** φ, bytes/s per unit weight that an elastic participant gets now (Infinity if none is elastic). */
  get fairRatePerWeightBytesPerSecond(): number {
    return this.phi;
  }

  get activeTransferCount(): number {
    return this.heap.size;
  }

  /** Total bytes carried (transfers and streams), exact now. */
  get bytesCarried(): number {
    return this.carried + this.totalRate * (this.now - this.lastUpdate);
  }

  /** Time-weighted mean of rate/capacity over the time the capacity was > 0 (0 if never). */
  get utilization(): number {
    const dt = this.now - this.lastUpdate;
    const up = this.upSeconds + (this.capacity > 0 ? dt : 0);
    const integral = this.utilizationIntegral + (this.capacity > 0 ? (this.totalRate / this.capacity) * dt : 0);
    return up > 0 ? integral / up : 0;
  }

  startTransfer(sizeBytes: number, options: TransferOptions = {}): Transfer {
    return this.begin(sizeBytes, options.weight ?? 1, options.onComplete, options.passive ?? false, false, options.countQueued ?? false);
  }

  /**
   * Largest amount of data queued on the link at any moment so far: the remaining bytes of counted transfers
   * plus the backlogs of counted streams, summed at each instant. It is piecewise linear between changes and
   * jumps up only when a transfer starts, so its peak is at a change or now: exact.
   */
  get peakQueuedBytes(): number {
    return Math.max(this.peakQueued, this.queuedNow());
  }

  /**
   * A passive transfer nobody needs a handle to (see TransferOptions.passive: `onComplete` only records):
   * the same as startTransfer, but its bookkeeping is recycled, so many small deltas allocate nothing.
   */
  send(sizeBytes: number, weight: number, onComplete: (timeSeconds: number) => void, countQueued = false): void {
    this.begin(sizeBytes, weight, onComplete, true, true, countQueued);
  }

  private begin(sizeBytes: number, weight: number, onComplete: ((timeSeconds: number) => void) | undefined, passive: boolean, pooled: boolean, countQueued: boolean): TransferState {
    if (!(sizeBytes >= 0) || !Number.isFinite(sizeBytes)) throw new RangeError(`transfer size must be a finite number >= 0 bytes, got ${sizeBytes}`);
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`transfer weight must be > 0, got ${weight}`);
    this.advance();
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.transfersBySlot.length;
    const finishVirtual = this.virtualTime + sizeBytes / weight;
    let t: TransferState;
    if (pooled && this.pool.length > 0) {
      t = this.pool.pop()!;
      t.reuse(slot, sizeBytes, weight, this.now, finishVirtual, onComplete, countQueued);
    } else {
      t = new TransferState(this, slot, sizeBytes, weight, this.now, finishVirtual, onComplete, passive, pooled, countQueued);
    }
    this.transfersBySlot[slot] = t;
    this.heap.push(slot, finishVirtual, this.nextSeq++);
    this.transferWeight += weight;
    if (countQueued) {
      this.countsQueued = true;
      this.queuedWeight += weight;
      this.queuedWeightedFinish += weight * finishVirtual;
      this.notePeakQueued();
    }
    this.changed();
    return t;
  }

  /** Stops a transfer; false if it already completed or was cancelled. */
  cancel(transfer: Transfer): boolean {
    const t = transfer as TransferState;
    if (t.link !== this) throw new Error('transfer belongs to another link');
    if (t.done || t.cancelled) return false;
    this.advance();
    t.frozenRemainingBytes = this.remainingBytesAtVirtual(t.finishVirtual, t.weight, t.sizeBytes);
    t.cancelled = true;
    if (t.countQueued) this.unqueue(t);
    this.heap.remove(t.slot);
    this.releaseSlot(t);
    this.changed();
    return true;
  }

  /**
   * Runs `changes` (starts, cancels, inflow or capacity changes at the current instant) and recomputes the
   * shares once at the end instead of after each change: many flows starting together cost one
   * reallocation. Nested batches and batches inside the link's own callbacks fold into the outer one.
   */
  batch(changes: () => void): void {
    if (this.inEvent) { changes(); return; }
    this.inEvent = true;
    try {
      changes();
    } finally {
      this.inEvent = false;
    }
    this.advance();
    this.reallocate();
    this.reschedule();
  }

  /** 0 is an outage: everything stalls until the capacity is restored. */
  setCapacity(bytesPerSecond: number): void {
    checkRate(bytesPerSecond);
    this.advance();
    this.capacity = bytesPerSecond;
    this.changed();
  }

  addSource(options: SourceOptions): Source {
    checkMode(options.overflow);
    this.advance();
    if (options.recordHistory && this.log === null) this.log = new ReallocationLog();
    const s = new SourceState(this, options, this.streams, this.log);
    if (options.countQueued) this.countsQueued = true;
    this.changed();
    return s;
  }

  setInflow(source: Source, inflowBytesPerSecond: number): void {
    checkRate(inflowBytesPerSecond);
    const s = this.streams.attached(source);
    this.advance();
    this.streams.setInflow(s, inflowBytesPerSecond);
    this.changed();
  }

  setOverflow(source: Source, mode: OverflowMode): void {
    checkMode(mode);
    const s = this.streams.attached(source);
    this.advance();
    this.streams.setOverflow(s, mode);
    this.changed();
  }

  /** Detaches a stream; its counters and history stay readable, any backlog is abandoned. */
  removeSource(source: Source): void {
    const s = this.streams.attached(source);
    this.advance();
    const now = this.now;
    this.streams.remove(s, (rows, row) => s.detach(rows, row, now));
    this.changed();
  }

  throughputBreakpoints(): ThroughputBreakpoints {
    if (this.throughput === null) throw new Error('this link was created without recordThroughput: true');
    return this.throughput.breakpoints();
  }

  /** @internal w·(F − V(now)), clamped at 0; used by Transfer.remainingBytes. */
  remainingBytesAtVirtual(finishVirtual: number, weight: number, sizeBytes: number): number {
    const dt = this.now - this.lastUpdate;
    const v = this.transferWeight > 0 && dt > 0 ? this.virtualTime + this.phi * dt : this.virtualTime;
    const remaining = weight * (finishVirtual - v);
    return remaining > RELATIVE_EPSILON * sizeBytes ? remaining : 0;
  }

  /** Integrates every rate from lastUpdate to now. Every change of the link starts here. */
  private advance(): void {
    refuseInsidePassiveCallback();
    const now = this.now;
    const dt = now - this.lastUpdate;
    if (dt <= 0) return;
    if (this.transferWeight > 0) this.virtualTime += this.phi * dt;
    this.streams.advance(dt);
    this.carried += this.totalRate * dt;
    if (this.capacity > 0) {
      this.utilizationIntegral += (this.totalRate / this.capacity) * dt;
      this.upSeconds += dt;
    }
    this.lastUpdate = now;
    if (this.countsQueued) this.notePeakQueued();
  }

  /** Queued bytes now (see peakQueuedBytes). */
  private queuedNow(): number {
    if (!this.countsQueued) return 0;
    const dt = this.now - this.lastUpdate;
    const v = this.transferWeight > 0 && dt > 0 ? this.virtualTime + this.phi * dt : this.virtualTime;
    return Math.max(0, this.queuedWeightedFinish - v * this.queuedWeight) + this.streams.countedBacklogBytes(dt);
  }

  private notePeakQueued(): void {
    const q = this.queuedNow();
    if (q > this.peakQueued) this.peakQueued = q;
  }

  private changed(): void {
    if (this.inEvent) return;
    this.reallocate();
    this.reschedule();
  }

  private onEvent(): void {
    this.pendingAtSeconds = Infinity;
    this.completeDue(false);
    this.reallocate();
    this.runPassiveAhead();
    this.reschedule();
  }

  /** Integrates to now and completes what is due (with `passiveOnly`, stops at the first active transfer). */
  private completeDue(passiveOnly: boolean): void {
    this.advance();
    const now = this.now;
    this.inEvent = true;
    try {
      // The event was computed to land exactly on the head's finish: snap V there so that
      // rounding in φ·dt can neither miss the completion nor leave a sliver of bytes.
      if (now >= this.transferDueSeconds && this.heap.size > 0 && this.heap.peekKey() > this.virtualTime) {
        this.virtualTime = this.heap.peekKey();
      }
      this.streams.markDrainedBy(now);
      // Equal finish keys pop in insertion order (the heap's tie-break), so callbacks are deterministic.
      // V is re-read each time: a callback may empty the heap (which resets V) and start anew.
      while (this.heap.size > 0 && this.heap.peekKey() <= this.virtualTime + RELATIVE_EPSILON * Math.abs(this.virtualTime)) {
        if (passiveOnly && !this.transfersBySlot[this.heap.peekId()]!.passive) break;
        const t = this.transfersBySlot[this.heap.pop()]!;
        t.done = true;
        if (t.countQueued) this.unqueue(t);
        t.completionTimeSeconds = now;
        this.releaseSlot(t);
        if (t.onComplete !== undefined) {
          if (t.passive) runPassiveCallback(this.scheduler, t.onComplete, now);
          else t.onComplete(now);
        }
        if (t.pooled) {
          t.onComplete = undefined;
          this.pool.push(t);
        }
      }
    } finally {
      this.inEvent = false;
    }
  }

  /**
   * Runs the next completions right away while they are passive and nothing else (another event, a stream
   * draining) comes first: the arithmetic is the same as in separate events, only the events are saved.
   */
  private runPassiveAhead(): void {
    const scheduler = this.scheduler;
    if (scheduler.peek === undefined) return;
    // Passive callbacks schedule nothing, so the next other event stays where it is while this loop runs.
    const nextEventSeconds = scheduler.peek();
    while (this.heap.size > 0 && this.phi > 0 && this.phi < Infinity && this.transfersBySlot[this.heap.peekId()]!.passive) {
      const virtualToGo = this.heap.peekKey() - this.virtualTime;
      const due = virtualToGo <= 0 ? this.now : this.now + virtualToGo / this.phi;
      if (!(due < nextEventSeconds)) return;
      if (this.streams.drainsBy(due)) return;
      this.aheadClock = due;
      this.transferDueSeconds = due;
      this.completeDue(true);
      this.reallocate();
    }
  }

  private releaseSlot(t: TransferState): void {
    this.transfersBySlot[t.slot] = undefined;
    this.freeSlots.push(t.slot);
    this.transferWeight -= t.weight;
    if (this.heap.size === 0) {
      // Fresh start: no drift in the weight sum, no precision lost to a large virtual clock.
      this.transferWeight = 0;
      this.virtualTime = 0;
      this.queuedWeight = 0;
      this.queuedWeightedFinish = 0;
    }
  }

  private unqueue(t: TransferState): void {
    this.queuedWeight -= t.weight;
    this.queuedWeightedFinish -= t.weight * t.finishVirtual;
  }

  /** Recomputes φ and every rate for the interval starting now. */
  private reallocate(): void {
    const now = this.now;
    this.phi = this.streams.fairRatePerWeight(this.capacity, this.transferWeight);
    this.transferRate = this.transferWeight > 0 ? this.transferWeight * this.phi : 0;
    if (this.log !== null) this.log.push(now, this.phi);
    const total = this.streams.applyShare(this.phi, now, this.transferRate);
    if (this.log !== null && this.log.length % KEYFRAME_ENTRIES === 0) this.streams.checkpointHistories();
    if (total !== this.totalRate && this.throughput !== null) this.throughput.record(now, total);
    this.totalRate = total;
  }

  /** Keeps exactly one pending event: the earliest transfer finish or backlog drain. */
  private reschedule(): void {
    const now = this.now;
    let next = Infinity;
    this.transferDueSeconds = Infinity;
    if (this.heap.size > 0) {
      const virtualToGo = this.heap.peekKey() - this.virtualTime;
      // An empty transfer completes even during an outage; otherwise nothing moves while φ = 0.
      if (virtualToGo <= 0) this.transferDueSeconds = now;
      else if (this.phi > 0) this.transferDueSeconds = now + virtualToGo / this.phi;
      next = this.transferDueSeconds;
    }
    next = this.streams.earliestDrain(next);
    if (next === this.pendingAtSeconds) return;
    this.pendingAtSeconds = next;
    if (next < Infinity) this.timer.set(next);
    else this.timer.clear();
  }
}

function checkMode(mode: OverflowMode): void {
  if (mode !== 'buffer' && mode !== 'throttle') throw new RangeError(`overflow must be 'buffer' or 'throttle', got ${String(mode)}`);
}
