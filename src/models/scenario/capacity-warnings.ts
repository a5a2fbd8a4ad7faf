/**
 * Capacity warnings found without simulating, naming what does not fit:
 * - a VM larger (vCPUs or RAM) than every host at a strategy's DR site: it can never be recovered there;
 * - a VM larger than every host of its own cluster: it has nowhere to run (and no host's failure hits it);
 * - a DR array holding more replicas (the VMs' used bytes) than its capacity.
 * "Fits" is recovery's own rule (recovery/primary-placement.ts): cores × the cluster's CPU overcommit,
 * RAM less the cluster's reservation, vCPUs counted at the estate's reference clock (recovery/cpu-clock.ts:
 * a VM from faster hosts needs more of a slower host's vCPUs).
 */
import { computeCpuClock, type CpuClock } from '../recovery/cpu-clock.js';
import { fits, hostCapacity, type HostCapacity } from '../recovery/primary-placement.js';
import { methodDefinition } from '../protection/methods/registry.js';
import { formatBytes } from '../units/format.js';
import type { Scenario, Vm } from './model.js';
import { listNames, type ResolveContext } from './resolvers/context.js';
import type { YamlPath } from './problems.js';

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(0)} GiB`;
const size = (vm: Vm): string => `${vm.vcpus} vCPUs, ${gib(vm.ramBytes)}`;

/**
 * The capacities of `hosts` no other host beats in both vCPUs and RAM: a VM fits one of the hosts iff it
 * fits one of these. Estates have a few host shapes, so checking 10,000 VMs stays linear.
 */
function largest(scenario: Scenario, hosts: number[], clock: CpuClock): HostCapacity[] {
  const all = hosts.map((h) => hostCapacity(scenario, h, clock)).sort((a, b) => b.vcpus - a.vcpus || b.ramBytes - a.ramBytes);
  const out: HostCapacity[] = [];
  for (const c of all) if (out.length === 0 || c.ramBytes > out[out.length - 1]!.ramBytes) out.push(c);
  return out;
}

/** `vcpus`: the VM's demand in reference vCPUs (CpuClock.vmDemand). */
function fitsSome(vm: Vm, vcpus: number, capacities: HostCapacity[]): boolean {
  return capacities.some((c) => fits(0, vcpus, c.vcpus) && fits(0, vm.ramBytes, c.ramBytes));
}

function describeLargest(capacities: HostCapacity[]): string {
  const vcpus = capacities.reduce((a, c) => Math.max(a, c.vcpus), 0);
  const ram = capacities.reduce((a, c) => Math.max(a, c.ramBytes), 0);
  return `the largest takes ${Math.round(vcpus)} vCPUs and ${gib(ram)}`;
}

function vmList(sc: Scenario, vms: number[]): string {
  if (vms.length === 1) return `VM ${sc.vms[vms[0]!]!.name} (${size(sc.vms[vms[0]!]!)}) is`;
  return `${vms.length} VMs ${listNames(vms.map((v) => `${sc.vms[v]!.name} (${size(sc.vms[v]!)})`))} are`;
}

export function capacityWarnings(ctx: ResolveContext, sc: Scenario, vmPaths: YamlPath[]): void {
  // Not cpuClock(): that caches on the scenario and freezes it, and the loader's caller may still change it.
  const clock = computeCpuClock(sc);
  vmsLargerThanDrHosts(ctx, sc, clock);
  vmsLargerThanTheirCluster(ctx, sc, vmPaths, clock);
  replicaArrays(ctx, sc);
}

function usable(sc: Scenario, h: number): boolean {
  const host = sc.hosts[h]!;
  return host.model >= 0 && host.cluster >= 0;
}

function vmsLargerThanDrHosts(ctx: ResolveContext, sc: Scenario, clock: CpuClock): void {
  const done = new Set<number>();
  sc.strategies.forEach((s, i) => {
    const site = s.recovery.drSite;
    if (site < 0 || done.has(site)) return;
    done.add(site);
    const hosts = sc.hosts.map((_, h) => h).filter((h) => sc.hosts[h]!.site === site && usable(sc, h));
    // No hosts at all is the DR-capacity warning's case.
    if (hosts.length === 0) return;
    const capacities = largest(sc, hosts, clock);
    const protectedVms = [...new Set(s.assignments.filter((a) => a.methods.length > 0).flatMap((a) => a.vms))].sort((a, b) => a - b);
    const tooLarge = protectedVms.filter((v) => !fitsSome(sc.vms[v]!, clock.vmDemand[v]!, capacities));
    if (tooLarge.length === 0) return;
    ctx.warn(['strategies', i, 'recovery'], `${vmList(sc, tooLarge)} larger than every host at DR site "${sc.sites[site]!.name}" (${describeLargest(capacities)}): ` +
      `${tooLarge.length === 1 ? 'it' : 'they'} cannot be recovered there`);
  });
}

function vmsLargerThanTheirCluster(ctx: ResolveContext, sc: Scenario, vmPaths: YamlPath[], clock: CpuClock): void {
  const byCluster = new Map<number, number[]>();
  sc.hosts.forEach((h, k) => {
    if (!usable(sc, k)) return;
    const list = byCluster.get(h.cluster);
    if (list) list.push(k);
    else byCluster.set(h.cluster, [k]);
  });
  const capacities = new Map([...byCluster].map(([cluster, hosts]) => [cluster, largest(sc, hosts, clock)]));
  const tooLarge = new Map<number, number[]>();
  sc.vms.forEach((vm, v) => {
    const caps = capacities.get(vm.cluster);
    if (caps === undefined || fitsSome(vm, clock.vmDemand[v]!, caps)) return;
    const list = tooLarge.get(vm.cluster);
    if (list) list.push(v);
    else tooLarge.set(vm.cluster, [v]);
  });
  for (const [cluster, vms] of tooLarge) {
    ctx.warn(vmPaths[vms[0]!]!, `${vmList(sc, vms)} larger than every host of cluster "${sc.clusters[cluster]!.name}" (${describeLargest(capacities.get(cluster)!)}): ` +
      `${vms.length === 1 ? 'it has' : 'they have'} nowhere to run`);
  }
}

function replicaArrays(ctx: ResolveContext, sc: Scenario): void {
  sc.strategies.forEach((s, i) => {
    const byArray = new Map<number, Set<number>>();
    for (const a of s.assignments) {
      for (const m of a.methods) {
        const use = methodDefinition(m).recovery;
        if (use.kind !== 'promote') continue;
        const target = use.replicaTarget(m as never);
        if (target < 0) continue;
        const set = byArray.get(target) ?? new Set<number>();
        for (const v of a.vms) set.add(v);
        byArray.set(target, set);
      }
    }
    for (const [array, set] of byArray) {
      const vms = [...set].sort((a, b) => a - b);
      const need = vms.reduce((acc, v) => acc + sc.vms[v]!.usedBytes, 0);
      const { capacityBytes, name } = sc.storage[array]!;
      if (need <= capacityBytes) continue;
      ctx.warn(['strategies', i], `strategy "${s.name}": DR array "${name}" has ${formatBytes(capacityBytes)}, but the replicas of ${vms.length} VM${vms.length === 1 ? '' : 's'} ` +
        `(${listNames(vms.map((v) => sc.vms[v]!.name))}) need ${formatBytes(need)}`);
    }
  });
}
