/**
 * Binary min-heap operations on a plain array, for the small waiting lines of the kernel and the models
 * (a resource's requests, a runbook's ranks). `compare(a, b)` < 0 puts a first; callers make it a total
 * order (e.g. ties broken by arrival), so what comes out never depends on the heap's shape.
 */
export type Compare<T> = (a: T, b: T) => number;

export function heapPush<T>(h: T[], x: T, compare: Compare<T>): void {
  let i = h.length;
  h.push(x);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(h[parent], x) <= 0) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = x;
}

/** Removes and returns the first element; undefined when empty. */
export function heapPop<T>(h: T[], compare: Compare<T>): T | undefined {
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && compare(h[c + 1], h[c]) < 0) c++;
      if (compare(h[c], last) >= 0) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}

/** Ascending numbers. */
export const ascending: Compare<number> = (a, b) => a - b;
