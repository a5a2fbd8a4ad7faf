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
  /** Position in the set's heap, -1 when not armed. */
  index = -1;

  constructor(private readonly owner: TimerSet, readonly callback: EventCallback) {}

  set(timeSeconds: number): void {
    this.owner.arm(this, timeSeconds);
  }

  clear(): void {
    this.owner.disarm(this);
  }
}

/** The armed timers, a binary min-heap by (time, seq) with positions kept in the timers. */
export class TimerSet {
  private readonly heap: TimerState[] = [];

  constructor(private readonly host: TimerHost) {}

  get size(): number {
    return this.heap.length;
  }

  create(callback: EventCallback): Timer {
    return new TimerState(this, callback);
  }

  /** The earliest armed timer's time (Infinity when none). */
  topTime(): number {
    return this.heap.length > 0 ? this.heap[0].timeSeconds : Infinity;
  }

  topSeq(): number {
    return this.heap[0].seq;
  }

  /** Disarms the earliest timer and returns it (callers check `size` first). */
  popTop(): TimerState {
    const top = this.heap[0];
    this.removeAt(0);
    return top;
  }

  arm(t: TimerState, timeSeconds: number): void {
    this.host.checkTime(timeSeconds);
    t.timeSeconds = timeSeconds;
    t.seq = this.host.reserveSeq();
    if (t.index < 0) {
      t.index = this.heap.length;
      this.heap.push(t);
      this.siftUp(t.index);
    } else {
      // Its key can only have grown in seq; in time it may move either way.
      this.siftUp(t.index);
      this.siftDown(t.index);
    }
  }

  disarm(t: TimerState): void {
    if (t.index >= 0) this.removeAt(t.index);
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const t = heap[i];
    const last = heap.pop()!;
    t.index = -1;
    t.timeSeconds = Infinity;
    if (last !== t) {
      heap[i] = last;
      last.index = i;
      this.siftUp(i);
      this.siftDown(last.index);
    }
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const t = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, heap[p])) break;
      heap[i] = heap[p];
      heap[i].index = i;
      i = p;
    }
    heap[i] = t;
    t.index = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const t = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(heap[c + 1], heap[c])) c++;
      if (!before(heap[c], t)) break;
      heap[i] = heap[c];
      heap[i].index = i;
      i = c;
    }
    heap[i] = t;
    t.index = i;
  }
}

function before(a: TimerState, b: TimerState): boolean {
  return a.timeSeconds < b.timeSeconds || (a.timeSeconds === b.timeSeconds && a.seq < b.seq);
}
