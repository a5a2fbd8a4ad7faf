/**
 * An indexed binary min-heap of small integer ids ordered by (key, seq), in parallel typed arrays: the
 * kernel's one heap for keyed waiting lines — armed timers (time, seq), a fluid link's transfers (finish
 * virtual time, start order), a resource's waiting requests (priority, arrival order), and the ranked
 * waiting lines of the floors above. The pending-event set is the exception: it has its own 4-ary heap
 * tuned for push/pop at a million entries with lazy cancel (event-queue.ts).
 *
 * Ties in key are broken by seq, so an owner that hands out distinct seqs (or distinct keys) gets one
 * order whatever the heap's shape: what keeps runs deterministic. The position of every id is kept, so
 * removing or re-keying any entry is O(log n) — cancelling one of 10k concurrent transfers, moving a
 * timer — with no dead entries left behind. Ids are the owner's (a slot it recycles, a rank) and should
 * stay small: the position map is as long as the largest id. An id is in the heap at most once.
 */
import { growTyped } from './event-slots.js';

export class IndexedHeap {
  private keys: Float64Array;
  private seqs: Float64Array;
  private ids: Int32Array;
  /** positionOfId[id] = index in the heap arrays, or -1 when the id is not in the heap. */
  private positionOfId: Int32Array;
  private count = 0;

  constructor(initialCapacity = 64) {
    const n = Math.max(4, initialCapacity | 0);
    this.keys = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.ids = new Int32Array(n);
    this.positionOfId = new Int32Array(n).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id >= 0 && id < this.positionOfId.length && this.positionOfId[id] >= 0;
  }

  // The three peeks read the minimum; undefined when empty (callers check `size`, on the hot path).
  peekKey(): number {
    return this.keys[0];
  }

  peekSeq(): number {
    return this.seqs[0];
  }

  peekId(): number {
    return this.ids[0];
  }

  /** Adds `id` (a non-negative integer not in the heap) at (key, seq). */
  push(id: number, key: number, seq: number): void {
    if (this.count === this.keys.length) this.growHeap();
    if (id >= this.positionOfId.length) this.growPositions(id + 1);
    this.siftUp(this.count++, key, seq, id);
  }

  /** Removes and returns the id with the smallest (key, seq); callers check `size` first. */
  pop(): number {
    const top = this.ids[0];
    this.positionOfId[top] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.keys[last], this.seqs[last], this.ids[last]);
    return top;
  }

  /** Removes `id` wherever it is; false if it is not in the heap. */
  remove(id: number): boolean {
    if (!this.has(id)) return false;
    const i = this.positionOfId[id];
    this.positionOfId[id] = -1;
    const last = --this.count;
    if (i < last) this.place(i, this.keys[last], this.seqs[last], this.ids[last]);
    return true;
  }

  /** Gives `id` (which must be in the heap) a new (key, seq): it moves up or down from where it is. */
  update(id: number, key: number, seq: number): void {
    this.place(this.positionOfId[id], key, seq, id);
  }

  /** Fills the hole at i with (key, seq, id), sifting whichever way the entry must go. */
  private place(i: number, key: number, seq: number, id: number): void {
    const p = (i - 1) >> 1;
    if (i > 0 && less(key, seq, this.keys[p], this.seqs[p])) this.siftUp(i, key, seq, id);
    else this.siftDown(i, key, seq, id);
  }

  /** Hole-based sift: moves parents down into the hole, writes (key, seq, id) once at its final place. */
  private siftUp(i: number, key: number, seq: number, id: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const ids = this.ids;
    const pos = this.positionOfId;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p];
      if (key > pk || (key === pk && seq >= seqs[p])) break;
      keys[i] = pk;
      seqs[i] = seqs[p];
      ids[i] = ids[p];
      pos[ids[i]] = i;
      i = p;
    }
    keys[i] = key;
    seqs[i] = seq;
    ids[i] = id;
    pos[id] = i;
  }

  private siftDown(i: number, key: number, seq: number, id: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const ids = this.ids;
    const pos = this.positionOfId;
    const n = this.count;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && less(keys[r], seqs[r], keys[c], seqs[c])) c = r;
      if (!less(keys[c], seqs[c], key, seq)) break;
      keys[i] = keys[c];
      seqs[i] = seqs[c];
      ids[i] = ids[c];
      pos[ids[i]] = i;
      i = c;
    }
    keys[i] = key;
    seqs[i] = seq;
    ids[i] = id;
    pos[id] = i;
  }

  private growHeap(): void {
    const n = this.keys.length * 2;
    this.keys = growTyped(this.keys, new Float64Array(n));
    this.seqs = growTyped(this.seqs, new Float64Array(n));
    this.ids = growTyped(this.ids, new Int32Array(n));
  }

  private growPositions(minLength: number): void {
    const n = Math.max(minLength, this.positionOfId.length * 2);
    this.positionOfId = growTyped(this.positionOfId, new Int32Array(n).fill(-1));
  }
}

function less(ka: number, sa: number, kb: number, sb: number): boolean {
  return ka < kb || (ka === kb && sa < sb);
}
