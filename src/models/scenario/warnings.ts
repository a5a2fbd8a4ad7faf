/**
 * Warnings: things that validate but cannot work as hoped, found without simulating.
 * - RPO target no strategy can meet even in the best case (best mean loss of a VM's methods:
 *   async T/2, backup P/2 of its most frequent backup, sync and CDP 0; unprotected: unbounded).
 * - RTO target below the fastest possible recovery under every strategy
 *   (minimum detection + declaration + boot + application recovery).
 * - DR site too small for the VMs a strategy recovers there (CPU at each host's clock, recovery/cpu-clock.ts).
 * - Replication that cannot keep up on average (unique changes or every write vs usable bandwidth).
 */
import { makeDistribution, type DistributionSpec } from '../../sim/distributions.js';
import type { ProtectionMethod, Scenario, Strategy, Vm } from './model.js';
import { listNames, type ResolveContext } from './resolvers/context.js';
import { capacityWarnings } from './capacity-warnings.js';
import { methodDefinition } from '../protection/methods/registry.js';
import type { YamlPath } from './problems.js';
import { formatBitsPerSecond, formatDuration } from '../units/format.js';
import { computeCpuClock } from '../recovery/cpu-clock.js';
import { minOf } from '../../sim/array-extremes.js';

// VMs of a template or tier share their distribution specs and method lists: computed once each.
const minimums = new WeakMap<DistributionSpec, number>();
const bestRpos = new WeakMap<ProtectionMethod[], number>();

function minimum(spec: DistributionSpec): number {
  let m = minimums.get(spec);
  if (m === undefined) minimums.set(spec, (m = Math.max(0, makeDistribution(spec).quantile(0))));
  return m;
}

export function bestMeanRpoSeconds(methods: ProtectionMethod[]): number {
  const cached = bestRpos.get(methods);
  if (cached !== undefined) return cached;
  let best = Infinity;
  for (const m of methods) best = Math.min(best, methodDefinition(m).bestMeanRpoSeconds(m));
  bestRpos.set(methods, best);
  return best;
}

/** Per VM, the methods protecting it under a strategy. */
function methodsByVm(s: Strategy, n: number): ProtectionMethod[][] {
  const out: ProtectionMethod[][] = Array.from({ length: n }, () => []);
  for (const a of s.assignments) for (const v of a.vms) out[v] = a.methods;
  return out;
}

/** Groups VMs that share a message so 10,000 VMs make one line, not 10,000. */
function grouped(ctx: ResolveContext, items: Array<{ vm: number; key: string }>, vms: Vm[], vmPaths: YamlPath[], text: (key: string, names: string) => string): void {
  const groups = new Map<string, number[]>();
  for (const { vm, key } of items) {
    const g = groups.get(key);
    if (g) g.push(vm);
    else groups.set(key, [vm]);
  }
  for (const [key, list] of groups) ctx.warn(vmPaths[list[0]], text(key, `${list.length === 1 ? 'VM' : `${list.length} VMs`} ${listNames(list.map((v) => vms[v].name))}`));
}

export function addWarnings(ctx: ResolveContext, sc: Scenario, vmPaths: YamlPath[]): void {
  if (sc.strategies.length === 0 || sc.vms.length === 0) return;
  const byStrategy = sc.strategies.map((s) => methodsByVm(s, sc.vms.length));

  const rpoMisses: Array<{ vm: number; key: string }> = [];
  const rtoMisses: Array<{ vm: number; key: string }> = [];
  const fixedRecovery = sc.strategies.map((s) => minimum(s.recovery.detectionSeconds) + minimum(s.recovery.declarationSeconds));
  sc.vms.forEach((vm, v) => {
    const bestRpo = minOf(byStrategy.map((m) => bestMeanRpoSeconds(m[v])));
    if (bestRpo > vm.rpoSeconds) rpoMisses.push({ vm: v, key: `${vm.rpoSeconds}|${bestRpo}` });
    const bestRto = minOf(fixedRecovery) + minimum(vm.bootSeconds) + minimum(vm.appRecoverySeconds);
    if (bestRto > vm.rtoSeconds) rtoMisses.push({ vm: v, key: `${vm.rtoSeconds}|${bestRto}` });
  });
  grouped(ctx, rpoMisses, sc.vms, vmPaths, (key, names) => {
    const [target, best] = key.split('|').map(Number);
    return `${names}: RPO target ${formatDuration(target)} cannot be met by any strategy (best case mean data loss ${best === Infinity ? 'unbounded: unprotected' : formatDuration(best)})`;
  });
  grouped(ctx, rtoMisses, sc.vms, vmPaths, (key, names) => {
    const [target, best] = key.split('|').map(Number);
    return `${names}: RTO target ${formatDuration(target)} is below the fastest possible recovery, ${formatDuration(best)} (detection + declaration + boot + application recovery)`;
  });

  drCapacity(ctx, sc);
  capacityWarnings(ctx, sc, vmPaths);
  linkLoad(ctx, sc);
}

function drCapacity(ctx: ResolveContext, sc: Scenario): void {
  const done = new Set<number>();
  const clock = computeCpuClock(sc);
  sc.strategies.forEach((s, i) => {
    const site = s.recovery.drSite;
    if (site < 0 || done.has(site)) return;
    done.add(site);
    let vcpu = 0;
    let ram = 0;
    for (let h = 0; h < sc.hosts.length; h++) {
      const host = sc.hosts[h];
      if (host.site !== site || host.model < 0 || host.cluster < 0) continue;
      const m = sc.hostModels[host.model];
      const c = sc.clusters[host.cluster];
      vcpu += m.cores * c.cpuOvercommit * clock.hostFactor[h];
      ram += m.ramBytes * (1 - c.ramReservationFraction);
    }
    const protectedVms = new Set(s.assignments.filter((a) => a.methods.length > 0).flatMap((a) => a.vms));
    let needVcpu = 0;
    let needRam = 0;
    for (const v of protectedVms) {
      needVcpu += clock.vmDemand[v];
      needRam += sc.vms[v].ramBytes;
    }
    if (needVcpu > vcpu * (1 + 1e-9) || needRam > ram) {
      const mixed = sc.hostModels.some((m) => m.ghz !== clock.referenceGhz);
      const atClock = mixed ? ` (vCPUs at ${clock.referenceGhz} GHz, the fastest host clock)` : '';
      ctx.warn(['strategies', i, 'recovery'], `DR site "${sc.sites[site].name}" holds ${Math.round(vcpu)} vCPUs and ${(ram / 2 ** 30).toFixed(0)} GiB for VMs, ` +
        `but the ${protectedVms.size} protected VMs need ${Math.round(needVcpu)} vCPUs and ${(needRam / 2 ** 30).toFixed(0)} GiB${atClock}: the lowest priorities will wait or stay down`);
    }
  });
}

function linkLoad(ctx: ResolveContext, sc: Scenario): void {
  sc.strategies.forEach((s, i) => {
    const load = new Map<number, number>();
    for (const a of s.assignments) {
      for (const m of a.methods) {
        const definition = methodDefinition(m);
        for (const v of a.vms) {
          const vm = sc.vms[v];
          const demand = definition.linkDemand(m, vm, sc.workloads[vm.workload]);
          if (demand === null || demand.link < 0) continue;
          load.set(demand.link, (load.get(demand.link) ?? 0) + demand.bytesPerSecond * 8);
        }
      }
    }
    for (const [l, bitsPerSecond] of load) {
      const link = sc.links[l];
      const usable = link.bandwidthBitsPerSecond * link.efficiency;
      if (bitsPerSecond > usable) {
        // The long-run formula, before any simulation: the run's verdict comes from the simulated lag (experiment/aggregation/sustainability.ts).
        ctx.warn(['strategies', i], `strategy "${s.name}" looks unsustainable on link "${link.name}": by the long-run formula replication needs ${formatBitsPerSecond(bitsPerSecond)} on average, ` +
          `the link carries ${formatBitsPerSecond(usable)} usable (expect the lag to grow; the run decides from the simulated lag's trend)`);
      }
    }
  });
}
