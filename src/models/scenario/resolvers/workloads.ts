/** Workloads: profile presets → a 168-hour weekly profile (mean 1), default peak and unique-update curve. */
import type { UniqueUpdatePoint, Workload } from '../model.js';
import type { ScenarioInput } from '../schema.js';
import type { NameTable, ResolveContext } from './context.js';
import { maxOf } from '../../../sim/array-extremes.js';
import { formatBytesPerSecond } from '../../units/format.js';

type Preset = { hourly: number[]; weekly: number[] };

/** Relative write intensity per hour (00:00 first) and per day (Monday first). */
export const PROFILE_PRESETS: Record<string, Preset> = {
  flat: { hourly: Array(24).fill(1), weekly: Array(7).fill(1) },
  // Office work: busy 08–18 on weekdays, quiet nights and weekends.
  'business-hours': {
    hourly: [0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 1.8, 2, 2, 2, 1.6, 2, 2, 2, 1.8, 1.4, 0.8, 0.5, 0.4, 0.3, 0.3, 0.2],
    weekly: [1, 1, 1, 1, 1, 0.25, 0.2],
  },
  // Moderate days, heavy batch jobs 22:00–04:00.
  'nightly-batch': {
    hourly: [3, 3, 3, 3, 2, 1, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.8, 1, 2.5, 3],
    weekly: [1, 1, 1, 1, 1, 1, 0.8],
  },
  // Always on, with a daytime/evening swell and slightly busier weekends.
  '24x7-web': {
    hourly: [0.6, 0.5, 0.45, 0.45, 0.5, 0.6, 0.75, 0.9, 1.05, 1.15, 1.2, 1.25, 1.3, 1.3, 1.3, 1.3, 1.3, 1.35, 1.4, 1.45, 1.4, 1.2, 0.95, 0.75],
    weekly: [1, 1, 1, 1, 1, 1.1, 1.1],
  },
};

/** NetApp/HP Labs-style coalescing: the longer the window, the more writes hit the same blocks. */
export const DEFAULT_UNIQUE_UPDATES: UniqueUpdatePoint[] = [
  { windowSeconds: 60, uniqueFraction: 0.95 },
  { windowSeconds: 900, uniqueFraction: 0.6 },
  { windowSeconds: 3600, uniqueFraction: 0.45 },
  { windowSeconds: 86400, uniqueFraction: 0.25 },
  { windowSeconds: 604800, uniqueFraction: 0.15 },
];

export function weeklyProfile(hourly: number[], weekly: number[]): number[] {
  const raw: number[] = [];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) raw.push(hourly[h] * weekly[d]);
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return mean > 0 ? raw.map((x) => x / mean) : raw;
}

export function resolveWorkloads(ctx: ResolveContext, input: ScenarioInput): { workloads: Workload[]; table: NameTable } {
  const table = ctx.table('workload', 'workloads', input.workloads);
  const workloads = input.workloads.map((w, i): Workload => {
    const p = typeof w.profile === 'string' ? PROFILE_PRESETS[w.profile] : {
      hourly: w.profile.hourly ?? PROFILE_PRESETS.flat.hourly, weekly: w.profile.weekly ?? PROFILE_PRESETS.flat.weekly,
    };
    const profile = weeklyProfile(p.hourly, p.weekly);
    if (profile.every((x) => x === 0)) ctx.error(['workloads', i, 'profile'], 'a profile of all zeros has no hour to put the average write rate in');
    const burstMultiplier = w.burst?.multiplier ?? 1;
    // Default peak: the busiest hour of the profile, during a burst. A given peak caps the bursts.
    const busiestHour = w.averageWrite * maxOf(profile);
    const reachable = busiestHour * (w.burst && w.burst.perDay > 0 ? burstMultiplier : 1);
    const peak = w.peakWrite ?? busiestHour * burstMultiplier;
    if (w.peakWrite !== undefined && w.peakWrite < w.averageWrite) {
      ctx.error(['workloads', i, 'peakWrite'], `peakWrite cannot be below averageWrite (${w.averageWrite} vs ${w.peakWrite} bytes/s)`);
    } else if (w.peakWrite !== undefined && w.peakWrite > reachable * (1 + 1e-9)) {
      ctx.warn(['workloads', i, 'peakWrite'], `workload "${w.name}": peakWrite ${formatBytesPerSecond(w.peakWrite)} is never reached: ` +
        `the busiest hour${reachable > busiestHour ? ' in a burst' : ''} writes ${formatBytesPerSecond(reachable)}; ` +
        (reachable > busiestHour ? `a burst multiplier of ${(w.peakWrite / busiestHour).toPrecision(3)} would reach it` : 'give `burst:` (a multiplier and how often) to simulate the peaks'));
    } else if (w.peakWrite !== undefined && w.peakWrite < busiestHour * (1 - 1e-9)) {
      ctx.warn(['workloads', i, 'peakWrite'], `workload "${w.name}": peakWrite ${formatBytesPerSecond(w.peakWrite)} is below the profile's busiest hour ` +
        `(${formatBytesPerSecond(busiestHour)}): the profile's hours stand (the average stays averageWrite), bursts add nothing above peakWrite`);
    }
    return {
      name: w.name,
      averageWriteBytesPerSecond: w.averageWrite,
      peakWriteBytesPerSecond: Number(peak.toPrecision(15)),
      weeklyProfile: profile,
      burst: w.burst ? { multiplier: w.burst.multiplier, meanDurationSeconds: w.burst.duration, perDay: w.burst.perDay } : null,
      uniqueUpdates: w.uniqueUpdates ?? DEFAULT_UNIQUE_UPDATES.map((u) => ({ ...u })),
      compression: w.compression,
    };
  });
  return { workloads, table };
}

