/**
 * What the reports say about meeting the targets: the verdict each strategy carries in results.json
 * (computed from the trials with the rule in models/verdicts.ts), and the recommendation built on it.
 */
import type { ResultsFile, StrategyResult, TierResult } from '../models/results.js';
import { REQUIRED_SHARE, VERDICT_RULE } from '../models/verdicts.js';

export const TARGET_MET_THRESHOLD = REQUIRED_SHARE;
export const COMPLIANCE_RULE = VERDICT_RULE;

/** A tier's shares against the bar (for colouring; the verdict's checks carry the confidence). */
export function tierMeetsTargets(t: TierResult): boolean {
  return t.rpoTargetMet >= REQUIRED_SHARE && t.rtoTargetMet >= REQUIRED_SHARE;
}

export function meetsTargets(s: StrategyResult): boolean {
  return s.verdict.status === 'meets';
}

/** The strategy with the lowest annual total among those that meet the targets, or null if none does. */
export function cheapestMeetingTargets(results: ResultsFile): StrategyResult | null {
  let best: StrategyResult | null = null;
  for (const s of results.strategies) {
    if (meetsTargets(s) && (best === null || s.cost.annualTotal < best.cost.annualTotal)) best = s;
  }
  return best;
}

/** Cheaper strategies whose verdict is still undecided: the recommendation is provisional until they are settled. */
export function cheaperUndecided(results: ResultsFile, recommended: StrategyResult | null): StrategyResult[] {
  return results.strategies.filter((s) => s.verdict.status === 'undecided' && (recommended === null || s.cost.annualTotal < recommended.cost.annualTotal));
}

/** "undecided — about 60 more trials would settle it". */
export function undecidedNote(s: StrategyResult): string {
  const more = s.verdict.checks.filter((c) => c.status === 'undecided').map((c) => c.moreTrials);
  if (more.some((m) => m === null)) return 'undecided — a target sits exactly on the bar';
  const most = (more as number[]).reduce((m, x) => Math.max(m, x), 0);
  return `undecided — about ${most} more trials would settle it (drsim run --precision)`;
}
