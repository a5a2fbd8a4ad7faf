/**
 * One failure kind over all trials: the conditional view (RPO and RTO of the VMs it affected) and the
 * annualized one (its rate × the mean consequences per event → expected downtime, loss and penalties),
 * where the consequences are the applications' outages (models/impact), priced by models/cost/penalties.
 * An application's expected downtime a year is capped at the hours of a year (penalties.ts).
 */
import { capDowntimeAtYear, chargedHours, penaltyOf } from '../../models/cost/penalties.js';
import { applicationOutages } from '../../models/impact/application-outages.js';
import { eventsPerYear } from '../../models/failures/draws.js';
import type { FailureKind, FailureResult, NotRecoveredReason } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { SummaryBuilder, round } from '../summarize.js';
import { OUTCOME_CODES, type EventRecord, type StrategyTrialRecord } from '../trial.js';

export const REASONS: NotRecoveredReason[] = ['no-capacity', 'no-clean-point', 'not-offsite', 'not-protected'];

export function zeroReasons(): Record<NotRecoveredReason, number> {
  return { 'no-capacity': 0, 'no-clean-point': 0, 'not-offsite': 0, 'not-protected': 0 };
}

/** One failure kind's results, and what each application is expected to pay a year for it. */
export interface FailureAggregate {
  result: FailureResult;
  /** Expected yearly penalty per application (scenario.applications order), unrounded. */
  penaltyPerYearByApplication: Float64Array;
  /** Expected hours down a year per application, at most HOURS_PER_YEAR, unrounded. */
  downtimeHoursPerYearByApplication: Float64Array;
  /** Applications whose downtime from this kind alone was over the bound (and was capped). */
  cappedApplications: number[];
}

export function aggregateFailure(scenario: Scenario, trials: StrategyTrialRecord[], k: number, kind: FailureKind): FailureAggregate {
  const acc = new FailureAccumulator(scenario, k, kind, trials.reduce((a, t) => a + (t.events[k]?.vms.length ?? 0), 0));
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** aggregateFailure one trial at a time (in trial order): the same sums in the same order. */
export class FailureAccumulator {
  private readonly rpo: SummaryBuilder;
  private readonly rto: SummaryBuilder;
  private readonly outages: ReturnType<typeof applicationOutages>;
  private readonly buffer: ReturnType<ReturnType<typeof applicationOutages>['buffer']>;
  private readonly byApplication: Float64Array;
  private readonly downByApplication: Float64Array;
  private readonly totals: FailureTotals = { affected: 0, notRecovered: 0, byOutcome: new Float64Array(OUTCOME_CODES.length), downtimeHours: 0, lossHours: 0, penalty: 0 };
  private trials = 0;

  /** `expectedValues`: a hint for the summaries' buffers (VM-trials to come). */
  constructor(private readonly scenario: Scenario, private readonly k: number, private readonly kind: FailureKind, expectedValues = 0) {
    this.rpo = new SummaryBuilder(expectedValues);
    this.rto = new SummaryBuilder(expectedValues);
    this.outages = applicationOutages(scenario);
    this.buffer = this.outages.buffer();
    this.byApplication = new Float64Array(scenario.applications.length);
    this.downByApplication = new Float64Array(scenario.applications.length);
  }

  add(t: StrategyTrialRecord): void {
    const { scenario, totals, byApplication } = this;
    const unrecovered = scenario.costs.unrecoveredOutageSeconds;
    const e = t.events[this.k];
    this.trials++;
    this.rpo.addTrial(e.rpoSeconds);
    this.rto.addTrial(e.rtoSeconds);
    countOutcomes(totals, e);
    // Business impact: per application affected, once per outage (not per VM).
    const o = this.outages.measure(e.vms, e.rpoSeconds, e.rtoSeconds, this.buffer);
    for (let j = 0; j < o.count; j++) {
      const app = scenario.applications[o.applications[j]];
      const penalty = penaltyOf(app.downtime, o.downSeconds[j], unrecovered) + penaltyOf(app.dataLoss, o.lossSeconds[j], unrecovered);
      const down = chargedHours(o.downSeconds[j], unrecovered);
      totals.downtimeHours += down;
      this.downByApplication[o.applications[j]] += down;
      totals.lossHours += chargedHours(o.lossSeconds[j], unrecovered);
      totals.penalty += penalty;
      byApplication[o.applications[j]] += penalty;
    }
  }

  finish(): FailureAggregate {
    const { scenario, kind, byApplication, downByApplication } = this;
    const { affected, notRecovered, downtimeHours, lossHours, penalty } = this.totals;
    const reasons = zeroReasons();
    for (let o = 1; o < OUTCOME_CODES.length; o++) reasons[OUTCOME_CODES[o] as NotRecoveredReason] = this.totals.byOutcome[o];
    const n = Math.max(1, this.trials);
    const rate = eventsPerYear(scenario, kind);
    for (let a = 0; a < byApplication.length; a++) {
      byApplication[a] = (rate * byApplication[a]) / n;
      downByApplication[a] = (rate * downByApplication[a]) / n;
    }
    // The sums stay as they were unless an application is over the bound (its excess is taken off, not re-summed).
    const over = capDowntimeAtYear(scenario, downByApplication, byApplication);
    return {
      result: {
        kind,
        eventsPerYear: round(rate),
        rpoSeconds: this.rpo.build(),
        rtoSeconds: this.rto.build(),
        affectedVmsMean: round(affected / n),
        notRecovered: affected > 0 ? round(notRecovered / affected) : 0,
        notRecoveredReasons: Object.fromEntries(Object.entries(reasons).map(([r, c]) => [r, affected > 0 ? round(c / affected) : 0])) as Record<NotRecoveredReason, number>,
        expectedDowntimeHoursPerYear: round((rate * downtimeHours) / n - over.hours),
        expectedDataLossHoursPerYear: round((rate * lossHours) / n),
        expectedPenaltyPerYear: round((rate * penalty) / n - over.penalty),
      },
      penaltyPerYearByApplication: byApplication,
      downtimeHoursPerYearByApplication: downByApplication,
      cappedApplications: over.applications,
    };
  }
}

interface FailureTotals {
  affected: number;
  notRecovered: number;
  /** VMs per outcome code (index 0, recovered, is not counted). */
  byOutcome: Float64Array;
  /** Application-hours down and of lost updates, and what they cost. */
  downtimeHours: number;
  lossHours: number;
  penalty: number;
}

/** Counts one event's VMs and those not recovered by reason (a small function of its own, for V8). */
function countOutcomes(totals: FailureTotals, e: EventRecord): void {
  const { outcome } = e;
  let notRecovered = totals.notRecovered;
  for (let i = 0; i < outcome.length; i++) {
    if (outcome[i] !== 0) {
      notRecovered++;
      totals.byOutcome[outcome[i]]++;
    }
  }
  totals.affected += outcome.length;
  totals.notRecovered = notRecovered;
}
