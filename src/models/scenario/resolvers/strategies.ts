/**
 * Strategies: protect rules (first match wins) resolved to VM index lists, methods with their
 * links/targets defaulted and checked against the DR site, and the recovery plan.
 */
import type { DistributionSpec } from '../../../sim/distributions.js';
import type { CopyProtection, ProtectionAssignment, ProtectionMethod, RecoveryPlan, Runbook, Strategy, Vm } from '../model.js';
import type { MethodInput, ScenarioInput, StrategyInput } from '../schema.js';
import { definitionOfKind } from '../../protection/methods/registry.js';
import type { CopyProtectionKind } from '../../protection/methods/method.js';
import { DEFAULT_SCAN_BYTES_PER_SECOND, DEFAULT_SCAN_STREAMS } from '../../recovery/clean-recovery.js';
import { listNames, type ResolveContext } from './context.js';
import type { Estate } from './estate.js';
import { globToRegExp } from '../patterns.js';
import { baseId, strategyIds } from '../strategy-ids.js';
import type { YamlPath } from '../problems.js';


export function resolveStrategies(ctx: ResolveContext, input: ScenarioInput, estate: Estate, vms: Vm[]): Strategy[] {
  ctx.table('strategy', 'strategies', input.strategies);
  if (input.strategies.length === 0 && vms.length > 0) ctx.error(['strategies'], 'no strategies: define at least one under `strategies:` to compare');
  strategyIds(input.strategies.map((s) => s.name)).forEach(({ id, collidesWith }, i) => {
    if (collidesWith === null) return;
    ctx.warn(['strategies', i, 'name'], `strategy "${input.strategies[i].name}" gets the id "${id}": "${baseId(input.strategies[i].name)}" is the id of strategy "${input.strategies[collidesWith].name}" (ids name chart files and CSV rows; rename one to choose)`);
  });
  const strategies = input.strategies.map((s, i) => resolveStrategy(ctx, s, ['strategies', i], estate, vms));
  if (input.failures.ransomware === undefined) warnRansomwareOnly(ctx, input);
  else {
    if (input.strategies.some((s) => s.recovery.scanRate === undefined)) ctx.assume('Ransomware: restore points are scanned at 1 GB/s, shared by every scan at once (set recovery.scanRate per strategy).');
    if (input.strategies.some((s) => s.recovery.scanStreams === undefined)) ctx.assume('Ransomware: 16 scans run at once, the rest queue (set recovery.scanStreams per strategy).');
  }
  return strategies;
}

function resolveStrategy(ctx: ResolveContext, s: StrategyInput, at: YamlPath, estate: Estate, vms: Vm[]): Strategy {
  const label = `strategy "${s.name}"`;
  const drSite = resolveDrSite(ctx, s, at, estate, label);
  const assigned = new Int32Array(vms.length).fill(-1);
  const assignments: ProtectionAssignment[] = s.protect.map((rule, r) => {
    const ruleAt = [...at, 'protect', r];
    const match = selectorMatcher(ctx, rule.select, [...ruleAt, 'select'], estate, label);
    const picked: number[] = [];
    vms.forEach((vm, v) => {
      if (assigned[v] < 0 && match(vm)) {
        assigned[v] = r;
        picked.push(v);
      }
    });
    if (picked.length === 0) ctx.warn([...ruleAt, 'select'], `${label}: this rule selects no VMs (first match wins: earlier rules may have taken them)`);
    const keepsCopyAtDr = rule.methods.some((m) => definitionOfKind(m.method)?.recovery.kind === 'promote');
    const methods: ProtectionMethod[] = [];
    const copyProtection: (CopyProtection | null)[] = [];
    if (drSite >= 0) {
      rule.methods.forEach((m, k) => {
        const resolved = resolveMethod(ctx, m, [...ruleAt, 'methods', k], estate, vms, picked, drSite, label, keepsCopyAtDr);
        if (resolved === null) return;
        methods.push(resolved);
        copyProtection.push(resolveCopyProtection(ctx, m, [...ruleAt, 'methods', k, 'copyProtection'], label));
      });
    }
    return { vms: picked, methods, copyProtection };
  });
  const uncovered = vms.filter((_, v) => assigned[v] < 0).map((vm) => vm.name);
  if (uncovered.length > 0) {
    ctx.error([...at, 'protect'], `${label} does not cover ${uncovered.length} VM${uncovered.length === 1 ? '' : 's'}: ${listNames(uncovered)} ` +
      '(add a rule with `select: all`; `methods: []` leaves VMs unprotected on purpose)');
  }
  return {
    name: s.name,
    description: s.description,
    assignments,
    recovery: resolveRecovery(s, drSite),
    licences: { perVmPerYear: s.licences.perVm, perSocketPerYear: s.licences.perSocket, perTBPerYear: s.licences.perTB },
  };
}

function resolveDrSite(ctx: ResolveContext, s: StrategyInput, at: YamlPath, estate: Estate, label: string): number {
  if (s.recovery.drSite !== undefined) return ctx.ref(estate.tables.sites, s.recovery.drSite, [...at, 'recovery', 'drSite'], label);
  const drSites = estate.sites.map((site, i) => ({ site, i })).filter(({ site }) => site.role === 'dr');
  if (drSites.length === 1) return drSites[0].i;
  ctx.error([...at, 'recovery'], `${label}: missing recovery.drSite (${drSites.length === 0 ? 'no site has role: dr' : `DR sites: ${drSites.map((d) => d.site.name).join(', ')}`})`);
  return -1;
}

type Selector = StrategyInput['protect'][number]['select'];

function selectorMatcher(ctx: ResolveContext, sel: Selector, at: YamlPath, estate: Estate, label: string): (vm: Vm) => boolean {
  if (sel === 'all') return () => true;
  const tests: Array<(vm: Vm) => boolean> = [];
  if (sel.tier) { const set = new Set(sel.tier); tests.push((vm) => set.has(vm.tier)); }
  if (sel.app) { const set = new Set(sel.app); tests.push((vm) => vm.app !== null && set.has(vm.app)); }
  if (sel.vms) { const res = sel.vms.map(globToRegExp); tests.push((vm) => res.some((re) => re.test(vm.name))); }
  if (sel.cluster) {
    const set = new Set(sel.cluster.map((c, k) => ctx.ref(estate.tables.clusters, c, [...at, 'cluster', ...(sel.cluster!.length > 1 ? [k] : [])], label)));
    tests.push((vm) => set.has(vm.cluster));
  }
  if (sel.site) {
    const set = new Set(sel.site.map((c, k) => ctx.ref(estate.tables.sites, c, [...at, 'site', ...(sel.site!.length > 1 ? [k] : [])], label)));
    tests.push((vm) => set.has(vm.site));
  }
  if (tests.length === 0) ctx.error(at, 'an empty selector: use `all`, or one or more of tier, app, vms, cluster, site');
  return (vm) => tests.every((t) => t(vm));
}

function resolveMethod(
  ctx: ResolveContext, m: MethodInput, at: YamlPath, estate: Estate, vms: Vm[], picked: number[], drSite: number, label: string, ruleKeepsCopyAtDr: boolean,
): ProtectionMethod | null {
  const definition = definitionOfKind(m.method);
  if (definition === undefined) return null; // the schema has reported it
  const vmSites = [...new Set(picked.map((v) => vms[v].site))];
  return definition.resolve(m as never, {
    at, label, drSite, vmSites, ruleKeepsCopyAtDr,
    error: (path, message) => ctx.error(path, message),
    warn: (path, message) => ctx.warn(path, message),
    replicaTarget: (name, path) => replicaTarget(ctx, name, path, estate, drSite, label),
    replicationLink: (name, path) => replicationLink(ctx, name, path, estate, vmSites, drSite, label),
    backupTarget: (name, path) => backupTarget(ctx, name, path, estate, vmSites, label),
    link: (name, path) => ctx.ref(estate.tables.links, name, path, label),
    scenarioSites: estate.sites,
    backupTargets: estate.backupTargets,
    links: estate.links,
    assume: (message) => ctx.assume(message),
  });
}

function replicaTarget(ctx: ResolveContext, name: string | undefined, at: YamlPath, estate: Estate, drSite: number, label: string): number {
  if (name !== undefined) {
    const t = ctx.ref(estate.tables.storage, name, at, label);
    if (t >= 0 && estate.storage[t].site !== drSite) {
      ctx.error(at, `${label}: replica target "${name}" is at site "${estate.sites[estate.storage[t].site].name}", not at the DR site "${estate.sites[drSite].name}"`);
    }
    return t;
  }
  const here = estate.storage.map((s, i) => ({ s, i })).filter(({ s }) => s.site === drSite);
  if (here.length === 1) return here[0].i;
  ctx.error(at.slice(0, -1), `${label}: missing target (${here.length === 0 ? 'no storage array' : `${here.length} storage arrays`} at DR site "${estate.sites[drSite].name}")`);
  return -1;
}

function replicationLink(ctx: ResolveContext, name: string | undefined, at: YamlPath, estate: Estate, vmSites: number[], drSite: number, label: string): number {
  const connects = (l: number, s: number) => {
    const link = estate.links[l];
    return (link.siteA === s && link.siteB === drSite) || (link.siteB === s && link.siteA === drSite);
  };
  const siteName = (s: number) => estate.sites[s]?.name;
  if (name !== undefined) {
    const l = ctx.ref(estate.tables.links, name, at, label);
    if (l >= 0) {
      for (const s of vmSites) {
        if (s !== drSite && !connects(l, s)) ctx.error(at, `${label}: link "${name}" does not connect site "${siteName(s)}" (where the VMs run) to the DR site "${siteName(drSite)}"`);
      }
    }
    return l;
  }
  const remote = vmSites.filter((s) => s !== drSite);
  const candidates = estate.links.map((_, i) => i).filter((l) => remote.every((s) => connects(l, s)));
  if (remote.length > 0 && candidates.length === 1) return candidates[0];
  if (remote.length === 0 && estate.links.length === 1) return 0;
  ctx.error(at.slice(0, -1), `${label}: missing link (${candidates.length === 0 ? 'no link connects' : `${candidates.length} links connect`} ${remote.map(siteName).join(', ') || 'the VMs'} and the DR site "${siteName(drSite)}")`);
  return -1;
}

function backupTarget(ctx: ResolveContext, name: string | undefined, at: YamlPath, estate: Estate, vmSites: number[], label: string): number {
  if (name !== undefined) return ctx.ref(estate.tables.backupTargets, name, at, label);
  if (estate.backupTargets.length === 1) return 0;
  const local = estate.backupTargets.map((b, i) => ({ b, i })).filter(({ b }) => vmSites.includes(b.site));
  if (local.length === 1) return local[0].i;
  ctx.error(at.slice(0, -1), `${label}: missing target (${estate.backupTargets.length === 0 ? 'no backupTargets are defined' : `backup targets: ${estate.backupTargets.map((b) => b.name).join(', ')}`})`);
  return -1;
}

/** The contract names the manual runbook's per-VM time in minutes. */

/** A method's `copyProtection`, checked against what the method's copies can have (its definition says). */
function resolveCopyProtection(ctx: ResolveContext, m: MethodInput, at: YamlPath, label: string): CopyProtection | null {
  const c = (m as { copyProtection?: CopyProtectionInput }).copyProtection;
  if (c === undefined) return null;
  const allowed = definitionOfKind(m.method)?.copyProtections ?? [];
  const given: [CopyProtectionKind, boolean][] = [['immutable', c.immutable !== undefined], ['vault', c.vault !== undefined], ['offline', c.offline]];
  for (const [kind, present] of given) {
    if (present && !allowed.includes(kind)) {
      ctx.error([...at, kind], `${label}: ${m.method} copies cannot be given ${kind} (${allowed.length === 0 ? 'it keeps no point in time to protect' : `only ${allowed.join(', ')}`})`);
    }
  }
  if (c.vault !== undefined && c.vault.window >= c.vault.every) ctx.error([...at, 'vault', 'window'], `${label}: a vault sync window must be shorter than the time between syncs (every), or the vault is never isolated`);
  if (!given.some(([, present]) => present)) ctx.warn(at, `${label}: copyProtection protects nothing without immutable, vault or offline`);
  return {
    immutableSeconds: c.immutable ?? 0,
    vault: c.vault === undefined ? null : { everySeconds: c.vault.every, windowSeconds: c.vault.window, readBytesPerSecond: c.vault.read ?? null },
    offline: c.offline,
    costPerYear: c.cost,
  };
}

type CopyProtectionInput = { immutable?: number; vault?: { every: number; window: number; read?: number }; offline: boolean; cost: number };

/** Fields that only a ransomware attack reads: said when the scenario simulates none. */
function warnRansomwareOnly(ctx: ResolveContext, input: ScenarioInput): void {
  const why = 'has no effect: no ransomware is simulated (add failures.ransomware)';
  input.strategies.forEach((s, i) => {
    if (s.recovery.scanRate !== undefined) ctx.warn(['strategies', i, 'recovery', 'scanRate'], `strategy "${s.name}": scanRate ${why}`);
    if (s.recovery.scanStreams !== undefined) ctx.warn(['strategies', i, 'recovery', 'scanStreams'], `strategy "${s.name}": scanStreams ${why}`);
    if (s.recovery.cleanRoom !== undefined) ctx.warn(['strategies', i, 'recovery', 'cleanRoom'], `strategy "${s.name}": cleanRoom ${why}`);
    s.protect.forEach((rule, r) => rule.methods.forEach((m, k) => {
      if ((m as { copyProtection?: unknown }).copyProtection !== undefined) ctx.warn(['strategies', i, 'protect', r, 'methods', k, 'copyProtection'], `strategy "${s.name}": copyProtection ${why}`);
    }));
  });
}

function resolveRecovery(s: StrategyInput, drSite: number): RecoveryPlan {
  const rb = s.recovery.runbook;
  let runbook: Runbook;
  if (rb === 'orchestrated') runbook = { kind: 'orchestrated', maxParallelPowerOns: 20, guestShutdownTimeoutSeconds: 300 };
  else if (rb === 'manual') runbook = { kind: 'manual', operators: 2, secondsPerVm: { kind: 'deterministic', value: 20 * 60 } };
  else if ('orchestrated' in rb) runbook = { kind: 'orchestrated', maxParallelPowerOns: rb.orchestrated.maxParallelPowerOns, guestShutdownTimeoutSeconds: rb.orchestrated.guestShutdownTimeout };
  else runbook = { kind: 'manual', operators: rb.manual.operators, secondsPerVm: rb.manual.perVm };
  return {
    runbook,
    detectionSeconds: s.recovery.detection,
    declarationSeconds: s.recovery.declaration,
    rebalance: s.recovery.rebalance,
    drSite,
    scanBytesPerSecond: s.recovery.scanRate ?? DEFAULT_SCAN_BYTES_PER_SECOND,
    scanStreams: s.recovery.scanStreams ?? DEFAULT_SCAN_STREAMS,
    cleanRoom: s.recovery.cleanRoom === undefined ? null : { vms: s.recovery.cleanRoom.vms, costPerYear: s.recovery.cleanRoom.cost },
  };
}
