/**
 * The domain's penalty rules (DOMAIN.md "Cost", "Business impact is per application"): what an
 * application's outage and data loss cost — an hourly rate plus contractual steps (HP Labs' penalty
 * functions: the first hour may cost little, a day costs the customer) — and what production stopped by a
 * protection method costs. Aggregation applies them; it holds no rule of its own.
 */
import { methodDefinition } from '../protection/methods/registry.js';
import type { PenaltyFunction, Scenario, Strategy } from '../scenario/model.js';
import { SLOWDOWN_SHARE_OF_DOWNTIME } from './slowdown.js';

/** What an outage or loss of `seconds` costs; +∞ (never recovered) counts as `unrecoveredSeconds`. */
export function penaltyOf(f: PenaltyFunction, seconds: number, unrecoveredSeconds: number): number {
  const s = seconds === Infinity ? unrecoveredSeconds : seconds;
  let amount = (f.perHour * s) / 3600;
  for (const step of f.steps) {
    if (s > step.afterSeconds) amount += step.amount;
    else break;
  }
  return amount;
}

/** What one application was charged for something over a trial (an index into scenario.applications). */
export interface ApplicationCost {
  application: number;
  cost: number;
}

/**
 * Production slowed by throttled writes (synchronous replication that cannot keep up): the time the group's
 * writes were held back (weighted by the share held back) costs each application among its VMs, once, the
 * highest slowdown cost per hour of its VMs there (a VM without one: SLOWDOWN_SHARE_OF_DOWNTIME of its
 * application's downtime cost) — like an outage, a service slowed costs its rate, not its rate per VM. The VM-seconds held back are reported as such; the cost per application (in order of
 * application) so that each application's expected penalty holds its share.
 */
export function productionThrottleCost(scenario: Scenario, vms: readonly number[], throttledSeconds: number): { vmSeconds: number; byApplication: ApplicationCost[] } {
  const rateByApplication = new Map<number, number>();
  for (const v of vms) {
    const vm = scenario.vms[v];
    const rate = vm.slowdownCostPerHour ?? SLOWDOWN_SHARE_OF_DOWNTIME * scenario.applications[vm.application].downtime.perHour;
    rateByApplication.set(vm.application, Math.max(rateByApplication.get(vm.application) ?? 0, rate));
  }
  const byApplication = [...rateByApplication].sort((x, y) => x[0] - y[0]).map(([application, rate]) => ({ application, cost: (throttledSeconds / 3600) * rate }));
  return { vmSeconds: throttledSeconds * vms.length, byApplication };
}

/** Adds `more` into `into` (both in order of application), one entry per application. */
export function addApplicationCosts(into: ApplicationCost[], more: readonly ApplicationCost[]): ApplicationCost[] {
  const sum = new Map<number, number>(into.map((c) => [c.application, c.cost]));
  for (const c of more) sum.set(c.application, (sum.get(c.application) ?? 0) + c.cost);
  return [...sum].sort((x, y) => x[0] - y[0]).map(([application, cost]) => ({ application, cost }));
}

/** Hours charged for an outage or loss of `seconds` (+∞: `unrecoveredSeconds`). */
export function chargedHours(seconds: number, unrecoveredSeconds: number): number {
  return (seconds === Infinity ? unrecoveredSeconds : seconds) / 3600;
}

/** An application cannot be down longer than the year it is down in (365.25 days): the annualized view is capped there. */
export const HOURS_PER_YEAR = 365.25 * 24;

/** What capping the annualized downtime at HOURS_PER_YEAR took off. */
export interface DowntimeOverYear {
  /** Hours above HOURS_PER_YEAR, summed over the applications that had any. */
  hours: number;
  /** Their penalty, at each application's hourly rate (the contractual steps were reached long before). */
  penalty: number;
  /** Indices of the applications over the bound. */
  applications: number[];
}

/**
 * Caps each application's expected downtime a year at HOURS_PER_YEAR, in place in `hoursByApplication`, and
 * takes the excess hours' penalty off `penaltyByApplication`: frequent failures with long (or no) recoveries
 * would otherwise add up to more hours down than a year has.
 */
export function capDowntimeAtYear(scenario: Scenario, hoursByApplication: Float64Array, penaltyByApplication: Float64Array): DowntimeOverYear {
  const out: DowntimeOverYear = { hours: 0, penalty: 0, applications: [] };
  for (let a = 0; a < hoursByApplication.length; a++) {
    const over = hoursByApplication[a] - HOURS_PER_YEAR;
    if (!(over > 0)) continue;
    const penalty = over * scenario.applications[a].downtime.perHour;
    out.hours += over;
    out.penalty += penalty;
    out.applications.push(a);
    hoursByApplication[a] = HOURS_PER_YEAR;
    penaltyByApplication[a] -= penalty;
  }
  return out;
}

/** Applications whose production halts while a method's link is down (e.g. synchronous replication that halts). */
export function productionHaltApplications(scenario: Scenario, strategy: Strategy): number[] {
  const apps = new Set<number>();
  for (const a of strategy.assignments) {
    if (a.methods.some((m) => methodDefinition(m).haltsProductionOnLinkLoss(m))) for (const v of a.vms) apps.add(scenario.vms[v].application);
  }
  return [...apps].sort((x, y) => x - y);
}

/**
 * Yearly downtime (application-hours) and penalty of production halted `haltedHoursPerYear` for each of
 * `applications`, at their hourly rates (halts are many short outages: the rate, not the steps, applies).
 */
export function productionHaltPenalty(scenario: Scenario, applications: readonly number[], haltedHoursPerYear: number): { downtimeHoursPerYear: number; penaltyPerYear: number } {
  return {
    downtimeHoursPerYear: haltedHoursPerYear * applications.length,
    penaltyPerYear: haltedHoursPerYear * applications.reduce((acc, a) => acc + scenario.applications[a].downtime.perHour, 0),
  };
}
