/**
 * Backup-restore: the language (schedule, window, mode, target, offsite copy, retention) and its resolution,
 * cost lines, and how recovery restores from it. Normal operation is in backup-run.ts (every stage of the path
 * limits its part: the arrays' read, the WAN, the target's write); where the copies sit in backup-copies.ts.
 * A full copies the used data; an incremental the unique changes since the previous backup, compressed by
 * the workload's compressibility. A backup's recovery point is its start; retention decides how far back one
 * can go. When the slots run, fulls fall and tapes arrive, and the seeded state at time 0 (the previous slot's
 * backup): backup-schedule.ts.
 *
 * Mode: `agent` backups run inside the guest (CPU overhead while they run) and are file-level: recovering a
 * lost VM first rebuilds the guest (bare-metal recovery, `rebuild`), then restores its files; `proxy` and
 * `hypervisor` backups copy whole VM images (no guest load, no rebuild) — the two differ in where the backup
 * software runs, not in these numbers.
 *
 * Closed form: one backup per period P taking D until offsite, random failure time: mean RPO P/2 + D,
 * worst P + D.
 */
import { z } from 'zod';
import { count, duration, fraction, money, name, obj, realNumber, timeOfDay } from '../../scenario/fields.js';
import type { SchemaContext } from '../../scenario/schema.js';
import { formatDuration } from '../../units/format.js';
import { restoreCopy } from './backup-copies.js';
import { startBackup } from './backup-run.js';
import { backupCyclesSeconds, backupSettleSeconds } from './backup-schedule.js';
import type { MethodCostLine, MethodDefinition, MethodResolution, ProtectionContext } from './method.js';

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
  /** Before restoring a lost VM from a file-level (agent) backup: rebuild its guest (0 for image backups). */
  guestRebuildSeconds: number;
  /**
   * Share of a shared link per VM, relative to other traffic (default 1): below 1 a QoS class that yields,
   * e.g. 0.25 for backup copies that must not starve replication.
   */
  linkWeight?: number;
}

/** Default courier pickup: 09:00 on the shipping day (a business-hours collection). */
export const DEFAULT_TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT = 9 * 3600;
/** Default tape mount and seek before a restore reads (LTO: load ≈ 15–20 s, locate ≈ 50–100 s, robot exchange). */
export const DEFAULT_TAPE_MOUNT_SECONDS = 120;
/** Default bare-metal rebuild of a guest before an agent (file-level) restore: recovery media boot, volumes, agent. */
export const DEFAULT_AGENT_REBUILD_SECONDS = 30 * 60;
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
        pickup: timeOfDay().optional(),
        mount: duration({ allowZero: true, example: '2 min' }).optional(),
      }) }),
    ]).default('none'),
    retention: duration({ example: '30 days' }).prefault('30 days'),
    agentCpuOverhead: fraction().optional(),
    restoreStreams: count(1, 'a number of parallel restores').default(4),
    rebuild: duration({ allowZero: true, example: '30 min' }).optional(),
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
    if (t.pickup === undefined) r.assume(`Tapes from "${own.name}" leave with the courier at 09:00 on shipping days (set offsite.tape.pickup).`);
    if (t.mount === undefined) r.assume(`Restoring from shipped tapes mounts and positions a tape first: ${formatDuration(DEFAULT_TAPE_MOUNT_SECONDS)} per restore (set offsite.tape.mount).`);
    offsite = {
      kind: 'tape', shipEverySeconds: t.every, transitSeconds: t.transit, costPerShipment: t.costPerShipment, pricePerTB: t.pricePerTB ?? own.pricePerTB,
      pickupSecondsAfterMidnight: t.pickup ?? DEFAULT_TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT, mountSeconds: t.mount ?? DEFAULT_TAPE_MOUNT_SECONDS,
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
  if (m.mode === 'agent' && m.rebuild === undefined) r.assume(`Agent (file-level) backups: a lost VM's guest is rebuilt before its files are restored, ${formatDuration(DEFAULT_AGENT_REBUILD_SECONDS)} per VM (set rebuild on the method).`);
  return {
    method: 'backup', schedule, windowStartSeconds: m.window, mode: m.mode, target, offsite, retentionSeconds: m.retention,
    agentCpuOverhead: m.agentCpuOverhead ?? (m.mode === 'agent' ? 0.1 : 0), restoreStreams: m.restoreStreams,
    guestRebuildSeconds: m.rebuild ?? (m.mode === 'agent' ? DEFAULT_AGENT_REBUILD_SECONDS : 0),
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
  start: startBackup,
  cyclesSeconds: backupCyclesSeconds,
  settleSeconds: backupSettleSeconds,
  bestMeanRpoSeconds: (m) => m.schedule.incrementalEverySeconds / 2,
  // Backup copies cross the WAN in bursts after each window; the sustainability check counts them from the simulation.
  linkDemand: () => null,
  recovery: { kind: 'restore', copy: restoreCopy },
  // Backups: a hardened repository or object lock, a vault copy, tapes offsite.
  copyProtections: ['immutable', 'vault', 'offline'],
  haltsProductionOnLinkLoss: () => false,
  costLines,
};

/** Tape courier and vault: shipments of several rules on the same cadence travel together, so the most frequent schedule counts. */
function costLines(methods: BackupMethod[], scenario: ProtectionContext['scenario']): MethodCostLine[] {
  let perYear = 0;
  let costPerShipment = 0;
  for (const m of methods) {
    if (m.offsite.kind === 'tape') {
      const n = (HOURS_PER_YEAR * 3600) / m.offsite.shipEverySeconds;
      if (n > perYear) { perYear = n; costPerShipment = m.offsite.costPerShipment; }
    }
  }
  if (perYear <= 0) return [];
  const lines: MethodCostLine[] = [{ cost: { category: 'courier', item: `${perYear.toFixed(0)} tape shipments per year`, capex: 0, annual: perYear * costPerShipment }, quantity: perYear, unit: 'shipments/year' }];
  if (scenario.costs.vaultPerMonth > 0) lines.push({ cost: { category: 'courier', item: 'offsite tape vault', capex: 0, annual: scenario.costs.vaultPerMonth * 12 }, quantity: 12, unit: 'months/year' });
  return lines;
}

