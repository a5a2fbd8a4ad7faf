/**
 * Continuous data protection: a journal stream of every write, compressed/deduplicated, queued on the
 * link (FIFO fluid). The recovery point at t is now − stream lag (crash-consistent: a disaster fails over to
 * it). Every `checkpointInterval` the journal also gets an application-consistent bookmark (VSS-quiesced, as
 * RecoverPoint and Zerto take them); rolling back from a corruption goes to the newest bookmark before it,
 * within the journal history.
 *
 * Journal sizing follows RecoverPoint's rule: write rate × history ÷ 0.8 × 1.05 (≈ 140 GB for 10 Mbit/s
 * kept 24 h; 108 GB raw). The WAN to provision by Zerto's rule, P98 write rate × (1 − compression), is
 * reported in the notes.
 */
import { z } from 'zod';
import { duration, fraction, name, obj, realNumber } from '../../scenario/fields.js';
import type { StreamPointLog } from '../recovery-points.js';
import { compressionAtRatioFactor, emptyAccounting, promoteSeconds, replicaFootprintBytes, replicaLanding, replicaPlacement, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup } from './method.js';
import { followCurve } from './stream-inflow.js';

export interface CdpMethod {
  method: 'cdp';
  historySeconds: number;
  /** Fraction saved by compression and deduplication of the journal stream. */
  compression: number;
  checkpointIntervalSeconds: number;
  link: number;
  target: number;
  /** Storage failover of the replica at declaration, before its VMs can power on. */
  promoteSeconds: number;
  /**
   * Share of a shared link per VM, relative to other traffic (default 1): below 1 a QoS class that yields,
   * e.g. 0.25 for backup copies that must not starve replication.
   */
  linkWeight?: number;
}

function schema() {
  return obj({
    method: z.literal('cdp'),
    history: duration({ example: '24 h' }).prefault('24 h'),
    compression: fraction().prefault('50%'),
    checkpointInterval: duration({ example: '15 min' }).prefault('15 min'),
    link: name('a link name').optional(),
    target: name('a storage array name').optional(),
    promote: duration({ allowZero: true, example: '5 min' }).optional(),
    weight: realNumber(0, 'a share weight per VM such as 0.25 (default 1)', true).optional(),
  });
}

function resolve(m: z.output<ReturnType<typeof schema>>, r: MethodResolution): CdpMethod {
  const { target, link } = replicaPlacement(r, m);
  return {
    method: 'cdp', historySeconds: m.history, compression: m.compression, checkpointIntervalSeconds: m.checkpointInterval, link, target,
    promoteSeconds: promoteSeconds(r, m.promote),
    ...(m.weight !== undefined ? { linkWeight: m.weight } : {}),
  };
}

export const cdp: MethodDefinition<CdpMethod> = {
  kind: 'cdp',
  schema,
  resolve: resolve as MethodDefinition<CdpMethod>['resolve'],
  start,
  // A stream: in step from time 0, no schedule.
  cyclesSeconds: () => [],
  settleSeconds: () => 0,
  bestMeanRpoSeconds: () => 0,
  // Every write crosses the link, compressed.
  linkDemand: (m, vm, workload) => ({ link: m.link, bytesPerSecond: workload.averageWriteBytesPerSecond * vm.workloadScale * (1 - m.compression) }),
  recovery: { kind: 'promote', replicaTarget: (m) => m.target, promoteSeconds: (m) => m.promoteSeconds },
  // The journal can be locked for its history; a vault or tape is a backup's.
  copyProtections: ['immutable'],
  haltsProductionOnLinkLoss: () => false,
  costLines: () => [],
  withCompressionRatioScaled: (m, factor) => ({ ...m, compression: compressionAtRatioFactor(m.compression, factor) }),
};

export const RECOVERPOINT_JOURNAL_USABLE = 0.8;
export const RECOVERPOINT_JOURNAL_MARGIN = 1.05;

/** RecoverPoint's journal sizing: raw bytes of history ÷ 0.8 usable × 1.05 margin. */
export function journalBytes(meanWriteBytesPerSecond: number, historySeconds: number): number {
  return ((meanWriteBytesPerSecond * historySeconds) / RECOVERPOINT_JOURNAL_USABLE) * RECOVERPOINT_JOURNAL_MARGIN;
}

/** Zerto's WAN rule: the 98th percentile write rate, less what compression saves. */
export function zertoWanBytesPerSecond(p98WriteBytesPerSecond: number, compression: number): number {
  return p98WriteBytesPerSecond * (1 - compression);
}

function start(ctx: ProtectionContext, group: ProtectionGroup, method: CdpMethod): MethodRun {
  const link = ctx.links[method.link];
  const factor = 1 - method.compression;
  const source = link.addSource({ weight: group.vms.length * (method.linkWeight ?? 1), inflowBytesPerSecond: group.writes.rateAt(0) * factor, overflow: 'buffer', recordHistory: true, countQueued: true });
  followCurve(ctx, method.link, source, group.writes, factor);
  const log: StreamPointLog = {
    kind: 'stream',
    method: 'cdp',
    recoveryPointAt: (t) => source.recoveryPointAt(t),
    startTime: 0,
    retention: { kind: 'age', seconds: method.historySeconds },
    // Application-consistent bookmarks (VSS-quiesced) every checkpointInterval: the point a corruption rolls back to.
    consistentEverySeconds: method.checkpointIntervalSeconds,
  };
  return {
    landing: replicaLanding(ctx.scenario, method),
    log,
    account() {
      const acc = emptyAccounting();
      const mean = group.writes.meanRate();
      const store = { kind: 'array', array: method.target } as const;
      acc.stored.push({ kind: 'replica', store, bytes: replicaFootprintBytes(ctx.scenario, group, method.target) });
      acc.stored.push({ kind: 'journal', store, bytes: journalBytes(mean * factor, method.historySeconds) });
      acc.linkLoad.push({ link: method.link, meanBytesPerSecond: mean * factor });
      return acc;
    },
    keepJournalShare(fraction) {
      // A journal cut to a share of its size holds that share of the history (it is sized by rate × history).
      log.retention = { kind: 'age', seconds: method.historySeconds * Math.max(0, Math.min(1, fraction)) };
    },
  };
}
