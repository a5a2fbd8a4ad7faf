/**
 * VMs: single entries and templates (`template: web-{i:02}, count: 40`) expanded to individual VMs,
 * tier defaults applied, jitter (distributions in disk sizes and writeScale) drawn from a seeded
 * stream per entry, references resolved, dependencies checked for cycles.
 */
import { makeDistribution, type DistributionSpec } from '../../../sim/distributions.js';
import { RandomStreams, type RandomStream } from '../../../sim/random.js';
import type { Vm } from '../model.js';
import type { ScenarioInput, VmInput } from '../schema.js';
import { NameTable, listNames, type ResolveContext } from './context.js';
import type { Estate } from './estate.js';
import type { ApplicationInput } from './applications.js';
import { expandIndex, formatIndexPattern, globToRegExp, isGlob, parseIndexPattern } from '../patterns.js';
import type { YamlPath } from '../problems.js';
import { withinLimit } from './expansion-limit.js';

export const DEFAULT_TIER = 3;
/** Used for a VM whose tier has no entry under `tiers`. */
export const BUILTIN_TIER_DEFAULTS = {
  rtoSeconds: 24 * 3600, rpoSeconds: 24 * 3600, downtimeCostPerHour: 0, dataLossCostPerHour: 0,
  bootSeconds: { kind: 'deterministic', value: 120 } as DistributionSpec,
  appRecoverySeconds: { kind: 'deterministic', value: 0 } as DistributionSpec,
};

export interface ResolvedVms {
  vms: Vm[];
  /** YAML path of the entry (single VM or template) each VM came from. */
  vmPaths: YamlPath[];
  table: NameTable;
}

interface Draw { next(spec: DistributionSpec): number }

function drawer(stream: RandomStream): Draw {
  const cache = new Map<DistributionSpec, ReturnType<typeof makeDistribution>>();
  return {
    next(spec) {
      if (spec.kind === 'deterministic') return spec.value;
      let d = cache.get(spec);
      if (!d) cache.set(spec, (d = makeDistribution(spec)));
      return d.sample(stream);
    },
  };
}

export function resolveVms(ctx: ResolveContext, input: ScenarioInput, estate: Estate, workloadTable: NameTable, seed: number, applications: Map<string, ApplicationInput> = new Map()): ResolvedVms {
  const { tables } = estate;
  const tierMap = new Map<number, ScenarioInput['tiers'][number]>();
  input.tiers.forEach((t, i) => {
    if (tierMap.has(t.tier)) ctx.error(['tiers', i, 'tier'], `tier ${t.tier} is defined twice`);
    tierMap.set(t.tier, t);
    if (t.workload !== undefined) ctx.ref(workloadTable, t.workload, ['tiers', i, 'workload'], `tier ${t.tier}`);
  });

  const primaryClusters = estate.clusters.map((c, i) => ({ c, i })).filter(({ c }) => c.site >= 0 && estate.sites[c.site].role === 'primary');
  const defaultCluster = estate.clusters.length === 1 ? 0 : primaryClusters.length === 1 ? primaryClusters[0].i : -1;
  const streams = new RandomStreams(seed);

  const vms: Vm[] = [];
  const vmPaths: YamlPath[] = [];
  const table = new NameTable('VM', 'vms');
  const pendingDeps: Array<{ vm: number; entry: number; deps: string[] }> = [];

  // Counted before anything is expanded: `count: 10000000` is refused here, not by the out-of-memory killer.
  if (!withinLimit(ctx, input.vms, 'vms', 'VM', ctx.limits.maxVms)) return { vms, vmPaths, table };

  input.vms.forEach((e, entry) => {
    const at = (...p: YamlPath): YamlPath => ['vms', entry, ...p];
    if (e.name !== undefined && e.template !== undefined) return ctx.error(at('template'), 'give name (one VM) or template (several), not both');
    if (e.name === undefined && e.template === undefined) return ctx.error(at(), 'missing required key "name" (or "template" with "count" for a group of VMs)');
    const isTemplate = e.template !== undefined;
    if (!isTemplate && (e.count !== undefined || e.start !== undefined)) return ctx.error(at(e.count !== undefined ? 'count' : 'start'), `count and start need a template name like "${e.name}-{i:02}"`);
    const count = e.count ?? 1;
    const pattern = parseIndexPattern(e.template ?? e.name!);
    if (isTemplate && count > 1 && !pattern.hasIndex) return ctx.error(at('template'), `${count} VMs cannot share the name "${e.template}": put {i} or {i:02} in it`);
    for (const key of ['cluster', 'storage'] as const) {
      if (!isTemplate && (e[key]?.length ?? 0) > 1) return ctx.error(at(key), `a single VM has one ${key}; lists (spread round-robin) are for templates`);
    }
    const label = isTemplate ? `template "${e.template}"` : `VM "${e.name}"`;
    const clusters = e.cluster?.map((c, k) => ctx.ref(tables.clusters, c, e.cluster!.length > 1 ? at('cluster', k) : at('cluster'), label)) ?? [defaultCluster];
    if (!e.cluster && defaultCluster < 0) {
      // A cluster whose site did not resolve is already reported; guessing a default now would only add noise.
      if (estate.clusters.some((c) => c.site < 0)) return;
      return ctx.error(at(), `missing required key "cluster" (${estate.clusters.length === 0 ? 'no clusters are defined' : `clusters: ${listNames(estate.clusters.map((c) => c.name))}`})`);
    }
    const storages = e.storage?.map((s, k) => ctx.ref(tables.storage, s, e.storage!.length > 1 ? at('storage', k) : at('storage'), label)) ?? null;
    if (clusters.includes(-1) || storages?.includes(-1)) return;

    const tierNumber = e.tier ?? DEFAULT_TIER;
    const tier = tierMap.get(tierNumber);
    const workloadName = e.workload ?? tier?.workload ?? (workloadTable.names.length === 1 ? workloadTable.names[0] : undefined);
    if (workloadName === undefined) {
      return ctx.error(at(), workloadTable.names.length === 0
        ? 'no workload: define one under `workloads:` (write rates drive every protection method)'
        : `missing required key "workload" (workloads: ${listNames(workloadTable.names)}; or set one for tier ${tierNumber} under tiers)`);
    }
    const workload = ctx.ref(workloadTable, workloadName, e.workload !== undefined ? at('workload') : at(), label);
    if (workload < 0) return;

    const rng = drawer(streams.stream(`scenario-jitter/${e.template ?? e.name}`));
    const start = e.start ?? 1;
    // One path per entry, shared by its VMs (paths are only read, never changed).
    const entryPath = at();
    for (let k = 0; k < count; k++) {
      const i = start + k;
      const name = isTemplate ? formatIndexPattern(pattern, i) : e.name!;
      const cluster = clusters[k % clusters.length];
      const site = estate.clusters[cluster].site;
      let storage = storages ? storages[k % storages.length] : defaultStorage(estate, site);
      if (storage < 0) {
        ctx.error(at(), `missing required key "storage" (${describeArrays(estate, site)})`);
        return;
      }
      if (estate.storage[storage].site !== site) {
        ctx.error(at('storage'), `${label}: storage array "${estate.storage[storage].name}" is at site "${estate.sites[estate.storage[storage].site]?.name}", but cluster "${estate.clusters[cluster].name}" is at "${estate.sites[site].name}"`);
        return;
      }
      const appName = e.app === undefined ? undefined : isTemplate ? expandIndex(e.app, i) : e.app;
      const app = appName === undefined ? undefined : applications.get(appName);
      const vm = buildVm(ctx, e, entry, name, i, isTemplate, { cluster, site, storage, workload, tierNumber, tier, app }, rng);
      if (!vm) return;
      // Named only once built: the table's index of a name must be its index in `vms` (dependencies use it).
      if (!ctx.define(table, name, at(isTemplate ? 'template' : 'name'), `vms[${entry}]`)) continue;
      vms.push(vm);
      vmPaths.push(entryPath);
      if (e.dependsOn.length > 0) pendingDeps.push({ vm: vms.length - 1, entry, deps: e.dependsOn.map((d) => (isTemplate ? expandIndex(d, i) : d)) });
    }
  });

  resolveDependencies(ctx, vms, table, pendingDeps);
  reportCycles(ctx, vms, vmPaths);
  return { vms, vmPaths, table };
}

function defaultStorage(estate: Estate, site: number): number {
  const here = estate.storage.map((s, i) => ({ s, i })).filter(({ s }) => s.site === site);
  return here.length === 1 ? here[0].i : -1;
}

function describeArrays(estate: Estate, site: number): string {
  const here = estate.storage.filter((s) => s.site === site).map((s) => s.name);
  return here.length === 0 ? `no storage array is defined at site "${estate.sites[site].name}"` : `arrays at "${estate.sites[site].name}": ${listNames(here)}`;
}

function buildVm(
  ctx: ResolveContext, e: VmInput, entry: number, name: string, i: number, isTemplate: boolean,
  r: { cluster: number; site: number; storage: number; workload: number; tierNumber: number; tier: ScenarioInput['tiers'][number] | undefined; app: ApplicationInput | undefined },
  rng: Draw,
): Vm | null {
  const sub = (s: string | undefined) => (s === undefined ? null : isTemplate ? expandIndex(s, i) : s);
  let provisionedBytes = Math.round(rng.next(e.disk.provisioned));
  let usedBytes = e.disk.used ? Math.round(rng.next(e.disk.used)) : provisionedBytes;
  if (usedBytes > provisionedBytes) {
    // A drawn used size may overshoot the provisioned size: clamp; a fixed one is the user's error.
    if (e.disk.used?.kind === 'deterministic' && e.disk.provisioned.kind === 'deterministic') {
      ctx.error(['vms', entry, 'disk', 'used'], `used (${usedBytes} bytes) is more than provisioned (${provisionedBytes} bytes)`);
      return null;
    }
    usedBytes = provisionedBytes;
  }
  if (provisionedBytes <= 0) provisionedBytes = 0;
  const workloadScale = e.writeScale ? rng.next(e.writeScale) : 1;
  if (!(workloadScale >= 0)) {
    ctx.error(['vms', entry, 'writeScale'], `writeScale must not be negative (drew ${workloadScale} for ${name})`);
    return null;
  }
  const t = r.tier;
  const d = BUILTIN_TIER_DEFAULTS;
  return {
    name,
    site: r.site,
    cluster: r.cluster,
    storage: r.storage,
    lun: sub(e.lun) ?? name,
    hypervisor: e.hypervisor ?? 'vmware',
    vcpus: e.vcpus,
    ramBytes: e.ram,
    provisionedBytes,
    usedBytes,
    tier: r.tierNumber,
    app: sub(e.app),
    // An application's own targets and priority apply to its VMs unless a VM says otherwise.
    rtoSeconds: e.rto ?? r.app?.rto ?? t?.rto ?? d.rtoSeconds,
    rpoSeconds: e.rpo ?? r.app?.rpo ?? t?.rpo ?? d.rpoSeconds,
    downtimeCostPerHour: e.downtimeCost ?? t?.downtimeCost ?? d.downtimeCostPerHour,
    dataLossCostPerHour: e.dataLossCost ?? t?.dataLossCost ?? d.dataLossCostPerHour,
    // Unset: a share of its application's downtime cost, once the applications are known (cost/penalties.ts).
    slowdownCostPerHour: e.slowdownCost ?? t?.slowdownCost ?? null,
    bootSeconds: e.boot ?? t?.boot ?? d.bootSeconds,
    appRecoverySeconds: e.appRecovery ?? t?.appRecovery ?? d.appRecoverySeconds,
    priority: e.priority ?? r.app?.priority ?? t?.priority ?? Math.min(r.tierNumber, 5),
    dependsOn: [],
    workload: r.workload,
    workloadScale,
    consistencyGroup: sub(e.consistencyGroup),
    stateless: e.stateless,
    application: -1,
  };
}

function resolveDependencies(ctx: ResolveContext, vms: Vm[], table: NameTable, pending: Array<{ vm: number; entry: number; deps: string[] }>): void {
  const reported = new Set<string>();
  for (const p of pending) {
    const out = new Set<number>();
    p.deps.forEach((dep, k) => {
      const path: YamlPath = ['vms', p.entry, 'dependsOn', k];
      const key = `${p.entry}/${k}/${dep}`;
      if (isGlob(dep)) {
        const re = globToRegExp(dep);
        let matched = 0;
        vms.forEach((v, j) => {
          if (re.test(v.name)) {
            matched++;
            if (j !== p.vm) out.add(j);
          }
        });
        if (matched === 0 && !reported.has(key)) {
          reported.add(key);
          ctx.error(path, `VM "${vms[p.vm].name}" depends on "${dep}", which matches no VM`);
        }
        return;
      }
      const j = table.index.get(dep);
      if (j === undefined) {
        if (!reported.has(key)) {
          reported.add(key);
          ctx.ref(table, dep, path, `VM "${vms[p.vm].name}" (dependsOn)`);
        }
      } else if (j === p.vm) {
        ctx.error(path, `VM "${dep}" cannot depend on itself`);
      } else {
        out.add(j);
      }
    });
    vms[p.vm].dependsOn = [...out].sort((a, b) => a - b);
  }
}

/** Depth-first search; every cycle found is reported once, as "a → b → c → a". */
function reportCycles(ctx: ResolveContext, vms: Vm[], vmPaths: YamlPath[]): void {
  const WHITE = 0, GREY = 1, BLACK = 2;
  const color = new Uint8Array(vms.length);
  const seen = new Set<string>();
  let reports = 0;
  for (let root = 0; root < vms.length && reports < 10; root++) {
    if (color[root] !== WHITE) continue;
    const stack: Array<{ v: number; next: number }> = [{ v: root, next: 0 }];
    const onPath: number[] = [root];
    color[root] = GREY;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const deps = vms[top.v].dependsOn;
      if (top.next < deps.length) {
        const w = deps[top.next++];
        if (color[w] === GREY) {
          const cycle = onPath.slice(onPath.indexOf(w));
          const key = [...cycle].sort((a, b) => a - b).join(',');
          if (!seen.has(key) && reports < 10) {
            seen.add(key);
            reports++;
            const names = [...cycle, w].map((x) => vms[x].name);
            ctx.error([...vmPaths[cycle[0]], 'dependsOn'], `dependency cycle: ${names.join(' → ')}`);
          }
        } else if (color[w] === WHITE) {
          color[w] = GREY;
          stack.push({ v: w, next: 0 });
          onPath.push(w);
        }
      } else {
        color[top.v] = BLACK;
        stack.pop();
        onPath.pop();
      }
    }
  }
}
