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
  const apps = scenario.applications;
  const named = apps.flatMap((a, i) => (a.named ? [i] : []));
  if (named.length === 0) return [];
  const slot = new Int32Array(apps.length).fill(-1);
  named.forEach((a, j) => { slot[a] = j; });
  const rpo = named.map(() => new SummaryBuilder(trials.length));
  const rto = named.map(() => new SummaryBuilder(trials.length));
  const seen = new Float64Array(named.length);
  const metRpo = new Float64Array(named.length);
  const metRto = new Float64Array(named.length);
  const notBack = new Float64Array(named.length);
  const outages = applicationOutages(scenario);
  const buffer = outages.buffer();
  for (const t of trials) {
    const e = t.events[h];
    if (e === undefined) continue;
    const o = outages.measure(e.vms, e.rpoSeconds, e.rtoSeconds, buffer);
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
  return named.map((a, j) => {
    const app = apps[a];
    return {
      name: app.name,
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
