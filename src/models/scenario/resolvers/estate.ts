/** Sites, host models, clusters, hosts (counts expanded to named hosts), storage, backup targets, WAN links. */
import type { BackupTarget, Cluster, Host, HostModel, LinkPrice, Scenario, Site, StorageArray, WanLink } from '../model.js';
import type { YamlPath } from '../problems.js';
import { formatBitsPerSecond } from '../../units/format.js';
import type { ScenarioInput } from '../schema.js';
import { NameTable, ResolveContext } from './context.js';
import { formatIndexPattern, parseIndexPattern } from '../patterns.js';
import { withinLimit } from './expansion-limit.js';
import { SECONDS_PER_YEAR } from '../../units/parse.js';
import { formatDuration } from '../../units/format.js';
import { DEFAULT_TAPE_MOUNT_SECONDS } from '../../protection/methods/backup.js';

/** Signal propagation in fibre: ~200,000 km/s, so RTT = 2·distance / 2e8 m/s. */
const FIBRE_METERS_PER_SECOND = 2e8;
const DEFAULT_RTT_SECONDS = 0.005;

type EstateParts = 'sites' | 'hostModels' | 'clusters' | 'hosts' | 'storage' | 'backupTargets' | 'links';

export interface Estate extends Pick<Scenario, EstateParts> {
  tables: {
    sites: NameTable; hostModels: NameTable; clusters: NameTable; hosts: NameTable;
    storage: NameTable; backupTargets: NameTable; links: NameTable;
  };
}

export function resolveEstate(ctx: ResolveContext, input: ScenarioInput, defaultAmortizationYears: number): Estate {
  const sites = ctx.table('site', 'sites', input.sites);
  const hostModelsT = ctx.table('host model', 'hostModels', input.hostModels);
  const clustersT = ctx.table('cluster', 'clusters', input.clusters);
  const storageT = ctx.table('storage array', 'storage', input.storage);
  const targetsT = ctx.table('backup target', 'backupTargets', input.backupTargets);
  const linksT = ctx.table('link', 'links', input.links);

  const hostModels: HostModel[] = input.hostModels.map((m) => ({
    name: m.name, cores: m.cores, sockets: m.sockets, ghz: m.ghz, ramBytes: m.ram, price: m.price, powerWatts: m.power,
    amortizationYears: m.amortization !== undefined ? m.amortization / SECONDS_PER_YEAR : defaultAmortizationYears,
  }));
  hostModels.forEach((m, i) => {
    if (m.cores < m.sockets) ctx.error(['hostModels', i, 'cores'], `cores counts all sockets together: ${m.cores} cores cannot fill ${m.sockets} sockets`);
  });

  const clusters: Cluster[] = input.clusters.map((c, i) => ({
    name: c.name,
    site: ctx.ref(sites, c.site, ['clusters', i, 'site'], `cluster "${c.name}"`),
    cpuOvercommit: c.cpuOvercommit,
    ramReservationFraction: c.ramReservation,
  }));

  const hostsT = new NameTable('host', 'hosts');
  const hosts: Host[] = [];
  const hostEntries = withinLimit(ctx, input.hosts, 'hosts', 'host', ctx.limits.maxHosts) ? input.hosts : [];
  const perClusterNext = new Map<string, number>();
  const perClusterTotal = new Map<string, number>();
  for (const h of hostEntries) perClusterTotal.set(h.cluster, (perClusterTotal.get(h.cluster) ?? 0) + h.count);
  hostEntries.forEach((h, i) => {
    const model = ctx.ref(hostModelsT, h.model, ['hosts', i, 'model'], `hosts[${i}]`);
    const cluster = ctx.ref(clustersT, h.cluster, ['hosts', i, 'cluster'], `hosts[${i}]`);
    const pattern = h.name !== undefined ? parseIndexPattern(h.name) : null;
    if (h.name !== undefined && h.count > 1 && pattern && !pattern.hasIndex) {
      ctx.error(['hosts', i, 'name'], `${h.count} hosts cannot share the name "${h.name}": use a pattern like "${h.name}-{i:02}"`);
      return;
    }
    for (let k = 0; k < h.count; k++) {
      const n = (perClusterNext.get(h.cluster) ?? 0) + 1;
      perClusterNext.set(h.cluster, n);
      // Generated names number hosts per cluster across entries: prod-01, prod-02, ...
      const width = Math.max(2, String(perClusterTotal.get(h.cluster) ?? 1).length);
      const hostName = pattern ? formatIndexPattern(pattern, k + 1) : `${h.cluster}-${String(n).padStart(width, '0')}`;
      if (!ctx.define(hostsT, hostName, ['hosts', i, h.name !== undefined ? 'name' : 'cluster'], `hosts[${i}]`)) continue;
      hosts.push({
        name: hostName, model, cluster, site: cluster >= 0 ? clusters[cluster].site : -1,
        devTest: h.devTest ? {
          cpuFraction: h.devTest.cpu, ramFraction: h.devTest.ram, shutdownSeconds: h.devTest.shutdown, valuePerYear: h.devTest.valuePerYear,
        } : null,
      });
    }
  });

  const storage: StorageArray[] = input.storage.map((s, i) => ({
    name: s.name, site: ctx.ref(sites, s.site, ['storage', i, 'site'], `storage array "${s.name}"`),
    capacityBytes: s.capacity, provisioning: s.provisioning, readBytesPerSecond: s.read, writeBytesPerSecond: s.write, pricePerTB: s.pricePerTB,
  }));
  const backupTargets: BackupTarget[] = input.backupTargets.map((b, i) => {
    // A tape library mounts and positions a tape before a restore reads; disk and object storage answer at once.
    if (b.media === 'tape' && b.mount === undefined) ctx.assume(`Restoring from tape target "${b.name}" mounts and positions a tape first: ${formatDuration(DEFAULT_TAPE_MOUNT_SECONDS)} per restore (set mount on the target).`);
    return {
      name: b.name, site: ctx.ref(sites, b.site, ['backupTargets', i, 'site'], `backup target "${b.name}"`), media: b.media,
      mountSeconds: b.mount ?? (b.media === 'tape' ? DEFAULT_TAPE_MOUNT_SECONDS : 0),
      readBytesPerSecond: b.read, writeBytesPerSecond: b.write, pricePerTB: b.pricePerTB,
    };
  });

  const links: WanLink[] = input.links.map((l, i) => {
    const siteA = ctx.ref(sites, l.between[0], ['links', i, 'between', 0], `link "${l.name}"`);
    const siteB = ctx.ref(sites, l.between[1], ['links', i, 'between', 1], `link "${l.name}"`);
    if (siteA >= 0 && siteA === siteB) ctx.error(['links', i, 'between'], `link "${l.name}" connects site "${l.between[0]}" to itself`);
    if (l.rtt !== undefined && l.distance !== undefined) ctx.error(['links', i, 'distance'], 'give rtt or distance, not both (distance sets RTT = 2·distance / 200,000 km/s)');
    const rttSeconds = l.rtt ?? (l.distance !== undefined ? (2 * l.distance) / FIBRE_METERS_PER_SECOND : DEFAULT_RTT_SECONDS);
    let outages: WanLink['outages'] = null;
    if (l.outages) {
      const perYear = frequencyPerYear(ctx, ['links', i, 'outages'], l.outages);
      outages = { mtbfSeconds: perYear > 0 ? SECONDS_PER_YEAR / perYear : Infinity, durationSeconds: l.outages.duration };
    }
    return {
      name: l.name, siteA, siteB, bandwidthBitsPerSecond: l.bandwidth, efficiency: l.efficiency, rttSeconds,
      price: resolveLinkPrice(ctx, l, ['links', i]), outages,
    };
  });
  links.forEach((l, i) => {
    if (l.efficiency === 0) ctx.error(['links', i, 'efficiency'], 'an efficiency of 0% leaves no usable bandwidth');
  });

  return {
    sites: input.sites.map((s) => ({ name: s.name, role: s.role })),
    hostModels, clusters, hosts, storage, backupTargets, links,
    tables: { sites, hostModels: hostModelsT, clusters: clustersT, hosts: hostsT, storage: storageT, backupTargets: targetsT, links: linksT },
  };
}

/** `rate: 0.02/year` or `mtbf: 50 years` (exactly one) → events per year. */
export function frequencyPerYear(ctx: ResolveContext, path: (string | number)[], f: { rate?: number; mtbf?: number }): number {
  if (f.rate !== undefined && f.mtbf !== undefined) {
    ctx.error([...path, 'mtbf'], 'give rate or mtbf, not both');
    return f.rate;
  }
  if (f.rate !== undefined) return f.rate;
  if (f.mtbf !== undefined) return SECONDS_PER_YEAR / f.mtbf;
  ctx.error(path, 'missing how often: give rate (e.g. "0.5/year") or mtbf (e.g. "2 years")');
  return 0;
}

/** The link's price; a bandwidth beyond the largest size one can buy is an error, one between sizes is priced as the next up. */
function resolveLinkPrice(ctx: ResolveContext, l: ScenarioInput['links'][number], at: YamlPath): LinkPrice {
  if (l.price !== undefined && l.monthlyCost !== undefined) {
    ctx.error([...at, 'price'], 'give monthlyCost (a fixed price) or price (by bandwidth), not both');
  }
  if (l.price === undefined) return { kind: 'fixed', monthly: l.monthlyCost ?? 0 };
  if ('perMbit' in l.price) return { kind: 'per-bandwidth', perMbitPerMonth: l.price.perMbit, minimumPerMonth: l.price.minimum };
  const sizes = l.price.sizes.map((s) => ({ bandwidthBitsPerSecond: s.bandwidth, monthly: s.monthly })).sort((a, b) => a.bandwidthBitsPerSecond - b.bandwidthBitsPerSecond);
  const largest = sizes[sizes.length - 1];
  if (l.bandwidth > largest.bandwidthBitsPerSecond) {
    ctx.error([...at, 'bandwidth'], `link "${l.name}" is ${formatBitsPerSecond(l.bandwidth)}, more than the largest size it can be bought in (${formatBitsPerSecond(largest.bandwidthBitsPerSecond)})`);
  } else if (!sizes.some((s) => s.bandwidthBitsPerSecond === l.bandwidth)) {
    const next = sizes.find((s) => s.bandwidthBitsPerSecond >= l.bandwidth)!;
    ctx.warn([...at, 'bandwidth'], `link "${l.name}" is ${formatBitsPerSecond(l.bandwidth)}, not a size it can be bought in: priced as ${formatBitsPerSecond(next.bandwidthBitsPerSecond)}`);
  }
  return { kind: 'sizes', sizes };
}
