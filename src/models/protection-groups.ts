/**
 * Protection groups: the VMs a method protects as one unit, so a trial moves one flow per group rather
 * than one per VM (ARCHITECTURE.md's budget). The unit is, in order: the VM's consistency group; on
 * Hyper-V its LUN (quick failover moves all VMs of a LUN together); its application; else the VM alone.
 * Members of a group share snapshot cycles and recovery points: a group's point arrives when the whole
 * group's delta has arrived.
 */
import type { RandomStreams } from '../sim/random.js';
import type { ProtectionGroup } from './methods/method.js';
import type { Scenario, Strategy, Workload } from './scenario.js';
import { buildWriteCurve, drawBursts, sumWriteCurves, type WriteCurve } from './write-curve.js';

export interface GroupPlan {
  key: string;
  assignment: number;
  vms: number[];
  site: number;
  usedBytes: number;
  /** Summed workloadScale per workload index. */
  scaleByWorkload: Map<number, number>;
}

export function groupKeyOf(scenario: Scenario, vmIndex: number): string {
  const vm = scenario.vms[vmIndex];
  const site = scenario.sites[vm.site].name;
  if (vm.consistencyGroup !== null) return `${site}/cg:${vm.consistencyGroup}`;
  if (vm.hypervisor === 'hyperv') return `${site}/lun:${vm.lun}`;
  if (vm.app !== null) return `${site}/app:${vm.app}`;
  return `${site}/vm:${vm.name}`;
}

/** The groups of a strategy (deterministic order: assignment, then first appearance of the key). */
export function planGroups(scenario: Scenario, strategy: Strategy): GroupPlan[] {
  const plans: GroupPlan[] = [];
  strategy.assignments.forEach((assignment, a) => {
    const byKey = new Map<string, GroupPlan>();
    for (const v of assignment.vms) {
      const vm = scenario.vms[v];
      const key = `${a}|${groupKeyOf(scenario, v)}`;
      let plan = byKey.get(key);
      if (plan === undefined) {
        plan = { key, assignment: a, vms: [], site: vm.site, usedBytes: 0, scaleByWorkload: new Map() };
        byKey.set(key, plan);
        plans.push(plan);
      }
      plan.vms.push(v);
      plan.usedBytes += vm.usedBytes;
      plan.scaleByWorkload.set(vm.workload, (plan.scaleByWorkload.get(vm.workload) ?? 0) + vm.workloadScale);
    }
  });
  return plans;
}

/**
 * A group's writes for one trial: bursts are drawn per (group key, workload) from the trial's streams, so
 * the same VMs burst at the same moments under every strategy (common random numbers).
 */
export function materializeGroup(scenario: Scenario, plan: GroupPlan, streams: RandomStreams, trial: number, horizonSeconds: number, cache?: Map<string, WriteCurve>): ProtectionGroup {
  const parts: { workload: Workload; curve: WriteCurve }[] = [];
  const groupKey = plan.key.slice(plan.key.indexOf('|') + 1);
  for (const [w, scale] of plan.scaleByWorkload) {
    const workload = scenario.workloads[w];
    const cacheKey = `${groupKey}#${w}#${scale}`;
    let curve = cache?.get(cacheKey);
    if (curve === undefined) {
      const bursts = drawBursts(workload, horizonSeconds, streams.stream(`bursts:${groupKey}:${workload.name}`, trial));
      curve = buildWriteCurve({ workload, scale }, horizonSeconds, bursts);
      cache?.set(cacheKey, curve);
    }
    parts.push({ workload, curve });
  }
  return { key: plan.key, vms: plan.vms, site: plan.site, usedBytes: plan.usedBytes, parts, writes: sumWriteCurves(parts.map((p) => p.curve)) };
}
