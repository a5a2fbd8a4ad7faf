/**
 * Indexed binary min-heap over small integer ids, ordered by (key, seq), in parallel typed arrays.
 * The fluid link keys transfers by their finish virtual time; `seq` (insertion order) makes equal
 * keys pop deterministically first-in first-out. `remove(id)` is O(log n) through a position map,
 * which is what makes cancelling one of 10k concurrent transfers cheap.
 */
export class FinishHeap {
  private keys: Float64Array;
  private seqs: Float64Array;
  private ids: Int32Array;
  /** positionOfId[id] = index in the heap arrays, or -1 when the id is not in the heap. */
  private positionOfId: Int32Array;
  private count = 0;

  constructor(initialCapacity = 64) {
    const n = Math.max(4, initialCapacity);
    this.keys = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.ids = new Int32Array(n);
    this.positionOfId = new Int32Array(n).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Key of the minimum; undefined behaviour when empty (callers check `size`). */
  peekKey(): number {
    return this.keys[0];
  }

  peekId(): number {
    return this.ids[0];
  }

  has(id: number): boolean {
    return id >= 0 && id < this.positionOfId.length && this.positionOfId[id] >= 0;
  }

  push(key: number, seq: number, id: number): void {
    if (this.count === this.keys.length) this.growHeap();
    if (id >= this.positionOfId.length) this.growPositions(id + 1);
    this.siftUp(this.count++, key, seq, id);
  }

  /** Removes and returns the id with the smallest (key, seq). */
  pop(): number {
    const top = this.ids[0];
    this.positionOfId[top] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.keys[last], this.seqs[last], this.ids[last]);
    return top;
  }

  /** Removes `id` wherever it is; false if absent. */
  remove(id: number): boolean {
    if (!this.has(id)) return false;
    const i = this.positionOfId[id];
    this.positionOfId[id] = -1;
    const last = --this.count;
    if (i === last) return true;
    const key = this.keys[last];
    const seq = this.seqs[last];
    const movedId = this.ids[last];
    // The element moved into the hole may need to go either way.
    if (i > 0 && less(key, seq, this.keys[(i - 1) >> 1], this.seqs[(i - 1) >> 1])) this.siftUp(i, key, seq, movedId);
    else this.siftDown(i, key, seq, movedId);
    return true;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.positionOfId[this.ids[i]] = -1;
    this.count = 0;
  }

  /** Hole-based sift: writes (key, seq, id) once at its final place. */
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
    this.keys = grow(this.keys, n);
    this.seqs = grow(this.seqs, n);
    const ids = new Int32Array(n);
    ids.set(this.ids);
    this.ids = ids;
  }

  private growPositions(minLength: number): void {
    const n = Math.max(minLength, this.positionOfId.length * 2);
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.positionOfId);
    this.positionOfId = pos;
  }
}

function less(ka: number, sa: number, kb: number, sb: number): boolean {
  return ka < kb || (ka === kb && sa < sb);
}

function grow(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
