/**
 * The estate part of the plan: sites from datacenters, clusters, host models (hosts grouped by
 * identical model, sockets, cores, clock and RAM), host groups, and what the export cannot know —
 * a DR site with like-for-like hosts, storage arrays and backup targets — marked as assumptions.
 */
import type { Inventory, InventoryHost, InventoryVm } from './inventory.js';
import { ImportLog } from './inventory.js';
import type { PlanBackupTarget, PlanCluster, PlanHostGroup, PlanHostModel, PlanSite, PlanStorage, ScenarioPlan } from './plan-types.js';
import { claim, slug } from './unique-names.js';

const GiB = 2 ** 30;
const TB = 1e12;
/** The language's cluster defaults (scenario-schema.ts), used to size assumed hosts. */
const CPU_OVERCOMMIT = 4;
const RAM_RESERVATION = 0.1;
export const ASSUMED_MODEL = { cores: 32, sockets: 2, ghz: 2.4, ramBytes: 512 * GiB };
const DEFAULT_SITE = 'primary';

/** The estate part of the scenario plan, plus where each inventory VM landed. */
export interface EstatePlan extends Pick<ScenarioPlan, 'sites' | 'drSite' | 'hostModels' | 'clusters' | 'hosts' | 'storage' | 'backupTargets'> {
  /** Per inventory VM (same order): its cluster and site names. */
  vmCluster: string[];
  vmSite: string[];
}

interface Needs { vcpus: number; ramBytes: number }

/** Hosts of `model` needed to hold `need` at the default overcommit and reservation. */
function hostsNeeded(need: Needs, model: { cores: number; ramBytes: number }): number {
  return Math.max(1, Math.ceil(Math.max(need.vcpus / (model.cores * CPU_OVERCOMMIT), need.ramBytes / (model.ramBytes * (1 - RAM_RESERVATION)))));
}

/** Whether one host of `model` can run `vm` (at the default overcommit and reservation, as recovery places VMs). */
function fitsOneHost(vm: InventoryVm, model: { cores: number; ramBytes: number }): boolean {
  return vm.vcpus <= model.cores * CPU_OVERCOMMIT && vm.ramBytes <= model.ramBytes * (1 - RAM_RESERVATION);
}

export function planEstate(inv: Inventory, log: ImportLog): EstatePlan {
  const hostByName = new Map<string, InventoryHost>();
  for (const h of inv.hosts) hostByName.set(h.name.toLowerCase(), h);
  const siteOf = (vm: InventoryVm): string => vm.site ?? (vm.host ? hostByName.get(vm.host.toLowerCase())?.site : null) ?? DEFAULT_SITE;
  const clusterOf = (vm: InventoryVm): string | null => vm.cluster ?? (vm.host ? hostByName.get(vm.host.toLowerCase())?.cluster : null) ?? null;
  // A host row without a datacenter goes where the VMs running on it are.
  const vmSiteByHost = new Map<string, string>();
  for (const vm of inv.vms) if (vm.host && vm.site && !vmSiteByHost.has(vm.host.toLowerCase())) vmSiteByHost.set(vm.host.toLowerCase(), vm.site);
  const hostSite = (h: InventoryHost): string => h.site ?? vmSiteByHost.get(h.name.toLowerCase()) ?? DEFAULT_SITE;

  // Sites, in order of first appearance (VMs first, then hosts).
  const siteNames: string[] = [];
  const addSite = (s: string) => { if (!siteNames.includes(s)) siteNames.push(s); };
  inv.vms.forEach((vm) => addSite(siteOf(vm)));
  inv.hosts.forEach((h) => addSite(hostSite(h)));
  if (siteNames.includes(DEFAULT_SITE)) log.note(`VMs or hosts with no datacenter are placed at site "${DEFAULT_SITE}"`);
  const taken = new Set(siteNames);
  const drSite = claim('dr', taken);

  // Clusters: keyed by (site, cluster); the same cluster name at two sites gets the site as prefix.
  const keyOf = (site: string, cluster: string | null) => `${site}\u0000${cluster ?? ''}`;
  const keys: Array<{ site: string; cluster: string | null }> = [];
  const seenKeys = new Set<string>();
  const addKey = (site: string, cluster: string | null) => {
    const k = keyOf(site, cluster);
    if (!seenKeys.has(k)) { seenKeys.add(k); keys.push({ site, cluster }); }
  };
  inv.vms.forEach((vm) => addKey(siteOf(vm), clusterOf(vm)));
  inv.hosts.forEach((h) => addKey(hostSite(h), h.cluster));
  const nameCount = new Map<string, number>();
  for (const k of keys) if (k.cluster) nameCount.set(k.cluster, (nameCount.get(k.cluster) ?? 0) + 1);
  const clusterTaken = new Set<string>();
  const clusterName = new Map<string, string>();
  const clusters: PlanCluster[] = [];
  for (const k of keys) {
    const base = k.cluster === null ? `${k.site}-standalone` : (nameCount.get(k.cluster)! > 1 ? `${k.site}-${k.cluster}` : k.cluster);
    const name = claim(base, clusterTaken);
    clusterName.set(keyOf(k.site, k.cluster), name);
    clusters.push({ name, site: k.site, assumed: false });
  }
  const vmCluster = inv.vms.map((vm) => clusterName.get(keyOf(siteOf(vm), clusterOf(vm)))!);
  const vmSite = inv.vms.map(siteOf);
  const standalone = keys.filter((k) => k.cluster === null).length;
  if (standalone > 0) log.note(`VMs and hosts outside any cluster are grouped per site as "<site>-standalone"`);

  // Host models: identical (model text, cores, sockets, clock, RAM) share one.
  const models = new Map<string, PlanHostModel>();
  const modelTaken = new Set<string>();
  const groups = new Map<string, PlanHostGroup>();
  let missingClock = 0;
  for (const h of inv.hosts) {
    const ghz = h.ghz ?? ASSUMED_MODEL.ghz;
    if (h.ghz === null) missingClock++;
    const sockets = h.sockets ?? 1;
    const key = `${h.model ?? ''}|${h.cores}|${sockets}|${ghz}|${h.ramBytes}`;
    let m = models.get(key);
    if (!m) {
      const ramGiB = Math.round(h.ramBytes! / GiB);
      m = { name: claim(`${h.model ? slug(h.model.split(' / ')[0]) : 'host'}-${h.cores}c-${ramGiB}g`, modelTaken), cores: h.cores!, sockets, ghz, ramBytes: h.ramBytes!,
        description: h.model, assumed: h.ghz === null ? `clock not in the export, ${ASSUMED_MODEL.ghz} GHz assumed` : null };
      models.set(key, m);
    }
    const cluster = clusterName.get(keyOf(hostSite(h), h.cluster))!;
    const gk = `${cluster}\u0000${m.name}`;
    const g = groups.get(gk);
    if (g) { g.count++; g.names.push(h.name); } else groups.set(gk, { model: m.name, cluster, count: 1, names: [h.name], assumed: null });
  }
  if (missingClock > 0) log.assume(`${missingClock} host${missingClock === 1 ? '' : 's'} without a clock speed: ${ASSUMED_MODEL.ghz} GHz`);
  const hostModels = [...models.values()];
  const hosts = [...groups.values()];

  // Clusters with VMs but no hosts in the export: hosts of an assumed model, enough for N+1.
  const needs = new Map<string, Needs>();
  inv.vms.forEach((vm, i) => {
    const n = needs.get(vmCluster[i]) ?? { vcpus: 0, ramBytes: 0 };
    n.vcpus += vm.vcpus;
    n.ramBytes += vm.ramBytes;
    needs.set(vmCluster[i], n);
  });
  const hostNamesSeen = new Map<string, Set<string>>();
  inv.vms.forEach((vm, i) => {
    if (!vm.host) return;
    const s = hostNamesSeen.get(vmCluster[i]) ?? new Set<string>();
    s.add(vm.host);
    hostNamesSeen.set(vmCluster[i], s);
  });
  let assumedModel: PlanHostModel | null = null;
  const getAssumedModel = (): PlanHostModel => {
    if (!assumedModel) {
      assumedModel = { name: claim('assumed-host', modelTaken), ...ASSUMED_MODEL, description: null,
        assumed: `no host hardware in the export: ${ASSUMED_MODEL.sockets} × ${ASSUMED_MODEL.cores / ASSUMED_MODEL.sockets} cores, ${ASSUMED_MODEL.ghz} GHz, ${ASSUMED_MODEL.ramBytes / GiB} GiB` };
      hostModels.push(assumedModel);
    }
    return assumedModel;
  };
  const withHosts = new Set(hosts.map((g) => g.cluster));
  const sized: string[] = [];
  for (const c of clusters) {
    if (withHosts.has(c.name) || !needs.has(c.name)) continue;
    const model = getAssumedModel();
    const seen = [...(hostNamesSeen.get(c.name) ?? [])].sort();
    const count = Math.max(seen.length, hostsNeeded(needs.get(c.name)!, model) + 1);
    hosts.push({ model: model.name, cluster: c.name, count, names: seen,
      assumed: seen.length >= count ? `hardware unknown; ${seen.length} hosts named in the VM list` : `hardware unknown; sized to hold its VMs with one host spare (N+1)` });
    sized.push(c.name);
  }
  if (sized.length > 0) {
    log.assume(`cluster${sized.length === 1 ? '' : 's'} ${sized.slice(0, 8).join(', ')}${sized.length > 8 ? ` and ${sized.length - 8} more` : ''}: host hardware unknown` +
      `${inv.hosts.length === 0 ? ' (give --hosts vHost.csv)' : ''}, hosts of an assumed model (${ASSUMED_MODEL.cores} cores, ${ASSUMED_MODEL.ramBytes / GiB} GiB) sized to their VMs + 1`);
  }

  // The DR site: like-for-like hosts (the most common primary model that can run the largest VM), enough
  // for every VM together. Enough in total is not enough if one VM is larger than any one host.
  const total = inv.vms.reduce((a, vm) => ({ vcpus: a.vcpus + vm.vcpus, ramBytes: a.ramBytes + vm.ramBytes }), { vcpus: 0, ramBytes: 0 });
  const byModel = new Map<string, number>();
  for (const g of hosts) byModel.set(g.model, (byModel.get(g.model) ?? 0) + g.count);
  const common = [...byModel.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => hostModels.find((m) => m.name === name)!).filter((m) => m !== undefined);
  const drModel = common.find((m) => inv.vms.every((vm) => fitsOneHost(vm, m))) ?? common[0] ?? getAssumedModel();
  const tooLarge = inv.vms.filter((vm) => !fitsOneHost(vm, drModel));
  const drCluster = claim(`${drSite}-cluster`, clusterTaken);
  const drCount = hostsNeeded(total, drModel);
  clusters.push({ name: drCluster, site: drSite, assumed: true });
  const enough = tooLarge.length === 0 ? `enough for all ${inv.vms.length} VMs` : `enough for the ${inv.vms.length} VMs together, but ${tooLarge.length} VM${tooLarge.length === 1 ? ' is' : 's are'} larger than one host`;
  hosts.push({ model: drModel.name, cluster: drCluster, count: drCount, names: [], assumed: `DR hosts: ${drCount} × ${drModel.name}, ${enough}` });
  log.assume(`DR site "${drSite}" with ${drCount} hosts of model ${drModel.name} (${enough}), storage, backup targets and WAN links: edit them`);
  if (tooLarge.length > 0) {
    const shown = tooLarge.slice(0, 5).map((vm) => `${vm.name} (${vm.vcpus} vCPUs, ${(vm.ramBytes / GiB).toFixed(0)} GiB)`).join(', ');
    log.warn(`${tooLarge.length} VM${tooLarge.length === 1 ? ' needs' : 's need'} more than one DR host of model ${drModel.name} offers ` +
      `(${drModel.cores * CPU_OVERCOMMIT} vCPUs, ${((drModel.ramBytes * (1 - RAM_RESERVATION)) / GiB).toFixed(0)} GiB): ${shown}${tooLarge.length > 5 ? ` and ${tooLarge.length - 5} more` : ''}; ` +
      `${tooLarge.length === 1 ? 'it cannot' : 'they cannot'} be recovered at DR until you give the DR site a larger host model`);
  }

  const sites: PlanSite[] = [...siteNames.map((name) => ({ name, role: 'primary' as const, assumed: false })), { name: drSite, role: 'dr', assumed: true }];

  // Storage: an array per site sized to its disks + 30% (snapshots, growth); a backup target per primary site.
  const provisionedBySite = new Map<string, number>();
  inv.vms.forEach((vm, i) => provisionedBySite.set(vmSite[i], (provisionedBySite.get(vmSite[i]) ?? 0) + vm.provisionedBytes));
  const capacity = (bytes: number) => Math.max(1, Math.ceil((bytes * 1.3) / TB)) * TB;
  const arrayTaken = new Set<string>();
  const storage: PlanStorage[] = siteNames.map((s) => ({ name: claim(`${s}-array`, arrayTaken), site: s, capacityBytes: capacity(provisionedBySite.get(s) ?? 0) }));
  const allProvisioned = inv.vms.reduce((a, vm) => a + vm.provisionedBytes, 0);
  storage.push({ name: claim(`${drSite}-array`, arrayTaken), site: drSite, capacityBytes: capacity(allProvisioned) });
  const backupTaken = new Set<string>();
  const backupTargets: PlanBackupTarget[] = siteNames.map((s) => ({ name: claim(`${s}-backup`, backupTaken), site: s }));
  return { sites, drSite, hostModels, clusters, hosts, storage, backupTargets, vmCluster, vmSite };
}
