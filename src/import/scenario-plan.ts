/**
 * Inventory → ScenarioPlan: unique VM names, the estate (plan-estate.ts), tiers and workloads
 * (plan-workloads.ts), WAN links sized to the measured or assumed write rates, and the VM list.
 */
import type { Hypervisor } from '../models/scenario/model.js';
import { formatBitsPerSecond } from '../models/units/format.js';
import { ImportLog, listRows, type Inventory } from './inventory.js';
import { planEstate } from './plan-estate.js';
import type { PlanLink, PlanVm, ScenarioPlan } from './plan-types.js';
import { planWorkloads } from './plan-workloads.js';
import { claim, uniqueNames } from './unique-names.js';

/** Link sizes a carrier sells, bits/s. */
const BANDWIDTH_STEPS = [10e6, 20e6, 50e6, 100e6, 200e6, 500e6, 1e9, 2e9, 5e9, 10e9, 20e9, 40e9, 100e9, 400e9];
/** The language's default link efficiency (75%, VMware's own figures). */
const LINK_EFFICIENCY = 0.75;
const LINK_HEADROOM = 1.25;
const WEEK_SECONDS = 7 * 86400;

export interface PlanOptions {
  name: string;
  /** Hypervisor for VMs whose row does not say (CSV imports); null = VMware, the language's default. */
  hypervisor: Hypervisor | null;
}

export function planScenario(inv: Inventory, opts: PlanOptions, log: ImportLog): ScenarioPlan {
  const { names, renamed } = uniqueNames(inv.vms.map((vm) => vm.name));
  if (renamed.length > 0) {
    log.warn(`${renamed.length} duplicate VM name${renamed.length === 1 ? '' : 's'} made unique: ` +
      `${renamed.slice(0, 6).map((r) => `"${r.from}" (row ${inv.vms[r.index].row}) → "${r.to}"`).join(', ')}${renamed.length > 6 ? ', ...' : ''}` +
      `; rows ${listRows(renamed.map((r) => inv.vms[r.index].row))}`);
  }
  const estate = planEstate(inv, log);
  const wl = planWorkloads(inv, names, log);

  // One link per primary site with VMs, sized for the starter strategies: weekly fulls of the used
  // disks and nightly incrementals (a quarter of a day's writes are unique) shipped offsite, plus
  // async replication (60% unique over 15 min, 50% compression), at 75% efficiency with 25% headroom.
  const needBySite = new Map<string, number>();
  inv.vms.forEach((vm, i) => {
    const bytesPerSecond = (vm.usedBytes ?? vm.provisionedBytes) / WEEK_SECONDS + wl.vmWriteBytesPerSecond[i] * (0.25 + 0.6 * 0.5);
    needBySite.set(estate.vmSite[i], (needBySite.get(estate.vmSite[i]) ?? 0) + bytesPerSecond * 8);
  });
  const linkTaken = new Set<string>();
  const links: PlanLink[] = [...needBySite.entries()].map(([site, needBitsPerSecond]) => {
    const want = (needBitsPerSecond * LINK_HEADROOM) / LINK_EFFICIENCY;
    const bandwidth = BANDWIDTH_STEPS.find((b) => b >= want) ?? Math.ceil(want / 1e11) * 1e11;
    return { name: claim(`${site}-${estate.drSite}`, linkTaken), site, dr: estate.drSite, bandwidthBitsPerSecond: bandwidth, needBitsPerSecond };
  });
  for (const l of links) {
    log.assume(`WAN link ${l.name}: ${formatBitsPerSecond(l.bandwidthBitsPerSecond)} (the starter strategies need ${formatBitsPerSecond(l.needBitsPerSecond)} on average), 100 km, no price`);
  }

  let hyperv = 0;
  let hypervNoLun = 0;
  const vms: PlanVm[] = inv.vms.map((vm, i) => {
    const hypervisor = vm.hypervisor ?? opts.hypervisor;
    // Only Hyper-V fails over per LUN; elsewhere the LUN changes nothing, so it is left out.
    const lun = hypervisor === 'hyperv' ? vm.lun : null;
    if (hypervisor === 'hyperv') { hyperv++; if (lun === null) hypervNoLun++; }
    return {
      name: names[i], cluster: estate.vmCluster[i], vcpus: vm.vcpus, ramBytes: vm.ramBytes, provisionedBytes: vm.provisionedBytes,
      usedBytes: vm.usedBytes, tier: vm.tier, app: vm.app, hypervisor: hypervisor === 'vmware' ? null : hypervisor, lun,
      workload: null, writeScale: wl.vmWriteScale[i],
    };
  });
  if (hypervNoLun > 0) log.assume(`${hypervNoLun} of ${hyperv} Hyper-V VMs have no LUN/CSV column: each fails over alone (map a "lun" column to group them)`);

  const vmCount = new Map<string, number>();
  estate.vmSite.forEach((s) => vmCount.set(s, (vmCount.get(s) ?? 0) + 1));
  const disasterSite = [...vmCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? estate.sites[0].name;
  return {
    name: opts.name,
    description: `Imported from ${inv.source}${inv.writesSource ? ` with write rates from ${inv.writesSource}` : ''}: ${vms.length} VMs. Edit the ASSUMPTION lines.`,
    source: inv.source,
    sites: estate.sites,
    drSite: estate.drSite,
    hostModels: estate.hostModels,
    clusters: estate.clusters,
    hosts: estate.hosts,
    storage: estate.storage,
    backupTargets: estate.backupTargets,
    links,
    workloads: wl.workloads,
    tiers: wl.tiers,
    tiersFromExport: wl.tiersFromExport,
    vms,
    disasterSite,
  };
}
