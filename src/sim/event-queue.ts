/**
 * The pending-event set: a 4-ary min-heap ordered by (time, seq) in parallel typed arrays.
 *
 * Why this shape: typed arrays keep the heap compact and free of per-event objects (2–4× faster
 * than an object heap at 10k–1M events). Each heap entry is (time, slot) interleaved in one
 * Float64Array, 16 bytes; the heap is 4-ary with the root at position 3 so that the four children
 * of a node fill exactly one 64-byte cache line: a sift-down step costs one cache miss, which is
 * what dominates at 1M pending events. `seq` (a global insertion counter) lives with the slot and
 * is read only to break time ties, so equal times come out in insertion order (deterministic runs).
 *
 * Cancellation is lazy: cancel() marks the slot dead and drops its payload at once; the heap entry
 * stays until it reaches the top (then the slot is recycled). When dead entries outnumber live
 * ones the heap is compacted in O(n), so memory stays bounded and each cancel costs amortized
 * O(1). This avoids the position-array writes an indexed heap pays on every sift step, which is
 * what the hot path (push/pop, rarely cancel) cares about.
 *
 * A handle encodes (slot, generation) so that a handle kept after its event ran or was cancelled
 * never cancels whatever later reuses the slot.
 */

import { growTyped, SlotAllocator } from './event-slots.js';

/** A priority queue of payloads keyed by time; ties come out in insertion order. */
export interface EventQueue<T> {
  /** Number of live (not cancelled, not popped) events. */
  readonly size: number;
  /** Time and seq of the most recently popped event (NaN / -1 before the first pop). */
  readonly lastTime: number;
  readonly lastSeq: number;
  /** Adds an event; returns a handle for cancel(). `time` must not be NaN. */
  push(time: number, item: T): number;
  /** Time of the earliest live event, Infinity when empty. */
  peekTime(): number;
  /** Seq of the earliest live event (its insertion rank), Infinity when empty. */
  peekSeq(): number;
  /** Takes the next seq without pushing (for events kept outside the queue, see timers.ts). */
  reserveSeq(): number;
  /** Seqs handed out so far (pushes and reservations): grows whenever anything is scheduled. */
  readonly seqsIssued: number;
  /** Removes and returns the earliest live event's payload (undefined when empty). */
  pop(): T | undefined;
  /** Removes a pending event; false if it was already popped or cancelled (or never existed). */
  cancel(handle: number): boolean;
}

/** Below this many dead entries compaction is not worth it. */
const MIN_DEAD_TO_COMPACT = 1024;
/** Heap position of the root; children of p are 4p-8 .. 4p-5, the parent of c is (c >> 2) + 2. */
const ROOT = 3;
/** Payload marker of a cancelled event whose heap entry is still in the heap. */
const DEAD: unique symbol = Symbol('dead');
/** Payload marker of a free slot. */
const FREE: unique symbol = Symbol('free');

export class HeapEventQueue<T> implements EventQueue<T> {
  /** heap[2p] = time, heap[2p + 1] = slot of the entry at position p (ROOT .. ROOT + n - 1). */
  private heap: Float64Array;
  /** Heap entries, live and dead. */
  private n = 0;
  // Per-slot state. A slot is taken from push until its heap entry leaves the heap. Liveness is
  // read from the payload itself (DEAD / FREE markers) so a pop touches one per-slot array, not two.
  private slotSeq: Float64Array;
  private readonly slots: SlotAllocator;
  private items: (T | typeof DEAD | typeof FREE)[] = [];
  private lastSlot = -1;
  private live = 0;
  private nextSeq = 0;
  /**
   * The root was popped but not yet removed: the next push fills it with one sift-down (the common
   * pop-then-schedule pattern of a simulation), anything else removes it first.
   */
  private rootHole = false;
  lastTime = NaN;

  constructor(initialCapacity = 64) {
    const cap = Math.max(8, initialCapacity | 0);
    this.heap = new Float64Array(2 * (ROOT + cap));
    this.slotSeq = new Float64Array(cap);
    this.slots = new SlotAllocator(cap, 'HeapEventQueue', (c) => { this.slotSeq = growTyped(this.slotSeq, new Float64Array(c)); });
  }

  get seqsIssued(): number {
    return this.nextSeq;
  }

  /** Seq of the last popped event; valid until the next push (which may reuse its slot). */
  get lastSeq(): number {
    return this.lastSlot < 0 ? -1 : this.slotSeq[this.lastSlot];
  }

  get size(): number {
    return this.live;
  }

  push(time: number, item: T): number {
    if (time !== time) throw new RangeError('HeapEventQueue.push: time is NaN');
    const slot = this.slots.alloc();
    this.slotSeq[slot] = this.nextSeq++;
    this.items[slot] = item;
    this.live++;
    if (this.rootHole) {
      this.rootHole = false;
      this.siftDown(ROOT, time, slot);
      return this.slots.handleOf(slot);
    }
    if (2 * (ROOT + this.n + 1) > this.heap.length) this.growHeap();
    // Sift up. The new entry has the largest seq, so it goes after equal times: stop at pt <= time.
    const heap = this.heap;
    let p = ROOT + this.n++;
    while (p > ROOT) {
      const parent = (p >> 2) + 2;
      const pt = heap[2 * parent];
      if (pt <= time) break;
      heap[2 * p] = pt;
      heap[2 * p + 1] = heap[2 * parent + 1];
      p = parent;
    }
    heap[2 * p] = time;
    heap[2 * p + 1] = slot;
    return this.slots.handleOf(slot);
  }

  peekTime(): number {
    this.dropDeadTop();
    return this.n > 0 ? this.heap[2 * ROOT] : Infinity;
  }

  peekSeq(): number {
    this.dropDeadTop();
    return this.n > 0 ? this.slotSeq[this.heap[2 * ROOT + 1]] : Infinity;
  }

  reserveSeq(): number {
    return this.nextSeq++;
  }

  pop(): T | undefined {
    this.dropDeadTop();
    if (this.n === 0) return undefined;
    const slot = this.heap[2 * ROOT + 1];
    this.lastTime = this.heap[2 * ROOT];
    this.lastSlot = slot;
    this.rootHole = true;
    const item = this.items[slot] as T;
    this.items[slot] = FREE;
    this.live--;
    this.slots.release(slot);
    return item;
  }

  cancel(handle: number): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0) return false;
    const item = this.items[slot];
    if (item === DEAD || item === FREE) return false;
    this.items[slot] = DEAD;
    this.live--;
    const dead = this.n - this.live;
    if (dead >= MIN_DEAD_TO_COMPACT && dead > this.live) this.compact();
    return true;
  }

  /** Pops cancelled entries off the top, recycling their slots. */
  private dropDeadTop(): void {
    this.settleRoot();
    while (this.n > 0) {
      const slot = this.heap[2 * ROOT + 1];
      if (this.items[slot] !== DEAD) return;
      this.items[slot] = FREE;
      this.removeTop();
      this.slots.release(slot);
    }
  }

  private settleRoot(): void {
    if (this.rootHole) {
      this.rootHole = false;
      this.removeTop();
    }
  }

  private removeTop(): void {
    const last = ROOT + --this.n;
    if (this.n > 0) this.siftDown(ROOT, this.heap[2 * last], this.heap[2 * last + 1]);
  }

  /** Moves the hole at p down past smaller children, then stores (time, slot) there. */
  private siftDown(p: number, time: number, slot: number): void {
    const heap = this.heap, seqs = this.slotSeq;
    const last = ROOT + this.n - 1;
    const seq = seqs[slot];
    for (;;) {
      const first = 4 * p - 8;
      if (first > last) break;
      const end = first + 3 < last ? first + 3 : last;
      let m = first;
      let mt = heap[2 * first];
      for (let c = first + 1; c <= end; c++) {
        const ct = heap[2 * c];
        if (ct < mt || (ct === mt && seqs[heap[2 * c + 1]] < seqs[heap[2 * m + 1]])) {
          m = c;
          mt = ct;
        }
      }
      if (mt > time || (mt === time && seqs[heap[2 * m + 1]] > seq)) break;
      heap[2 * p] = mt;
      heap[2 * p + 1] = heap[2 * m + 1];
      p = m;
    }
    heap[2 * p] = time;
    heap[2 * p + 1] = slot;
  }

  /** Drops dead entries (recycling their slots) and re-heapifies bottom-up in O(n). */
  private compact(): void {
    this.settleRoot();
    const heap = this.heap;
    let k = ROOT;
    for (let p = ROOT; p < ROOT + this.n; p++) {
      const slot = heap[2 * p + 1];
      if (this.items[slot] !== DEAD) {
        heap[2 * k] = heap[2 * p];
        heap[2 * k + 1] = slot;
        k++;
      } else {
        this.items[slot] = FREE;
        this.slots.release(slot);
      }
    }
    this.n = k - ROOT;
    if (this.n > 1) {
      const lastParent = ((ROOT + this.n - 1) >> 2) + 2;
      for (let p = lastParent; p >= ROOT; p--) this.siftDown(p, heap[2 * p], heap[2 * p + 1]);
    }
  }

  private growHeap(): void {
    const bigger = new Float64Array(this.heap.length * 2);
    bigger.set(this.heap);
    this.heap = bigger;
  }
}
