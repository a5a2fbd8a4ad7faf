/**
 * Movable events ("timers"): a component that keeps exactly one pending event whose time changes often
 * (a fluid link's next completion moves at every rate change) re-arms its timer instead of cancelling
 * and scheduling: no dead entry is left in the main queue, and a re-arm costs O(log k) for k timers
 * (a handful per simulation) instead of O(log n) in the event heap.
 *
 * Order is unchanged: arming takes its seq from the main queue's counter, exactly as the at() it replaces
 * would have, and the simulation fires whichever of (queue top, timer top) is first by (time, seq). So a
 * run gives the same event sequence (and fingerprint) as with cancel + at.
 */
import { IndexedHeap } from './indexed-heap.js';
import type { EventCallback } from './scheduler.js';

/** A re-armable pending event owned by one component. */
export interface Timer {
  /** Time it fires at; Infinity when not armed. */
  readonly timeSeconds: number;
  /** (Re)arms it at an absolute time >= now, after everything already scheduled for that time. */
  set(timeSeconds: number): void;
  /** Disarms it (a no-op when not armed). */
  clear(): void;
}

/** Where timers take their seq from and check their times: the simulation. */
export interface TimerHost {
  reserveSeq(): number;
  checkTime(timeSeconds: number): void;
}

export class TimerState implements Timer {
  timeSeconds = Infinity;
  seq = -1;

  constructor(private readonly owner: TimerSet, readonly id: number, readonly callback: EventCallback) {}

  set(timeSeconds: number): void {
    this.owner.arm(this, timeSeconds);
  }

  clear(): void {
    this.owner.disarm(this);
  }
}

/**
 * The armed timers, ordered by (time, seq) in an indexed heap whose ids are the timers' creation ranks.
 * A simulation's timers live as long as it does (a handful: one per fluid link).
 */
export class TimerSet {
  private readonly armed = new IndexedHeap(8);
  private readonly timers: TimerState[] = [];

  constructor(private readonly host: TimerHost) {}

  get size(): number {
    return this.armed.size;
  }

  create(callback: EventCallback): Timer {
    const timer = new TimerState(this, this.timers.length, callback);
    this.timers.push(timer);
    return timer;
  }

  /** The earliest armed timer's time (Infinity when none). */
  topTime(): number {
    return this.armed.size > 0 ? this.armed.peekKey() : Infinity;
  }

  /** The earliest armed timer's seq (callers check `size` first). */
  topSeq(): number {
    return this.armed.peekSeq();
  }

  /** Disarms the earliest timer and returns it (callers check `size` first). */
  popTop(): TimerState {
    const top = this.timers[this.armed.pop()];
    top.timeSeconds = Infinity;
    return top;
  }

  arm(t: TimerState, timeSeconds: number): void {
    this.host.checkTime(timeSeconds);
    t.timeSeconds = timeSeconds;
    t.seq = this.host.reserveSeq();
    if (this.armed.has(t.id)) this.armed.update(t.id, timeSeconds, t.seq);
    else this.armed.push(t.id, timeSeconds, t.seq);
  }

  disarm(t: TimerState): void {
    this.armed.remove(t.id);
    t.timeSeconds = Infinity;
  }
}
