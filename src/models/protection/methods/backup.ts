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
import type { BackupMethod } from '../../scenario/model.js';
import type { DiscretePointLog } from '../recovery-points.js';
import { uniqueFraction, DAY_SECONDS } from '../write-curve.js';
import { emptyAccounting, type MethodModel, type MethodRun } from './method.js';

/** Tapes leave the site at this hour of the shipping day. */
export const TAPE_PICKUP_SECONDS_AFTER_MIDNIGHT = 9 * 3600;

export const backup: MethodModel<BackupMethod> = {
  kind: 'backup',
  start(ctx, group, method): MethodRun {
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
        acc.backupMediaBytes = retainedFulls * fullMean + Math.max(0, retainedBackups - retainedFulls) * incrMean;
        const perPeriod = fullEvery === Infinity ? incrMean : (fullMean * every) / fullEvery + incrMean * (1 - every / fullEvery);
        const wanLink = method.offsite.kind === 'wan' && targetIsLocal ? method.offsite.link : !targetIsLocal ? findLink(ctx, group.site, target.site) : -1;
        if (wanLink >= 0) acc.linkLoad.push({ link: wanLink, meanBytesPerSecond: perPeriod / every });
        acc.agentVcpuSeconds = agentSeconds;
        if (count === 0) acc.notes.push(`backup of ${group.key}: no backup ran within the horizon`);
        return acc;
      },
    };
  },
};

function findLink(ctx: { scenario: { links: { siteA: number; siteB: number }[] } }, a: number, b: number): number {
  const i = ctx.scenario.links.findIndex((l) => (l.siteA === a && l.siteB === b) || (l.siteA === b && l.siteB === a));
  if (i < 0) throw new Error(`no WAN link between sites ${a} and ${b} for a remote backup target`);
  return i;
}
