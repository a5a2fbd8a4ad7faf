/**
 * Normal operation of one strategy over one trial: every protection group runs its methods on a fresh
 * simulation, sharing the WAN links (fluid, weighted) and backup-target throughput; the trial's WAN
 * outages cut the links. The result is, for every VM, the recovery points each method put at DR (so
 * recovery can ask for the newest point at any failure time), and per link its traffic, per strategy
 * its DR storage, production impact and whether the plan is sustainable.
 */
import { distributionOf } from '../../sim/distributions.js';
import { FluidLink } from '../../sim/fluid-link.js';
import type { RandomStreams } from '../../sim/random.js';
import { Simulation } from '../../sim/simulation.js';
import type { OutageInterval, VmProtection } from '../failures/events.js';
import { trafficStats } from './link-traffic.js';
import { methodDefinition, type MethodAccounting, type MethodRun, type ProtectionContext } from './methods/registry.js';
import { newestPoint } from './recovery-points.js';
import { freezeScenario } from '../scenario/frozen.js';
import { planGroups, materializeGroup, type GroupPlan, type WriteCurveCache } from './groups.js';
import type { ProtectionMethod, Scenario, Strategy } from '../scenario/model.js';

export interface LinkUsage {
  link: number;
  usableBytesPerSecond: number;
  meanBytesPerSecond: number;
  p95BytesPerSecond: number;
  peakBytesPerSecond: number;
  utilization: number;
  backlogPeakBytes: number;
  /** Long-run demand the strategy's methods put on the link (analytic). */
  demandBytesPerSecond: number;
  /** Fraction of time the link is up (from its outage process). */
  availability: number;
  weekBytesPerSecond: Float64Array;
  /**
   * How much the age of the newest recovery point at DR grew from the start to the end of the measured span
   * (seconds, mean over the VMs whose copies cross the link; null: none does). The span is whole periods of
   * the profile and of every schedule dividing a week, so a plan in steady state grows by 0 on average.
   */
  lagGrowthSeconds: number | null;
  /** Growth the schedules alone can show because a cycle does not divide the span (its phase differs at the ends). */
  lagGrowthAllowanceSeconds: number;
}

export interface ProtectionOutcome {
  vmProtection: VmProtection[];
  /** Per link its traffic, long-run demand and lag trend: whether the plan is sustainable is decided over trials (experiment/aggregation/sustainability.ts). */
  links: LinkUsage[];
  storage: { replicaBytes: number; snapshotBytes: number; journalBytes: number; backupMediaBytes: number };
  impact: { syncWriteLatencySeconds: number; throttledBytes: number; haltedSeconds: number; agentVcpuSeconds: number };
  notes: string[];
  events: number;
  horizonSeconds: number;
}

export interface ProtectionInput {
  scenario: Scenario;
  strategy: Strategy;
  streams: RandomStreams;
  trial: number;
  linkOutages: OutageInterval[][];
  /** Simulated span; failures are drawn inside it. Default: the scenario's horizon. */
  horizonSeconds?: number;
  /** Shared across the strategies of a trial (write curves depend on the trial, not the strategy), and for steady groups across trials. */
  curveCache?: WriteCurveCache;
  /** Precomputed group plans (they depend only on scenario + strategy). */
  groups?: GroupPlan[];
}

export function simulateProtection(input: ProtectionInput): ProtectionOutcome {
  const { scenario, strategy, streams, trial, linkOutages } = input;
  freezeScenario(scenario);
  const horizon = input.horizonSeconds ?? scenario.simulation.horizonSeconds;
  const warmup = Math.min(scenario.simulation.warmupSeconds, horizon);
  const sim = new Simulation();
  const links = scenario.links.map((l) => new FluidLink(sim, { capacityBytesPerSecond: usableBytesPerSecond(l), recordThroughput: true }));
  // Outages: capacity 0 for their duration.
  linkOutages.forEach((outages, i) => {
    for (const o of outages) {
      if (o.startSeconds >= horizon) break;
      sim.at(o.startSeconds, () => links[i].setCapacity(0));
      if (o.endSeconds < horizon) sim.at(o.endSeconds, () => links[i].setCapacity(usableBytesPerSecond(scenario.links[i])));
    }
  });
  const fabrics = new Map<number, FluidLink>();
  const sharedHelpers = new Map<string, unknown>();
  const ctx: ProtectionContext = {
    shared<T>(key: string, make: () => T): T {
      if (!sharedHelpers.has(key)) sharedHelpers.set(key, make());
      return sharedHelpers.get(key) as T;
    },
    sim,
    scenario,
    links,
    linkOutages,
    horizonSeconds: horizon,
    warmupSeconds: warmup,
    backupTargetFabric(target) {
      let f = fabrics.get(target);
      if (f === undefined) {
        f = new FluidLink(sim, { capacityBytesPerSecond: scenario.backupTargets[target].writeBytesPerSecond });
        fabrics.set(target, f);
      }
      return f;
    },
  };
  const vmProtection: VmProtection[] = scenario.vms.map(() => ({ methods: [] }));
  const runs: ProtectionRun[] = [];
  for (const plan of input.groups ?? planGroups(scenario, strategy)) {
    const group = materializeGroup(scenario, plan, streams, trial, horizon, input.curveCache);
    for (const method of strategy.assignments[plan.assignment].methods) {
      const run = methodDefinition(method).start(ctx, group, method);
      runs.push({ group: plan.key, vms: plan.vms.length, method, run });
      for (const v of plan.vms) vmProtection[v].methods.push({ method, log: run.log });
    }
  }
  sim.run({ until: horizon });

  const accounts: MethodAccounting[] = runs.map((r) => r.run.account());
  const lag = lagGrowth(scenario, runs, accounts, warmup, Math.min(horizon, scenario.simulation.horizonSeconds));
  const storage = { replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0 };
  const impact = { syncWriteLatencySeconds: 0, throttledBytes: 0, haltedSeconds: 0, agentVcpuSeconds: 0 };
  const demand = new Float64Array(scenario.links.length);
  const backlogPeak = new Float64Array(scenario.links.length);
  const notes: string[] = [];
  let syncLatencyMax = 0;
  for (const a of accounts) {
    storage.replicaBytes += a.replicaBytes;
    storage.snapshotBytes += a.snapshotBytes;
    storage.journalBytes += a.journalBytes;
    storage.backupMediaBytes += a.backupMediaBytes;
    impact.throttledBytes += a.throttledBytes;
    impact.haltedSeconds = Math.max(impact.haltedSeconds, a.haltedSeconds);
    impact.agentVcpuSeconds += a.agentVcpuSeconds;
    if (a.syncWriteLatencySeconds !== null) syncLatencyMax = Math.max(syncLatencyMax, a.syncWriteLatencySeconds);
    for (const l of a.linkLoad) demand[l.link] += l.meanBytesPerSecond;
    for (const l of a.linkLoad) backlogPeak[l.link] = Math.max(backlogPeak[l.link], a.backlogPeakBytes);
    notes.push(...a.notes);
  }
  impact.syncWriteLatencySeconds = syncLatencyMax;

  const linkUsage: LinkUsage[] = links.map((link, i) => {
    const spec = scenario.links[i];
    const stats = trafficStats(link.throughputBreakpoints(), warmup, horizon);
    const usable = usableBytesPerSecond(spec);
    return {
      link: i,
      usableBytesPerSecond: usable,
      meanBytesPerSecond: stats.meanBytesPerSecond,
      p95BytesPerSecond: stats.p95BytesPerSecond,
      peakBytesPerSecond: stats.peakBytesPerSecond,
      utilization: usable > 0 ? stats.meanBytesPerSecond / usable : 0,
      backlogPeakBytes: backlogPeak[i],
      demandBytesPerSecond: demand[i],
      availability: linkAvailability(spec),
      weekBytesPerSecond: stats.weekBytesPerSecond,
      lagGrowthSeconds: lag.growth[i],
      lagGrowthAllowanceSeconds: lag.allowance[i],
    };
  });

  return {
    vmProtection,
    links: linkUsage,
    storage,
    impact,
    notes,
    events: sim.eventsProcessed,
    horizonSeconds: horizon,
  };
}

interface ProtectionRun {
  group: string;
  vms: number;
  method: ProtectionMethod;
  run: MethodRun;
}

/**
 * The trend of the simulated lag per link: for each group and method whose copy crosses a link, the age of
 * its newest point at DR (t − point) at the end of the measured span minus at its start, averaged over VMs.
 * Both ends are at the same phase of every profile and schedule dividing the span; a longer or odd cycle may
 * still differ by up to its length (the allowance).
 */
function lagGrowth(scenario: Scenario, runs: readonly ProtectionRun[], accounts: readonly MethodAccounting[], from: number, to: number): { growth: (number | null)[]; allowance: number[] } {
  const sum = new Float64Array(scenario.links.length);
  const weight = new Float64Array(scenario.links.length);
  const allowance = new Array<number>(scenario.links.length).fill(0);
  runs.forEach((r, k) => {
    const link = accounts[k].linkLoad[0]?.link;
    if (link === undefined || !(to > from)) return;
    const start = newestPoint(r.run.log, from, 'offsite');
    const end = newestPoint(r.run.log, to, 'offsite');
    // No point at DR at an end: the copy has not arrived (the warm-up could not settle it); count its age from the seeded start.
    const growth = (to - (end ?? 0)) - (from - (start ?? 0));
    sum[link] += r.vms * growth;
    weight[link] += r.vms;
    for (const cycle of methodDefinition(r.method).cyclesSeconds(r.method)) {
      const offPhase = cycle > 0 ? (to - from) % cycle : 0;
      if (offPhase > 1e-6 && cycle - offPhase > 1e-6) allowance[link] = Math.max(allowance[link], cycle);
    }
  });
  return { growth: Array.from(sum, (x, l) => (weight[l] > 0 ? x / weight[l] : null)), allowance };
}

export function usableBytesPerSecond(link: { bandwidthBitsPerSecond: number; efficiency: number }): number {
  return (link.bandwidthBitsPerSecond * link.efficiency) / 8;
}

/** A = MTBF / (MTBF + MTTR), with the mean outage duration as MTTR. */
export function linkAvailability(link: Scenario['links'][number]): number {
  const o = link.outages;
  if (o === null || !(o.mtbfSeconds < Infinity)) return 1;
  const mttr = distributionOf(o.durationSeconds).mean();
  return o.mtbfSeconds / (o.mtbfSeconds + mttr);
}
