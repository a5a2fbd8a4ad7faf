/**
 * Growable Float64Array-backed column, for breakpoint recorders that may collect millions of points
 * over a simulated week without boxing numbers.
 */
export class Float64Series {
  private data: Float64Array;
  private count = 0;

  constructor(initialCapacity = 16) {
    this.data = new Float64Array(Math.max(4, initialCapacity));
  }

  get length(): number {
    return this.count;
  }

  get(i: number): number {
    return this.data[i];
  }

  last(): number {
    return this.data[this.count - 1];
  }

  push(x: number): void {
    if (this.count === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.count++] = x;
  }

  /** Overwrites the last value (a second breakpoint at the same time replaces the first). */
  setLast(x: number): void {
    this.data[this.count - 1] = x;
  }

  /** A copy of the used part, safe to keep after further pushes. */
  toArray(): Float64Array {
    return this.data.slice(0, this.count);
  }
}

/** Index of the last element <= x in the sorted prefix [0, n) of `s`; -1 if none. */
export function lastIndexAtOrBelow(s: Float64Series, n: number, x: number): number {
  let lo = 0;
  let hi = n; // invariant: answer in [lo - 1, hi - 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.get(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
