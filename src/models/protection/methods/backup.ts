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
 * as soon as it is written.
 *
 * Seeded state: the schedule has been running before time 0. The chain's newest backup is the one of the
 * slot before the first (first − period, possibly before 0: "last night's"), on the target and — over the
 * WAN or on a remote target — at DR by time 0; on tape it follows the shipping rule like any backup (next
 * pickup, then transit). The schedule then runs as in steady state: slots at the window start (first +
 * k·period); a slot is a full when it is the first of its full period (periods aligned to time 0, Monday
 * 00:00), so the first night of a daily-full schedule is a full and weekly fulls run on the first window of
 * each week. The warm-up covers settleSeconds, so measured failures see the schedule's own points. (Writes
 * before time 0 are not simulated: an incremental after the seed counts the changes from time 0.)
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
import { emptyAccounting, partUniqueBytes, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup } from './method.js';

export type BackupSchedule =
  | { kind: 'full-incremental'; fullEverySeconds: number; incrementalEverySeconds: number }
  | { kind: 'forever-incremental'; incrementalEverySeconds: number };

export type BackupMode = 'agent' | 'proxy' | 'hypervisor';

export type OffsiteCopy =
  | { kind: 'wan'; link: number }
  | { kind: 'tape'; shipEverySeconds: number; transitSeconds: number; costPerShipment: number }
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
      obj({ wan: name('a link name') }),
      obj({ tape: obj({ every: duration({ example: '7 days' }), transit: duration({ allowZero: true, example: '1 day' }), costPerShipment: money(ctx).prefault(0) }) }),
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
    offsite = { kind: 'wan', link: r.link(m.offsite.wan, [...r.at, 'offsite', 'wan']) };
  } else if (m.offsite !== 'none') {
    const t = m.offsite.tape;
    offsite = { kind: 'tape', shipEverySeconds: t.every, transitSeconds: t.transit, costPerShipment: t.costPerShipment };
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

export const backup: MethodDefinition<BackupMethod> = {
  kind: 'backup',
  schema,
  resolve: resolve as MethodDefinition<BackupMethod>['resolve'],
  start,
  cyclesSeconds,
  settleSeconds,
  bestMeanRpoSeconds: (m) => m.schedule.incrementalEverySeconds / 2,
  // Backup copies cross the WAN in bursts after each window; the sustainability check counts them from the simulation.
  linkDemand: () => null,
  recovery: { kind: 'restore', copy: restoreCopy },
  haltsProductionOnLinkLoss: () => false,
  mediaPricePerTB: (m, scenario) => scenario.backupTargets[m.target].pricePerTB,
  costLines,
};

/** Time of the first scheduled backup: the window's start on day 0 (a slot at 0 would be the seed itself: one period later). */
export function firstSlotSeconds(method: BackupMethod): number {
  const every = method.schedule.incrementalEverySeconds;
  const first = method.windowStartSeconds % Math.min(every, DAY_SECONDS);
  return first === 0 ? every : first;
}

/** A slot is a full when it is the first slot of its full period (periods of F aligned to time 0). */
export function isFullSlot(method: BackupMethod, slotSeconds: number): boolean {
  const s = method.schedule;
  if (s.kind !== 'full-incremental') return false;
  return Math.floor(slotSeconds / s.fullEverySeconds) !== Math.floor((slotSeconds - s.incrementalEverySeconds) / s.fullEverySeconds);
}

/** Its periods: incrementals, fulls, tape shipments (a weekly full under monthly tapes still asks for whole weeks). */
function cyclesSeconds(m: BackupMethod): number[] {
  const cycles = [m.schedule.incrementalEverySeconds];
  if (m.schedule.kind === 'full-incremental') cycles.push(m.schedule.fullEverySeconds);
  if (m.offsite.kind === 'tape') cycles.push(m.offsite.shipEverySeconds);
  return cycles;
}

/**
 * The first own backup at DR: its slot, one period for writing and copying it (a copy slower than that
 * falls behind anyway), and on tape the wait for the next pickup plus the transit.
 */
function settleSeconds(m: BackupMethod): number {
  const tape = m.offsite.kind === 'tape' ? m.offsite.shipEverySeconds + m.offsite.transitSeconds : 0;
  return firstSlotSeconds(m) + m.schedule.incrementalEverySeconds + tape;
}

/** When a tape written at `writtenAt` is offsite: the next pickup at or after it, plus the transit. */
function tapeArrival(o: Extract<OffsiteCopy, { kind: 'tape' }>, writtenAt: number): number {
  const k = Math.ceil((writtenAt - TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT) / o.shipEverySeconds);
  return TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT + Math.max(0, k) * o.shipEverySeconds + o.transitSeconds;
}

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
  const o = method.offsite;
  const seedSeconds = firstSlotSeconds(method) - every;
  const log: DiscretePointLog = {
    kind: 'discrete',
    method: 'backup',
    // The seeded backup of the slot before the first: local; at DR over the WAN or on a remote target; tapes ship by the rule.
    pointTimes: [seedSeconds],
    localAt: [targetIsLocal ? 0 : Infinity],
    offsiteAt: [!targetIsLocal ? 0 : o.kind === 'none' ? Infinity : o.kind === 'tape' ? tapeArrival(o, seedSeconds) : 0],
    retention: { kind: 'age', seconds: method.retentionSeconds },
  };
  let lastBackup = seedSeconds;
  let count = 0;
  let fullBytesTotal = 0;
  let fullCount = 0;
  let incrementalBytesTotal = 0;
  let incrementalCount = 0;
  let agentSeconds = 0;
  const usedCompressed = group.usedBytes * compressionKept;
  const horizon = ctx.horizonSeconds;

  const offsite = (index: number, writtenAt: number): void => {
    if (!targetIsLocal) { log.offsiteAt[index] = writtenAt; return; }
    if (o.kind === 'none') return;
    if (o.kind === 'tape') {
      // The tape leaves with the next pickup at or after the backup is written, and arrives after transit.
      log.offsiteAt[index] = tapeArrival(o, writtenAt);
      return;
    }
    const bytes = sizes[index];
    if (bytes <= 0) { log.offsiteAt[index] = writtenAt; return; }
    ctx.links[o.link].startTransfer(bytes, { weight: group.vms.length * (method.linkWeight ?? 1), onComplete: (t) => { log.offsiteAt[index] = t; }, passive: true });
  };
  const sizes: number[] = [usedCompressed];

  const run = (): void => {
    const s = sim.now;
    const isFull = isFullSlot(method, s);
    // After the seed (before time 0) an incremental counts the simulated writes only: those since time 0.
    const bytes = isFull
      ? usedCompressed
      : group.parts.reduce((acc, p) => acc + partUniqueBytes(p, Math.max(0, lastBackup), s) * (1 - p.workload.compression), 0);
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
  // First window after time 0 (+ every period thereafter).
  const first = firstSlotSeconds(method);
  if (first < horizon) sim.at(first, run);

  return {
    log,
    account() {
      const acc = emptyAccounting();
      const fullMean = fullCount > 0 ? fullBytesTotal / fullCount : usedCompressed;
      const incrMean = incrementalCount > 0 ? incrementalBytesTotal / incrementalCount : 0;
      // Media held: the fulls and incrementals within retention (at least one full chain).
      const retainedBackups = Math.max(1, Math.floor(method.retentionSeconds / every));
      const retainedFulls = fullEvery === Infinity ? 1 : Math.max(1, Math.ceil(method.retentionSeconds / fullEvery));
      acc.backupMediaBytes = retainedFulls * fullMean + Math.max(0, retainedBackups - retainedFulls) * incrMean;
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
