/**
 * Turns samples into the results' Summary: exact quantiles over all VM-trials (kept in memory: 10,000 VMs ×
 * 100 trials is 8 MB per metric), and a 95% confidence interval for the mean from the per-trial means —
 * trials are independent replications; VMs within a trial are not independent of each other.
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

  /** `expectedValues`: how many values will come (a hint, not a limit: saves growing the buffer). */
  constructor(expectedValues = 0) {
    this.trialValues = new GrowableValues(expectedValues);
    this.singles = new GrowableValues(expectedValues);
  }

  /** Adds one trial's observations (NaN entries are skipped: those VMs were not recovered). */
  addTrial(values: ArrayLike<number>, indices?: ArrayLike<number>): void {
    const out = this.trialValues.reserve(indices ? indices.length : values.length);
    const start = this.trialValues.length;
    const end = indices ? appendPicked(values, indices, out, start) : appendAll(values, out, start);
    if (end > start) {
      this.trialValues.length = end;
      this.perTrialMeans.add(sumInOrder(out, start, end) / (end - start));
    }
  }

  /** Adds one trial's single observation (per-VM summaries). */
  addValue(v: number): void {
    if (v !== v) return;
    this.singles.reserve(1)[this.singles.length++] = v;
    this.perTrialMeans.add(v);
  }

  /** `withCdf` false leaves `cdf` empty: per-VM summaries skip it, or results.json grows by 100 numbers a VM. */
  build(withCdf = true): Summary {
    if (this.singles.length === 0) return summarize(this.trialValues.view(), this.perTrialMeans, withCdf);
    if (this.trialValues.length === 0) return summarize(this.singles.view(), this.perTrialMeans, withCdf);
    const trials = this.trialValues.view();
    const singles = this.singles.view();
    const all = new Float64Array(trials.length + singles.length);
    all.set(trials);
    all.set(singles, trials.length);
    return summarize(all, this.perTrialMeans, withCdf);
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
  return { count: 0, mean: 0, ciLow: 0, ciHigh: 0, p50: 0, p95: 0, p99: 0, max: 0, cdf: [] };
}

/** Results carry 6 significant decimals: enough for seconds and bytes, and stable text across platforms. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.round(x * 1e6) / 1e6;
}
