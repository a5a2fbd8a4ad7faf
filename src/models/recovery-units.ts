/**
 * Recovery units: what moves and powers on as one. VMware and Xen fail over per VM, so a unit is one VM.
 * Hyper-V fails over a whole LUN (cluster disk): the affected VMs sharing an array and LUN (and recovering
 * to the same place) form one unit — restored as one transfer, placed on one host, taking one power-on
 * slot, up when all its VMs are up. Its priority is its most urgent member's.
 *
 * Dependencies between units keep only edges to units of the same or an earlier priority group: an edge
 * to a later group contradicts the runbook's group order (and would deadlock it), so the group order wins.
 * A dependency on a VM that the event did not affect, or that cannot be recovered, is no wait.
 */
import type { RestoreSource, VmSource } from './recovery-source.js';
import type { Scenario } from './scenario.js';

export interface RecoveryUnit {
  id: number;
  vms: number[];
  priority: number;
  vcpus: number;
  ramBytes: number;
  /** Bytes to restore before power-on (0 when every member is a promoted replica). */
  restoreBytes: number;
  restore: RestoreSource | null;
  atDr: boolean;
  /** Unit ids this one waits for / that wait for this one. */
  deps: number[];
  dependents: number[];
}

/**
 * Builds units from the recoverable VMs (`sources[i]` for `vms[i]`), sorted into power-on rank order:
 * priority group, then lowest VM index. Unit id = its rank.
 */
export function buildUnits(scenario: Scenario, vms: readonly number[], sources: readonly VmSource[]): RecoveryUnit[] {
  const byKey = new Map<string, number[]>();
  const groups: number[][] = [];
  const sourceOf = new Map<number, Extract<VmSource, { ok: true }>>();
  vms.forEach((v, i) => {
    const s = sources[i];
    if (!s.ok) return;
    sourceOf.set(v, s);
    const vm = scenario.vms[v];
    if (vm.hypervisor !== 'hyperv') {
      groups.push([v]);
      return;
    }
    const key = `${vm.storage}\u0000${vm.lun}\u0000${s.atDr}`;
    const members = byKey.get(key);
    if (members === undefined) {
      const list = [v];
      byKey.set(key, list);
      groups.push(list);
    } else members.push(v);
  });
  const all = scenario.vms;
  const shaped = groups.map((members) => {
    members.sort((a, b) => a - b);
    let priority = Infinity;
    let vcpus = 0;
    let ramBytes = 0;
    let restoreBytes = 0;
    let restore: RestoreSource | null = null;
    for (const v of members) {
      priority = Math.min(priority, all[v].priority);
      vcpus += all[v].vcpus;
      ramBytes += all[v].ramBytes;
      const s = sourceOf.get(v)!;
      if (s.restore !== null) {
        restoreBytes += all[v].usedBytes;
        restore ??= s.restore;
      }
    }
    return { members, priority, vcpus, ramBytes, restoreBytes, restore, atDr: sourceOf.get(members[0])!.atDr };
  });
  shaped.sort((a, b) => a.priority - b.priority || a.members[0] - b.members[0]);
  const unitOfVm = new Map<number, number>();
  const units: RecoveryUnit[] = shaped.map((s, id) => {
    for (const v of s.members) unitOfVm.set(v, id);
    return { id, vms: s.members, priority: s.priority, vcpus: s.vcpus, ramBytes: s.ramBytes, restoreBytes: s.restoreBytes, restore: s.restore, atDr: s.atDr, deps: [], dependents: [] };
  });
  const lastSeen = new Int32Array(units.length).fill(-1);
  for (const u of units) {
    for (const v of u.vms) {
      for (const d of all[v].dependsOn) {
        const du = unitOfVm.get(d);
        if (du === undefined || du === u.id || lastSeen[du] === u.id || units[du].priority > u.priority) continue;
        lastSeen[du] = u.id;
        u.deps.push(du);
        units[du].dependents.push(u.id);
      }
    }
  }
  return units;
}
