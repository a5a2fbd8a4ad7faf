/**
 * One failure kind over all trials: the conditional view (RPO and RTO of the VMs it affected) and the
 * annualized one (its rate × the mean consequences per event → expected downtime, loss and penalties).
 */
import { downtimeOverYear, HOURS_PER_YEAR, NOT_RECOVERED_HOURS } from '../../models/cost/penalties.js';
import { eventsPerYear } from '../../models/failures/draws.js';
import type { FailureKind, FailureResult, NotRecoveredReason } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { SummaryBuilder, round } from '../summarize.js';
import { OUTCOME_CODES, type EventRecord, type StrategyTrialRecord } from '../trial.js';

export const REASONS: NotRecoveredReason[] = ['no-capacity', 'no-clean-point', 'not-offsite', 'not-protected'];

export function zeroReasons(): Record<NotRecoveredReason, number> {
  return { 'no-capacity': 0, 'no-clean-point': 0, 'not-offsite': 0, 'not-protected': 0 };
}

export interface AggregatedFailure {
  result: FailureResult;
  /** Expected downtime per year of each VM from this kind of failure, capped at HOURS_PER_YEAR. */
  downtimeHoursPerYearByVm: Float64Array;
  /** VMs whose downtime from this kind alone was over HOURS_PER_YEAR (and was capped). */
  cappedVms: number[];
}

export function aggregateFailure(scenario: Scenario, trials: StrategyTrialRecord[], k: number, kind: FailureKind): AggregatedFailure {
  const values = trials.reduce((a, t) => a + (t.events[k]?.vms.length ?? 0), 0);
  const rpo = new SummaryBuilder(values);
  const rto = new SummaryBuilder(values);
  const downtimePerHour = Float64Array.from(scenario.vms, (vm) => vm.downtimeCostPerHour);
  const dataLossPerHour = Float64Array.from(scenario.vms, (vm) => vm.dataLossCostPerHour);
  const totals: FailureTotals = {
    affected: 0, notRecovered: 0, byOutcome: new Float64Array(OUTCOME_CODES.length), downtimeHours: 0, lossHours: 0, penalty: 0,
    downtimeHoursByVm: new Float64Array(scenario.vms.length),
  };
  for (const t of trials) {
    const e = t.events[k];
    rpo.addTrial(e.rpoSeconds);
    rto.addTrial(e.rtoSeconds);
    addFailureTotals(totals, e, downtimePerHour, dataLossPerHour);
  }
  const { affected, notRecovered, downtimeHours, lossHours, penalty } = totals;
  const reasons = zeroReasons();
  for (let o = 1; o < OUTCOME_CODES.length; o++) reasons[OUTCOME_CODES[o] as NotRecoveredReason] = totals.byOutcome[o];
  const n = Math.max(1, trials.length);
  const rate = eventsPerYear(scenario, kind);
  const byVm = totals.downtimeHoursByVm.map((hours) => (rate * hours) / n);
  // The sums stay as they were unless a VM is over the bound (its excess is taken off, not re-summed).
  const over = downtimeOverYear(scenario, byVm);
  for (const v of over.vms) byVm[v] = HOURS_PER_YEAR;
  const result: FailureResult = {
    kind,
    eventsPerYear: round(rate),
    rpoSeconds: rpo.build(),
    rtoSeconds: rto.build(),
    affectedVmsMean: round(affected / n),
    notRecovered: affected > 0 ? round(notRecovered / affected) : 0,
    notRecoveredReasons: Object.fromEntries(Object.entries(reasons).map(([r, c]) => [r, affected > 0 ? round(c / affected) : 0])) as Record<NotRecoveredReason, number>,
    expectedDowntimeHoursPerYear: round((rate * downtimeHours) / n - over.hours),
    expectedDataLossHoursPerYear: round((rate * lossHours) / n),
    expectedPenaltyPerYear: round((rate * penalty) / n - over.penalty),
  };
  return { result, downtimeHoursPerYearByVm: byVm, cappedVms: over.vms };
}

interface FailureTotals {
  affected: number;
  notRecovered: number;
  /** VMs per outcome code (index 0, recovered, is not counted). */
  byOutcome: Float64Array;
  downtimeHours: number;
  lossHours: number;
  penalty: number;
  /** Downtime hours per VM over all trials. */
  downtimeHoursByVm: Float64Array;
}

/**
 * Adds one event's VMs to the totals, in VM order (the sums' order, hence their rounding, is fixed). A
 * small function of its own: V8 optimizes it after a few events, whatever the records' object shapes.
 */
function addFailureTotals(totals: FailureTotals, e: EventRecord, downtimePerHour: Float64Array, dataLossPerHour: Float64Array): void {
  const { vms, outcome, rpoSeconds, rtoSeconds } = e;
  let { notRecovered, downtimeHours, lossHours, penalty } = totals;
  for (let i = 0; i < vms.length; i++) {
    const v = vms[i];
    let down = NOT_RECOVERED_HOURS;
    let loss = NOT_RECOVERED_HOURS;
    if (outcome[i] === 0) {
      down = rtoSeconds[i] / 3600;
      loss = rpoSeconds[i] / 3600;
    } else {
      notRecovered++;
      totals.byOutcome[outcome[i]]++;
    }
    downtimeHours += down;
    totals.downtimeHoursByVm[v] += down;
    lossHours += loss;
    penalty += down * downtimePerHour[v] + loss * dataLossPerHour[v];
  }
  totals.affected += vms.length;
  totals.notRecovered = notRecovered;
  totals.downtimeHours = downtimeHours;
  totals.lossHours = lossHours;
  totals.penalty = penalty;
}
