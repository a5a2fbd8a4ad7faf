/** WAN traffic over trials: per link its mean, p95, peak and backlog, a typical week, and which links a strategy uses. */
import type { LinkTraffic, WanWeek } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { round } from '../summarize.js';
import type { StrategyTrialRecord } from '../trial.js';

export function aggregateLinks(scenario: Scenario, trials: StrategyTrialRecord[]): { traffic: LinkTraffic[]; week: WanWeek[]; used: number[] } {
  const n = trials.length;
  const traffic = scenario.links.map((link, l) => {
    const mean = trials.reduce((a, t) => a + t.links[l].meanBytesPerSecond, 0) / Math.max(1, n);
    const p95 = trials.reduce((a, t) => a + t.links[l].p95BytesPerSecond, 0) / Math.max(1, n);
    const peak = trials.reduce((a, t) => Math.max(a, t.links[l].peakBytesPerSecond), 0);
    const util = trials.reduce((a, t) => a + t.links[l].utilization, 0) / Math.max(1, n);
    const backlog = trials.reduce((a, t) => Math.max(a, t.links[l].backlogPeakBytes), 0);
    return {
      link: link.name,
      capacityBitsPerSecond: link.bandwidthBitsPerSecond,
      usableBitsPerSecond: round(link.bandwidthBitsPerSecond * link.efficiency),
      meanBitsPerSecond: round(mean * 8),
      p95BitsPerSecond: round(p95 * 8),
      peakBitsPerSecond: round(peak * 8),
      utilization: round(util),
      backlogPeakBytes: round(backlog),
    };
  });
  const week = scenario.links.map((link, l) => {
    const hours = new Float64Array(168);
    for (const t of trials) for (let i = 0; i < 168; i++) hours[i] += t.links[l].weekBytesPerSecond[i];
    return { link: link.name, stepSeconds: 3600, meanBitsPerSecond: Array.from(hours, (x) => round((x * 8) / Math.max(1, n))) };
  });
  const used = scenario.links.flatMap((_, l) => (trials.some((t) => t.links[l].demandBytesPerSecond > 0 || t.links[l].meanBytesPerSecond > 0) ? [l] : []));
  return { traffic, week, used };
}
