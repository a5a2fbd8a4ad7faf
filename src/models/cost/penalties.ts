/**
 * The domain's penalty rules (DOMAIN.md "Cost"): what a failure's consequences cost, and what production
 * stopped by a protection method costs. Aggregation applies them; it holds no rule of its own.
 */
import { methodDefinition } from '../protection/methods/registry.js';
import type { Scenario, Strategy } from '../scenario/model.js';

/** A VM that is not recovered counts this long as down and this much data as lost (assumption, reported). */
export const NOT_RECOVERED_HOURS = 7 * 24;

/** A VM cannot be down longer than the year it is down in: 365.25 days. The annualized view is capped per VM there. */
export const HOURS_PER_YEAR = 365.25 * 24;

export interface DowntimeOverYear {
  /** Hours above HOURS_PER_YEAR, summed over the VMs that have any. */
  hours: number;
  /** The penalty those hours carried (at each VM's downtime cost per hour). */
  penalty: number;
  /** Indices of the VMs over the bound. */
  vms: number[];
}

/** What capping each VM's annual downtime (`hoursByVm`) at HOURS_PER_YEAR removes. */
export function downtimeOverYear(scenario: Scenario, hoursByVm: ArrayLike<number>): DowntimeOverYear {
  const out: DowntimeOverYear = { hours: 0, penalty: 0, vms: [] };
  for (let v = 0; v < hoursByVm.length; v++) {
    const over = hoursByVm[v]! - HOURS_PER_YEAR;
    if (!(over > 0)) continue;
    out.hours += over;
    out.penalty += over * scenario.vms[v]!.downtimeCostPerHour;
    out.vms.push(v);
  }
  return out;
}

/** VMs whose production halts while a method's link is down (e.g. synchronous replication that halts). */
export function productionHaltVms(strategy: Strategy): number[] {
  const vms = new Set<number>();
  for (const a of strategy.assignments) if (a.methods.some((m) => methodDefinition(m).haltsProductionOnLinkLoss(m))) for (const v of a.vms) vms.add(v);
  return [...vms];
}

/** Yearly downtime and penalty of production halted `haltedHoursPerYear` for each of `vms`. */
export function productionHaltPenalty(scenario: Scenario, vms: readonly number[], haltedHoursPerYear: number): { downtimeHoursPerYear: number; penaltyPerYear: number } {
  return {
    downtimeHoursPerYear: haltedHoursPerYear * vms.length,
    penaltyPerYear: haltedHoursPerYear * vms.reduce((acc, v) => acc + scenario.vms[v].downtimeCostPerHour, 0),
  };
}
