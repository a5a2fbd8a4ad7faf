/**
 * Traffic statistics of a fluid link from its throughput breakpoints: time-weighted mean, p95, p98 and
 * peak over a window, and the mean rate per hour of the week (the "typical week" chart).
 */
import type { ThroughputBreakpoints } from '../../sim/fluid-link.js';
import { HOUR_SECONDS } from './write-curve.js';

export interface TrafficStats {
  meanBytesPerSecond: number;
  p95BytesPerSecond: number;
  /** The rate the link stays at or below 98% of the time (what a link sized by the 98th percentile must carry). */
  p98BytesPerSecond: number;
  peakBytesPerSecond: number;
  /** Mean rate for each hour of the week (168 bins, Monday 00:00 first) over the window. */
  weekBytesPerSecond: Float64Array;
}

export function trafficStats(bp: ThroughputBreakpoints, fromSeconds: number, toSeconds: number): TrafficStats {
  const { timesSeconds, bytesPerSecond } = bp;
  const n = timesSeconds.length;
  // Time spent at each distinct rate (links hold few distinct rates: full, idle, a stream's share...).
  const timeAtRate = new Map<number, number>();
  let spanned = 0;
  const weekIntegral = new Float64Array(168);
  const weekDuration = new Float64Array(168);
  let integral = 0;
  let peak = 0;
  // Segment i: [times[i], times[i+1]) at rate[i]; the last holds until toSeconds.
  const addSpan = (a: number, b: number, rate: number): void => {
    let t = a;
    while (t < b) {
      const hourEnd = Math.min(b, (Math.floor(t / HOUR_SECONDS) + 1) * HOUR_SECONDS);
      const bin = Math.floor(t / HOUR_SECONDS) % 168;
      weekIntegral[bin] += rate * (hourEnd - t);
      weekDuration[bin] += hourEnd - t;
      t = hourEnd;
    }
  };
  for (let i = 0; i < n; i++) {
    const a = Math.max(fromSeconds, timesSeconds[i]);
    const b = Math.min(toSeconds, i + 1 < n ? timesSeconds[i + 1] : toSeconds);
    if (b <= a) continue;
    const rate = bytesPerSecond[i];
    timeAtRate.set(rate, (timeAtRate.get(rate) ?? 0) + (b - a));
    spanned += b - a;
    integral += rate * (b - a);
    if (rate > peak) peak = rate;
    addSpan(a, b, rate);
  }
  // Before the first breakpoint the link carried nothing.
  const total = toSeconds - fromSeconds;
  const rates = Float64Array.from(timeAtRate.keys()).sort();
  let covered = total - spanned;
  let p95 = 0;
  let p98 = 0;
  let found95 = false;
  for (const rate of rates) {
    covered += timeAtRate.get(rate)!;
    if (!found95 && covered >= 0.95 * total) { p95 = rate; found95 = true; }
    if (covered >= 0.98 * total) { p98 = rate; break; }
  }
  const week = new Float64Array(168);
  for (let h = 0; h < 168; h++) week[h] = weekDuration[h] > 0 ? weekIntegral[h] / weekDuration[h] : 0;
  return { meanBytesPerSecond: total > 0 ? integral / total : 0, p95BytesPerSecond: p95, p98BytesPerSecond: p98, peakBytesPerSecond: peak, weekBytesPerSecond: week };
}
