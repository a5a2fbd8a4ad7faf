/**
 * The verdict of a strategy (models/verdicts.ts): per tier, the share of its VMs meeting each target in
 * every trial (the trials are the independent units); per named application, whether it met each target
 * in every trial; each share with its confidence interval and status.
 */
import { applicationOutages } from '../../models/impact/application-outages.js';
import type { StrategyVerdict, TargetCheck } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { checkStatus, combinedStatus, REQUIRED_SHARE } from '../../models/verdicts.js';
import { fractionInterval } from '../../sim/proportion.js';
import { round } from '../summarize.js';
import type { StrategyTrialRecord } from '../trial.js';

export function aggregateVerdict(scenario: Scenario, trials: StrategyTrialRecord[], h: number, sustainable: boolean): StrategyVerdict {
  const acc = new VerdictAccumulator(scenario, h);
  for (const t of trials) acc.add(t);
  return acc.finish(sustainable);
}

/** Each trial's shares per tier and each named application's hits, one trial at a time (in trial order). */
export class VerdictAccumulator {
  private readonly tiers: number[];
  private readonly tierOf: Int32Array;
  private readonly perTrial: { rpo: number[][]; rto: number[][] };
  private readonly seen: Float64Array;
  private readonly metRpo: Float64Array;
  private readonly metRto: Float64Array;
  private readonly apps: number[];
  private readonly appTrials: { rpo: number[]; rto: number[] }[];
  private readonly slot: Int32Array;
  private readonly outages: ReturnType<typeof applicationOutages>;
  private readonly buffer: ReturnType<ReturnType<typeof applicationOutages>['buffer']>;

  constructor(private readonly scenario: Scenario, private readonly h: number) {
    this.tiers = [...new Set(scenario.vms.map((v) => v.tier))].sort((a, b) => a - b);
    const tierIndex = new Map(this.tiers.map((t, j) => [t, j]));
    this.tierOf = Int32Array.from(scenario.vms, (vm) => tierIndex.get(vm.tier)!);
    this.perTrial = { rpo: this.tiers.map(() => [] as number[]), rto: this.tiers.map(() => [] as number[]) };
    this.seen = new Float64Array(this.tiers.length);
    this.metRpo = new Float64Array(this.tiers.length);
    this.metRto = new Float64Array(this.tiers.length);
    this.apps = scenario.applications.flatMap((a, i) => (a.named ? [i] : []));
    this.appTrials = this.apps.map(() => ({ rpo: [] as number[], rto: [] as number[] }));
    this.slot = new Int32Array(scenario.applications.length).fill(-1);
    this.apps.forEach((a, j) => { this.slot[a] = j; });
    this.outages = applicationOutages(scenario);
    this.buffer = this.outages.buffer();
  }

  add(t: StrategyTrialRecord): void {
    const e = t.events[this.h];
    if (e === undefined) return;
    const { scenario, tierOf, seen, metRpo, metRto, perTrial, slot, appTrials } = this;
    seen.fill(0); metRpo.fill(0); metRto.fill(0);
    for (let i = 0; i < e.vms.length; i++) {
      const v = e.vms[i];
      const j = tierOf[v];
      seen[j]++;
      // NaN (not recovered) fails both comparisons: a miss.
      if (e.rpoSeconds[i] <= scenario.vms[v].rpoSeconds) metRpo[j]++;
      if (e.rtoSeconds[i] <= scenario.vms[v].rtoSeconds) metRto[j]++;
    }
    for (let j = 0; j < this.tiers.length; j++) {
      if (seen[j] === 0) continue;
      perTrial.rpo[j].push(metRpo[j] / seen[j]);
      perTrial.rto[j].push(metRto[j] / seen[j]);
    }
    const o = this.outages.measure(e.vms, e.rpoSeconds, e.rtoSeconds, this.buffer);
    for (let k = 0; k < o.count; k++) {
      const j = slot[o.applications[k]];
      if (j < 0) continue;
      const app = scenario.applications[o.applications[k]];
      appTrials[j].rpo.push(o.lossSeconds[k] <= app.rpoSeconds ? 1 : 0);
      appTrials[j].rto.push(o.downSeconds[k] <= app.rtoSeconds ? 1 : 0);
    }
  }

  finish(sustainable: boolean): StrategyVerdict {
    const { scenario, perTrial, appTrials } = this;
    const checks: TargetCheck[] = [];
    const check = (scope: TargetCheck['scope'], name: string, which: 'rpo' | 'rto', targetSeconds: number, shares: number[]): void => {
      if (shares.length === 0) return;
      const share = shares.reduce((a, b) => a + b, 0) / shares.length;
      const ci = fractionInterval(shares);
      const estimate = { share, ciLow: ci.low, ciHigh: ci.high, trials: shares.length };
      const { status, moreTrials } = checkStatus(estimate);
      checks.push({ scope, name, which, targetSeconds, share: round(share), ciLow: round(ci.low), ciHigh: round(ci.high), required: REQUIRED_SHARE, status, moreTrials });
    };
    this.tiers.forEach((tier, j) => {
      const members = scenario.vms.filter((vm) => vm.tier === tier);
      const strictest = (f: (vm: (typeof members)[number]) => number) => members.reduce((m, vm) => Math.min(m, f(vm)), Infinity);
      check('tier', String(tier), 'rpo', strictest((vm) => vm.rpoSeconds), perTrial.rpo[j]);
      check('tier', String(tier), 'rto', strictest((vm) => vm.rtoSeconds), perTrial.rto[j]);
    });
    this.apps.forEach((a, j) => {
      const app = scenario.applications[a];
      check('application', app.name, 'rpo', app.rpoSeconds, appTrials[j].rpo);
      check('application', app.name, 'rto', app.rtoSeconds, appTrials[j].rto);
    });
    return { status: combinedStatus(checks.map((c) => c.status), sustainable), sustainable, checks };
  }
}
