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
import { placeStorage, type ArrayFill, type StoreUse } from './dr-storage.js';
import { addApplicationCosts, productionThrottleCost, type ApplicationCost } from '../cost/penalties.js';
import { methodDefinition, type MethodAccounting, type MethodRun, type ProtectionContext } from './methods/registry.js';
import { newestPoint } from './recovery-points.js';
import { freezeScenario } from '../scenario/frozen.js';
import { planGroups, materializeGroup, type GroupPlan, type WriteCurveCache } from './groups.js';
import type { ProtectionMethod, Scenario, Strategy } from '../scenario/model.js';
import { pushAll } from '../../sim/array-extremes.js';

export interface LinkUsage {
  link: number;
  usableBytesPerSecond: number;
  meanBytesPerSecond: number;
  p95BytesPerSecond: number;
  p98BytesPerSecond: number;
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
  storage: {
    replicaBytes: number; snapshotBytes: number; journalBytes: number; backupMediaBytes: number;
    /** Per store (array, backup target, other media): what the strategy keeps there. */
    stores: StoreUse[];
    /** Per array the strategy uses: its fill (its own VMs + the strategy's copies) and the journal share kept. */
    arrays: ArrayFill[];
  };
  impact: {
    syncWriteLatencySeconds: number; throttledBytes: number; haltedSeconds: number; agentVcpuSeconds: number;
    /** Bytes the synchronously replicated VMs wrote over the horizon: what `throttledBytes` is a share of. */
    syncWrittenBytes: number;
    /** Throttled writes as VM-seconds of production held back, and what that costs each application slowed (over the horizon, in order of application). */
    throttledVmSeconds: number; throttledCosts: ApplicationCost[];
  };
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
  // What each link delivers once up: its usable rate, or less when the stores it feeds write slower (set below).
  const deliverable = scenario.links.map((l) => usableBytesPerSecond(l));
  // Outages: capacity 0 for their duration.
  linkOutages.forEach((outages, i) => {
    for (const o of outages) {
      if (o.startSeconds >= horizon) break;
      sim.at(o.startSeconds, () => links[i].setCapacity(0));
      if (o.endSeconds < horizon) sim.at(o.endSeconds, () => links[i].setCapacity(deliverable[i]));
    }
  });
  const fabrics = new Map<string, FluidLink>();
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
    drSite: strategy.recovery.drSite,
    horizonSeconds: horizon,
    warmupSeconds: warmup,
    fabric(key, bytesPerSecond) {
      let f = fabrics.get(key);
      if (f === undefined) {
        f = new FluidLink(sim, { capacityBytesPerSecond: bytesPerSecond });
        fabrics.set(key, f);
      }
      return f;
    },
  };
  const vmProtection: VmProtection[] = scenario.vms.map(() => ({ methods: [] }));
  const runs: ProtectionRun[] = [];
  for (const plan of input.groups ?? planGroups(scenario, strategy)) {
    const group = materializeGroup(scenario, plan, streams, trial, horizon, input.curveCache);
    const assignment = strategy.assignments[plan.assignment];
    assignment.methods.forEach((method, k) => {
      const run = methodDefinition(method).start(ctx, group, method);
      runs.push({ group: plan.key, vms: plan.vms, method, run });
      const copyProtection = assignment.copyProtection?.[k] ?? null;
      for (const v of plan.vms) vmProtection[v].methods.push({ method, log: run.log, copyProtection });
    });
  }
  limitByLandingStores(runs.map((r) => r.run), deliverable, links);
  sim.run({ until: horizon });

  const accounts: MethodAccounting[] = runs.map((r) => r.run.account());
  const lag = lagGrowth(scenario, runs, accounts, warmup, Math.min(horizon, scenario.simulation.horizonSeconds));
  const placed = placeStorage(scenario, runs.map((r) => r.run), accounts);
  const storage = { replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0, ...placed };
  for (const s of placed.stores) {
    storage.replicaBytes += s.replicaBytes;
    storage.snapshotBytes += s.snapshotBytes;
    storage.journalBytes += s.journalBytes;
    storage.backupMediaBytes += s.backupMediaBytes;
  }
  const impact: ProtectionOutcome['impact'] = { syncWriteLatencySeconds: 0, throttledBytes: 0, syncWrittenBytes: 0, haltedSeconds: 0, agentVcpuSeconds: 0, throttledVmSeconds: 0, throttledCosts: [] };
  const demand = new Float64Array(scenario.links.length);
  const notes: string[] = [];
  let syncLatencyMax = 0;
  accounts.forEach((a, i) => {
    if (a.throttledSeconds > 0) {
      const slowed = productionThrottleCost(scenario, runs[i].vms, a.throttledSeconds);
      impact.throttledVmSeconds += slowed.vmSeconds;
      impact.throttledCosts = addApplicationCosts(impact.throttledCosts, slowed.byApplication);
    }
  });
  for (const a of accounts) {
    impact.throttledBytes += a.throttledBytes;
    impact.syncWrittenBytes += a.syncWrittenBytes;
    impact.haltedSeconds = Math.max(impact.haltedSeconds, a.haltedSeconds);
    impact.agentVcpuSeconds += a.agentVcpuSeconds;
    if (a.syncWriteLatencySeconds !== null) syncLatencyMax = Math.max(syncLatencyMax, a.syncWriteLatencySeconds);
    for (const l of a.linkLoad) demand[l.link] += l.meanBytesPerSecond;
    pushAll(notes, a.notes);
  }
  impact.syncWriteLatencySeconds = syncLatencyMax;

  const linkUsage: LinkUsage[] = links.map((link, i) => {
    const spec = scenario.links[i];
    const stats = trafficStats(link.throughputBreakpoints(), warmup, horizon);
    const usable = deliverable[i];
    return {
      link: i,
      usableBytesPerSecond: usable,
      meanBytesPerSecond: stats.meanBytesPerSecond,
      p95BytesPerSecond: stats.p95BytesPerSecond,
      p98BytesPerSecond: stats.p98BytesPerSecond,
      peakBytesPerSecond: stats.peakBytesPerSecond,
      utilization: usable > 0 ? stats.meanBytesPerSecond / usable : 0,
      // Replication data written at the primary and not yet at DR, summed over every group at each instant.
      backlogPeakBytes: link.peakQueuedBytes,
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
  vms: readonly number[];
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
    sum[link] += r.vms.length * growth;
    weight[link] += r.vms.length;
    for (const cycle of methodDefinition(r.method).cyclesSeconds(r.method)) {
      const offPhase = cycle > 0 ? (to - from) % cycle : 0;
      if (offPhase > 1e-6 && cycle - offPhase > 1e-6) allowance[link] = Math.max(allowance[link], cycle);
    }
  });
  return { growth: Array.from(sum, (x, l) => (weight[l] > 0 ? x / weight[l] : null)), allowance };
}

/**
 * A link cannot deliver faster than the stores at its far end can write: its capacity is at most the summed
 * write rate of the distinct arrays its replication lands on (pooled: the stores share the link's traffic).
 */
function limitByLandingStores(runs: readonly { landing?: { link: number; storeKey: string; writeBytesPerSecond: number } }[], deliverable: number[], links: FluidLink[]): void {
  const stores = new Map<number, Map<string, number>>();
  for (const r of runs) {
    if (r.landing === undefined) continue;
    let m = stores.get(r.landing.link);
    if (m === undefined) stores.set(r.landing.link, (m = new Map()));
    m.set(r.landing.storeKey, r.landing.writeBytesPerSecond);
  }
  for (const [l, m] of stores) {
    let write = 0;
    for (const w of m.values()) write += w;
    if (write < deliverable[l]) {
      deliverable[l] = write;
      links[l].setCapacity(write);
    }
  }
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
