/**
 * The domain's penalty rules (DOMAIN.md "Cost"): what a failure's consequences cost, and what production
 * stopped by a protection method costs. Aggregation applies them; it holds no rule of its own.
 */
import { methodDefinition } from '../protection/methods/registry.js';
import type { Scenario, Strategy } from '../scenario/model.js';

/** A VM that is not recovered counts this long as down and this much data as lost (assumption, reported). */
export const NOT_RECOVERED_HOURS = 7 * 24;

/** VMs whose production halts while a method's link is down (e.g. synchronous replication that halts). */
export function productionHaltVms(strategy: Strategy): number[] {
  const vms = new Set<number>();
  for (const a of strategy.assignments) if (a.methods.some((m) => methodDefinition(m).haltsProductionOnLinkLoss(m))) for (const v of a.vms) vms.add(v);
  return [...vms];
}

/**
 * Production slowed by throttled writes (synchronous replication that cannot keep up): the time the group's
 * writes were held back (weighted by the share held back) costs each of its VMs its slowdown cost per hour
 * (by default its downtime cost: while its writes wait, the application does not do its work).
 */
export function productionThrottleCost(scenario: Scenario, vms: readonly number[], throttledSeconds: number): { vmSeconds: number; cost: number } {
  let perHour = 0;
  for (const v of vms) perHour += scenario.vms[v].slowdownCostPerHour;
  return { vmSeconds: throttledSeconds * vms.length, cost: (throttledSeconds / 3600) * perHour };
}

/** Yearly downtime and penalty of production halted `haltedHoursPerYear` for each of `vms`. */
export function productionHaltPenalty(scenario: Scenario, vms: readonly number[], haltedHoursPerYear: number): { downtimeHoursPerYear: number; penaltyPerYear: number } {
  return {
    downtimeHoursPerYear: haltedHoursPerYear * vms.length,
    penaltyPerYear: haltedHoursPerYear * vms.reduce((acc, v) => acc + scenario.vms[v].downtimeCostPerHour, 0),
  };
}
