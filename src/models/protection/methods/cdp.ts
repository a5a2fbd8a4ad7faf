/**
 * Continuous data protection: a journal stream of every write, compressed/deduplicated, queued on the
 * link (FIFO fluid). The recovery point at t is now − stream lag; any point within the journal history
 * can be recovered (corruption).
 *
 * Journal sizing follows RecoverPoint's rule: write rate × history ÷ 0.8 × 1.05 (≈ 140 GB for 10 Mbit/s
 * kept 24 h; 108 GB raw). The WAN to provision by Zerto's rule, P98 write rate × (1 − compression), is
 * reported in the notes.
 */
import type { CdpMethod } from '../../scenario/model.js';
import type { StreamPointLog } from '../recovery-points.js';
import { emptyAccounting, type MethodModel, type MethodRun } from './method.js';
import { followCurve } from './stream-inflow.js';

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

export const cdp: MethodModel<CdpMethod> = {
  kind: 'cdp',
  start(ctx, group, method): MethodRun {
    const link = ctx.links[method.link];
    const factor = 1 - method.compression;
    const source = link.addSource({ weight: group.vms.length * (method.linkWeight ?? 1), inflowBytesPerSecond: group.writes.rateAt(0) * factor, overflow: 'buffer', recordHistory: true });
    followCurve(ctx, method.link, source, group.writes, factor);
    const log: StreamPointLog = {
      kind: 'stream',
      method: 'cdp',
      recoveryPointAt: (t) => source.recoveryPointAt(t),
      startTime: 0,
      retention: { kind: 'age', seconds: method.historySeconds },
    };
    return {
      log,
      account() {
        const acc = emptyAccounting();
        const mean = group.writes.meanRate();
        acc.replicaBytes = group.usedBytes;
        acc.journalBytes = journalBytes(mean * factor, method.historySeconds);
        acc.linkLoad.push({ link: method.link, meanBytesPerSecond: mean * factor });
        acc.backlogPeakBytes = source.peakBacklogBytes;
        return acc;
      },
    };
  },
};
