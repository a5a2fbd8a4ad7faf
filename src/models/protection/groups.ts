/**
 * Protection groups: the VMs a method protects as one unit, so a trial moves one flow per group rather
 * than one per VM (ARCHITECTURE.md's budget). The unit is, in order: the VM's consistency group; on
 * Hyper-V its LUN (quick failover moves all VMs of a LUN together); its application; else the VM alone.
 * Members of a group share snapshot cycles and recovery points: a group's point arrives when the whole
 * group's delta has arrived. A group's flows weigh as many VMs as it holds, so the link is shared per VM.
 *
 * Large estates: when one rule leaves more than AUTO_BATCH_THRESHOLD VMs on their own (no consistency
 * group, LUN or application), they are batched by site, tier and workload into AUTO_BATCH_BUCKETS buckets of
 * similar write rate (quantiles of workloadScale). Under processor sharing, VMs that start together finish
 * in order of size; a bucket of similar sizes finishes close to when each member would have, so this keeps
 * per-VM behaviour while bounding the number of flows.
 *
 * Randomness stays per VM whatever the grouping: each VM bursts from its own stream (`bursts:vm:<name>`), and
 * a group's writes are the sum of its members' (member-bursts.ts). So a VM bursts the same alone, in an
 * application or in a batch, under every strategy, and 200 → 201 identical VMs changes results by one VM's
 * share, not by switching from per-VM to per-batch bursts.
 */
import type { RandomStreams } from '../../sim/random.js';
import type { ProtectionGroup, WorkloadPartWrites } from './methods/method.js';
import type { Scenario, Strategy } from '../scenario/model.js';
import { UsedBytesCap } from './unique-changes.js';
import { buildBurstyPartCurve } from './member-bursts.js';
import { buildWriteCurve, bursts, drawBursts, episodesUntil, sumWriteCurves, type WriteCurve } from './write-curve.js';

export interface GroupPlan {
  key: string;
  assignment: number;
  vms: number[];
  site: number;
  usedBytes: number;
  provisionedBytes: number;
  /** Per workload present (first appearance order): its summed workloadScale, write-curve cache key and burst stream name. */
  curveParts: CurvePart[];
  /** Cache key of the group's summed curve. */
  sumKey: string;
  /** No workload of the group bursts: its curves depend on the horizon only, not on the trial. */
  steady: boolean;
}

interface CurvePart {
  workload: number;
  scale: number;
  cacheKey: string;
  /** Member VMs (index order of the group), each bursting from its own stream; empty when the workload never bursts. */
  burstingVms: number[];
  /** The part's unique changes capped VM by VM at their used bytes. */
  usedCap: UsedBytesCap;
}

/**
 * Write curves shared while they stay valid: per trial and simulated span (bursts are the trial's draws,
 * shared by its strategies), and across trials for groups whose workloads never burst, at the scenario's
 * horizon (a span extended to a late detection is drawn at random and would never be met again).
 */
export interface WriteCurveCache {
  trial: Map<string, WriteCurve>;
  /** Each VM's burst episodes in this trial (drawn once, whichever strategies and groups it appears in). */
  bursts?: Map<number, Array<[number, number]>>;
  /**
   * The span `bursts` are drawn over, when the map serves several spans (at least the longest of them); a
   * shorter span takes the episodes starting before its end, cut at it — exactly what drawing to it gives,
   * since episodes are drawn in time order from the same stream. Absent: drawn to the span asking.
   */
  burstsDrawnToSeconds?: number;
  /** By horizon, then by the plan's keys (precomputed strings: no key is built per lookup). */
  steady?: Map<number, Map<string, WriteCurve>>;
}


export function groupKeyOf(scenario: Scenario, vmIndex: number): string {
  const vm = scenario.vms[vmIndex];
  const site = scenario.sites[vm.site].name;
  if (vm.consistencyGroup !== null) return `${site}/cg:${vm.consistencyGroup}`;
  if (vm.hypervisor === 'hyperv') return `${site}/lun:${vm.lun}`;
  if (vm.app !== null) return `${site}/app:${vm.app}`;
  return `${site}/vm:${vm.name}`;
}

export const AUTO_BATCH_THRESHOLD = 200;
export const AUTO_BATCH_BUCKETS = 16;

export interface GroupingOptions {
  /** Loose VMs per rule above which they are batched (default AUTO_BATCH_THRESHOLD; Infinity: never, for checking batching). */
  autoBatchThreshold?: number;
}

/** The groups of a strategy (deterministic order: assignment, then first appearance of the key). */
export function planGroups(scenario: Scenario, strategy: Strategy, options: GroupingOptions = {}): GroupPlan[] {
  const threshold = options.autoBatchThreshold ?? AUTO_BATCH_THRESHOLD;
  const plans: GroupPlan[] = [];
  /** Members per workload index (their scales and used bytes), while the groups fill. */
  const scales = new Map<GroupPlan, Map<number, { scale: number; vms: number[]; scales: number[]; used: number[] }>>();
  strategy.assignments.forEach((assignment, a) => {
    const byKey = new Map<string, GroupPlan>();
    const batchKeys = autoBatchKeys(scenario, assignment.vms, threshold);
    for (const v of assignment.vms) {
      const vm = scenario.vms[v];
      const key = `${a}|${batchKeys.get(v) ?? groupKeyOf(scenario, v)}`;
      let plan = byKey.get(key);
      if (plan === undefined) {
        plan = { key, assignment: a, vms: [], site: vm.site, usedBytes: 0, provisionedBytes: 0, curveParts: [], sumKey: '', steady: true };
        byKey.set(key, plan);
        plans.push(plan);
        scales.set(plan, new Map());
      }
      plan.vms.push(v);
      plan.usedBytes += vm.usedBytes;
      plan.provisionedBytes += vm.provisionedBytes;
      const byWorkload = scales.get(plan)!;
      let members = byWorkload.get(vm.workload);
      if (members === undefined) byWorkload.set(vm.workload, (members = { scale: 0, vms: [], scales: [], used: [] }));
      members.scale += vm.workloadScale;
      members.vms.push(v);
      members.scales.push(vm.workloadScale);
      members.used.push(vm.usedBytes);
    }
  });
  for (const plan of plans) {
    const groupKey = plan.key.slice(plan.key.indexOf('|') + 1);
    const byWorkload = scales.get(plan)!;
    for (const [w, { scale, vms, scales: memberScales, used }] of byWorkload) {
      const workload = scenario.workloads[w];
      const bursty = bursts(workload);
      // A bursty part's curve depends on exactly which VMs it holds (their own bursts): key it by them.
      const cacheKey = bursty ? `${w}#bursts#${vms.join(',')}` : `${groupKey}#${w}#${scale}`;
      plan.curveParts.push({ workload: w, scale, cacheKey, burstingVms: bursty ? vms : [], usedCap: new UsedBytesCap(memberScales, used) });
      if (bursty) plan.steady = false;
    }
    plan.sumKey = `${plan.steady ? groupKey : plan.curveParts.map((p) => p.cacheKey).join('|')}#sum#${[...byWorkload].map(([w, m]) => `${w},${m.scale}`).join(';')}`;
  }
  return plans;
}

/** Keys for VMs batched automatically (see the module comment); empty when the rule is small enough. */
function autoBatchKeys(scenario: Scenario, vms: number[], threshold: number): Map<number, string> {
  const keys = new Map<number, string>();
  const loose = vms.filter((v) => groupKeyOf(scenario, v).includes('/vm:'));
  if (loose.length <= threshold) return keys;
  const byClass = new Map<string, number[]>();
  for (const v of loose) {
    const vm = scenario.vms[v];
    const cls = `${scenario.sites[vm.site].name}/auto:tier${vm.tier}:${scenario.workloads[vm.workload].name}`;
    let members = byClass.get(cls);
    if (members === undefined) byClass.set(cls, (members = []));
    members.push(v);
  }
  for (const [cls, members] of byClass) {
    const sorted = [...members].sort((x, y) => scenario.vms[x].workloadScale - scenario.vms[y].workloadScale || x - y);
    const buckets = Math.min(AUTO_BATCH_BUCKETS, sorted.length);
    sorted.forEach((v, i) => keys.set(v, `${cls}:${Math.floor((i * buckets) / sorted.length)}`));
  }
  return keys;
}

/**
 * A group's writes for one trial: bursts are drawn per VM from the trial's streams, so every VM bursts at the
 * same moments under every strategy and grouping (common random numbers).
 */
export function materializeGroup(scenario: Scenario, plan: GroupPlan, streams: RandomStreams, trial: number, horizonSeconds: number, cache?: WriteCurveCache): ProtectionGroup {
  // A steady group's curves are the same in every trial of this horizon.
  let store = cache?.trial;
  if (plan.steady && cache?.steady !== undefined && horizonSeconds === scenario.simulation.horizonSeconds) {
    store = cache.steady.get(horizonSeconds);
    if (store === undefined) cache.steady.set(horizonSeconds, (store = new Map()));
  }
  const parts: WorkloadPartWrites[] = [];
  for (const part of plan.curveParts) {
    const workload = scenario.workloads[part.workload];
    const key = part.cacheKey;
    let curve = store?.get(key);
    if (curve === undefined) {
      curve = part.burstingVms.length === 0
        ? buildWriteCurve({ workload, scale: part.scale }, horizonSeconds, [])
        : buildBurstyPartCurve(workload, part.burstingVms.map((v) => ({ scale: scenario.vms[v].workloadScale, episodes: vmBursts(scenario, v, streams, trial, horizonSeconds, cache) })), horizonSeconds);
      store?.set(key, curve);
    }
    parts.push({ workload, curve, usedCap: part.usedCap });
  }
  // The summed curve is the same for every strategy that groups these VMs alike: build it once.
  const sumKey = plan.sumKey;
  let writes = store?.get(sumKey);
  if (writes === undefined) {
    writes = sumWriteCurves(parts.map((p) => p.curve));
    store?.set(sumKey, writes);
  }
  return { key: plan.key, vms: plan.vms, site: plan.site, usedBytes: plan.usedBytes, provisionedBytes: plan.provisionedBytes, parts, writes };
}

/** A VM's burst episodes in a trial, from its own stream (drawn once per trial when a cache is given). */
function vmBursts(scenario: Scenario, v: number, streams: RandomStreams, trial: number, horizonSeconds: number, cache?: WriteCurveCache): Array<[number, number]> {
  const drawnTo = cache?.burstsDrawnToSeconds ?? horizonSeconds;
  if (horizonSeconds > drawnTo) throw new RangeError(`bursts drawn to ${drawnTo} s cannot serve a span of ${horizonSeconds} s`);
  let episodes = cache?.bursts?.get(v);
  if (episodes === undefined) {
    const vm = scenario.vms[v];
    episodes = drawBursts(scenario.workloads[vm.workload], drawnTo, streams.stream(`bursts:vm:${vm.name}`, trial));
    cache?.bursts?.set(v, episodes);
  }
  return drawnTo > horizonSeconds ? episodesUntil(episodes, horizonSeconds) : episodes;
}
