/**
 * Backup-restore. On the schedule (a full every F and incrementals every I, or forever-incremental),
 * starting at the window each day, the group's data is read and written to the backup target, whose
 * write throughput all groups backing up at once share. A full copies the used data; an incremental
 * the unique changes since the previous backup. Data is compressed by the workload's compressibility.
 * The offsite copy then crosses the WAN (competing with replication), or waits for the next tape
 * shipment and its transit, or never happens. A backup's recovery point is its start; it is usable
 * locally when written and at DR when offsite. Retention decides how far back one can go.
 *
 * A target at another site than the VMs is reached over the WAN link between the sites; it is offsite
 * as soon as it is written. The initial full is assumed done before time 0.
 *
 * Closed form: one backup per period P taking D until offsite, random failure time: mean RPO P/2 + D,
 * worst P + D.
 */
import { z } from 'zod';
import type { CostItem } from '../../results.js';
import { count, duration, fraction, money, name, obj, realNumber, timeOfDay } from '../../scenario/fields.js';
import type { SchemaContext } from '../../scenario/schema.js';
import type { DiscretePointLog } from '../recovery-points.js';
import { uniqueFraction, DAY_SECONDS } from '../write-curve.js';
import { emptyAccounting, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup, type StoreRef } from './method.js';

export type BackupSchedule =
  | { kind: 'full-incremental'; fullEverySeconds: number; incrementalEverySeconds: number }
  | { kind: 'forever-incremental'; incrementalEverySeconds: number };

export type BackupMode = 'agent' | 'proxy' | 'hypervisor';

export type OffsiteCopy =
  /** Copied over `link` to its far end, onto backup target `store` there (null: a like copy of the target). */
  | { kind: 'wan'; link: number; store: number | null }
  /**
   * Tapes shipped to the vault at the DR site: picked up at `pickupSecondsAfterMidnight` every `shipEverySeconds`,
   * arriving after the transit; `pricePerTB` of the tape copies; a restore from them first mounts a tape.
   */
  | { kind: 'tape'; shipEverySeconds: number; transitSeconds: number; costPerShipment: number; pricePerTB: number; pickupSecondsAfterMidnight: number; mountSeconds: number }
  | { kind: 'none' };

export interface BackupMethod {
  method: 'backup';
  schedule: BackupSchedule;
  /** Offset of the backup window's start from midnight (seconds). */
  windowStartSeconds: number;
  mode: BackupMode;
  target: number;
  offsite: OffsiteCopy;
  retentionSeconds: number;
  /** CPU overhead on the protected VM while an agent backup runs (fraction of its vCPUs). */
  agentCpuOverhead: number;
  /** Restore streams available at recovery time (parallel VM restores). */
  restoreStreams: number;
  /**
   * Share of a shared link per VM, relative to other traffic (default 1): below 1 a QoS class that yields,
   * e.g. 0.25 for backup copies that must not starve replication.
   */
  linkWeight?: number;
}

/** Tapes leave the site at this hour of the shipping day. */
export const TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT = 9 * 3600;
const HOURS_PER_YEAR = 8766;

function schema(ctx: SchemaContext) {
  return obj({
    method: z.literal('backup'),
    schedule: z.union([
      obj({ full: duration({ example: '7 days' }), incremental: duration({ example: '1 day' }).optional() }),
      obj({ foreverIncremental: duration({ example: '1 day' }) }),
    ]).prefault({ full: '7 days', incremental: '1 day' }),
    window: timeOfDay().prefault('22:00'),
    mode: z.enum(['agent', 'proxy', 'hypervisor']).default('proxy'),
    target: name('a backup target name').optional(),
    offsite: z.union([
      z.literal('none'),
      obj({ wan: name('a link name'), target: name('a backup target name at the link\'s far end').optional() }),
      obj({ tape: obj({
        every: duration({ example: '7 days' }), transit: duration({ allowZero: true, example: '1 day' }), costPerShipment: money(ctx).prefault(0),
        pricePerTB: money(ctx, { per: 'TB' }).optional(),
      }) }),
    ]).default('none'),
    retention: duration({ example: '30 days' }).prefault('30 days'),
    agentCpuOverhead: fraction().optional(),
    restoreStreams: count(1, 'a number of parallel restores').default(4),
    weight: realNumber(0, 'a share weight per VM such as 0.25 (default 1)', true).optional(),
  });
}

type BackupInput = z.output<ReturnType<typeof schema>>;

function resolve(m: BackupInput, r: MethodResolution): BackupMethod {
  const target = r.backupTarget(m.target, [...r.at, 'target']);
  let offsite: OffsiteCopy = { kind: 'none' };
  if (m.offsite !== 'none' && 'wan' in m.offsite) {
    const link = r.link(m.offsite.wan, [...r.at, 'offsite', 'wan']);
    offsite = { kind: 'wan', link, store: target >= 0 && link >= 0 ? offsiteStore(r, m.offsite.target, target, link) : null };
  } else if (m.offsite !== 'none' && target >= 0) {
    const t = m.offsite.tape;
    const own = r.backupTargets[target];
    if (t.pricePerTB === undefined) r.assume(`Tape copies shipped offsite from "${own.name}" cost what its media costs per TB (${own.pricePerTB}; set offsite.tape.pricePerTB).`);
    offsite = {
      kind: 'tape', shipEverySeconds: t.every, transitSeconds: t.transit, costPerShipment: t.costPerShipment, pricePerTB: t.pricePerTB ?? own.pricePerTB,
      pickupSecondsAfterMidnight: TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT, mountSeconds: 0,
    };
  }
  const sched = m.schedule;
  let schedule: BackupSchedule;
  if ('foreverIncremental' in sched) {
    schedule = { kind: 'forever-incremental', incrementalEverySeconds: sched.foreverIncremental };
  } else {
    const inc = sched.incremental ?? sched.full;
    if (inc > sched.full) r.error([...r.at, 'schedule', 'incremental'], 'incrementals cannot be less frequent than fulls');
    schedule = { kind: 'full-incremental', fullEverySeconds: sched.full, incrementalEverySeconds: inc };
  }
  // Local-only backups are a deliberate choice when a replica already covers the disaster (they cover corruption).
  if (target >= 0 && r.backupTargets[target].site !== r.drSite && offsite.kind === 'none' && !r.ruleKeepsCopyAtDr) {
    const t = r.backupTargets[target];
    r.warn([...r.at, 'offsite'], `${r.label}: backups go to "${t.name}" at site "${r.scenarioSites[t.site].name}" and are never copied offsite: a disaster there loses them`);
  }
  return {
    method: 'backup', schedule, windowStartSeconds: m.window, mode: m.mode, target, offsite, retentionSeconds: m.retention,
    agentCpuOverhead: m.agentCpuOverhead ?? (m.mode === 'agent' ? 0.1 : 0), restoreStreams: m.restoreStreams,
    ...(m.weight !== undefined ? { linkWeight: m.weight } : {}),
  };
}

/**
 * The backup target at the far end of the offsite link holding the copy: named, else the only one there;
 * none there → a like copy of the source target (assumed, reported); several → a problem.
 */
function offsiteStore(r: MethodResolution, name: string | undefined, target: number, link: number): number | null {
  const l = r.links[link];
  const from = r.backupTargets[target].site;
  const far = l.siteA === from ? l.siteB : l.siteB === from ? l.siteA : -1;
  const at = [...r.at, 'offsite', 'target'];
  if (far < 0) {
    r.error([...r.at, 'offsite', 'wan'], `${r.label}: link "${l.name}" does not leave site "${r.scenarioSites[from].name}" where backup target "${r.backupTargets[target].name}" is`);
    return null;
  }
  if (name !== undefined) {
    const i = r.backupTargets.findIndex((b) => b.name === name);
    if (i < 0) r.error(at, `${r.label}: no backup target named "${name}"`);
    else if (r.backupTargets[i].site !== far) r.error(at, `${r.label}: backup target "${name}" is not at site "${r.scenarioSites[far].name}", the far end of link "${l.name}"`);
    return i >= 0 ? i : null;
  }
  const there = r.backupTargets.map((b, i) => ({ b, i })).filter(({ b }) => b.site === far);
  if (there.length === 1) return there[0].i;
  if (there.length > 1) {
    r.error([...r.at, 'offsite'], `${r.label}: the offsite copy needs a target: ${there.map(({ b }) => b.name).join(', ')} are at site "${r.scenarioSites[far].name}"`);
    return null;
  }
  const own = r.backupTargets[target];
  r.assume(`Offsite copies of "${own.name}" over link "${l.name}" land on a target like it at site "${r.scenarioSites[far].name}" (same rates and price; name one with offsite.target).`);
  return null;
}

export const backup: MethodDefinition<BackupMethod> = {
  kind: 'backup',
  schema,
  resolve: resolve as MethodDefinition<BackupMethod>['resolve'],
  start,
  bestMeanRpoSeconds: (m) => m.schedule.incrementalEverySeconds / 2,
  // Backup copies cross the WAN in bursts after each window; the sustainability check counts them from the simulation.
  linkDemand: () => null,
  recovery: { kind: 'restore', copy: restoreCopy },
  haltsProductionOnLinkLoss: () => false,
  costLines,
};

/** Where the offsite copy of a backup sits: across its WAN link, in the DR vault (tapes), or on the target itself. */
function offsiteCopySite(scenario: ProtectionContext['scenario'], method: BackupMethod, drSite: number): number {
  const targetSite = scenario.backupTargets[method.target].site;
  const offsite = method.offsite;
  if (offsite.kind === 'wan') {
    const link = scenario.links[offsite.link];
    return link.siteA === targetSite ? link.siteB : link.siteA;
  }
  if (offsite.kind === 'tape') return drSite;
  return targetSite;
}

function restoreCopy(scenario: ProtectionContext['scenario'], method: BackupMethod, local: boolean, drSite: number) {
  return {
    store: method.target,
    site: local ? scenario.backupTargets[method.target].site : offsiteCopySite(scenario, method, drSite),
    // The offsite copy is read at the target's read rate too.
    readBytesPerSecond: scenario.backupTargets[method.target].readBytesPerSecond,
    streams: method.restoreStreams,
    preferredLink: method.offsite.kind === 'wan' ? method.offsite.link : null,
  };
}

/** Where the offsite copy of a local target's backups is kept (null: there is none). */
function offsiteStoreRef(scenario: ProtectionContext['scenario'], method: BackupMethod, drSite: number): StoreRef | null {
  const o = method.offsite;
  const own = scenario.backupTargets[method.target];
  if (o.kind === 'wan') {
    if (o.store !== null) return { kind: 'backup-target', target: o.store };
    const site = offsiteCopySite(scenario, method, drSite);
    return { kind: 'media', name: `copy of ${own.name} at ${scenario.sites[site].name}`, site, pricePerTB: own.pricePerTB };
  }
  if (o.kind === 'tape') return { kind: 'media', name: `tapes from ${own.name} in the offsite vault`, site: drSite, pricePerTB: o.pricePerTB };
  return null;
}

/** Tape courier and vault: shipments of several rules on the same cadence travel together, so the most frequent schedule counts. */
function costLines(methods: BackupMethod[], scenario: ProtectionContext['scenario']): CostItem[] {
  let perYear = 0;
  let costPerShipment = 0;
  for (const m of methods) {
    if (m.offsite.kind === 'tape') {
      const n = (HOURS_PER_YEAR * 3600) / m.offsite.shipEverySeconds;
      if (n > perYear) { perYear = n; costPerShipment = m.offsite.costPerShipment; }
    }
  }
  if (perYear <= 0) return [];
  const items: CostItem[] = [{ category: 'courier', item: `${perYear.toFixed(0)} tape shipments per year`, capex: 0, annual: perYear * costPerShipment }];
  if (scenario.costs.vaultPerMonth > 0) items.push({ category: 'courier', item: 'offsite tape vault', capex: 0, annual: scenario.costs.vaultPerMonth * 12 });
  return items;
}

function start(ctx: ProtectionContext, group: ProtectionGroup, method: BackupMethod): MethodRun {
  const { sim, scenario } = ctx;
  const target = scenario.backupTargets[method.target];
  const targetIsLocal = target.site === group.site;
  const stage1 = targetIsLocal ? ctx.backupTargetFabric(method.target) : ctx.links[findLink(ctx, group.site, target.site)];
  const every = method.schedule.incrementalEverySeconds;
  const fullEvery = method.schedule.kind === 'full-incremental' ? method.schedule.fullEverySeconds : Infinity;
  const compressionKept = 1 - group.parts.reduce((acc, p) => acc + p.workload.compression * p.curve.meanRate(), 0) / Math.max(1e-300, group.writes.meanRate());
  const log: DiscretePointLog = {
    kind: 'discrete',
    method: 'backup',
    // The seeded initial full at time 0 is local and offsite.
    pointTimes: [0],
    localAt: [targetIsLocal ? 0 : Infinity],
    offsiteAt: [method.offsite.kind === 'none' && targetIsLocal ? Infinity : 0],
    retention: { kind: 'age', seconds: method.retentionSeconds },
  };
  let lastBackup = 0;
  let count = 0;
  let fullBytesTotal = 0;
  let fullCount = 0;
  let incrementalBytesTotal = 0;
  let incrementalCount = 0;
  let agentSeconds = 0;
  const usedCompressed = group.usedBytes * compressionKept;
  const horizon = ctx.horizonSeconds;

  const offsite = (index: number, writtenAt: number): void => {
    const o = method.offsite;
    if (!targetIsLocal) { log.offsiteAt[index] = writtenAt; return; }
    if (o.kind === 'none') return;
    if (o.kind === 'tape') {
      // The tape leaves with the next pickup at or after the backup is written, and arrives after transit.
      const k = Math.ceil((writtenAt - TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT) / o.shipEverySeconds);
      log.offsiteAt[index] = TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT + Math.max(0, k) * o.shipEverySeconds + o.transitSeconds;
      return;
    }
    const bytes = log.pointTimes[index] === 0 ? 0 : sizes[index];
    if (bytes <= 0) { log.offsiteAt[index] = writtenAt; return; }
    ctx.links[o.link].startTransfer(bytes, { weight: group.vms.length * (method.linkWeight ?? 1), onComplete: (t) => { log.offsiteAt[index] = t; }, passive: true });
  };
  const sizes: number[] = [usedCompressed];

  const run = (): void => {
    const s = sim.now;
    const isFull = fullEvery !== Infinity && Math.floor(s / fullEvery) !== Math.floor(lastBackup / fullEvery);
    const bytes = isFull
      ? usedCompressed
      : group.parts.reduce((acc, p) => acc + p.curve.writtenBetween(lastBackup, s) * uniqueFraction(p.workload.uniqueUpdates, s - lastBackup) * (1 - p.workload.compression), 0);
    if (isFull) { fullBytesTotal += bytes; fullCount++; } else { incrementalBytesTotal += bytes; incrementalCount++; }
    lastBackup = s;
    count++;
    const index = log.pointTimes.length;
    log.pointTimes.push(s);
    log.localAt.push(Infinity);
    log.offsiteAt.push(Infinity);
    sizes.push(bytes);
    const written = (t: number): void => {
      if (targetIsLocal) log.localAt[index] = t;
      if (method.mode === 'agent') agentSeconds += (t - s) * vcpus;
      offsite(index, t);
    };
    if (bytes <= 0) written(s);
    else stage1.startTransfer(bytes, { weight: group.vms.length * (method.linkWeight ?? 1), onComplete: written });
    const next = s + every;
    if (next < horizon) sim.at(next, run);
  };
  const vcpus = group.vms.reduce((acc, v) => acc + scenario.vms[v].vcpus, 0) * method.agentCpuOverhead;
  // First window at or after time 0 (+ every period thereafter).
  const first = method.windowStartSeconds % Math.min(every, DAY_SECONDS);
  if (first < horizon) sim.at(first === 0 ? every : first, run);

  return {
    log,
    account() {
      const acc = emptyAccounting();
      const fullMean = fullCount > 0 ? fullBytesTotal / fullCount : usedCompressed;
      const incrMean = incrementalCount > 0 ? incrementalBytesTotal / incrementalCount : 0;
      // Media held: the fulls and incrementals within retention (at least one full chain).
      const retainedBackups = Math.max(1, Math.floor(method.retentionSeconds / every));
      const retainedFulls = fullEvery === Infinity ? 1 : Math.max(1, Math.ceil(method.retentionSeconds / fullEvery));
      const mediaBytes = retainedFulls * fullMean + Math.max(0, retainedBackups - retainedFulls) * incrMean;
      acc.stored.push({ kind: 'backup-media', store: { kind: 'backup-target', target: method.target }, bytes: mediaBytes });
      // The offsite copy holds the same chain where it sits (a target at another site is itself the offsite copy).
      const copy = targetIsLocal ? offsiteStoreRef(scenario, method, ctx.drSite) : null;
      if (copy !== null) acc.stored.push({ kind: 'backup-media', store: copy, bytes: mediaBytes });
      const perPeriod = fullEvery === Infinity ? incrMean : (fullMean * every) / fullEvery + incrMean * (1 - every / fullEvery);
      const wanLink = method.offsite.kind === 'wan' && targetIsLocal ? method.offsite.link : !targetIsLocal ? findLink(ctx, group.site, target.site) : -1;
      if (wanLink >= 0) acc.linkLoad.push({ link: wanLink, meanBytesPerSecond: perPeriod / every });
      acc.agentVcpuSeconds = agentSeconds;
      if (count === 0) acc.notes.push(`backup of ${group.key}: no backup ran within the horizon`);
      return acc;
    },
  };
}

function findLink(ctx: { scenario: { links: { siteA: number; siteB: number }[] } }, a: number, b: number): number {
  const i = ctx.scenario.links.findIndex((l) => (l.siteA === a && l.siteB === b) || (l.siteA === b && l.siteB === a));
  if (i < 0) throw new Error(`no WAN link between sites ${a} and ${b} for a remote backup target`);
  return i;
}
