/**
 * Turns samples into the results' Summary: exact quantiles over all VM-trials (kept in memory: 10,000 VMs ×
 * 100 trials is 8 MB per metric), and a 95% confidence interval for the mean from the per-trial means —
 * trials are independent replications; VMs within a trial are not independent of each other.
 *
 * NaN marks an observation that was not recovered: it is censored, i.e. +∞ ("later than the horizon") in
 * every percentile, and it makes the mean unknown (null). Dropping it would make fewer DR hosts look faster.
 */
import { quantilesBySelection } from '../sim/quantiles.js';
import { Tally, tallyConfidenceInterval } from '../sim/stats.js';
import type { Summary } from '../models/results.js';

export const CDF_POINTS = 101;

/** Probabilities of the CDF points, then p50, p95, p99 (the CDF's 50/100 etc. are the same numbers). */
const WITH_CDF = [...Array.from({ length: CDF_POINTS }, (_, i) => i / (CDF_POINTS - 1)), 0.5, 0.95, 0.99];
/** p50, p95, p99, and 1 for the maximum. */
const WITHOUT_CDF = [0.5, 0.95, 0.99, 1];

/** Collects values per trial, then summarizes. */
export class SummaryBuilder {
  private readonly trialValues: GrowableValues;
  private readonly singles: GrowableValues;
  private readonly perTrialMeans = new Tally();
  private censored = 0;

  /** `expectedValues`: how many values will come (a hint, not a limit: saves growing the buffer). */
  constructor(expectedValues = 0) {
    this.trialValues = new GrowableValues(expectedValues);
    this.singles = new GrowableValues(expectedValues);
  }

  /** Adds one trial's observations (NaN entries are censored: those VMs were not recovered). */
  addTrial(values: ArrayLike<number>, indices?: ArrayLike<number>): void {
    const given = indices ? indices.length : values.length;
    const out = this.trialValues.reserve(given);
    const start = this.trialValues.length;
    const end = indices ? appendPicked(values, indices, out, start) : appendAll(values, out, start);
    this.censored += given - (end - start);
    if (end > start) {
      this.trialValues.length = end;
      this.perTrialMeans.add(sumInOrder(out, start, end) / (end - start));
    }
  }

  /** Adds one trial's single observation (per-VM summaries); NaN is censored. */
  addValue(v: number): void {
    if (v !== v) {
      this.censored++;
      return;
    }
    this.singles.reserve(1)[this.singles.length++] = v;
    this.perTrialMeans.add(v);
  }

  /** `withCdf` false leaves `cdf` empty: per-VM summaries skip it, or results.json grows by 100 numbers a VM. */
  build(withCdf = true): Summary {
    let all: Float64Array;
    if (this.singles.length === 0) all = this.trialValues.view();
    else if (this.trialValues.length === 0) all = this.singles.view();
    else {
      const trials = this.trialValues.view();
      all = new Float64Array(trials.length + this.singles.length);
      all.set(trials);
      all.set(this.singles.view(), trials.length);
    }
    return this.censored === 0 ? summarize(all, this.perTrialMeans, withCdf) : summarizeCensored(all, this.censored, withCdf);
  }
}

/**
 * A Float64Array that grows by doubling: one buffer per metric instead of one array per trial. It is
 * allocated on first use, at the expected size if one was given.
 */
class GrowableValues {
  private buffer = new Float64Array(0);
  length = 0;

  constructor(private readonly expected: number) {}

  /** The buffer, with room for `extra` more values after `length`. */
  reserve(extra: number): Float64Array {
    const needed = this.length + extra;
    if (needed > this.buffer.length) {
      const grown = new Float64Array(Math.max(needed, 2 * this.buffer.length, this.expected, 16));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    return this.buffer;
  }

  view(): Float64Array {
    return this.length === this.buffer.length ? this.buffer : this.buffer.subarray(0, this.length);
  }
}

/** Summarizes all values: trials' in their order, then singles (the order of the sum for the mean). */
function summarize(all: Float64Array, perTrialMeans: Tally, withCdf: boolean): Summary {
  const size = all.length;
  if (size === 0) return emptySummary();
  const sum = sumInOrder(all);
  const q = quantilesBySelection(all, withCdf ? WITH_CDF : WITHOUT_CDF);
  const mean = sum / size;
  const ci = tallyConfidenceInterval(perTrialMeans);
  const cdf: number[] = withCdf ? q.slice(0, CDF_POINTS).map(round) : [];
  const at = withCdf ? CDF_POINTS : 0; // where p50, p95, p99 are
  const max = withCdf ? q[CDF_POINTS - 1] : q[3];
  // With one trial (or identical trials) the interval degenerates to the mean.
  const low = Number.isFinite(ci.low) ? ci.low : mean;
  const high = Number.isFinite(ci.high) ? ci.high : mean;
  return {
    count: size,
    censored: 0,
    mean: round(mean),
    ciLow: round(Math.min(low, mean)),
    ciHigh: round(Math.max(high, mean)),
    p50: round(q[at]),
    p95: round(q[at + 1]),
    p99: round(q[at + 2]),
    max: round(max),
    cdf,
  };
}

/**
 * The summary when `censored` observations (+∞) sit above the finite ones: each type-7 quantile that only
 * needs finite order statistics is exact; one that needs a censored one is null; the mean is unknown.
 */
function summarizeCensored(finite: Float64Array, censored: number, withCdf: boolean): Summary {
  const sorted = finite.slice().sort();
  const m = sorted.length;
  const n = m + censored;
  const at = (p: number): number | null => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const t = h - lo;
    if (lo >= m || (t > 0 && lo + 1 >= m)) return null;
    if (t === 0) return round(sorted[lo]);
    return round(interpolate(sorted[lo], sorted[lo + 1], t));
  };
  return {
    count: n,
    censored,
    mean: null,
    ciLow: null,
    ciHigh: null,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: null,
    cdf: withCdf ? Array.from({ length: CDF_POINTS }, (_, i) => at(i / (CDF_POINTS - 1))) : [],
  };
}

/** numpy's lerp, as quantileSorted: from the nearer end, monotone in t. */
function interpolate(a: number, b: number, t: number): number {
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

// The loops over values are small functions of their own: V8 optimizes each once for all summaries.

/** Appends the non-NaN values to `out` from `start` on; returns the end. */
function appendAll(values: ArrayLike<number>, out: Float64Array, start: number): number {
  let k = start;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[k++] = v;
  }
  return k;
}

/** Appends the non-NaN values at `indices` to `out` from `start` on; returns the end. */
function appendPicked(values: ArrayLike<number>, indices: ArrayLike<number>, out: Float64Array, start: number): number {
  let k = start;
  for (let i = 0; i < indices.length; i++) {
    const v = values[indices[i]];
    if (v === v) out[k++] = v;
  }
  return k;
}

/** values[start] + values[start + 1] + … in that order (the order fixes the rounding). */
function sumInOrder(values: Float64Array, start = 0, end = values.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  return sum;
}

export function emptySummary(): Summary {
  return { count: 0, censored: 0, mean: null, ciLow: null, ciHigh: null, p50: null, p95: null, p99: null, max: null, cdf: [] };
}

/** Results carry 6 significant decimals: enough for seconds and bytes, and stable text across platforms. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.round(x * 1e6) / 1e6;
}
