/**
 * Synchronous replication: every write crosses the link before it is acknowledged, so no data is lost
 * while the link is up. Modelled as a stream on the link with the highest weight, in 'throttle' mode:
 * when its share is below the write rate the excess writes are throttled (the application slows) —
 * counted, never buffered. On link loss the policy decides: 'halt' stops writes (loss 0, production
 * down for the outage), 'degrade-to-async' buffers writes (loss grows with the outage) until the
 * backlog has drained after the link returns, then goes back to synchronous.
 *
 * Write latency penalty = RTT + the time to send one 64 KiB write at the usable link rate.
 */
import { z } from 'zod';
import { name, obj } from '../../scenario/fields.js';
import type { StreamPointLog } from '../recovery-points.js';
import { emptyAccounting, replicaPlacement, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup } from './method.js';
import { followCurve } from './stream-inflow.js';

export interface SyncReplicationMethod {
  method: 'sync-replication';
  linkLossPolicy: 'halt' | 'degrade-to-async';
  link: number;
  target: number;
}

function schema() {
  return obj({
    method: z.literal('sync-replication'),
    onLinkLoss: z.enum(['halt', 'degrade-to-async']).default('degrade-to-async'),
    link: name('a link name').optional(),
    target: name('a storage array name').optional(),
  });
}

function resolve(m: z.output<ReturnType<typeof schema>>, r: MethodResolution): SyncReplicationMethod {
  const { target, link } = replicaPlacement(r, m);
  return { method: 'sync-replication', linkLossPolicy: m.onLinkLoss, link, target };
}

export const syncReplication: MethodDefinition<SyncReplicationMethod> = {
  kind: 'sync-replication',
  schema,
  resolve: resolve as MethodDefinition<SyncReplicationMethod>['resolve'],
  start,
  // A stream: in step from time 0, no schedule.
  cyclesSeconds: () => [],
  settleSeconds: () => 0,
  bestMeanRpoSeconds: () => 0,
  // Every write crosses the link.
  linkDemand: (m, vm, workload) => ({ link: m.link, bytesPerSecond: workload.averageWriteBytesPerSecond * vm.workloadScale }),
  recovery: { kind: 'promote' },
  haltsProductionOnLinkLoss: (m) => m.linkLossPolicy === 'halt',
  mediaPricePerTB: () => null,
  costLines: () => [],
};

/** Sync traffic is latency-critical: it takes precedence over bulk replication and backup copies. */
export const SYNC_WEIGHT = 1000;
export const WRITE_IO_BYTES = 64 * 1024;

function start(ctx: ProtectionContext, group: ProtectionGroup, method: SyncReplicationMethod): MethodRun {
  const { sim, scenario } = ctx;
  const link = ctx.links[method.link];
  const linkSpec = scenario.links[method.link];
  const source = link.addSource({ weight: SYNC_WEIGHT * group.vms.length, inflowBytesPerSecond: group.writes.rateAt(0), overflow: 'throttle', recordHistory: true });
  const outages = ctx.linkOutages[method.link] ?? [];
  let degraded = false;
  let haltedSeconds = 0;
  let throttledDuringHalt = 0;
  const checkResync = (): void => {
    if (degraded && link.capacityBytesPerSecond > 0 && source.backlogBytes <= 0) {
      degraded = false;
      link.setOverflow(source, 'throttle');
    }
  };
  followCurve(ctx, method.link, source, group.writes, 1, checkResync);
  for (const o of outages) {
    if (o.startSeconds >= ctx.horizonSeconds) break;
    sim.at(o.startSeconds, () => {
      if (method.linkLossPolicy === 'degrade-to-async') {
        degraded = true;
        link.setOverflow(source, 'buffer');
      } else {
        const before = source.throttledBytes;
        const end = Math.min(o.endSeconds, ctx.horizonSeconds);
        haltedSeconds += end - o.startSeconds;
        sim.at(end, () => { throttledDuringHalt += source.throttledBytes - before; });
      }
    });
    // After the outage, poll for the drained backlog at a fine step until resynchronized.
    if (method.linkLossPolicy === 'degrade-to-async') {
      const poll = (): void => {
        checkResync();
        if (degraded && sim.now + 60 < ctx.horizonSeconds) sim.after(60, poll);
      };
      if (o.endSeconds < ctx.horizonSeconds) sim.at(o.endSeconds, poll);
    }
  }
  const log: StreamPointLog = {
    kind: 'stream',
    method: 'sync-replication',
    recoveryPointAt: (t) => source.recoveryPointAt(t),
    startTime: 0,
    retention: { kind: 'latest-only' },
  };
  return {
    log,
    account() {
      const acc = emptyAccounting();
      acc.replicaBytes = group.usedBytes;
      acc.linkLoad.push({ link: method.link, meanBytesPerSecond: group.writes.meanRate() });
      const usable = (linkSpec.bandwidthBitsPerSecond * linkSpec.efficiency) / 8;
      acc.syncWriteLatencySeconds = linkSpec.rttSeconds + WRITE_IO_BYTES / usable;
      acc.throttledBytes = Math.max(0, source.throttledBytes - throttledDuringHalt);
      acc.haltedSeconds = haltedSeconds;
      acc.backlogPeakBytes = source.peakBacklogBytes;
      return acc;
    },
  };
}
