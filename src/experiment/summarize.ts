/**
 * Turns samples into the results' Summary: exact quantiles over all VM-trials (kept in memory: 10,000 VMs ×
 * 100 trials is 8 MB per metric), and a 95% confidence interval for the mean from the per-trial means —
 * trials are independent replications; VMs within a trial are not independent of each other.
 */
import { quantileSorted } from '../sim/quantiles.js';
import { Tally, tallyConfidenceInterval } from '../sim/stats.js';
import type { Summary } from './results.js';

export const CDF_POINTS = 101;

/** Collects values per trial, then summarizes. */
export class SummaryBuilder {
  private chunks: Float64Array[] = [];
  private readonly singles: number[] = [];
  private size = 0;
  private readonly perTrialMeans = new Tally();

  /** Adds one trial's observations (NaN entries are skipped: those VMs were not recovered). */
  addTrial(values: ArrayLike<number>, indices?: ArrayLike<number>): void {
    const n = indices ? indices.length : values.length;
    const chunk = new Float64Array(n);
    let k = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values[indices ? indices[i] : i];
      if (v === v) { chunk[k++] = v; sum += v; }
    }
    if (k > 0) {
      this.chunks.push(chunk.subarray(0, k));
      this.size += k;
      this.perTrialMeans.add(sum / k);
    }
  }

  /** Adds one trial's single observation (per-VM summaries): no chunk per value. */
  addValue(v: number): void {
    if (v !== v) return;
    this.singles.push(v);
    this.size++;
    this.perTrialMeans.add(v);
  }

  /** `withCdf` false leaves `cdf` empty: per-VM summaries skip it, or results.json grows by 100 numbers a VM. */
  build(withCdf = true): Summary {
    const chunks = this.singles.length > 0 ? [...this.chunks, Float64Array.from(this.singles)] : this.chunks;
    return summarizeChunks(chunks, this.size, this.perTrialMeans, withCdf);
  }
}

function summarizeChunks(chunks: Float64Array[], size: number, perTrialMeans: Tally, withCdf: boolean): Summary {
  if (size === 0) return emptySummary();
  const all = new Float64Array(size);
  let o = 0;
  let sum = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; for (let i = 0; i < c.length; i++) sum += c[i]; }
  all.sort();
  const mean = sum / size;
  const ci = tallyConfidenceInterval(perTrialMeans);
  const cdf: number[] = [];
  if (withCdf) for (let i = 0; i < CDF_POINTS; i++) cdf.push(round(quantileSorted(all, i / (CDF_POINTS - 1))));
  // With one trial (or identical trials) the interval degenerates to the mean.
  const low = Number.isFinite(ci.low) ? ci.low : mean;
  const high = Number.isFinite(ci.high) ? ci.high : mean;
  return {
    count: size,
    mean: round(mean),
    ciLow: round(Math.min(low, mean)),
    ciHigh: round(Math.max(high, mean)),
    p50: round(quantileSorted(all, 0.5)),
    p95: round(quantileSorted(all, 0.95)),
    p99: round(quantileSorted(all, 0.99)),
    max: round(all[size - 1]),
    cdf,
  };
}

export function emptySummary(): Summary {
  return { count: 0, mean: 0, ciLow: 0, ciHigh: 0, p50: 0, p95: 0, p99: 0, max: 0, cdf: [] };
}

/** Results carry 6 significant decimals: enough for seconds and bytes, and stable text across platforms. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.round(x * 1e6) / 1e6;
}
