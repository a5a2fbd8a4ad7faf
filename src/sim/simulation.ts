/**
 * The simulation clock and event loop. Plain callbacks (at/after) are the fast path; event
 * objects and generator processes (events.ts, process.ts) ride on the same queue.
 */
import { CalendarEventQueue } from './calendar-queue.js';
import { HeapEventQueue, type EventQueue } from './event-queue.js';
import { type EventCallback, type Scheduler, SimulationError } from './scheduler.js';
import { Condition, SimEvent } from './events.js';
import { Process, type ProcessGenerator } from './process.js';
import { TimerSet, type Timer } from './timers.js';

/** Something the loop fires: a plain callback or an event object (no closure per event). */
interface Firable {
  _fire(): void;
}
type QueueItem = EventCallback | Firable;

export interface RunOptions {
  /** Stop before the first event later than this time and set now = until (events at `until` run). */
  until?: number;
}

export interface SimulationOptions {
  /** Called before every event with its time and seq (for determinism fingerprints). */
  onEvent?: (time: number, seq: number) => void;
  /**
   * The pending-event set: 'heap' (default, O(log n) whatever the event times) or 'calendar' (O(1) on
   * average: faster for very many pending events spread evenly in time). Both give the same event order.
   */
  queue?: 'heap' | 'calendar';
  /** Initial capacity of the event queue (it grows by doubling). */
  initialQueueCapacity?: number;
}

export class Simulation implements Scheduler {
  private _now = 0;
  private readonly queue: EventQueue<QueueItem>;
  private readonly timers: TimerSet;
  private stopRequested = false;
  private running = false;
  /** The `until` of the run in progress (Infinity outside a run): nothing may be computed past it. */
  private runUntil = Infinity;
  /** Number of events fired so far (callbacks and event objects). */
  eventsProcessed = 0;
  /** Trace hook, see SimulationOptions.onEvent. */
  onEvent: ((time: number, seq: number) => void) | undefined;
  /** The process whose generator is running right now, if any. */
  activeProcess: Process<any> | null = null;

  constructor(options: SimulationOptions = {}) {
    this.queue = options.queue === 'calendar'
      ? new CalendarEventQueue<QueueItem>(options.initialQueueCapacity)
      : new HeapEventQueue<QueueItem>(options.initialQueueCapacity);
    this.onEvent = options.onEvent;
    const queue = this.queue;
    this.timers = new TimerSet({ reserveSeq: () => queue.reserveSeq(), checkTime: (time) => this.checkTime(time) });
  }

  /** Current simulation time in seconds. */
  get now(): number {
    return this._now;
  }

  /** Number of scheduled, not yet fired events (armed timers included). */
  get pendingEvents(): number {
    return this.queue.size + this.timers.size;
  }

  /** Events scheduled so far (Scheduler.scheduledCount): every at(), after() and timer arm takes a seq. */
  get scheduledCount(): number {
    return this.queue.seqsIssued;
  }

  /**
   * Time of the next event, or the end of the run in progress when that comes first (Infinity when neither):
   * a component running ahead of the clock (a fluid link's passive completions) stops there, since after the
   * run the caller reads the state and may schedule what changes it.
   */
  peek(): number {
    const q = this.queue.peekTime();
    const t = this.timers.topTime();
    const next = t < q ? t : q;
    return this.runUntil < next ? this.runUntil : next;
  }

  at(time: number, cb: EventCallback): number {
    this.checkTime(time);
    return this.queue.push(time, cb);
  }

  /**
   * A re-armable event for a component that keeps one pending event whose time keeps moving: `set(t)` is
   * cancel + at(t) in one step, with the same place in the event order (timers.ts).
   */
  timer(cb: EventCallback): Timer {
    return this.timers.create(cb);
  }

  private checkTime(time: number): void {
    if (!(time >= this._now) || time === Infinity) {
      throw new SimulationError(`cannot schedule an event at time ${time}: it must be a finite time >= now (now is ${this._now})`);
    }
  }

  after(delay: number, cb: EventCallback): number {
    if (!(delay >= 0) || delay === Infinity) {
      throw new SimulationError(`cannot schedule an event after a delay of ${delay} s: it must be finite and >= 0 (now is ${this._now})`);
    }
    return this.queue.push(this._now + delay, cb);
  }

  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  /**
   * Fires events in (time, seq) order until the queue is empty, stop() is called, or the next event
   * is later than `until`. When `until` is given and the run was not stopped, now ends at `until`.
   * An exception thrown by an event (or an unhandled event failure) aborts the run and propagates.
   */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    if (!(until >= this._now)) {
      throw new SimulationError(`run({ until: ${until} }): until must be >= now (now is ${this._now})`);
    }
    if (this.running) throw new SimulationError('run() called from inside an event: the simulation is already running');
    this.running = true;
    this.runUntil = until;
    this.stopRequested = false;
    const queue = this.queue;
    const timers = this.timers;
    try {
      while (!this.stopRequested) {
        let time = queue.peekTime();
        const timer = timers.size > 0 && this.timerFirst(time);
        if (timer) time = timers.topTime();
        if (time > until) {
          this._now = until;
          break;
        }
        if (time === Infinity) break;
        if (timer) this.fireTimer(time);
        else this.fire(time, queue.pop() as QueueItem);
      }
    } finally {
      this.running = false;
      this.runUntil = Infinity;
    }
  }

  /** Fires the next event, if any; returns false when the queue was empty. */
  step(): boolean {
    const q = this.queue.peekTime();
    if (this.timers.size > 0 && this.timerFirst(q)) {
      this.fireTimer(this.timers.topTime());
      return true;
    }
    if (q === Infinity) return false;
    this.fire(q, this.queue.pop() as QueueItem);
    return true;
  }

  /** Whether the earliest timer comes before the queue's top (whose time is `queueTime`), by (time, seq). */
  private timerFirst(queueTime: number): boolean {
    const t = this.timers.topTime();
    return t < queueTime || (t === queueTime && t !== Infinity && this.timers.topSeq() < this.queue.peekSeq());
  }

  private fireTimer(time: number): void {
    const timer = this.timers.popTop();
    this._now = time;
    this.eventsProcessed++;
    if (this.onEvent !== undefined) this.onEvent(time, timer.seq);
    timer.callback();
  }

  /** Makes run() return after the event that is firing now. */
  stop(): void {
    this.stopRequested = true;
  }

  private fire(time: number, item: QueueItem): void {
    this._now = time;
    this.eventsProcessed++;
    if (this.onEvent !== undefined) this.onEvent(time, this.queue.lastSeq);
    if (typeof item === 'function') item();
    else item._fire();
  }

  /** @internal Schedules an event object to be processed now (after what is already due now). */
  _enqueueNow(event: Firable): void {
    this.queue.push(this._now, event);
  }

  /** @internal Schedules an event object after a validated delay. */
  _enqueueAfter(delay: number, event: Firable): number {
    if (!(delay >= 0) || delay === Infinity) {
      throw new SimulationError(`cannot create a timeout of ${delay} s: it must be finite and >= 0 (now is ${this._now})`);
    }
    return this.queue.push(this._now + delay, event);
  }

  // ---- event-object API (SimPy style) ----

  /** An event that succeeds with `value` after `delay` seconds. */
  timeout<T = undefined>(delay: number, value?: T): SimEvent<T> {
    return SimEvent._timeout(this, delay, value as T);
  }

  /** A pending event to be triggered by hand with succeed(value) or fail(error). */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /** Starts a process (it runs from the current time, after events already due now). */
  process<R>(body: ProcessGenerator<R> | (() => ProcessGenerator<R>)): Process<R> {
    return new Process<R>(this, typeof body === 'function' ? body() : body);
  }

  /** Succeeds with all values (input order) when every event succeeded; fails on the first failure. */
  allOf<T = unknown>(events: readonly SimEvent<T>[]): SimEvent<T[]> {
    return new Condition(this, events, true) as SimEvent<unknown> as SimEvent<T[]>;
  }

  /** Succeeds when any event succeeded, with a Map of the events processed by then to their values. */
  anyOf<T = unknown>(events: readonly SimEvent<T>[]): SimEvent<Map<SimEvent<T>, T>> {
    return new Condition(this, events, false) as SimEvent<unknown> as SimEvent<Map<SimEvent<T>, T>>;
  }
}
