/**
 * A calendar queue (R. Brown, CACM 1988): the pending-event set as a ring of time buckets ("days") of a
 * fixed width, each a short list sorted by (time, seq). Pushing hashes the time to its bucket; popping
 * walks the ring from the current day. With the width matched to the mean gap between events, both are
 * O(1) on average, against the heap's O(log n) cache misses — what matters at a million pending events
 * (the "hold" benchmark). The heap (event-queue.ts) stays the default: it is O(log n) whatever the
 * distribution of event times, while a calendar degrades when times cluster far from its width.
 *
 * Same contract as HeapEventQueue: (time, seq) order with insertion order on ties, generation-checked
 * handles, lazy cancel (a cancelled entry is unlinked when the walk meets it, or at the next resize).
 * The ring doubles or halves with the population, and the width is re-estimated from the spread of
 * the pending times at each resize.
 */
import type { EventQueue } from './event-queue.js';
import { growTyped, SlotAllocator } from './event-slots.js';

const MIN_BUCKETS = 16;
const NIL = -1;
const DEAD: unique symbol = Symbol('dead');
const FREE: unique symbol = Symbol('free');

export class CalendarEventQueue<T> implements EventQueue<T> {
  private heads: Int32Array;
  private mask: number;
  private width = 1;
  /** The walk's position: the bucket and the "day" (floor(time / width)) it is on. */
  private day = 0;
  private slotTime: Float64Array;
  private slotSeq: Float64Array;
  private next: Int32Array;
  private readonly slots: SlotAllocator;
  private items: (T | typeof DEAD | typeof FREE)[] = [];
  /** Entries linked in buckets (live and dead). */
  private linked = 0;
  private live = 0;
  private nextSeq = 0;
  private lastSlot = -1;
  /** The earliest live entry found by peekTime, valid until the next push or cancel. */
  private found = NIL;
  lastTime = NaN;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(8, initialCapacity | 0);
    this.slotTime = new Float64Array(cap);
    this.slotSeq = new Float64Array(cap);
    this.next = new Int32Array(cap);
    this.slots = new SlotAllocator(cap, 'CalendarEventQueue', (c) => {
      this.slotTime = growTyped(this.slotTime, new Float64Array(c));
      this.slotSeq = growTyped(this.slotSeq, new Float64Array(c));
      this.next = growTyped(this.next, new Int32Array(c));
    });
    this.heads = new Int32Array(MIN_BUCKETS).fill(NIL);
    this.mask = MIN_BUCKETS - 1;
  }

  get size(): number {
    return this.live;
  }

  get seqsIssued(): number {
    return this.nextSeq;
  }

  get lastSeq(): number {
    return this.lastSlot < 0 ? -1 : this.slotSeq[this.lastSlot];
  }

  push(time: number, item: T): number {
    if (time !== time) throw new RangeError('CalendarEventQueue.push: time is NaN');
    const slot = this.slots.alloc();
    this.slotTime[slot] = time;
    this.slotSeq[slot] = this.nextSeq++;
    this.items[slot] = item;
    this.live++;
    this.found = NIL;
    if (this.linked === 0 || Math.floor(time / this.width) < this.day) this.day = Math.floor(time / this.width);
    this.link(slot);
    if (this.linked > 2 * this.heads.length) this.resize(this.heads.length * 2);
    return this.slots.handleOf(slot);
  }

  peekTime(): number {
    const slot = this.findEarliest();
    return slot === NIL ? Infinity : this.slotTime[slot];
  }

  peekSeq(): number {
    const slot = this.findEarliest();
    return slot === NIL ? Infinity : this.slotSeq[slot];
  }

  reserveSeq(): number {
    return this.nextSeq++;
  }

  pop(): T | undefined {
    const slot = this.findEarliest();
    if (slot === NIL) return undefined;
    this.found = NIL;
    // The earliest live entry is the head of its bucket (findEarliest unlinked the dead ones before it).
    const b = this.bucketOf(this.slotTime[slot]);
    this.heads[b] = this.next[slot];
    this.linked--;
    this.lastTime = this.slotTime[slot];
    this.lastSlot = slot;
    const item = this.items[slot] as T;
    this.items[slot] = FREE;
    this.slots.release(slot);
    this.live--;
    if (this.heads.length > MIN_BUCKETS && this.linked < this.heads.length / 4) this.resize(this.heads.length / 2);
    return item;
  }

  cancel(handle: number): boolean {
    const slot = this.slots.slotOf(handle);
    if (slot < 0) return false;
    const item = this.items[slot];
    if (item === DEAD || item === FREE) return false;
    this.items[slot] = DEAD;
    this.live--;
    this.found = NIL;
    // Many dead entries slow the walk: rebuild once they outnumber the living.
    if (this.linked - this.live > Math.max(1024, this.live)) this.resize(this.heads.length);
    return true;
  }

  private bucketOf(time: number): number {
    return Math.floor(time / this.width) & this.mask;
  }

  /** Inserts a slot into its bucket, keeping the list sorted by (time, seq). */
  private link(slot: number): void {
    const b = this.bucketOf(this.slotTime[slot]);
    const t = this.slotTime[slot];
    const s = this.slotSeq[slot];
    let prev = NIL;
    let cur = this.heads[b];
    while (cur !== NIL && (this.slotTime[cur] < t || (this.slotTime[cur] === t && this.slotSeq[cur] < s))) {
      prev = cur;
      cur = this.next[cur];
    }
    this.next[slot] = cur;
    if (prev === NIL) this.heads[b] = slot;
    else this.next[prev] = slot;
    this.linked++;
  }

  /** Drops dead entries at the head of bucket b. */
  private dropDeadHead(b: number): number {
    let head = this.heads[b];
    while (head !== NIL && this.items[head] === DEAD) {
      const after = this.next[head];
      this.items[head] = FREE;
      this.slots.release(head);
      this.linked--;
      head = after;
    }
    this.heads[b] = head;
    return head;
  }

  /** The earliest live entry: walk the ring from the current day; after a full lap, search directly. */
  private findEarliest(): number {
    if (this.found !== NIL) return this.found;
    if (this.live === 0) return NIL;
    const n = this.heads.length;
    for (let k = 0; k < n; k++) {
      const day = this.day + k;
      const b = day & this.mask;
      const head = this.dropDeadHead(b);
      if (head !== NIL && Math.floor(this.slotTime[head] / this.width) <= day) {
        this.day = day;
        return (this.found = head);
      }
    }
    // Nothing within a lap (a sparse future): jump straight to the earliest head.
    let best = NIL;
    for (let b = 0; b < n; b++) {
      const head = this.dropDeadHead(b);
      if (head !== NIL && (best === NIL || this.slotTime[head] < this.slotTime[best] || (this.slotTime[head] === this.slotTime[best] && this.slotSeq[head] < this.slotSeq[best]))) best = head;
    }
    if (best !== NIL) this.day = Math.floor(this.slotTime[best] / this.width);
    return (this.found = best);
  }

  /** Rebuilds the ring with `buckets` buckets and a width re-estimated from the pending times. */
  private resize(buckets: number): void {
    const live: number[] = [];
    for (let b = 0; b < this.heads.length; b++) {
      for (let s = this.heads[b]; s !== NIL; s = this.next[s]) {
        if (this.items[s] === DEAD) {
          this.items[s] = FREE;
          this.slots.release(s);
        } else {
          live.push(s);
        }
      }
    }
    const n = Math.max(MIN_BUCKETS, buckets);
    this.heads = new Int32Array(n).fill(NIL);
    this.mask = n - 1;
    this.linked = 0;
    this.found = NIL;
    if (live.length > 1) {
      // Brown's rule: about three events per day, judged at the front of the queue (where pops happen;
      // pending times are often far denser near now than far ahead).
      const times = Float64Array.from(live, (s) => this.slotTime[s]).sort();
      let gap = 0;
      for (let k = Math.min(times.length - 1, 32); k < times.length && !(gap > 0); k *= 2) gap = (times[k] - times[0]) / k;
      if (!(gap > 0)) gap = (times[times.length - 1] - times[0]) / times.length;
      if (gap > 0 && Number.isFinite(gap)) this.width = 3 * gap;
    }
    let earliest = Infinity;
    for (const s of live) {
      this.link(s);
      if (this.slotTime[s] < earliest) earliest = this.slotTime[s];
    }
    this.day = earliest === Infinity ? 0 : Math.floor(earliest / this.width);
  }
}
