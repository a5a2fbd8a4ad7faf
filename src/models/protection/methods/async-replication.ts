/**
 * Snapshot + asynchronous replication. On a fixed schedule (every `interval`, as array replication
 * schedules run) a snapshot is taken — the recovery point — the writer stalls for `quiesce`, and the
 * snapshot's unique delta (writes coalesced over the window, compressed) is sent over the link as one
 * bulk transfer competing with everything else on it. The point counts at DR once its delta has fully
 * arrived. The next cycle cannot start before the previous one finished: an update still running when the
 * schedule fires skips that slot (as SnapMirror does), so when the link is short the lag grows, and the next
 * delta covers the longer window.
 *
 * Closed form (constant rate c, link B, interval T, lag L = cT/B ≤ T, random failure time): mean RPO
 * T/2 + L, worst T + L (DOMAIN.md). The replica is assumed seeded at time 0 (initial full copy done).
 *
 * Every group on the same link and schedule snapshots in one event and starts its transfer in one batch
 * (one reallocation of the link), which keeps large estates cheap.
 */
import type { FluidLink } from '../../../sim/fluid-link.js';
import type { Simulation } from '../../../sim/simulation.js';
import { z } from 'zod';
import { count, duration, fraction, name, obj, realNumber } from '../../scenario/fields.js';
import type { DiscretePointLog } from '../recovery-points.js';
import { uniqueFraction } from '../write-curve.js';
import {
  compressionAtRatioFactor, emptyAccounting, partUniqueRate, promoteSeconds, replicaFootprintBytes, replicaLanding, replicaPlacement, uniqueDeltaBytes, type MethodDefinition, type MethodResolution, type MethodRun, type ProtectionContext, type ProtectionGroup,
} from './method.js';

export interface AsyncReplicationMethod {
  method: 'async-replication';
  intervalSeconds: number;
  quiesceSeconds: number;
  retainedSnapshots: number;
  compression: number;
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

const DAY = 86400;

function schema() {
  return obj({
    method: z.literal('async-replication'),
    interval: duration({ example: '15 min' }),
    retainedSnapshots: count(1, 'a number of snapshots').optional(),
    compression: fraction().prefault(0),
    link: name('a link name').optional(),
    target: name('a storage array name').optional(),
    promote: duration({ allowZero: true, example: '5 min' }).optional(),
    quiesce: duration({ allowZero: true, example: '10 s' }).prefault(0),
    weight: realNumber(0, 'a share weight per VM such as 0.25 (default 1)', true).optional(),
  });
}

function resolve(m: z.output<ReturnType<typeof schema>>, r: MethodResolution): AsyncReplicationMethod {
  const { target, link } = replicaPlacement(r, m);
  return {
    method: 'async-replication', intervalSeconds: m.interval, quiesceSeconds: m.quiesce,
    // Default: a day's worth of snapshots.
    retainedSnapshots: m.retainedSnapshots ?? Math.max(1, Math.ceil(DAY / m.interval)), compression: m.compression, link, target,
    promoteSeconds: promoteSeconds(r, m.promote),
    ...(m.weight !== undefined ? { linkWeight: m.weight } : {}),
  };
}

export const asyncReplication: MethodDefinition<AsyncReplicationMethod> = {
  kind: 'async-replication',
  schema,
  resolve: resolve as MethodDefinition<AsyncReplicationMethod>['resolve'],
  start,
  cyclesSeconds: (m) => [m.intervalSeconds],
  // The first snapshot at one interval (+ quiesce), its delta within another when the link keeps up.
  settleSeconds: (m) => 2 * m.intervalSeconds + m.quiesceSeconds,
  bestMeanRpoSeconds: (m) => m.intervalSeconds / 2,
  // A VM changes at most its used bytes per interval.
  linkDemand: (m, vm, workload) => ({
    link: m.link,
    bytesPerSecond: Math.min(workload.averageWriteBytesPerSecond * vm.workloadScale * uniqueFraction(workload.uniqueUpdates, m.intervalSeconds), vm.usedBytes / m.intervalSeconds) * (1 - m.compression),
  }),
  recovery: { kind: 'promote', replicaTarget: (m) => m.target, promoteSeconds: (m) => m.promoteSeconds },
  // Retained snapshots at DR can be locked (snapshot lock); a vault or tape is a backup's.
  copyProtections: ['immutable'],
  haltsProductionOnLinkLoss: () => false,
  costLines: () => [],
  withCompressionRatioScaled: (m, factor) => ({ ...m, compression: compressionAtRatioFactor(m.compression, factor) }),
};

/** Fires every interval (at k·T + quiesce) and snapshots every group that is ready, in registration order. */
class SnapshotSchedule {
  /** Groups ready for the next slot; swapped with `firing` at each tick (no array per tick). */
  private ready: AsyncGroup[] = [];
  private firing: AsyncGroup[] = [];
  private pointTime = 0;
  private readonly tickBound = (): void => this.tick();
  private readonly snapshotAllBound = (): void => {
    for (let i = 0; i < this.firing.length; i++) this.firing[i].snapshot(this.pointTime);
  };

  constructor(private readonly sim: Simulation, private readonly link: FluidLink, private readonly intervalSeconds: number, private readonly quiesceSeconds: number, private readonly horizonSeconds: number) {
    this.scheduleTick(intervalSeconds);
  }

  /** The group snapshots at the next slot. */
  enqueue(group: AsyncGroup): void {
    this.ready.push(group);
  }

  private scheduleTick(pointTime: number): void {
    if (pointTime >= this.horizonSeconds) return;
    this.pointTime = pointTime;
    this.sim.at(pointTime + this.quiesceSeconds, this.tickBound);
  }

  private tick(): void {
    const due = this.ready;
    this.ready = this.firing;
    this.firing = due;
    this.link.batch(this.snapshotAllBound);
    due.length = 0;
    this.scheduleTick(this.pointTime + this.intervalSeconds);
  }
}

/** One protection group's replication: at most one snapshot delta in flight at a time. */
class AsyncGroup {
  readonly log: DiscretePointLog;
  lastSnapshot = 0;
  /** Log index of the snapshot whose delta is in flight. */
  private inFlight = 0;
  private readonly arrivedBound = (t: number): void => this.arrived(t);

  constructor(
    private readonly sim: Simulation,
    private readonly link: FluidLink,
    private readonly schedule: SnapshotSchedule,
    private readonly group: ProtectionGroup,
    private readonly method: AsyncReplicationMethod,
    private readonly weight: number,
  ) {
    this.log = {
      kind: 'discrete',
      method: 'async-replication',
      pointTimes: [0],
      localAt: [Infinity],
      offsiteAt: [0],
      retention: { kind: 'count', newest: method.retainedSnapshots },
    };
  }

  snapshot(s: number): void {
    const delta = uniqueDeltaBytes(this.group, this.lastSnapshot, s, this.method.compression);
    this.lastSnapshot = s;
    const log = this.log;
    this.inFlight = log.pointTimes.length;
    log.pointTimes.push(s);
    log.localAt.push(Infinity);
    log.offsiteAt.push(Infinity);
    if (delta <= 0) { this.arrived(this.sim.now); return; }
    // A delta in flight is written at the primary and not yet at DR: it counts in the link's backlog.
    this.link.send(delta, this.weight, this.arrivedBound, true);
  }

  private arrived(t: number): void {
    this.log.offsiteAt[this.inFlight] = t;
    // Ready for the next slot; if this update overran it, the overrun slots were skipped.
    this.schedule.enqueue(this);
  }
}

function start(ctx: ProtectionContext, group: ProtectionGroup, method: AsyncReplicationMethod): MethodRun {
  const link = ctx.links[method.link];
  const schedule = ctx.shared(`async:${method.link}:${method.intervalSeconds}:${method.quiesceSeconds}`,
    () => new SnapshotSchedule(ctx.sim, link, method.intervalSeconds, method.quiesceSeconds, ctx.horizonSeconds));
  const run = new AsyncGroup(ctx.sim, link, schedule, group, method, group.vms.length * (method.linkWeight ?? 1));
  schedule.enqueue(run);

  return {
    landing: replicaLanding(ctx.scenario, method),
    log: run.log,
    account() {
      const acc = emptyAccounting();
      const store = { kind: 'array', array: method.target } as const;
      acc.stored.push({ kind: 'replica', store, bytes: replicaFootprintBytes(ctx.scenario, group, method.target) });
      acc.stored.push({ kind: 'snapshots', store, bytes: retainedSnapshotBytes(group, method) });
      // Long-run load: the mean raw rate coalesced over one interval (at most each VM's used bytes), compressed.
      let load = 0;
      for (const part of group.parts) load += partUniqueRate(part, method.intervalSeconds);
      acc.linkLoad.push({ link: method.link, meanBytesPerSecond: load * (1 - method.compression) });
      return acc;
    },
  };
}

/**
 * Space the retained snapshots hold on the DR array: the blocks changed since the oldest retained snapshot,
 * i.e. the unique changes over the retention span (N snapshots × the interval, the span at its longest) —
 * not N × one interval's delta, since a block rewritten in several intervals is held once. Network
 * compression does not shrink it (SnapMirror decompresses at the destination); at most the data itself.
 */
export function retainedSnapshotBytes(group: ProtectionGroup, method: AsyncReplicationMethod): number {
  const spanSeconds = method.retainedSnapshots * method.intervalSeconds;
  let bytes = 0;
  // Capped VM by VM at their used bytes (partUniqueRate), so at most the group's used data.
  for (const part of group.parts) bytes += partUniqueRate(part, spanSeconds) * spanSeconds;
  return bytes;
}
