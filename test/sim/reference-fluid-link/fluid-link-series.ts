/**
 * Growable column of numbers for breakpoint recorders that may collect millions of points over a
 * simulated week. A plain array: V8 keeps numbers unboxed in a double-elements array and grows it on
 * its own heap, which is far cheaper than reallocating typed arrays (an ArrayBuffer each) for the many
 * short series a trial makes; `toArray()` hands out a compact typed copy.
 */
export class Float64Series {
  private readonly data: number[] = [];

  get length(): number {
    return this.data.length;
  }

  get(i: number): number {
    return this.data[i];
  }

  last(): number {
    return this.data[this.data.length - 1];
  }

  push(x: number): void {
    this.data.push(x);
  }

  /** Overwrites the last value (a second breakpoint at the same time replaces the first). */
  setLast(x: number): void {
    this.data[this.data.length - 1] = x;
  }

  /** A copy of the used part, safe to keep after further pushes. */
  toArray(): Float64Array {
    return Float64Array.from(this.data);
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
