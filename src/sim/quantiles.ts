/**
 * Quantiles: exact ones over a sample held in memory (numpy's default, "linear"/type 7), and a
 * bounded-memory sketch (merging t-digest) for streams too long to keep, mergeable across workers.
 */

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

/** Exact type-7 quantiles of an unsorted sample (sorts a copy). Throws on NaN. */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== sorted[i]) throw new RangeError(`quantiles: values[${i}] is NaN`);
  }
  sorted.sort();
  return ps.map((p) => quantileSorted(sorted, p));
}

export interface TDigestState {
  compression: number;
  min: number;
  max: number;
  means: number[];
  weights: number[];
}

/**
 * Merging t-digest (Dunning & Ertl, "Computing extremely accurate quantiles using t-digests",
 * 2019) with the k₁ scale function k(q) = δ/(2π)·asin(2q − 1). Memory is O(δ): at most δ + 2
 * centroids plus a buffer of 5δ unmerged points.
 *
 * Accuracy: each centroid spans at most one unit of k, i.e. a rank interval of width
 * ≈ (2π/δ)·√(q(1 − q)) around rank q, and the estimate is interpolated between neighbouring
 * centroids, so its rank error |F̂(x̂_q) − q| stays within
 *     2π·√(q(1 − q))/δ + 1/n        (δ = 100: 0.031 at p50, 0.014 at p95, 0.0063 at p99),
 * and is typically ten times smaller (the tests measure it on 10⁶ samples). The error shrinks
 * toward the tails, where extremes are kept exactly: quantile(0) = min, quantile(1) = max.
 * It is not a worst-case guarantee against adversarial input orders.
 */
export class TDigest {
  readonly compression: number;
  private means: Float64Array;
  private weights: Float64Array;
  private centroids = 0;
  private mergedWeight = 0;
  private readonly buffer: Float64Array;
  private buffered = 0;
  private scratchMeans: Float64Array;
  private scratchWeights: Float64Array;
  private lo = Infinity;
  private hi = -Infinity;
  private passes = 0;

  constructor(compression = 100) {
    if (!(compression >= 10 && Number.isFinite(compression))) {
      throw new RangeError(`compression: expected a finite number ≥ 10, got ${compression}`);
    }
    this.compression = compression;
    const capacity = Math.ceil(compression) + 8;
    this.means = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    this.buffer = new Float64Array(Math.ceil(5 * compression));
    this.scratchMeans = new Float64Array(capacity + this.buffer.length);
    this.scratchWeights = new Float64Array(capacity + this.buffer.length);
  }

  add(x: number): void {
    if (x !== x) throw new RangeError('TDigest.add: expected a number, got NaN');
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    this.buffer[this.buffered++] = x;
    if (this.buffered === this.buffer.length) this.flush();
  }

  get count(): number { return this.mergedWeight + this.buffered; }
  get min(): number { return this.count > 0 ? this.lo : NaN; }
  get max(): number { return this.count > 0 ? this.hi : NaN; }
  /** Number of centroids after merging the buffer (memory in use). */
  get centroidCount(): number { this.flush(); return this.centroids; }

  /** Adds all of `other`'s data to this digest (other is unchanged). Returns this. */
  merge(other: TDigest): this {
    if (other.count === 0) return this;
    this.flush();
    const total = this.centroids + other.centroids + other.buffered;
    const means = new Float64Array(total);
    const weights = new Float64Array(total);
    means.set(this.means.subarray(0, this.centroids));
    weights.set(this.weights.subarray(0, this.centroids));
    means.set(other.means.subarray(0, other.centroids), this.centroids);
    weights.set(other.weights.subarray(0, other.centroids), this.centroids);
    means.set(other.buffer.subarray(0, other.buffered), this.centroids + other.centroids);
    weights.fill(1, this.centroids + other.centroids);
    const order = Array.from({ length: total }, (_, i) => i).sort((i, j) => means[i] - means[j]);
    this.scratchMeans = ensureCapacity(this.scratchMeans, total);
    this.scratchWeights = ensureCapacity(this.scratchWeights, total);
    order.forEach((i, k) => { this.scratchMeans[k] = means[i]; this.scratchWeights[k] = weights[i]; });
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    this.compress(total);
    return this;
  }

  /** Estimated q-quantile (q in [0, 1]); NaN when empty. */
  quantile(q: number): number {
    checkProbability(q);
    this.flush();
    const n = this.centroids;
    if (n === 0) return NaN;
    if (q === 0) return this.lo;
    if (q === 1) return this.hi;
    const { means, weights } = this;
    if (n === 1) return means[0];
    const total = this.mergedWeight;
    const index = q * total;
    // Between the minimum and the first centroid's centre, then symmetrically at the top.
    if (index < 1) return this.lo;
    if (weights[0] > 1 && index < weights[0] / 2) {
      return this.lo + ((index - 1) / (weights[0] / 2 - 1)) * (means[0] - this.lo);
    }
    if (index > total - 1) return this.hi;
    const last = n - 1;
    if (weights[last] > 1 && total - index <= weights[last] / 2) {
      return this.hi - ((total - index - 1) / (weights[last] / 2 - 1)) * (this.hi - means[last]);
    }
    // Interpolate between centroid centres; a singleton is an exact point, not a spread.
    let weightSoFar = weights[0] / 2;
    for (let i = 0; i < last; i++) {
      const dw = (weights[i] + weights[i + 1]) / 2;
      if (weightSoFar + dw > index) {
        let leftUnit = 0;
        if (weights[i] === 1) {
          if (index - weightSoFar < 0.5) return means[i];
          leftUnit = 0.5;
        }
        let rightUnit = 0;
        if (weights[i + 1] === 1) {
          if (weightSoFar + dw - index <= 0.5) return means[i + 1];
          rightUnit = 0.5;
        }
        const z1 = index - weightSoFar - leftUnit;
        const z2 = weightSoFar + dw - index - rightUnit;
        return weightedAverage(means[i], z2, means[i + 1], z1);
      }
      weightSoFar += dw;
    }
    return means[last];
  }

  toJSON(): TDigestState {
    this.flush();
    return {
      compression: this.compression,
      min: this.lo,
      max: this.hi,
      means: Array.from(this.means.subarray(0, this.centroids)),
      weights: Array.from(this.weights.subarray(0, this.centroids)),
    };
  }

  static fromJSON(state: TDigestState): TDigest {
    if (state.means.length !== state.weights.length) {
      throw new RangeError(`TDigestState: ${state.means.length} means but ${state.weights.length} weights`);
    }
    const digest = new TDigest(state.compression);
    const n = state.means.length;
    digest.scratchMeans = ensureCapacity(digest.scratchMeans, n);
    digest.scratchWeights = ensureCapacity(digest.scratchWeights, n);
    digest.scratchMeans.set(state.means);
    digest.scratchWeights.set(state.weights);
    if (n > 0) {
      digest.lo = state.min;
      digest.hi = state.max;
      digest.compress(n);
    }
    return digest;
  }

  /** Merges the buffer into the centroids: sort the buffer, merge-join, compress. */
  private flush(): void {
    if (this.buffered === 0) return;
    const points = this.buffer.subarray(0, this.buffered).sort();
    const { means, weights, scratchMeans, scratchWeights } = this;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.centroids || j < points.length) {
      if (j >= points.length || (i < this.centroids && means[i] <= points[j])) {
        scratchMeans[k] = means[i];
        scratchWeights[k++] = weights[i++];
      } else {
        scratchMeans[k] = points[j++];
        scratchWeights[k++] = 1;
      }
    }
    this.buffered = 0;
    this.compress(k);
  }

  /**
   * One greedy pass over the sorted scratch list: absorb the next item into the current centroid
   * while the centroid stays within one unit of k. Alternate direction on each pass so neither
   * tail collects the rounding of the greedy choice.
   */
  private compress(length: number): void {
    const { scratchMeans: inMeans, scratchWeights: inWeights } = this;
    let total = 0;
    for (let i = 0; i < length; i++) total += inWeights[i];
    const reverse = (this.passes++ & 1) === 1;
    const step = (2 * Math.PI) / this.compression; // one unit of k, in asin(2q − 1) units
    const limitAfter = (weightBefore: number): number => {
      const angle = Math.asin(2 * (weightBefore / total) - 1) + step;
      return angle >= Math.PI / 2 ? total : (total * (Math.sin(angle) + 1)) / 2;
    };
    let out = 0;
    const first = reverse ? length - 1 : 0;
    let mean = inMeans[first];
    let weight = inWeights[first];
    let weightBefore = 0;
    let limit = limitAfter(0);
    for (let j = 1; j < length; j++) {
      const i = reverse ? length - 1 - j : j;
      const w = inWeights[i];
      if (weightBefore + weight + w <= limit) {
        weight += w;
        mean += ((inMeans[i] - mean) * w) / weight;
      } else {
        out = this.emit(out, mean, weight);
        weightBefore += weight;
        limit = limitAfter(weightBefore);
        mean = inMeans[i];
        weight = w;
      }
    }
    out = this.emit(out, mean, weight);
    if (reverse) {
      this.means.subarray(0, out).reverse();
      this.weights.subarray(0, out).reverse();
    }
    this.centroids = out;
    this.mergedWeight = total;
  }

  private emit(index: number, mean: number, weight: number): number {
    if (index === this.means.length) {
      // Not reached with the k₁ bound (≤ δ + 2 centroids); kept so a bug cannot corrupt memory.
      this.means = ensureCapacity(this.means, 2 * index);
      this.weights = ensureCapacity(this.weights, 2 * index);
    }
    this.means[index] = mean;
    this.weights[index] = weight;
    return index + 1;
  }
}

function weightedAverage(x1: number, w1: number, x2: number, w2: number): number {
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  const x = (x1 * w1 + x2 * w2) / (w1 + w2);
  return x !== x ? x1 : Math.max(lo, Math.min(hi, x));
}

function ensureCapacity(array: Float64Array, length: number): Float64Array {
  if (array.length >= length) return array;
  const grown = new Float64Array(Math.max(length, 2 * array.length));
  grown.set(array);
  return grown;
}
