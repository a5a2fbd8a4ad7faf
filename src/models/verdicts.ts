/**
 * What "meets the targets" means, in one place (DOMAIN.md "Decisions need statistics"). A target is met
 * when the share of observations meeting it — VMs of a tier, or trials of an application — is at least
 * REQUIRED_SHARE; a plan that meets it 94% of the time is not one a manager can sign, and demanding 100%
 * makes one unlucky trial decisive. The share is an estimate from a finite number of trials, so each
 * check carries its 95% confidence interval and is:
 * - "meets" when the whole interval is at or above the bar,
 * - "misses" when the whole interval is below it,
 * - "undecided" otherwise, with an estimate of how many more trials would settle it
 *   (the interval narrows as 1/√n: n' = n · (half-width / distance to the bar)²).
 * A strategy meets the targets when its plan is sustainable and every check meets; it misses when one
 * misses or the plan is not sustainable; else it is undecided.
 */
export const REQUIRED_SHARE = 0.95;

export type VerdictStatus = 'meets' | 'misses' | 'undecided';

export interface CheckEstimate {
  share: number;
  ciLow: number;
  ciHigh: number;
  trials: number;
}

export function checkStatus(e: CheckEstimate, required = REQUIRED_SHARE): { status: VerdictStatus; moreTrials: number | null } {
  if (e.ciLow >= required) return { status: 'meets', moreTrials: null };
  if (e.ciHigh < required) return { status: 'misses', moreTrials: null };
  const half = (e.ciHigh - e.ciLow) / 2;
  const distance = Math.abs(e.share - required);
  // Exactly on the bar no number of trials settles it; cap the estimate at a hundredfold.
  if (distance < 1e-9 || half <= 0) return { status: 'undecided', moreTrials: null };
  const needed = Math.ceil(e.trials * (half / distance) ** 2);
  return { status: 'undecided', moreTrials: Math.min(Math.max(1, needed - e.trials), 100 * e.trials) };
}

export function combinedStatus(statuses: readonly VerdictStatus[], sustainable: boolean): VerdictStatus {
  if (!sustainable || statuses.includes('misses')) return 'misses';
  return statuses.includes('undecided') ? 'undecided' : 'meets';
}

export const VERDICT_RULE =
  `A strategy meets the targets when its plan is sustainable and, in every tier, at least ${REQUIRED_SHARE * 100}% of VMs meet the RPO ` +
  `target and as many meet the RTO target, and every named application meets its RPO and RTO in at least ${REQUIRED_SHARE * 100}% of trials — ` +
  'each judged on its 95% confidence interval over the trials: "meets" when the interval is above the bar, "misses" when below it, ' +
  '"undecided" when it straddles it (more trials settle it). A VM or application not recovered misses both targets.';
