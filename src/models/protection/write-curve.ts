/**
 * A protection group's writes over time, integrated exactly: a piecewise-constant write rate (the
 * weekly profile, scaled, with random bursts) held as breakpoints with its running integral, so the
 * bytes written over any window cost one binary search instead of ticking every VM every minute.
 *
 * Time 0 is Monday 00:00; the weekly profile repeats.
 */
import type { RandomStream } from '../../sim/random.js';
import type { UniqueUpdatePoint, Workload } from '../scenario/model.js';

export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 86_400;
export const WEEK_SECONDS = 7 * DAY_SECONDS;

/** Piecewise-constant rate: rate[i] holds on [times[i], times[i+1]); cumulative[i] = bytes written by times[i]. */
export class WriteCurve {
  constructor(
    readonly times: Float64Array,
    readonly ratesBytesPerSecond: Float64Array,
    readonly cumulativeBytes: Float64Array,
  ) {}

  get endSeconds(): number {
    return this.times[this.times.length - 1];
  }

  /** The last segment found: callers mostly move forward in time, so the next lookup is usually here or next. */
  private cursor = 0;

  /** Index of the segment holding t (the last breakpoint ≤ t). */
  private segment(t: number): number {
    const times = this.times;
    let hi = times.length - 1;
    if (t >= times[hi]) return hi;
    const c = this.cursor;
    if (times[c] <= t) {
      if (t < times[c + 1]) return c;
      if (c + 2 <= hi && t < times[c + 2]) return (this.cursor = c + 1);
    }
    let lo = 0;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= t) lo = mid;
      else hi = mid;
    }
    return (this.cursor = lo);
  }

  /** The last writtenBy answer: windows are mostly back to back, so each start is the previous end. */
  private lastByTime = NaN;
  private lastBy = 0;

  /** Bytes written in [0, t]. */
  writtenBy(t: number): number {
    if (t <= 0) return 0;
    if (t === this.lastByTime) return this.lastBy;
    const k = this.segment(t);
    const bytes = this.cumulativeBytes[k] + this.ratesBytesPerSecond[k] * (t - this.times[k]);
    this.lastByTime = t;
    this.lastBy = bytes;
    return bytes;
  }

  /** Bytes written in [a, b]. */
  writtenBetween(a: number, b: number): number {
    const before = this.writtenBy(a);
    return this.writtenBy(b) - before;
  }

  rateAt(t: number): number {
    return this.ratesBytesPerSecond[this.segment(t)];
  }

  /** Mean rate over [a, b]. */
  meanRate(a = 0, b = this.endSeconds): number {
    return b > a ? this.writtenBetween(a, b) / (b - a) : this.rateAt(a);
  }

  /** Time-weighted quantile of the rate over [0, end] (e.g. 0.98 for Zerto's P98 WAN rule). */
  rateQuantile(p: number): number {
    const n = this.ratesBytesPerSecond.length - 1;
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => this.ratesBytesPerSecond[i] - this.ratesBytesPerSecond[j]);
    const total = this.endSeconds - this.times[0];
    let acc = 0;
    for (const i of order) {
      acc += this.times[i + 1] - this.times[i];
      if (acc >= p * total) return this.ratesBytesPerSecond[i];
    }
    return this.ratesBytesPerSecond[order[n - 1]] ?? 0;
  }
}

/** One workload's share of a group: its summed scale (Σ per-VM workloadScale) and the workload. */
export interface WorkloadPart {
  workload: Workload;
  scale: number;
}

/** Whether the workload has random bursts at all (else its writes are the same in every trial). */
export function bursts(workload: Workload): boolean {
  const burst = workload.burst;
  return burst !== null && burst.perDay > 0 && burst.multiplier !== 1;
}

/** Burst episodes [start, end) over the horizon: Poisson arrivals (perDay), exponential durations. */
export function drawBursts(workload: Workload, horizonSeconds: number, rng: RandomStream): Array<[number, number]> {
  const burst = workload.burst;
  if (burst === null || !bursts(workload)) return [];
  const meanGap = DAY_SECONDS / burst.perDay;
  const episodes: Array<[number, number]> = [];
  let t = rng.exponential(meanGap);
  while (t < horizonSeconds) {
    const end = Math.min(horizonSeconds, t + rng.exponential(burst.meanDurationSeconds));
    episodes.push([t, end]);
    t = end + rng.exponential(meanGap);
  }
  return episodes;
}

/**
 * What drawBursts gives over [0, end) from the same stream's episodes drawn further: those starting before
 * `end`, cut at it (episodes are drawn in time order; the one crossing `end` is the last one drawn to it).
 */
export function episodesUntil(episodes: ReadonlyArray<readonly [number, number]>, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [start, stop] of episodes) {
    if (start >= end) break;
    out.push([start, Math.min(stop, end)]);
  }
  return out;
}

/** Rates within this relative distance above the peak are the peak itself (the default peak is rounded). */
const PEAK_SLACK = 1e-12;

/**
 * The rate of a burst in an hour writing `hourRate` (at `scale`): the multiplier's surge, at most the workload's
 * peak write rate × scale (the fastest the application writes), and never below the hour's own rate, so the
 * profile keeps its average.
 */
export function burstRate(workload: Workload, hourRate: number, scale: number): number {
  const peak = workload.peakWriteBytesPerSecond * scale;
  const surge = hourRate * (workload.burst?.multiplier ?? 1);
  return surge > peak * (1 + PEAK_SLACK) ? Math.max(hourRate, peak) : surge;
}

/**
 * Builds the write curve of a workload part over [0, horizon]: hourly profile × average × scale, at the burst
 * rate (burstRate) inside burst episodes. The caller applies unique-update fractions per window itself; this
 * curve is the raw writes.
 */
export function buildWriteCurve(part: WorkloadPart, horizonSeconds: number, bursts: Array<[number, number]>): WriteCurve {
  const { workload, scale } = part;
  const times: number[] = [];
  const rates: number[] = [];
  const base = (t: number) => workload.averageWriteBytesPerSecond * scale * workload.weeklyProfile[Math.floor(t / HOUR_SECONDS) % 168];
  // Merge hour boundaries with burst edges.
  let b = 0;
  let inBurst = false;
  let t = 0;
  while (t < horizonSeconds) {
    const nextHour = (Math.floor(t / HOUR_SECONDS) + 1) * HOUR_SECONDS;
    const nextBurstEdge = b < bursts.length ? (inBurst ? bursts[b][1] : bursts[b][0]) : Infinity;
    const rate = inBurst ? burstRate(workload, base(t), scale) : base(t);
    if (rates.length === 0 || rates[rates.length - 1] !== rate) {
      times.push(t);
      rates.push(rate);
    }
    const next = Math.min(nextHour, nextBurstEdge, horizonSeconds);
    if (next === nextBurstEdge) {
      if (inBurst) b++;
      inBurst = !inBurst;
    }
    t = next;
  }
  times.push(horizonSeconds);
  rates.push(rates.length > 0 ? rates[rates.length - 1] : 0);
  const cumulative = new Float64Array(times.length);
  for (let i = 1; i < times.length; i++) cumulative[i] = cumulative[i - 1] + rates[i - 1] * (times[i] - times[i - 1]);
  return new WriteCurve(Float64Array.from(times), Float64Array.from(rates), cumulative);
}

/** Sums curves into one (breakpoints merged). */
export function sumWriteCurves(curves: WriteCurve[]): WriteCurve {
  if (curves.length === 1) return curves[0];
  const allTimes = new Set<number>();
  for (const c of curves) for (const t of c.times) allTimes.add(t);
  const times = Float64Array.from([...allTimes].sort((a, b) => a - b));
  const rates = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) for (const c of curves) rates[i] += c.rateAt(times[i]);
  const cumulative = new Float64Array(times.length);
  for (let i = 1; i < times.length; i++) cumulative[i] = cumulative[i - 1] + rates[i - 1] * (times[i] - times[i - 1]);
  return new WriteCurve(times, rates, cumulative);
}

/**
 * Fraction of the writes in a window of `windowSeconds` that hit distinct blocks, interpolated linearly in
 * log(window) between the curve's points and held flat beyond its ends. 1 for a zero window (every write
 * is new when nothing can coalesce).
 */
export function uniqueFraction(curve: readonly UniqueUpdatePoint[], windowSeconds: number): number {
  if (curve.length === 0 || windowSeconds <= 0) return 1;
  if (windowSeconds <= curve[0].windowSeconds) {
    // Below the first point interpolate towards 1 at one second (a single write is unique).
    const first = curve[0];
    if (first.windowSeconds <= 1 || windowSeconds <= 1) return windowSeconds <= 1 ? 1 : first.uniqueFraction;
    const f = Math.log(windowSeconds) / Math.log(first.windowSeconds);
    return 1 + (first.uniqueFraction - 1) * f;
  }
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (windowSeconds <= b.windowSeconds) {
      const f = Math.log(windowSeconds / a.windowSeconds) / Math.log(b.windowSeconds / a.windowSeconds);
      return a.uniqueFraction + (b.uniqueFraction - a.uniqueFraction) * f;
    }
  }
  return curve[curve.length - 1].uniqueFraction;
}
