/**
 * Per named application, the headline failure as the business feels it: each trial, how long the
 * service is down and how much it loses (models/impact/application-outages.ts), summarized with the
 * services that do not come back censored; and its expected yearly penalty over every failure kind.
 */
import { applicationOutages } from '../../models/impact/application-outages.js';
import type { ApplicationResult } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { SummaryBuilder, round } from '../summarize.js';
import type { StrategyTrialRecord } from '../trial.js';
import { fraction } from './headline.js';

export function aggregateApplications(scenario: Scenario, trials: StrategyTrialRecord[], h: number, penaltyPerYear: Float64Array): ApplicationResult[] {
  const acc = new ApplicationsAccumulator(scenario, h, trials.length);
  for (const t of trials) acc.add(t);
  return acc.finish(penaltyPerYear);
}

/** Per named application, one trial at a time (in trial order). */
export class ApplicationsAccumulator {
  private readonly named: number[];
  private readonly slot: Int32Array;
  private readonly rpo: SummaryBuilder[];
  private readonly rto: SummaryBuilder[];
  private readonly seen: Float64Array;
  private readonly metRpo: Float64Array;
  private readonly metRto: Float64Array;
  private readonly notBack: Float64Array;
  private readonly outages: ReturnType<typeof applicationOutages> | null;
  private readonly buffer: ReturnType<ReturnType<typeof applicationOutages>['buffer']> | null;

  /** `expectedTrials`: a hint for the summaries' buffers. */
  constructor(private readonly scenario: Scenario, private readonly h: number, expectedTrials = 0) {
    const apps = scenario.applications;
    this.named = apps.flatMap((a, i) => (a.named ? [i] : []));
    const named = this.named;
    this.slot = new Int32Array(apps.length).fill(-1);
    named.forEach((a, j) => { this.slot[a] = j; });
    this.rpo = named.map(() => new SummaryBuilder(expectedTrials));
    this.rto = named.map(() => new SummaryBuilder(expectedTrials));
    this.seen = new Float64Array(named.length);
    this.metRpo = new Float64Array(named.length);
    this.metRto = new Float64Array(named.length);
    this.notBack = new Float64Array(named.length);
    this.outages = named.length > 0 ? applicationOutages(scenario) : null;
    this.buffer = this.outages?.buffer() ?? null;
  }

  add(t: StrategyTrialRecord): void {
    const e = t.events[this.h];
    if (this.outages === null || e === undefined) return;
    const apps = this.scenario.applications;
    const { slot, seen, rpo, rto, notBack, metRpo, metRto } = this;
    const o = this.outages.measure(e.vms, e.rpoSeconds, e.rtoSeconds, this.buffer!);
    for (let k = 0; k < o.count; k++) {
      const j = slot[o.applications[k]];
      if (j < 0) continue;
      const app = apps[o.applications[k]];
      const down = o.downSeconds[k];
      const loss = o.lossSeconds[k];
      seen[j]++;
      // +∞ (not back, or a data-bearing VM lost) is censored: NaN to the summary.
      rto[j].addValue(down === Infinity ? NaN : down);
      rpo[j].addValue(loss === Infinity ? NaN : loss);
      if (down === Infinity) notBack[j]++;
      if (down <= app.rtoSeconds) metRto[j]++;
      if (loss <= app.rpoSeconds) metRpo[j]++;
    }
  }

  finish(penaltyPerYear: Float64Array): ApplicationResult[] {
    const apps = this.scenario.applications;
    const { rpo, rto, seen, metRpo, metRto, notBack } = this;
    return this.named.map((a, j) => {
      const app = apps[a];
      return {
        name: app.name,
        description: app.description,
        tier: app.tier,
        vmCount: app.vms.length,
        quorum: app.quorum,
        rpoTargetSeconds: app.rpoSeconds,
        rtoTargetSeconds: app.rtoSeconds,
        rpoSeconds: rpo[j].build(false),
        rtoSeconds: rto[j].build(false),
        rpoTargetMet: fraction(metRpo[j], seen[j]),
        rtoTargetMet: fraction(metRto[j], seen[j]),
        notRecovered: fraction(notBack[j], seen[j]),
        downtimeCostPerHour: app.downtime.perHour,
        dataLossCostPerHour: app.dataLoss.perHour,
        expectedPenaltyPerYear: round(penaltyPerYear[a]),
      };
    });
  }
}
