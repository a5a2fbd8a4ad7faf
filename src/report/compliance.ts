/**
 * What "meets the targets" means in every report output, in one place. results.json gives, per tier,
 * the fraction of VM-trials meeting RPO and RTO; a plan that meets them 94% of the time is not one a
 * manager can sign, but demanding 100% makes a single unlucky trial decisive. We use 95%.
 */
import type { ResultsFile, StrategyResult, TierResult } from '../models/results.js';

export const TARGET_MET_THRESHOLD = 0.95;

export const COMPLIANCE_RULE =
  `A strategy meets the targets when its plan is sustainable and, in every tier, at least ${TARGET_MET_THRESHOLD * 100}% ` +
  'of VMs meet the RPO target and at least as many meet the RTO target (averaged over trials; a VM not recovered misses both).';

export function tierMeetsTargets(t: TierResult): boolean {
  return t.rpoTargetMet >= TARGET_MET_THRESHOLD && t.rtoTargetMet >= TARGET_MET_THRESHOLD;
}

export function meetsTargets(s: StrategyResult): boolean {
  return s.summary.sustainable.sustainable && s.summary.byTier.every(tierMeetsTargets);
}

/** The strategy with the lowest annual total among those meeting the targets, or null if none does. */
export function cheapestMeetingTargets(results: ResultsFile): StrategyResult | null {
  let best: StrategyResult | null = null;
  for (const s of results.strategies) {
    if (meetsTargets(s) && (best === null || s.cost.annualTotal < best.cost.annualTotal)) best = s;
  }
  return best;
}
