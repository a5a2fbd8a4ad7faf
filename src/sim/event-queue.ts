/**
 * The pending-event set: a 4-ary min-heap ordered by (time, seq) in parallel typed arrays.
 *
 * Why this shape: typed arrays keep the heap compact and free of per-event objects (2–4× faster
 * than an object heap at 10k–1M events); a 4-ary heap halves the depth of a binary one, so a pop
 * touches fewer cache lines. `seq` is a global insertion counter, so equal times come out in
 * insertion order and runs are deterministic.
 *
 * Cancellation is lazy: cancel() frees the event's slot (payload dropped at once) and leaves a
 * stale heap entry behind, recognised on pop because its seq no longer matches its slot's. When
 * stale entries outnumber live ones the heap is compacted in O(n), so memory stays bounded and
 * each cancel costs amortized O(1). This avoids the position-array writes an indexed heap pays on
 * every sift step, which is what the hot path (push/pop, rarely cancel) cares about.
 *
 * A handle encodes (slot, generation) so that a handle kept after its event ran or was cancelled
 * never cancels whatever later reuses the slot.
 */

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
  /** Removes and returns the earliest live event's payload (undefined when empty). */
  pop(): T | undefined;
  /** Removes a pending event; false if it was already popped or cancelled (or never existed). */
  cancel(handle: number): boolean;
}

/** Handles are generation * SLOT_SPACE + slot: up to 2^26 simultaneous events, 2^27 reuses per slot. */
const SLOT_SPACE = 2 ** 26;
const GEN_MASK = 2 ** 27 - 1;
/** Below this many stale entries compaction is not worth it. */
const MIN_STALE_TO_COMPACT = 1024;

export class HeapEventQueue<T> implements EventQueue<T> {
  // Heap entries (index 0 is the minimum); n counts live and stale entries.
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private n = 0;
  // Per-slot state: the seq of the live event in the slot (-1 when free), its generation, payload.
  private slotSeq: Float64Array;
  private slotGen: Int32Array;
  private items: (T | undefined)[] = [];
  private freeSlots: Int32Array;
  private freeTop = 0;
  private slotsUsed = 0;
  private live = 0;
  private nextSeq = 0;
  lastTime = NaN;
  lastSeq = -1;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity | 0);
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.slotSeq = new Float64Array(cap).fill(-1);
    this.slotGen = new Int32Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  get size(): number {
    return this.live;
  }

  /** Seq the next push will get: a count of all pushes so far. */
  get pushes(): number {
    return this.nextSeq;
  }

  push(time: number, item: T): number {
    if (time !== time) throw new RangeError('HeapEventQueue.push: time is NaN');
    const slot = this.allocSlot();
    const seq = this.nextSeq++;
    this.slotSeq[slot] = seq;
    this.items[slot] = item;
    this.live++;
    if (this.n === this.times.length) this.growHeap();
    this.siftUp(this.n++, time, seq, slot);
    return this.slotGen[slot] * SLOT_SPACE + slot;
  }

  peekTime(): number {
    this.dropStaleTop();
    return this.n > 0 ? this.times[0] : Infinity;
  }

  pop(): T | undefined {
    this.dropStaleTop();
    if (this.n === 0) return undefined;
    const slot = this.slots[0];
    this.lastTime = this.times[0];
    this.lastSeq = this.seqs[0];
    this.removeTop();
    const item = this.items[slot];
    this.freeSlot(slot);
    return item;
  }

  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_SPACE;
    const gen = (handle - slot) / SLOT_SPACE;
    if (slot >= this.slotsUsed || this.slotGen[slot] !== gen || this.slotSeq[slot] < 0) return false;
    this.freeSlot(slot);
    const stale = this.n - this.live;
    if (stale >= MIN_STALE_TO_COMPACT && stale > this.live) this.compact();
    return true;
  }

  private allocSlot(): number {
    let slot: number;
    if (this.freeTop > 0) {
      slot = this.freeSlots[--this.freeTop];
    } else {
      if (this.slotsUsed === this.slotSeq.length) this.growSlots();
      slot = this.slotsUsed++;
    }
    this.slotGen[slot] = (this.slotGen[slot] + 1) & GEN_MASK;
    return slot;
  }

  private freeSlot(slot: number): void {
    this.slotSeq[slot] = -1;
    this.items[slot] = undefined;
    this.freeSlots[this.freeTop++] = slot;
    this.live--;
  }

  private dropStaleTop(): void {
    while (this.n > 0 && this.slotSeq[this.slots[0]] !== this.seqs[0]) this.removeTop();
  }

  private removeTop(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.times[last], this.seqs[last], this.slots[last]);
  }

  /** Moves the hole at i up until (time, seq) fits, then stores the entry there. */
  private siftUp(i: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p];
      if (pt < time || (pt === time && seqs[p] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p];
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Moves the hole at i down past smaller children, then stores the entry there. */
  private siftDown(i: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots, n = this.n;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = first + 4 < n ? first + 4 : n;
      let m = first;
      let mt = times[first];
      for (let c = first + 1; c < end; c++) {
        const ct = times[c];
        if (ct < mt || (ct === mt && seqs[c] < seqs[m])) {
          m = c;
          mt = ct;
        }
      }
      if (mt > time || (mt === time && seqs[m] > seq)) break;
      times[i] = mt;
      seqs[i] = seqs[m];
      slots[i] = slots[m];
      i = m;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Drops stale entries and re-heapifies bottom-up in O(n). */
  private compact(): void {
    const times = this.times, seqs = this.seqs, slots = this.slots;
    let k = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.slotSeq[slots[i]] === seqs[i]) {
        times[k] = times[i];
        seqs[k] = seqs[i];
        slots[k] = slots[i];
        k++;
      }
    }
    this.n = k;
    for (let i = (k - 2) >> 2; i >= 0; i--) this.siftDown(i, times[i], seqs[i], slots[i]);
  }

  private growHeap(): void {
    const cap = this.times.length * 2;
    this.times = grow(this.times, new Float64Array(cap));
    this.seqs = grow(this.seqs, new Float64Array(cap));
    this.slots = grow(this.slots, new Int32Array(cap));
  }

  private growSlots(): void {
    const cap = this.slotSeq.length * 2;
    if (cap > SLOT_SPACE) throw new RangeError(`HeapEventQueue: more than ${SLOT_SPACE} pending events`);
    this.slotSeq = grow(this.slotSeq, new Float64Array(cap).fill(-1));
    this.slotGen = grow(this.slotGen, new Int32Array(cap));
    this.freeSlots = grow(this.freeSlots, new Int32Array(cap));
  }
}

function grow<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
