/**
 * Where VMs run in normal operation. The scenario names each VM's cluster, not its host, so recovery
 * (host failure: which VMs die with a host; DR site: which capacity its own production already uses)
 * needs a placement. It is deterministic first-fit: VMs in (priority, RAM descending, index) order onto
 * their cluster's hosts in host-index order — the same rule as DR placement, so the two agree on what
 * "fits" means. A VM that fits on no host of its cluster stays unplaced (-1): the cluster is
 * over-committed, and that VM belongs to no host's failure.
 */
import type { Scenario } from '../scenario/model.js';
import { cpuClock, type CpuClock } from './cpu-clock.js';

/**
 * What a host offers to VMs: vCPUs (cores × the cluster's CPU overcommit, in reference vCPUs: scaled by its clock,
 * see cpu-clock.ts) and RAM after the hypervisor's reservation.
 */
export interface HostCapacity {
  vcpus: number;
  ramBytes: number;
}

/** `clock`: the scenario's (cached, freezing it); validation, still resolving it, passes computeCpuClock's. */
export function hostCapacity(scenario: Scenario, host: number, clock: CpuClock = cpuClock(scenario)): HostCapacity {
  const h = scenario.hosts[host];
  const model = scenario.hostModels[h.model];
  const cluster = scenario.clusters[h.cluster];
  return {
    vcpus: model.cores * cluster.cpuOvercommit * clock.hostFactor[host],
    ramBytes: model.ramBytes * (1 - cluster.ramReservationFraction),
  };
}

/** VM indices in placement order: priority group first, then RAM descending (first-fit decreasing), then index. */
export function placementOrder(scenario: Scenario, vms: readonly number[]): number[] {
  const all = scenario.vms;
  return vms.slice().sort((a, b) => all[a].priority - all[b].priority || all[b].ramBytes - all[a].ramBytes || a - b);
}

/** Slack for float sums of capacities (bytes and vCPUs), so ten 6.4 GB VMs fit 64 GB. */
export const FIT_EPSILON = 1e-9;

export function fits(used: number, need: number, capacity: number): boolean {
  return used + need <= capacity * (1 + FIT_EPSILON) + FIT_EPSILON;
}

/**
 * Host index of every VM (-1 when unplaced), by first-fit over the hosts of the VM's cluster. Dev/test
 * load is not counted here: it lives on DR hosts and is preempted before recovery uses them.
 */
export function placeVmsOnPrimaryHosts(scenario: Scenario): Int32Array {
  const placement = new Int32Array(scenario.vms.length).fill(-1);
  const hostsByCluster: number[][] = scenario.clusters.map(() => []);
  scenario.hosts.forEach((h, i) => hostsByCluster[h.cluster]?.push(i));
  const capacity = scenario.hosts.map((_, i) => hostCapacity(scenario, i));
  const usedVcpus = new Float64Array(scenario.hosts.length);
  const usedRam = new Float64Array(scenario.hosts.length);
  const order = placementOrder(scenario, scenario.vms.map((_, i) => i));
  const demand = cpuClock(scenario).vmDemand;
  for (const v of order) {
    const vm = scenario.vms[v];
    for (const h of hostsByCluster[vm.cluster] ?? []) {
      if (fits(usedVcpus[h], demand[v], capacity[h].vcpus) && fits(usedRam[h], vm.ramBytes, capacity[h].ramBytes)) {
        placement[v] = h;
        usedVcpus[h] += demand[v];
        usedRam[h] += vm.ramBytes;
        break;
      }
    }
  }
  return placement;
}
