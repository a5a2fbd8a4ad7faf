/**
 * Order statistics without sorting: the r-th smallest values of a sample for a few ranks r, found by
 * counting the sample into equal-width buckets, then selecting (introselect) only within the buckets
 * that hold a wanted rank. Exact: the values are those a sort would put at those ranks.
 *
 * The loops over all values are functions of their own: V8 optimizes them once, on the first large
 * sample, and reuses that code (a loop inside a bigger function is often deoptimized on leaving it).
 */

/** Below this many values, bucketing costs more than it saves. */
const MIN_BUCKETED = 1024;
/** Values per bucket on average: buckets small enough that selecting within them is cheap. */
const VALUES_PER_BUCKET = 8;

/**
 * The r-th smallest of `values` (NaN-free, no −0, extremes min and max) for each r in `ranks` (ascending,
 * distinct). Buckets of equal width over [min, max] are counted, which tells the bucket each rank falls
 * in and its rank within it; only those buckets' values are gathered and selected among. The bucket of a
 * value is a non-decreasing function of it, so bucket b holds exactly the order statistics from the count
 * of values in buckets before b on. Skewed data only makes the gathered buckets bigger.
 */
export function orderStatistics(values: Float64Array, ranks: Int32Array, min: number, max: number): Float64Array {
  const n = values.length;
  const buckets = Math.floor(n / VALUES_PER_BUCKET);
  const scale = buckets / (max - min);
  if (n < MIN_BUCKETED || !(scale > 0 && scale < Infinity)) {
    const copy = values.slice();
    selectRanks(copy, ranks);
    return Float64Array.from(ranks, (r) => copy[r]);
  }
  const counts = new Int32Array(buckets);
  countBuckets(values, min, scale, counts);

  // Per rank: its bucket. Per wanted bucket: where its values go in `gathered`; -1 for the others.
  const rankBucket = new Int32Array(ranks.length);
  const rankBase = new Int32Array(ranks.length);
  const slot = new Int32Array(buckets).fill(-1);
  let gatheredSize = 0;
  let below = 0;
  let b = 0;
  for (let i = 0; i < ranks.length; i++) {
    while (below + counts[b] <= ranks[i]) below += counts[b++];
    rankBucket[i] = b;
    rankBase[i] = below;
    if (slot[b] < 0) {
      slot[b] = gatheredSize;
      gatheredSize += counts[b];
    }
  }
  const gathered = new Float64Array(gatheredSize);
  gatherBuckets(values, min, scale, slot.slice(), gathered);

  // Select within each wanted bucket, with the ranks that fall in it made local to it.
  const result = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; ) {
    const bucket = rankBucket[i];
    let j = i;
    while (j < ranks.length && rankBucket[j] === bucket) j++;
    const part = gathered.subarray(slot[bucket], slot[bucket] + counts[bucket]);
    const local = Int32Array.from(ranks.subarray(i, j), (r) => r - rankBase[i]);
    selectRanks(part, local);
    for (let k = i; k < j; k++) result[k] = part[local[k - i]];
    i = j;
  }
  return result;
}

/** The bucket of v: non-decreasing in v (subtraction, scaling and flooring all are), 0 to buckets − 1. */
function bucketOf(v: number, min: number, scale: number, buckets: number): number {
  const b = Math.floor((v - min) * scale);
  return b < buckets ? b : buckets - 1;
}

function countBuckets(values: Float64Array, min: number, scale: number, counts: Int32Array): void {
  const buckets = counts.length;
  for (let i = 0; i < values.length; i++) counts[bucketOf(values[i], min, scale, buckets)]++;
}

/** Copies the values of the buckets with a position in `next` (≥ 0) there, advancing it. */
function gatherBuckets(values: Float64Array, min: number, scale: number, next: Int32Array, gathered: Float64Array): void {
  const buckets = next.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = bucketOf(v, min, scale, buckets);
    if (next[b] >= 0) gathered[next[b]++] = v;
  }
}

/** Segments this short are insertion-sorted: cheaper than partitioning them further. */
const SMALL_SEGMENT = 16;

/**
 * Rearranges `a` so that a[r] holds the r-th smallest value for every rank r in `ranks` (ascending,
 * distinct), as in the sorted array: quickselect that partitions once and descends only into the parts
 * that still hold a wanted rank. Hoare partitioning stops on values equal to the pivot, so ties split
 * evenly; past a depth of 2·log₂ n it sorts the segment (introselect), bounding the worst case by a sort.
 * NaN-free input; −0 and +0 are not told apart.
 */
export function selectRanks(a: Float64Array, ranks: ArrayLike<number>): void {
  if (ranks.length === 0 || a.length < 2) return;
  selectRange(a, 0, a.length - 1, ranks, 0, ranks.length - 1, 2 * Math.floor(Math.log2(a.length)));
}

function selectRange(a: Float64Array, left: number, right: number, ranks: ArrayLike<number>, first: number, last: number, depth: number): void {
  while (first <= last) {
    if (right - left < SMALL_SEGMENT) {
      insertionSort(a, left, right);
      return;
    }
    if (depth-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const pivot = medianOfThree(a[left], a[(left + right) >>> 1], a[right]);
    // Hoare: afterwards a[left..j] ≤ pivot ≤ a[i..right], and a[j+1..i−1] (if any) equal the pivot.
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    // ranks[first..lowEnd−1] lie in [left, j]; ranks[highStart..last] in [i, right]; those between are placed.
    let lowEnd = first;
    while (lowEnd <= last && ranks[lowEnd] <= j) lowEnd++;
    let highStart = last;
    while (highStart >= lowEnd && ranks[highStart] >= i) highStart--;
    highStart++;
    // Recurse into the smaller part, loop on the larger: stack depth stays O(log n).
    if (j - left < right - i) {
      selectRange(a, left, j, ranks, first, lowEnd - 1, depth);
      left = i;
      first = highStart;
    } else {
      selectRange(a, i, right, ranks, highStart, last, depth);
      right = j;
      last = lowEnd - 1;
    }
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

function insertionSort(a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= left && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
