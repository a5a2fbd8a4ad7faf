/**
 * Backup in normal operation, for one protection group. On the schedule the group's data is read from its
 * arrays and written to the backup target through shared stages (protection/stages.ts): the arrays' read
 * throughput (raw data), the WAN when the target sits at another site, and the target's write throughput
 * (compressed data). The offsite copy then crosses its stages too — the target's read, the WAN, the write of
 * the store at the far end — or waits for the next tape pickup and its transit, or is not made.
 *
 * A backup's recovery point is its start; it is usable locally once written and at DR once offsite (a target
 * at another site is offsite as soon as it is written). The schedule, its fulls and the seeded backup before
 * time 0: backup-schedule.ts.
 */
import type { DiscretePointLog } from '../recovery-points.js';
import { copyThroughStages, type Stage } from '../stages.js';
import { ChainArrivals } from './backup-chain.js';
import { linkBetween, offsiteStore, targetStore, type BackupStore } from './backup-copies.js';
import { firstSlotSeconds, isFullSlot, seedSlotSeconds, tapeArrivalSeconds } from './backup-schedule.js';
import type { BackupMethod } from './backup.js';
import { emptyAccounting, partUniqueBytes, type MethodRun, type ProtectionContext, type ProtectionGroup } from './method.js';

export function startBackup(ctx: ProtectionContext, group: ProtectionGroup, method: BackupMethod): MethodRun {
  const { sim, scenario } = ctx;
  const store = targetStore(scenario, method.target);
  const targetIsLocal = store.site === group.site;
  const copyStore = targetIsLocal ? offsiteStore(scenario, method, ctx.drSite) : null;
  const weight = group.vms.length * (method.linkWeight ?? 1);
  const every = method.schedule.incrementalEverySeconds;
  const fullEvery = method.schedule.kind === 'full-incremental' ? method.schedule.fullEverySeconds : Infinity;
  const compressionKept = 1 - group.parts.reduce((acc, p) => acc + p.workload.compression * p.curve.meanRate(), 0) / Math.max(1e-300, group.writes.meanRate());
  const o = method.offsite;
  const seed = seedSlotSeconds(method);
  const log: DiscretePointLog = {
    kind: 'discrete',
    method: 'backup',
    // The seeded backup of the slot before the first: local; at DR over the WAN or on a remote target; tapes ship by the rule.
    pointTimes: [seed],
    localAt: [targetIsLocal ? 0 : Infinity],
    offsiteAt: [!targetIsLocal ? 0 : o.kind === 'none' ? Infinity : o.kind === 'tape' ? tapeArrivalSeconds(o, seed) : 0],
    retention: { kind: 'age', seconds: method.retentionSeconds },
  };
  // An incremental is usable where its whole chain is (backup-chain.ts).
  const localChain = new ChainArrivals(log.localAt);
  const offsiteChain = new ChainArrivals(log.offsiteAt);
  let lastBackup = seed;
  let count = 0;
  let fullBytesTotal = 0;
  let fullCount = 0;
  let incrementalBytesTotal = 0;
  let incrementalCount = 0;
  let agentSeconds = 0;
  const usedCompressed = group.usedBytes * compressionKept;
  const horizon = ctx.horizonSeconds;

  // Stage 1: read the VMs' data where it sits (each array at its share of the group's data), write the target.
  const reads = arrayShares(ctx, group);
  const writeStage = ctx.fabric(`write:${store.key}`, store.writeBytesPerSecond);
  const remoteLink = targetIsLocal ? null : ctx.links[linkBetween(scenario, group.site, store.site)];
  const writeStages = (rawBytes: number, bytes: number): Stage[] => {
    const stages: Stage[] = reads.map((r) => ({ link: r.link, bytes: rawBytes * r.share }));
    if (remoteLink !== null) stages.push({ link: remoteLink, bytes });
    stages.push({ link: writeStage, bytes });
    return stages;
  };

  const offsite = (index: number, writtenAt: number): void => {
    if (!targetIsLocal) { offsiteChain.arrive(index, writtenAt); return; }
    if (o.kind === 'none') return;
    if (o.kind === 'tape') {
      // The tape leaves with the next pickup at or after the backup is written, and arrives after transit.
      offsiteChain.arrive(index, tapeArrivalSeconds(o, writtenAt));
      return;
    }
    const bytes = sizes[index];
    if (bytes <= 0) { offsiteChain.arrive(index, writtenAt); return; }
    copyThroughStages(copyStages(ctx, store, copyStore!, o.link, bytes), weight, (t) => offsiteChain.arrive(index, t), true);
  };
  const sizes: number[] = [usedCompressed];

  const run = (): void => {
    const s = sim.now;
    const isFull = isFullSlot(method, s);
    let rawBytes = group.usedBytes;
    let bytes = usedCompressed;
    if (!isFull) {
      rawBytes = 0;
      bytes = 0;
      for (const p of group.parts) {
        // Capped VM by VM at their used bytes; after the seed (before time 0) only the simulated writes, since 0.
        const unique = partUniqueBytes(p, Math.max(0, lastBackup), s);
        rawBytes += unique;
        bytes += unique * (1 - p.workload.compression);
      }
    }
    if (isFull) { fullBytesTotal += bytes; fullCount++; } else { incrementalBytesTotal += bytes; incrementalCount++; }
    lastBackup = s;
    count++;
    const index = log.pointTimes.length;
    log.pointTimes.push(s);
    log.localAt.push(Infinity);
    log.offsiteAt.push(Infinity);
    localChain.push(isFull);
    offsiteChain.push(isFull);
    sizes.push(bytes);
    const written = (t: number): void => {
      if (targetIsLocal) localChain.arrive(index, t);
      if (method.mode === 'agent') agentSeconds += (t - s) * vcpus;
      offsite(index, t);
    };
    if (bytes <= 0) written(s);
    else copyThroughStages(writeStages(rawBytes, bytes), weight, written, false);
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
      const mediaBytes = retainedFulls * fullMean + Math.max(0, retainedBackups - retainedFulls) * incrMean;
      acc.stored.push({ kind: 'backup-media', store: store.ref, bytes: mediaBytes });
      // The offsite copy holds the same chain where it sits (a target at another site is itself the offsite copy).
      if (copyStore !== null) acc.stored.push({ kind: 'backup-media', store: copyStore.ref, bytes: mediaBytes });
      const perPeriod = fullEvery === Infinity ? incrMean : (fullMean * every) / fullEvery + incrMean * (1 - every / fullEvery);
      const wanLink = method.offsite.kind === 'wan' && targetIsLocal ? method.offsite.link : !targetIsLocal ? linkBetween(scenario, group.site, store.site) : -1;
      if (wanLink >= 0) acc.linkLoad.push({ link: wanLink, meanBytesPerSecond: perPeriod / every });
      acc.agentVcpuSeconds = agentSeconds;
      if (count === 0) acc.notes.push(`backup of ${group.key}: no backup ran within the horizon`);
      return acc;
    },
  };
}

/** The read stages of a group's backups: each array its VMs sit on, at its share of their used data. */
function arrayShares(ctx: ProtectionContext, group: ProtectionGroup): { link: Stage['link']; share: number }[] {
  const { scenario } = ctx;
  const byArray = new Map<number, number>();
  for (const v of group.vms) {
    const vm = scenario.vms[v];
    byArray.set(vm.storage, (byArray.get(vm.storage) ?? 0) + vm.usedBytes);
  }
  const total = group.usedBytes;
  const out: { link: Stage['link']; share: number }[] = [];
  for (const [a, used] of byArray) {
    const array = scenario.storage[a];
    if (array === undefined || !(total > 0)) continue;
    out.push({ link: ctx.fabric(`read:array:${a}`, array.readBytesPerSecond), share: used / total });
  }
  return out;
}

/** The offsite WAN copy: read from the target, across the link, written at the far end. */
function copyStages(ctx: ProtectionContext, from: BackupStore, to: BackupStore, link: number, bytes: number): Stage[] {
  return [
    { link: ctx.fabric(`read:${from.key}`, from.readBytesPerSecond), bytes },
    { link: ctx.links[link], bytes },
    { link: ctx.fabric(`write:${to.key}`, to.writeBytesPerSecond), bytes },
  ];
}
