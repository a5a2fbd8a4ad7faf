/**
 * Synchronous replication: every write crosses the link before it is acknowledged, so no data is lost
 * while the link is up. Modelled as a stream on the link with the highest weight, in 'throttle' mode:
 * when its share is below the write rate the excess writes are throttled (the application slows) —
 * counted, never buffered. On link loss the policy decides: 'halt' stops writes (loss 0, production
 * down for the outage), 'degrade-to-async' buffers writes (loss grows with the outage) until the
 * backlog has drained after the link returns (checked every `resyncCheck`), then goes back to synchronous.
 *
 * Distance: each write waits RTT + its transfer (writeSize / usable rate) for the remote acknowledgement.
 * A VM keeps at most `outstandingWrites` writes in flight, so while in sync it cannot write faster than
 * outstandingWrites × writeSize / (RTT + writeSize / usable) (Little's law); writes above that are throttled
 * too (the group's ceiling is its VMs' ceilings summed, its writes taken as spread evenly over them).
 * Beyond the distances vendors support for synchronous replication (~300 km of fibre, RTT 3 ms) the
 * resolution warns and the results flag it.
 */
import { z } from 'zod';
import { bytes, count, duration, name, obj } from '../../scenario/fields.js';
import { formatBytes, formatDuration } from '../../units/format.js';
import type { StreamPointLog } from '../recovery-points.js';
import { emptyAccounting, promoteSeconds, replicaFootprintBytes, replicaLanding, replicaPlacement, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup } from './method.js';
import { followCurve } from './stream-inflow.js';
import { SLOWDOWN_SHARE_OF_DOWNTIME } from '../../cost/slowdown.js';
import type { Scenario } from '../../scenario/model.js';

export interface SyncReplicationMethod {
  method: 'sync-replication';
  linkLossPolicy: 'halt' | 'degrade-to-async';
  link: number;
  target: number;
  /** Storage failover of the replica at declaration, before its VMs can power on. */
  promoteSeconds: number;
  /** Size of one replicated write. */
  writeSizeBytes: number;
  /** Writes a VM keeps in flight at once (its queue depth). */
  outstandingWrites: number;
  /** How often a degraded relationship checks whether it can go back in sync. */
  resyncCheckSeconds: number;
}

/** Defaults (docs/protection-model.md cites them): a 64 KiB write; 32 in flight per VM; a resync check a minute. */
export const DEFAULT_WRITE_SIZE_BYTES = 64 * 1024;
export const DEFAULT_OUTSTANDING_WRITES = 32;
export const DEFAULT_RESYNC_CHECK_SECONDS = 60;
/** Vendors support synchronous replication to ~100–300 km of fibre (IBM Metro Mirror 300 km, HP XP 200 km): RTT 3 ms. */
export const SYNC_SUPPORTED_RTT_SECONDS = 0.003;

function schema() {
  return obj({
    method: z.literal('sync-replication'),
    onLinkLoss: z.enum(['halt', 'degrade-to-async']).default('degrade-to-async'),
    link: name('a link name').optional(),
    target: name('a storage array name').optional(),
    promote: duration({ allowZero: true, example: '5 min' }).optional(),
    writeSize: bytes({ example: '64 KiB' }).optional(),
    outstandingWrites: count(1, 'a number of writes in flight per VM').optional(),
    resyncCheck: duration({ example: '1 min' }).optional(),
  });
}

function resolve(m: z.output<ReturnType<typeof schema>>, r: MethodResolution): SyncReplicationMethod {
  const { target, link } = replicaPlacement(r, m);
  if (m.writeSize === undefined || m.outstandingWrites === undefined) {
    const size = m.writeSize ?? DEFAULT_WRITE_SIZE_BYTES;
    r.assume(`Synchronous writes are ${size % 1024 === 0 && size < 2 ** 20 ? `${size / 1024} KiB` : formatBytes(size)} each, ${m.outstandingWrites ?? DEFAULT_OUTSTANDING_WRITES} in flight per VM (set writeSize and outstandingWrites on the method).`);
  }
  r.assume(`An hour of production held back by throttled synchronous writes (the write path refused, a partial outage) costs each application slowed, once, the highest slowdownCost of its VMs; by default ${SLOWDOWN_SHARE_OF_DOWNTIME * 100}% of the application's downtime cost per hour (set slowdownCost on tiers or VMs).`);
  if (m.onLinkLoss !== 'halt' && m.resyncCheck === undefined) r.assume(`A degraded synchronous relationship checks every ${formatDuration(DEFAULT_RESYNC_CHECK_SECONDS)} whether it can resynchronize (set resyncCheck).`);
  if (link >= 0 && r.links[link].rttSeconds > SYNC_SUPPORTED_RTT_SECONDS) r.warn([...r.at, 'link'], `${r.label}: ${distanceNote(r.links[link])}`);
  return {
    method: 'sync-replication', linkLossPolicy: m.onLinkLoss, link, target, promoteSeconds: promoteSeconds(r, m.promote),
    writeSizeBytes: m.writeSize ?? DEFAULT_WRITE_SIZE_BYTES,
    outstandingWrites: m.outstandingWrites ?? DEFAULT_OUTSTANDING_WRITES,
    resyncCheckSeconds: m.resyncCheck ?? DEFAULT_RESYNC_CHECK_SECONDS,
  };
}

function distanceNote(link: { name: string; rttSeconds: number }): string {
  const km = (link.rttSeconds * 2e5) / 2;
  return `synchronous replication over link "${link.name}" (RTT ${formatDuration(link.rttSeconds)}, ≈ ${km.toFixed(0)} km of fibre) is beyond the ~100–300 km vendors support: every write waits the round trip, so writers slow down`;
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
  recovery: { kind: 'promote', replicaTarget: (m) => m.target, promoteSeconds: (m) => m.promoteSeconds },
  // A mirror keeps no point in time to lock: it takes the encryption as it is written.
  copyProtections: [],
  haltsProductionOnLinkLoss: (m) => m.linkLossPolicy === 'halt',
  costLines: () => [],
  planNotes: (m, scenario) => (scenario.links[m.link].rttSeconds > SYNC_SUPPORTED_RTT_SECONDS ? [distanceNote(scenario.links[m.link])] : []),
};

/** Sync traffic is latency-critical: it takes precedence over bulk replication and backup copies. */
export const SYNC_WEIGHT = 1000;

/** Added latency of one synchronous write: the round trip plus its transfer at the link's usable rate. */
export function syncWriteLatencySeconds(scenario: Scenario, method: SyncReplicationMethod): number {
  const l = scenario.links[method.link];
  return l.rttSeconds + method.writeSizeBytes / ((l.bandwidthBitsPerSecond * l.efficiency) / 8);
}

/** The fastest one VM can write while in sync (Little's law: writes in flight × size / latency). */
export function syncWriteCeilingBytesPerSecond(scenario: Scenario, method: SyncReplicationMethod): number {
  return (method.outstandingWrites * method.writeSizeBytes) / syncWriteLatencySeconds(scenario, method);
}

function start(ctx: ProtectionContext, group: ProtectionGroup, method: SyncReplicationMethod): MethodRun {
  const { sim, scenario } = ctx;
  const link = ctx.links[method.link];
  const ceiling = group.vms.length * syncWriteCeilingBytesPerSecond(scenario, method);
  const source = link.addSource({ weight: SYNC_WEIGHT * group.vms.length, inflowBytesPerSecond: group.writes.rateAt(0), overflow: 'throttle', recordHistory: true, countQueued: true });
  const outages = ctx.linkOutages[method.link] ?? [];
  let degraded = false;
  let haltedSeconds = 0;
  let throttledDuringHalt = 0;
  let throttledShareDuringHalt = 0;
  const checkResync = (): void => {
    if (degraded && link.capacityBytesPerSecond > 0 && source.backlogBytes <= 0) {
      degraded = false;
      link.setOverflow(source, 'throttle');
      stream.setCapped(true);
    }
  };
  // While in sync the writers are held to the ceiling; degraded (writes acknowledged locally) or halted, not.
  const stream = followCurve(ctx, method.link, source, group.writes, 1, checkResync, ceiling);
  for (const o of outages) {
    if (o.startSeconds >= ctx.horizonSeconds) break;
    sim.at(o.startSeconds, () => {
      stream.setCapped(false);
      if (method.linkLossPolicy === 'degrade-to-async') {
        degraded = true;
        link.setOverflow(source, 'buffer');
      } else {
        const before = source.throttledBytes;
        const shareBefore = source.throttledShareSeconds;
        const end = Math.min(o.endSeconds, ctx.horizonSeconds);
        haltedSeconds += end - o.startSeconds;
        sim.at(end, () => {
          throttledDuringHalt += source.throttledBytes - before;
          throttledShareDuringHalt += source.throttledShareSeconds - shareBefore;
          stream.setCapped(true);
        });
      }
    });
    // After the outage, poll for the drained backlog until resynchronized.
    if (method.linkLossPolicy === 'degrade-to-async') {
      const poll = (): void => {
        checkResync();
        if (degraded && sim.now + method.resyncCheckSeconds < ctx.horizonSeconds) sim.after(method.resyncCheckSeconds, poll);
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
    landing: replicaLanding(scenario, method),
    log,
    account() {
      const acc = emptyAccounting();
      acc.stored.push({ kind: 'replica', store: { kind: 'array', array: method.target }, bytes: replicaFootprintBytes(scenario, group, method.target) });
      const mean = group.writes.meanRate();
      acc.linkLoad.push({ link: method.link, meanBytesPerSecond: mean });
      acc.syncWriteLatencySeconds = syncWriteLatencySeconds(scenario, method);
      acc.throttledBytes = Math.max(0, source.throttledBytes - throttledDuringHalt) + stream.aboveCapBytes();
      acc.syncWrittenBytes = group.writes.writtenBetween(0, ctx.horizonSeconds);
      // Production held back: the time writes were refused, weighted by the share refused (a halt is counted apart).
      acc.throttledSeconds = Math.max(0, source.throttledShareSeconds - throttledShareDuringHalt) + stream.aboveCapShareSeconds();
      acc.haltedSeconds = haltedSeconds;
      return acc;
    },
  };
}
