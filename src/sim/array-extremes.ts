/**
 * Minimum, maximum and append over arrays of any length. `Math.min(...values)` and `push(...items)` pass
 * every element as a call argument and throw a RangeError above ~125,000 of them (the stack), so a large
 * estate would lose a finished run in aggregation; these loop instead, with Math.min/max's semantics
 * (NaN wins, -0 is below 0, the empty minimum is Infinity).
 */

export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < m || (v === 0 && m === 0 && Object.is(v, -0))) m = v;
  }
  return m;
}

export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > m || (v === 0 && m === 0 && Object.is(m, -0))) m = v;
  }
  return m;
}

/** Appends `items` to `target` (in place) and returns it. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
