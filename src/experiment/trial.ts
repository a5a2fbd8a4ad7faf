/**
 * One Monte Carlo trial: draw the trial's failures and WAN outages once (common random numbers), then for
 * every strategy simulate normal operation up to the horizon and the recovery from each failure. The
 * record is compact (typed arrays per event) so workers can send it back cheaply and shards can store it.
 */
import { RandomStreams } from '../sim/random.js';
import type { RecoveryOutcome } from '../models/failures/events.js';
import { drawLinkOutages } from '../models/failures/outages.js';
import { simulateProtection, type LinkUsage, type ProtectionOutcome } from '../models/protection/simulate.js';
import { planGroups, type GroupPlan, type WriteCurveCache } from '../models/protection/groups.js';
import { recover } from '../models/recovery/recover.js';
import type { Scenario } from '../models/scenario/model.js';
import { freezeScenario } from '../models/scenario/frozen.js';
import { drawTrialFailures, strategyHorizonSeconds } from '../models/failures/draws.js';
import { RANSOMWARE_LIMITS, type FailureKind, type NotRecoveredReason } from '../models/results.js';

export const OUTCOME_CODES: readonly ('recovered' | NotRecoveredReason)[] = ['recovered', 'no-capacity', 'no-clean-point', 'not-offsite', 'not-protected'];

export interface EventRecord {
  kind: FailureKind;
  vms: Int32Array;
  /** NaN when not recovered. */
  rpoSeconds: Float64Array;
  rtoSeconds: Float64Array;
  /** Index into OUTCOME_CODES. */
  outcome: Uint8Array;
  drHostsUsed: number;
  /** Ransomware only: per VM, the index into RANSOMWARE_LIMITS of what held it back longest (NO_LIMIT when not recovered). */
  limit?: Uint8Array;
}

/** `EventRecord.limit` of a VM not recovered. */
export const NO_LIMIT = 255;

const LINK_RECORD_FIELDS = ['usableBytesPerSecond', 'meanBytesPerSecond', 'p95BytesPerSecond', 'p98BytesPerSecond', 'peakBytesPerSecond', 'utilization', 'backlogPeakBytes', 'demandBytesPerSecond', 'weekBytesPerSecond', 'lagGrowthSeconds', 'lagGrowthAllowanceSeconds'] as const;

/** What a trial keeps of a link's usage (the rest follows from the scenario). */
export type LinkTrialRecord = Pick<LinkUsage, (typeof LINK_RECORD_FIELDS)[number]>;

export interface StrategyTrialRecord extends Pick<ProtectionOutcome, 'storage' | 'impact'> {
  events: EventRecord[];
  links: LinkTrialRecord[];
  protectionHorizonSeconds: number;
  simulatedEvents: number;
}

export interface TrialRecord {
  trial: number;
  strategies: StrategyTrialRecord[];
}

/** What stays the same across trials: computed once per run (per worker). */
export interface TrialPlan {
  scenario: Scenario;
  groups: GroupPlan[][];
  /** Write curves of groups that never burst: the same in every trial of the same horizon. */
  steadyCurves: NonNullable<WriteCurveCache['steady']>;
}

export function planTrials(scenario: Scenario): TrialPlan {
  freezeScenario(scenario);
  return { scenario, groups: scenario.strategies.map((s) => planGroups(scenario, s)), steadyCurves: new Map() };
}

export interface TimelineRequest {
  strategy: number;
  kind: FailureKind;
}

export function runTrial(plan: TrialPlan, trial: number): TrialRecord {
  const ctx = trialContext(plan, trial);
  return { trial, strategies: plan.scenario.strategies.map((_, s) => runStrategy(plan, ctx, s).record) };
}

/**
 * Re-runs one strategy of one trial keeping the full recovery detail (steps, host utilization) of one
 * failure kind: deterministic, so it reproduces exactly what the aggregated trial saw.
 */
export function runTimeline(plan: TrialPlan, trial: number, request: TimelineRequest): RecoveryOutcome | null {
  return runStrategy(plan, trialContext(plan, trial), request.strategy, request.kind).timeline;
}

interface TrialContext {
  trial: number;
  streams: RandomStreams;
  failures: ReturnType<typeof drawTrialFailures>;
  outages: ReturnType<typeof drawLinkOutages>;
  /**
   * Write curves and bursts of this trial per simulated span: strategies may simulate different spans
   * (strategyHorizonSeconds), and a curve is built to its span's end, so each span has its own.
   */
  curveCaches: Map<number, WriteCurveCache>;
  /** Each VM's burst episodes, drawn once over the trial's longest span and shared by every span. */
  bursts: Map<number, Array<[number, number]>>;
}

function curveCacheFor(plan: TrialPlan, ctx: TrialContext, horizonSeconds: number): WriteCurveCache {
  let cache = ctx.curveCaches.get(horizonSeconds);
  if (cache === undefined) {
    cache = { trial: new Map(), bursts: ctx.bursts, burstsDrawnToSeconds: ctx.failures.horizonSeconds, steady: plan.steadyCurves };
    ctx.curveCaches.set(horizonSeconds, cache);
  }
  return cache;
}

function trialContext(plan: TrialPlan, trial: number): TrialContext {
  const streams = new RandomStreams(plan.scenario.simulation.seed);
  const failures = drawTrialFailures(plan.scenario, streams, trial);
  // Outages beyond the horizon matter to recoveries that run past it.
  const outages = drawLinkOutages(plan.scenario, streams, trial, failures.horizonSeconds + 30 * 86_400);
  return { trial, streams, failures, outages, curveCaches: new Map(), bursts: new Map() };
}

function runStrategy(plan: TrialPlan, ctx: TrialContext, s: number, timelineKind?: FailureKind): { record: StrategyTrialRecord; timeline: RecoveryOutcome | null } {
  const { scenario } = plan;
  const strategy = scenario.strategies[s];
  const { trial, streams, failures, outages } = ctx;
  let timeline: RecoveryOutcome | null = null;
  const horizonSeconds = strategyHorizonSeconds(scenario, strategy, failures);
  const protection = simulateProtection({ scenario, strategy, streams, trial, linkOutages: outages, horizonSeconds, curveCache: curveCacheFor(plan, ctx, horizonSeconds), groups: plan.groups[s] });
  const events: EventRecord[] = [];
  for (const event of failures.events) {
    if (timelineKind !== undefined && event.kind !== timelineKind) continue;
    // Recovery randomness comes from a stream per failure kind that leaves the strategy out of its name, so
    // strategies share detection and declaration delays (common random numbers).
    const outcome = recover({ scenario, strategy, protection: protection.vmProtection, event, rng: streams.stream(`recovery:${event.kind}`, trial), linkOutages: outages, recordTimeline: timelineKind !== undefined });
    if (timelineKind !== undefined) timeline = outcome;
    const n = outcome.vms.length;
    const rec: EventRecord = { kind: event.kind, vms: new Int32Array(n), rpoSeconds: new Float64Array(n), rtoSeconds: new Float64Array(n), outcome: new Uint8Array(n), drHostsUsed: outcome.drHostsUsed };
    const limit = event.kind === 'ransomware' ? (rec.limit = new Uint8Array(n).fill(NO_LIMIT)) : null;
    outcome.vms.forEach((v, i) => {
      rec.vms[i] = v.vm;
      // Distributions cover recovered VMs only; the others are counted by reason (results-schema.md).
      const recovered = v.outcome === 'recovered';
      rec.rpoSeconds[i] = recovered ? (v.rpoSeconds ?? NaN) : NaN;
      rec.rtoSeconds[i] = recovered ? (v.rtoSeconds ?? NaN) : NaN;
      rec.outcome[i] = OUTCOME_CODES.indexOf(v.outcome);
      if (limit !== null && v.limit !== undefined) limit[i] = RANSOMWARE_LIMITS.indexOf(v.limit);
    });
    events.push(rec);
  }
  const record: StrategyTrialRecord = {
    events,
    links: protection.links.map((l) => Object.fromEntries(LINK_RECORD_FIELDS.map((f) => [f, l[f]])) as LinkTrialRecord),
    storage: protection.storage,
    impact: protection.impact,
    protectionHorizonSeconds: protection.horizonSeconds,
    simulatedEvents: protection.events,
  };
  return { record, timeline };
}
