/**
 * A shared-bandwidth link as a fluid, weighted processor-sharing resource (weighted max-min
 * fairness, GPS). Units: bytes and seconds.
 *
 * Bulk transfers are elastic: each gets w·φ(t), φ being the fair rate per unit weight. A virtual
 * clock V with dV/dt = φ turns "b bytes at weight w, started at V0" into a fixed finish virtual
 * time V0 + b/w, so transfers sit in a heap keyed by that and nothing is rescanned when φ changes:
 * each start, finish, cancel or capacity change is O(log n). Streams (sources) are few and are
 * water-filled per event (fluid-link-share.ts). Exactly one "next change" event is pending in the
 * scheduler at any time: the earliest transfer finish or backlog drain.
 */
import { SimulationError, type Scheduler } from './scheduler.js';
import type { Timer } from './timers.js';
import { FinishHeap } from './fluid-link-heap.js';
import { Float64Series } from './fluid-link-series.js';
import { byCapPerWeight, fairRatePerWeight } from './fluid-link-share.js';
import { checkRate, SourceState, type LinkClock, type OverflowMode, type Source, type SourceOptions } from './fluid-link-source.js';

export type { OverflowMode, Source, SourceHistory, SourceOptions } from './fluid-link-source.js';

export interface TransferOptions {
  /** Weight in the fair sharing; > 0. Default 1. */
  weight?: number;
  /** Called from the scheduler's event at the exact completion time. */
  onComplete?: (timeSeconds: number) => void;
  /**
   * The callback only records (it schedules nothing and touches no link or simulation). The link may then
   * run the completion ahead of the scheduler's clock, inside one of its own events, when no other event is
   * due before it: a wave of transfers that started together finishes in one event instead of one each.
   * The promise is checked: a passive callback that changes any link or schedules anything throws a
   * SimulationError (its completion time could already be wrong).
   */
  passive?: boolean;
  /** Its remaining bytes count in the link's queued bytes (peakQueuedBytes). Default false. */
  countQueued?: boolean;
}

export interface Transfer {
  readonly sizeBytes: number;
  readonly weight: number;
  readonly startTimeSeconds: number;
  /** Exact at the scheduler's current time; frozen once cancelled, 0 once done. */
  readonly remainingBytes: number;
  readonly done: boolean;
  readonly cancelled: boolean;
  /** NaN until done. */
  readonly completionTimeSeconds: number;
}

export interface FluidLinkOptions {
  capacityBytesPerSecond: number;
  /** Keep (time, total bytes/s carried) breakpoints; see throughputBreakpoints(). */
  recordThroughput?: boolean;
}

export interface ThroughputBreakpoints {
  /** The rate bytesPerSecond[i] holds from timesSeconds[i] until the next breakpoint. */
  timesSeconds: Float64Array;
  bytesPerSecond: Float64Array;
}

/** Finish keys within this relative distance of the virtual clock count as reached (rounding). */
const RELATIVE_EPSILON = 1e-12;

/** Passive callbacks running now (any link): while > 0, no link may change (see TransferOptions.passive). */
let passiveCallbacksRunning = 0;

function refuseChangeInPassiveCallback(): void {
  throw new SimulationError('a passive transfer\'s onComplete changed a link: passive callbacks may only record (they may run ahead of the clock); start the transfer without passive: true');
}

class TransferState implements Transfer {
  done = false;
  cancelled = false;
  completionTimeSeconds = NaN;
  frozenRemainingBytes = 0;
  constructor(
    readonly link: FluidLink,
    public slot: number,
    public sizeBytes: number,
    public weight: number,
    public startTimeSeconds: number,
    public finishVirtual: number,
    public onComplete: ((timeSeconds: number) => void) | undefined,
    public passive: boolean,
    /** Made by send(): nobody holds it, so it is recycled once complete. */
    readonly pooled: boolean,
    public countQueued: boolean,
  ) {}

  get remainingBytes(): number {
    if (this.done) return 0;
    if (this.cancelled) return this.frozenRemainingBytes;
    return this.link.remainingBytesAtVirtual(this.finishVirtual, this.weight, this.sizeBytes);
  }
}

export class FluidLink implements LinkClock {
  private capacity: number;
  /** Virtual clock at lastUpdateSeconds; reset to 0 whenever no transfer is active. */
  private virtualTime = 0;
  /** φ: bytes/s per unit weight for elastic participants (Infinity: nobody elastic). */
  private phi = Infinity;
  private transferWeight = 0;
  private transferRate = 0;
  private totalRate = 0;
  private lastUpdate: number;
  private readonly heap = new FinishHeap(64);
  private transfersBySlot: (TransferState | undefined)[] = [];
  private freeSlots: number[] = [];
  /** Completed send() transfers, ready for reuse (no allocation per snapshot delta). */
  private readonly pool: TransferState[] = [];
  private nextSeq = 0;
  /** Attached streams, kept sorted by inflow/weight (the water-filling order). */
  private readonly sources: SourceState[] = [];
  private readonly cappedScratch: SourceState[] = [];
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
  private readonly throughputTimes: Float64Series | null;
  private readonly throughputRates: Float64Series | null;
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
    if (options.recordThroughput) {
      this.throughputTimes = new Float64Series();
      this.throughputRates = new Float64Series();
      this.throughputTimes.push(scheduler.now);
      this.throughputRates.push(0);
    } else {
      this.throughputTimes = this.throughputRates = null;
    }
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
      t.slot = slot;
      t.sizeBytes = sizeBytes;
      t.weight = weight;
      t.startTimeSeconds = this.now;
      t.finishVirtual = finishVirtual;
      t.onComplete = onComplete;
      t.done = false;
      t.completionTimeSeconds = NaN;
      t.countQueued = countQueued;
    } else {
      t = new TransferState(this, slot, sizeBytes, weight, this.now, finishVirtual, onComplete, passive, pooled, countQueued);
    }
    this.transfersBySlot[slot] = t;
    this.heap.push(finishVirtual, this.nextSeq++, slot);
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
    const s = new SourceState(this, options);
    if (s.countQueued) this.countsQueued = true;
    this.sources.push(s);
    this.sources.sort(byCapPerWeight);
    this.changed();
    return s;
  }

  setInflow(source: Source, inflowBytesPerSecond: number): void {
    checkRate(inflowBytesPerSecond);
    const s = this.attached(source);
    this.advance();
    if (s.inflowBytesPerSecond !== inflowBytesPerSecond) {
      s.inflowBytesPerSecond = inflowBytesPerSecond;
      this.reposition(s);
    }
    this.changed();
  }

  setOverflow(source: Source, mode: OverflowMode): void {
    checkMode(mode);
    const s = this.attached(source);
    this.advance();
    s.overflow = mode;
    this.changed();
  }

  /** Detaches a stream; its counters and history stay readable, any backlog is abandoned. */
  removeSource(source: Source): void {
    const s = this.attached(source);
    this.advance();
    this.sources.splice(this.sources.indexOf(s), 1);
    s.detach(this.now);
    this.changed();
  }

  throughputBreakpoints(): ThroughputBreakpoints {
    if (this.throughputTimes === null || this.throughputRates === null) throw new Error('this link was created without recordThroughput: true');
    return { timesSeconds: this.throughputTimes.toArray(), bytesPerSecond: this.throughputRates.toArray() };
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
    if (passiveCallbacksRunning > 0) refuseChangeInPassiveCallback();
    const now = this.now;
    const dt = now - this.lastUpdate;
    if (dt <= 0) return;
    if (this.transferWeight > 0) this.virtualTime += this.phi * dt;
    for (let i = 0; i < this.sources.length; i++) this.sources[i].advance(dt);
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
    let queued = Math.max(0, this.queuedWeightedFinish - v * this.queuedWeight);
    for (let i = 0; i < this.sources.length; i++) if (this.sources[i].countQueued) queued += this.sources[i].backlogBytes;
    return queued;
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
      for (let i = 0; i < this.sources.length; i++) if (this.sources[i].drainAtSeconds <= now) this.sources[i].markDrained();
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
          if (t.passive) this.runPassiveCallback(t.onComplete, now);
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
      for (let i = 0; i < this.sources.length; i++) if (this.sources[i].drainAtSeconds <= due) return;
      this.aheadClock = due;
      this.transferDueSeconds = due;
      this.completeDue(true);
      this.reallocate();
    }
  }

  /** Runs a passive transfer's callback, holding it to its promise: no link changed, nothing scheduled. */
  private runPassiveCallback(onComplete: (timeSeconds: number) => void, now: number): void {
    const scheduledBefore = this.scheduler.scheduledCount;
    passiveCallbacksRunning++;
    try {
      onComplete(now);
    } finally {
      passiveCallbacksRunning--;
    }
    if (this.scheduler.scheduledCount !== scheduledBefore) {
      throw new SimulationError('a passive transfer\'s onComplete scheduled an event: passive callbacks may only record (they may run ahead of the clock); start the transfer without passive: true');
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
    const sources = this.sources;
    if (sources.length === 0) {
      this.phi = this.transferWeight > 0 ? this.capacity / this.transferWeight : Infinity;
    } else {
      let elasticWeight = this.transferWeight;
      const capped = this.cappedScratch;
      let m = 0;
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i];
        if (s.isElastic) elasticWeight += s.weight;
        else capped[m++] = s;
      }
      this.phi = fairRatePerWeight(this.capacity, elasticWeight, capped, m);
    }
    this.transferRate = this.transferWeight > 0 ? this.transferWeight * this.phi : 0;
    let total = this.transferRate;
    for (let i = 0; i < sources.length; i++) {
      sources[i].applyShare(this.phi, now);
      total += sources[i].serviceRateBytesPerSecond;
    }
    if (total !== this.totalRate && this.throughputTimes !== null && this.throughputRates !== null) {
      if (this.throughputTimes.last() === now) this.throughputRates.setLast(total);
      else {
        this.throughputTimes.push(now);
        this.throughputRates.push(total);
      }
    }
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
    for (let i = 0; i < this.sources.length; i++) if (this.sources[i].drainAtSeconds < next) next = this.sources[i].drainAtSeconds;
    if (next === this.pendingAtSeconds) return;
    this.pendingAtSeconds = next;
    if (next < Infinity) this.timer.set(next);
    else this.timer.clear();
  }

  /**
   * Moves one stream whose key (inflow/weight) changed to where a stable sort would put it: the others
   * stay sorted, and among equal keys it keeps its place relative to them. O(m) instead of a sort.
   */
  private reposition(s: SourceState): void {
    const sources = this.sources;
    const from = sources.indexOf(s);
    // Its index among the others: after the smaller keys, and among equal keys where it stood.
    let below = 0;
    let equal = 0;
    for (let i = 0; i < sources.length; i++) {
      if (i === from) continue;
      const c = byCapPerWeight(sources[i], s);
      if (c < 0) below++;
      else if (c === 0) equal++;
    }
    const to = Math.min(Math.max(from, below), below + equal);
    for (let i = from; i < to; i++) sources[i] = sources[i + 1];
    for (let i = from; i > to; i--) sources[i] = sources[i - 1];
    sources[to] = s;
  }

  private attached(source: Source): SourceState {
    const s = source as SourceState;
    if (!this.sources.includes(s)) throw new Error('source is not attached to this link');
    return s;
  }
}

function checkMode(mode: OverflowMode): void {
  if (mode !== 'buffer' && mode !== 'throttle') throw new RangeError(`overflow must be 'buffer' or 'throttle', got ${String(mode)}`);
}
