/**
 * Is the plan sustainable? The simulation decides, the formula explains.
 *
 * Verdict: per link, the trend of the simulated lag. Each trial measures how much the age of the newest point
 * at DR grew from the start to the end of the measured span (protection/simulate.ts). That span is whole periods
 * of the write profile and of every schedule dividing a week, so its two ends are at the same phase of
 * everything deterministic: a plan in steady state grows by 0 on average (up to an allowance for a cycle that
 * does not divide the span), whatever bursts and outages do in one trial. A link short by a fraction f of the
 * demand makes the lag grow by about f per second; a slow relaxation from the seeded start (a queue near
 * saturation, a weekly full copy taking days) makes it drift by far less (≤ 0.01% of the span in the examples).
 * So the test is one-sided on H0: E[growth] ≤ allowance + 0.5% of the span, over independent trials: the lag
 * grows when (mean − allowance − 0.005·span) / (sd/√n) > t_{0.99, n−1} — a plan growing slower than that is
 * flagged by chance in at most 1% of runs — or, when every trial saw the same growth (sd = 0), when the mean
 * exceeds that margin. Below 2 trials there is no spread to test against: the formula decides.
 *
 * Explanation: the long-run formula, demand (the worst trial's) against usable rate × availability. Both
 * directions are said: a plan the formula calls fine whose lag grows (outages and bursts leave backlogs that
 * do not drain within the horizon), and a plan the formula calls short whose lag does not grow (skipped
 * snapshots coalesce more writes; changes are capped at the disks' size).
 */
import { formatBitsPerSecond, formatDuration } from '../../models/units/format.js';
import type { LinkSustainability, Sustainability } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { linkAvailability, usableBytesPerSecond } from '../../models/protection/simulate.js';
import { studentTQuantile } from '../../sim/student-t.js';
import { round } from '../summarize.js';
import type { LinkTrialRecord } from '../trial.js';

/** One-sided level of the growth test. */
export const LAG_GROWTH_TEST_LEVEL = 0.99;
/** Growth of the lag per second of span that counts as growing (a link about 0.5% short); slower drift is relaxation. */
export const LAG_GROWTH_MIN_RATE = 0.005;

export interface LagTrend {
  trials: number;
  mean: number;
  ciLow: number;
  ciHigh: number;
  grows: boolean | null;
}

/** The t-test of the header on per-trial growths (seconds) over a span, less the allowance of odd cycles. */
export function lagTrend(growths: readonly number[], allowanceSeconds: number, spanSeconds: number): LagTrend {
  const n = growths.length;
  if (n === 0) return { trials: 0, mean: 0, ciLow: 0, ciHigh: 0, grows: null };
  const mean = growths.reduce((a, b) => a + b, 0) / n;
  const sd = n >= 2 ? Math.sqrt(growths.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n >= 2 ? (quantileT(0.975, n - 1) * sd) / Math.sqrt(n) : 0;
  const ci = { low: mean - half, high: mean + half };
  const excess = mean - allowanceSeconds - LAG_GROWTH_MIN_RATE * spanSeconds;
  let grows: boolean | null = null;
  if (n >= 2) grows = excess > 0 && (sd === 0 || excess / (sd / Math.sqrt(n)) > quantileT(LAG_GROWTH_TEST_LEVEL, n - 1));
  return { trials: n, mean, ciLow: ci.low, ciHigh: ci.high, grows };
}

/** What the verdict reads of a trial: per link its demand and lag growth. */
export type SustainabilityTrial = { links: readonly Pick<LinkTrialRecord, 'usableBytesPerSecond' | 'demandBytesPerSecond' | 'lagGrowthSeconds' | 'lagGrowthAllowanceSeconds'>[] };

/** Student-t quantiles by (p, df), computed once each (the inverse incomplete beta is not cheap). */
const quantiles = new Map<string, number>();
function quantileT(p: number, df: number): number {
  const key = `${p}/${df}`;
  let t = quantiles.get(key);
  if (t === undefined) quantiles.set(key, (t = studentTQuantile(p, df)));
  return t;
}

export function aggregateSustainability(scenario: Scenario, trials: readonly SustainabilityTrial[]): Sustainability {
  const acc = new SustainabilityAccumulator(scenario);
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** What the verdict keeps of each link, one trial at a time (in trial order): its growths and the extremes. */
interface LinkTally {
  growths: number[];
  demand: number;
  allowance: number;
  usable: number;
}

export class SustainabilityAccumulator {
  private readonly tallies: LinkTally[];

  constructor(private readonly scenario: Scenario) {
    this.tallies = scenario.links.map((spec) => ({ growths: [], demand: 0, allowance: 0, usable: usableBytesPerSecond(spec) }));
  }

  add(trial: SustainabilityTrial): void {
    this.tallies.forEach((k, l) => {
      const r = trial.links[l];
      if (r.lagGrowthSeconds !== null) k.growths.push(r.lagGrowthSeconds);
      k.demand = Math.max(k.demand, r.demandBytesPerSecond);
      k.allowance = Math.max(k.allowance, r.lagGrowthAllowanceSeconds);
      k.usable = Math.min(k.usable, r.usableBytesPerSecond);
    });
  }

  finish(): Sustainability {
    return verdict(this.scenario, this.tallies);
  }
}

function verdict(scenario: Scenario, tallies: readonly LinkTally[]): Sustainability {
  const spanSeconds = scenario.simulation.horizonSeconds - scenario.simulation.warmupSeconds;
  const span = formatDuration(spanSeconds);
  const links: LinkSustainability[] = [];
  const details: string[] = [];
  let shortfall = 0;
  scenario.links.forEach((spec, l) => {
    const { growths, demand, allowance, usable } = tallies[l];
    if (growths.length === 0 && demand === 0) return;
    const trend = lagTrend(growths, allowance, spanSeconds);
    const threshold = `${formatDuration(allowance + LAG_GROWTH_MIN_RATE * spanSeconds)} counted as growth (${LAG_GROWTH_MIN_RATE * 100}% of the span${allowance > 0 ? `, plus ${formatDuration(allowance)} for a cycle that does not divide it` : ''})`;
    // Usable once up: the link's rate, or less when the arrays it lands on write slower (the same in every trial).
    const deliverable = usable * linkAvailability(spec);
    const after = `(usable, after outages${usable < usableBytesPerSecond(spec) ? ', bounded by the write rate of the arrays it feeds' : ''})`;
    const shortBy = Math.max(0, demand - deliverable);
    const formulaShort = shortBy > 0;
    const sustainable = !(trend.grows ?? formulaShort);
    const formula = formulaShort
      ? `the protected changes need ${formatBitsPerSecond(8 * demand)} on average but the link delivers ${formatBitsPerSecond(8 * deliverable)} ${after}: ${formatBitsPerSecond(8 * shortBy)} short`
      : `the long-run demand of ${formatBitsPerSecond(8 * demand)} fits the ${formatBitsPerSecond(8 * deliverable)} the link delivers ${after}`;
    const simulated = trend.grows === null
      ? `too few trials (${trend.trials}) to test the simulated lag, so the formula decides`
      : `the simulated lag ${trend.grows ? 'grew' : 'changed'} by ${formatDuration(round(trend.mean))} over the ${span} measured (mean of ${trend.trials} trials, 95% CI ${formatDuration(round(trend.ciLow))} to ${formatDuration(round(trend.ciHigh))})`;
    let explanation: string;
    if (!sustainable && formulaShort) explanation = `${formula}; ${simulated}: the replication lag grows without bound`;
    else if (!sustainable) explanation = `${simulated} although ${formula}: outages and bursts leave backlogs that do not drain within the horizon`;
    else if (formulaShort) explanation = `${simulated}, not significantly more than the ${threshold}, although ${formula}: in the simulation the copies keep up (skipped snapshots coalesce more writes into each delta, changes are capped at the disks' size) or fall behind too slowly to show within the horizon`;
    else explanation = `${formula}; ${simulated}`;
    if (!sustainable) {
      details.push(`link ${spec.name}: ${explanation}`);
      shortfall = Math.max(shortfall, shortBy);
    }
    links.push({
      link: spec.name,
      lagGrowthSeconds: { trials: trend.trials, mean: round(trend.mean), ciLow: round(trend.ciLow), ciHigh: round(trend.ciHigh) },
      lagGrows: trend.grows,
      demandBitsPerSecond: round(8 * demand),
      deliverableBitsPerSecond: round(8 * deliverable),
      sustainable,
      explanation,
    });
  });
  return { sustainable: details.length === 0, shortfallBitsPerSecond: round(shortfall * 8), details, links };
}
