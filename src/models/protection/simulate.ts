/**
 * Normal operation of one strategy over one trial: every protection group runs its methods on a fresh
 * simulation, sharing the WAN links (fluid, weighted) and backup-target throughput; the trial's WAN
 * outages cut the links. The result is, for every VM, the recovery points each method put at DR (so
 * recovery can ask for the newest point at any failure time), and per link its traffic, per strategy
 * its DR storage, production impact and whether the plan is sustainable.
 */
import { formatBitsPerSecond } from '../units/format.js';
import { distributionOf } from '../../sim/distributions.js';
import { FluidLink } from '../../sim/fluid-link.js';
import type { RandomStreams } from '../../sim/random.js';
import { Simulation } from '../../sim/simulation.js';
import type { OutageInterval, VmProtection } from '../failures/events.js';
import { trafficStats } from './link-traffic.js';
import { methodDefinition, type MethodAccounting, type ProtectionContext } from './methods/registry.js';
import { freezeScenario } from '../scenario/frozen.js';
import { planGroups, materializeGroup, type GroupPlan, type WriteCurveCache } from './groups.js';
import type { Scenario, Strategy } from '../scenario/model.js';

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
}

export interface ProtectionOutcome {
  vmProtection: VmProtection[];
  links: LinkUsage[];
  sustainable: boolean;
  shortfallBytesPerSecond: number;
  sustainabilityDetails: string[];
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
  const runs: { group: string; run: ReturnType<ReturnType<typeof methodDefinition>['start']> }[] = [];
  for (const plan of input.groups ?? planGroups(scenario, strategy)) {
    const group = materializeGroup(scenario, plan, streams, trial, horizon, input.curveCache);
    for (const method of strategy.assignments[plan.assignment].methods) {
      const run = methodDefinition(method).start(ctx, group, method);
      runs.push({ group: plan.key, run });
      for (const v of plan.vms) vmProtection[v].methods.push({ method, log: run.log });
    }
  }
  sim.run({ until: horizon });

  const accounts: MethodAccounting[] = runs.map((r) => r.run.account());
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
    };
  });

  // Sustainable: the long-run demand fits in what the link delivers on average (capacity × availability).
  const details: string[] = [];
  let shortfall = 0;
  for (const u of linkUsage) {
    const deliverable = u.usableBytesPerSecond * u.availability;
    if (u.demandBytesPerSecond > deliverable) {
      const shortBy = u.demandBytesPerSecond - deliverable;
      shortfall = Math.max(shortfall, shortBy);
      details.push(`link ${scenario.links[u.link].name}: the protected changes need ${formatBitsPerSecond(8 * u.demandBytesPerSecond)} on average but the link delivers ${formatBitsPerSecond(8 * deliverable)} (usable, after outages): ${formatBitsPerSecond(8 * shortBy)} short; the replication lag grows without bound`);
    }
  }
  return {
    vmProtection,
    links: linkUsage,
    sustainable: details.length === 0,
    shortfallBytesPerSecond: shortfall,
    sustainabilityDetails: details,
    storage,
    impact,
    notes,
    events: sim.eventsProcessed,
    horizonSeconds: horizon,
  };
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
