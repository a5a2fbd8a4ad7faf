/**
 * Exact quantiles of a sample held in memory (numpy's default, "linear"/type 7): the definition on a
 * sorted sample, and the same numbers, bit for bit, from only the order statistics they read
 * (order-statistics.ts), which for a few quantiles of a large sample is much cheaper than sorting it.
 */
import { orderStatistics } from './order-statistics.js';

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a probability in [0, 1], got ${p}`);
}

/**
 * Quantile of an ascending-sorted sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7; numpy's default `method="linear"`, R's default). NaN for an empty sample.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  // numpy's lerp: interpolate from the nearer end, which keeps the result monotone in p.
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

/**
 * Exactly quantileSorted over the sorted sample, bit for bit, without sorting: for a few quantiles of a large sample,
 * only the order statistics they read are found (bucketing, then selection within the buckets that hold
 * them). `values` is left as it is. Throws on NaN.
 */
export function quantilesBySelection(values: Float64Array, ps: readonly number[]): number[] {
  for (const p of ps) checkProbability(p);
  const range = rangeOf(values);
  // A small sample sorts faster than the set-up below costs. Selection compares with <, which cannot
  // tell −0 from +0, while a sort puts −0 first: a sample holding −0 (rare) is sorted too.
  if (values.length < MIN_SELECTED || range.negativeZero) {
    const sorted = values.slice().sort();
    return ps.map((p) => quantileSorted(sorted, p));
  }
  const ranks = type7Ranks(values.length, ps);
  const stats = orderStatistics(values, ranks, range.min, range.max);
  // The sorted sample at the ranks quantileSorted reads, and only there.
  const sparse: { length: number; [rank: number]: number } = { length: values.length };
  ranks.forEach((r, i) => { sparse[r] = stats[i]; });
  return ps.map((p) => quantileSorted(sparse, p));
}

/**
 * Extremes of a sample, and whether it holds −0. Throws on NaN. A loop over all values is a function of
 * its own: V8 optimizes it once and reuses that code (inside a bigger function it is often deoptimized).
 */
function rangeOf(values: Float64Array): { min: number; max: number; negativeZero: boolean } {
  let min = Infinity;
  let max = -Infinity;
  let negativeZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) throw new RangeError(`quantilesBySelection: values[${i}] is NaN`);
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0 && 1 / v < 0) negativeZero = true;
  }
  return { min, max, negativeZero };
}

/** The ranks quantileSorted reads for these probabilities on n values: ascending, distinct. */
function type7Ranks(n: number, ps: readonly number[]): Int32Array {
  const ranks: number[] = [];
  for (const p of ps) {
    if (n === 0) break;
    const lo = Math.floor((n - 1) * p);
    if (lo >= n - 1) ranks.push(n - 1);
    else ranks.push(lo, lo + 1);
  }
  const sorted = Int32Array.from(ranks).sort();
  let k = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i];
  return sorted.subarray(0, k);
}

/** Below this many values, sorting is faster (measured: the crossover is at 200 to 300). */
const MIN_SELECTED = 256;
