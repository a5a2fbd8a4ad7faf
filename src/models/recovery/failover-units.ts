/**
 * Recovery units: what moves and powers on as one. VMware and Xen fail over per VM, so a unit is one VM.
 * Hyper-V fails over a whole LUN (cluster disk): the affected VMs sharing an array and LUN (and recovering
 * to the same place) form one unit — restored as one transfer, placed on one host, taking one power-on
 * slot, up when all its VMs are up. Its priority is its most urgent member's.
 *
 * Dependencies between units keep only edges to units of the same or an earlier priority group: an edge
 * to a later group contradicts the runbook's group order (and would deadlock it), so the group order wins.
 * A dependency on a VM that the event did not affect, or that cannot be recovered, is no wait.
 *
 * Units are kept as parallel arrays indexed by unit id (no object per unit): a recovery builds them for
 * every affected VM, 16 times per trial.
 */
import { filled } from './arrays.js';
import type { RestoreSource, VmSources } from './sources.js';
import { scenarioIndex, sortByOrder } from './scenario-index.js';
import { cpuClock } from './cpu-clock.js';
import type { Scenario } from '../scenario/model.js';

export interface RecoveryUnits {
  /** Number of units; a unit's id is its rank (priority group, then lowest member VM index). */
  count: number;
  /** Members of unit u: members[memberStart[u] .. memberStart[u + 1]), in VM index order. */
  memberStart: number[];
  members: number[];
  /** Per scenario VM: its unit, -1 when in none (not affected, or not recoverable). */
  unitOfVm: number[];
  priority: number[];
  /** CPU demand in reference vCPUs (cpu-clock.ts). */
  vcpus: number[];
  ramBytes: number[];
  /** Bytes to restore before power-on (0 when every member is a promoted replica). */
  restoreBytes: number[];
  /** Storage failover of its promoted replicas (the longest of its members'), from declaration. */
  promoteSeconds: number[];
  restore: (RestoreSource | null)[];
  /** 1: recovers on the DR hosts; 0: in place at its own site. */
  atDr: number[];
  /** How many units unit u waits for. */
  depCount: number[];
  /** Units that wait for unit u: dependents[dependentStart[u] .. dependentStart[u + 1]), in id order. */
  dependentStart: number[];
  dependents: number[];
}

/** A Hyper-V LUN's affected VMs (index order) and its rank key. */
interface LunGroup {
  members: number[];
  priority: number;
}

/** Builds units from the recoverable VMs (source entry i for `vms[i]`, `vms` in index order), in rank order. */
export function buildUnits(scenario: Scenario, vms: readonly number[], sources: VmSources): RecoveryUnits {
  const all = scenario.vms;
  /** Per scenario VM: its entry in `sources`. */
  const entryOf = filled(all.length, -1);
  const singles: number[] = [];
  let luns: LunGroup[] = [];
  let byKey: Map<string, LunGroup> | null = null;
  for (let i = 0; i < vms.length; i++) {
    if (!sources.ok(i)) continue;
    const v = vms[i];
    entryOf[v] = i;
    const vm = all[v];
    if (vm.hypervisor !== 'hyperv') {
      singles.push(v);
      continue;
    }
    byKey ??= new Map();
    const key = `${vm.storage}\u0000${vm.lun}\u0000${sources.atDr[i] === 1}`;
    const group = byKey.get(key);
    if (group === undefined) {
      const created = { members: [v], priority: vm.priority };
      byKey.set(key, created);
      luns.push(created);
    } else {
      group.members.push(v);
      group.priority = Math.min(group.priority, vm.priority);
    }
  }
  luns = luns.sort((a, b) => a.priority - b.priority || a.members[0] - b.members[0]);
  // One-VM units come out of the scenario's fixed rank order; LUN groups (few) are merged in by their key.
  const ranked = sortByOrder(singles, scenarioIndex(scenario).rankOrder);
  const count = ranked.length + luns.length;
  const memberCount = singles.length + luns.reduce((n, g) => n + g.members.length, 0);
  const units: RecoveryUnits = {
    count,
    memberStart: filled(count + 1, 0),
    members: filled(memberCount, 0),
    unitOfVm: filled(all.length, -1),
    priority: filled(count, 0),
    vcpus: filled(count, 0),
    ramBytes: filled(count, 0),
    restoreBytes: filled(count, 0),
    promoteSeconds: filled(count, 0),
    restore: new Array<RestoreSource | null>(count).fill(null),
    atDr: filled(count, 0),
    depCount: filled(count, 0),
    dependentStart: filled(count + 1, 0),
    dependents: [],
  };
  let next = 0;
  let g = 0;
  for (let u = 0, k = 0; u < count; u++) {
    const takeSingle = g >= luns.length || (k < ranked.length && rankBefore(all[ranked[k]].priority, ranked[k], luns[g].priority, luns[g].members[0]));
    if (takeSingle) units.members[next++] = ranked[k++];
    else for (const v of luns[g++].members) units.members[next++] = v;
    units.memberStart[u + 1] = next;
    shapeUnit(scenario, units, u, sources, entryOf);
  }
  linkDependencies(scenario, units);
  return units;
}

function rankBefore(priorityA: number, firstA: number, priorityB: number, firstB: number): boolean {
  return priorityA - priorityB < 0 || (priorityA === priorityB && firstA < firstB);
}

/** Sums unit u's members (in VM index order) into its priority, size, restore and place. */
function shapeUnit(scenario: Scenario, units: RecoveryUnits, u: number, sources: VmSources, entryOf: readonly number[]): void {
  const all = scenario.vms;
  const demand = cpuClock(scenario).vmDemand;
  let priority = Infinity;
  let vcpus = 0;
  let ramBytes = 0;
  let restoreBytes = 0;
  let promote = 0;
  let restore: RestoreSource | null = null;
  const first = units.memberStart[u];
  const end = units.memberStart[u + 1];
  for (let m = first; m < end; m++) {
    const v = units.members[m];
    units.unitOfVm[v] = u;
    priority = Math.min(priority, all[v].priority);
    vcpus += demand[v];
    ramBytes += all[v].ramBytes;
    const sourceRestore = sources.restore[entryOf[v]];
    promote = Math.max(promote, sources.promoteSeconds[entryOf[v]]);
    if (sourceRestore !== null) {
      restoreBytes += all[v].usedBytes;
      restore ??= sourceRestore;
    }
  }
  units.priority[u] = priority;
  units.vcpus[u] = vcpus;
  units.ramBytes[u] = ramBytes;
  units.restoreBytes[u] = restoreBytes;
  units.promoteSeconds[u] = promote;
  units.restore[u] = restore;
  units.atDr[u] = sources.atDr[entryOf[units.members[first]]];
}

/** Fills depCount and the dependents lists from the members' dependsOn (see the header for which edges count). */
function linkDependencies(scenario: Scenario, units: RecoveryUnits): void {
  const all = scenario.vms;
  const { count, memberStart, members, unitOfVm, priority } = units;
  const lastSeen = filled(count, -1);
  const from: number[] = [];
  const to: number[] = [];
  for (let u = 0; u < count; u++) {
    for (let m = memberStart[u]; m < memberStart[u + 1]; m++) {
      for (const d of all[members[m]].dependsOn) {
        const du = unitOfVm[d];
        if (!(du >= 0) || du === u || lastSeen[du] === u || priority[du] > priority[u]) continue;
        lastSeen[du] = u;
        from.push(du);
        to.push(u);
        units.depCount[u]++;
      }
    }
  }
  const start = units.dependentStart;
  for (const du of from) start[du + 1]++;
  for (let u = 0; u < count; u++) start[u + 1] += start[u];
  const fill = start.slice(0, count);
  units.dependents = filled(from.length, 0);
  for (let e = 0; e < from.length; e++) units.dependents[fill[from[e]]++] = to[e];
}

/**
 * The units that recover at DR, in placement order: priority group, then RAM descending (first-fit
 * decreasing), then rank. One-VM units follow the scenario's fixed placement order of their VMs (same
 * key: a one-VM unit's RAM is its VM's, and among equal priorities rank follows VM index); the rest are
 * sorted and merged in.
 */
export function placementOrderOfUnits(scenario: Scenario, units: RecoveryUnits): number[] {
  const { memberStart, members, unitOfVm, priority, ramBytes } = units;
  const singleVms: number[] = [];
  const multi: number[] = [];
  for (let u = 0; u < units.count; u++) {
    if (units.atDr[u] === 0) continue;
    if (memberStart[u + 1] - memberStart[u] === 1) singleVms.push(members[memberStart[u]]);
    else multi.push(u);
  }
  const before = (a: number, b: number): number => priority[a] - priority[b] || ramBytes[b] - ramBytes[a] || a - b;
  multi.sort(before);
  const singles = sortByOrder(singleVms, scenarioIndex(scenario).placementOrder);
  const out = filled(singles.length + multi.length, 0);
  for (let i = 0, k = 0, j = 0; i < out.length; i++) {
    const single = k < singles.length ? unitOfVm[singles[k]] : -1;
    out[i] = j >= multi.length || (single >= 0 && before(single, multi[j]) < 0) ? (k++, single) : multi[j++];
  }
  return out;
}
