/** WAN traffic over trials: per link its mean, p95 (and p98), peak and backlog, a typical week, and which links a strategy uses. */
import type { LinkTraffic, WanWeek } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { round } from '../summarize.js';
import type { StrategyTrialRecord } from '../trial.js';

export interface LinksAggregate {
  traffic: LinkTraffic[];
  week: WanWeek[];
  used: number[];
  /** Per link, the mean over trials of each trial's 98th-percentile rate (for the bill of materials; not in `traffic`). */
  p98BitsPerSecond: number[];
}

export function aggregateLinks(scenario: Scenario, trials: StrategyTrialRecord[]): LinksAggregate {
  const acc = new LinksAccumulator(scenario);
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** Per link, sums and maxima over trials, one trial at a time in trial order. */
export class LinksAccumulator {
  private trials = 0;
  private readonly mean: Float64Array;
  private readonly p95: Float64Array;
  private readonly p98: Float64Array;
  private readonly peak: Float64Array;
  private readonly util: Float64Array;
  private readonly backlog: Float64Array;
  private readonly hours: Float64Array[];
  private readonly used: boolean[];

  constructor(private readonly scenario: Scenario) {
    const n = scenario.links.length;
    this.mean = new Float64Array(n);
    this.p95 = new Float64Array(n);
    this.p98 = new Float64Array(n);
    this.peak = new Float64Array(n);
    this.util = new Float64Array(n);
    this.backlog = new Float64Array(n);
    this.hours = scenario.links.map(() => new Float64Array(168));
    this.used = scenario.links.map(() => false);
  }

  add(t: StrategyTrialRecord): void {
    this.trials++;
    for (let l = 0; l < this.mean.length; l++) {
      const link = t.links[l];
      this.mean[l] += link.meanBytesPerSecond;
      this.p95[l] += link.p95BytesPerSecond;
      this.p98[l] += link.p98BytesPerSecond;
      this.peak[l] = Math.max(this.peak[l], link.peakBytesPerSecond);
      this.util[l] += link.utilization;
      this.backlog[l] = Math.max(this.backlog[l], link.backlogPeakBytes);
      const hours = this.hours[l];
      for (let i = 0; i < 168; i++) hours[i] += link.weekBytesPerSecond[i];
      if (link.demandBytesPerSecond > 0 || link.meanBytesPerSecond > 0) this.used[l] = true;
    }
  }

  finish(): LinksAggregate {
    const n = this.trials;
    const traffic = this.scenario.links.map((link, l) => ({
      link: link.name,
      capacityBitsPerSecond: link.bandwidthBitsPerSecond,
      usableBitsPerSecond: round(link.bandwidthBitsPerSecond * link.efficiency),
      meanBitsPerSecond: round((this.mean[l] / Math.max(1, n)) * 8),
      p95BitsPerSecond: round((this.p95[l] / Math.max(1, n)) * 8),
      peakBitsPerSecond: round(this.peak[l] * 8),
      utilization: round(this.util[l] / Math.max(1, n)),
      backlogPeakBytes: round(this.backlog[l]),
    }));
    const week = this.scenario.links.map((link, l) => ({
      link: link.name,
      stepSeconds: 3600,
      meanBitsPerSecond: Array.from(this.hours[l], (x) => round((x * 8) / Math.max(1, n))),
    }));
    const used = this.scenario.links.flatMap((_, l) => (this.used[l] ? [l] : []));
    const p98BitsPerSecond = this.scenario.links.map((_, l) => round((this.p98[l] / Math.max(1, n)) * 8));
    return { traffic, week, used, p98BitsPerSecond };
  }
}
