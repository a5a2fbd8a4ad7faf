/**
 * Simulation settings: what the file asks for, then what every trial must cover to measure steady state.
 *
 * - The warm-up is at least every method's settle time (MethodDefinition.settleSeconds: its first run,
 *   one period for the copy, a tape's wait for pickup and transit), so the points at DR when failures may
 *   strike come from normal operation, not from the seeded start.
 * - The span after warm-up, over which failures strike uniformly, is a whole number of the workloads'
 *   profile period (a week when weekdays differ, a day when only hours do, an hour when writes are flat)
 *   and of every method cycle that divides a week (a daily backup window, a 15-min interval), so every
 *   hour the profile distinguishes and every phase of those schedules is equally likely; and it is at least
 *   every method's longest cycle (MethodDefinition.cyclesSeconds: weekly fulls, monthly tapes, long
 *   intervals), so failures see every phase of it too (a cycle that does not divide the span is noted).
 * Extensions are applied, never refused, and said in `adjustments` (they reach results.json's assumptions).
 */
import { formatDuration } from '../../units/format.js';
import { methodDefinition } from '../../protection/methods/registry.js';
import type { SimulationSettings, Strategy, Workload } from '../model.js';
import type { ScenarioInput } from '../schema.js';
import type { ResolveContext } from './context.js';

export const WEEK_SECONDS = 7 * 86_400;
const DAY_SECONDS = 86_400;
const HOUR_SECONDS = 3_600;

/**
 * The period of the weekly profiles (168 hourly factors from Monday 00:00): a week when some weekday
 * differs from another, a day when every day repeats the same hours, an hour when writes are flat.
 */
export function profilePeriodSeconds(workloads: readonly Pick<Workload, 'weeklyProfile'>[]): number {
  let period = HOUR_SECONDS;
  for (const w of workloads) {
    const p = w.weeklyProfile;
    const daily = p.every((x, h) => x === p[h % 24]);
    if (!daily) return WEEK_SECONDS;
    if (!p.every((x) => x === p[0])) period = DAY_SECONDS;
  }
  return period;
}

function spanWords(span: number): string {
  const [n, word] = span % WEEK_SECONDS === 0 ? [span / WEEK_SECONDS, 'week'] : span % DAY_SECONDS === 0 ? [span / DAY_SECONDS, 'day'] : [NaN, ''];
  return Number.isNaN(n) ? formatDuration(span) : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The file's settings (checked: the warm-up is shorter than the horizon). */
export function resolveSimulation(ctx: ResolveContext, input: ScenarioInput): SimulationSettings {
  const s = input.simulation;
  if (s.warmup >= s.horizon) ctx.error(['simulation', 'warmup'], `the warm-up (${s.warmup} s) must be shorter than the horizon (${s.horizon} s)`);
  return { horizonSeconds: s.horizon, warmupSeconds: s.warmup, trials: s.trials, seed: s.seed, adjustments: [] };
}

interface Longest { seconds: number; what: string }

/**
 * The settings a run uses: warm-up ≥ every settle time; the span after it whole profile periods (of the
 * workloads VMs use: profilePeriodSeconds) and ≥ every cycle.
 */
export function coverProtectionCycles(requested: SimulationSettings, strategies: readonly Strategy[], profilePeriod: number): SimulationSettings {
  let settle: Longest = { seconds: 0, what: '' };
  let cycle: Longest = { seconds: 0, what: '' };
  const cycles = new Set<number>();
  for (const strategy of strategies) {
    for (const a of strategy.assignments) {
      if (a.vms.length === 0) continue;
      for (const m of a.methods) {
        const d = methodDefinition(m);
        const what = `${m.method} in strategy "${strategy.name}"`;
        const st = d.settleSeconds(m);
        if (st > settle.seconds) settle = { seconds: st, what };
        for (const cy of d.cyclesSeconds(m)) {
          if (cy > cycle.seconds) cycle = { seconds: cy, what };
          if (cy > 0) cycles.add(cy);
        }
      }
    }
  }
  const adjustments: string[] = [];
  const warmup = Math.max(requested.warmupSeconds, settle.seconds);
  if (warmup > requested.warmupSeconds) {
    adjustments.push(`The warm-up was extended from ${formatDuration(requested.warmupSeconds)} to ${formatDuration(warmup)}: ${settle.what} needs that long from the seeded start before its own points reach DR (first run, one period for the copy, any tape pickup and transit).`);
  }
  // The span's unit: the profile's period and every whole-second cycle dividing a week (their lcm divides a week too).
  let unit = profilePeriod;
  for (const c of cycles) if (Number.isInteger(c) && WEEK_SECONDS % c === 0) unit = (unit / gcd(unit, c)) * c;
  const requestedSpan = requested.horizonSeconds - requested.warmupSeconds;
  const span = Math.max(1, Math.ceil((Math.max(requestedSpan, cycle.seconds) - 1e-6) / unit)) * unit;
  const unitWords = unit === WEEK_SECONDS ? 'whole weeks, so every hour of the week is equally likely'
    : `whole multiples of ${formatDuration(unit)} (the period of the write profiles and schedules), so every phase of them is equally likely`;
  if (Math.abs(span - requestedSpan) > 1e-6) {
    const why = cycle.seconds > requestedSpan
      ? `it must cover the longest protection cycle (${formatDuration(cycle.seconds)}, ${cycle.what}) in ${unitWords}`
      : `failures strike over ${unitWords}`;
    adjustments.push(`The span after warm-up over which failures strike was extended from ${formatDuration(requestedSpan)} to ${spanWords(span)}: ${why}.`);
  }
  const offPhase = cycle.seconds > 0 ? span % cycle.seconds : 0;
  if (offPhase > 1e-6 && cycle.seconds - offPhase > 1e-6) {
    adjustments.push(`The ${formatDuration(cycle.seconds)} cycle of ${cycle.what} does not divide the span of ${spanWords(span)}: failures see ${formatDuration(offPhase)} of its phase once more than the rest.`);
  }
  return { ...requested, warmupSeconds: warmup, horizonSeconds: warmup + span, adjustments };
}
