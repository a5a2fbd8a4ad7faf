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
import type { FluidLink } from '../../sim/fluid-link.js';
import type { Simulation } from '../../sim/simulation.js';
import type { AsyncReplicationMethod } from '../scenario.js';
import type { DiscretePointLog } from '../recovery-points.js';
import { uniqueFraction } from '../write-curve.js';
import { emptyAccounting, uniqueDeltaBytes, type MethodModel, type MethodRun } from './method.js';

/** Fires every interval (at k·T + quiesce) and snapshots every group that is ready, in registration order. */
class SnapshotSchedule {
  private ready: ((pointTime: number) => void)[] = [];

  constructor(private readonly sim: Simulation, private readonly link: FluidLink, private readonly intervalSeconds: number, private readonly quiesceSeconds: number, private readonly horizonSeconds: number) {
    this.scheduleTick(intervalSeconds);
  }

  /** The group snapshots at the next slot. */
  enqueue(snapshot: (pointTime: number) => void): void {
    this.ready.push(snapshot);
  }


  private scheduleTick(pointTime: number): void {
    if (pointTime >= this.horizonSeconds) return;
    this.sim.at(pointTime + this.quiesceSeconds, () => {
      const due = this.ready;
      this.ready = [];
      this.link.batch(() => { for (const snapshot of due) snapshot(pointTime); });
      this.scheduleTick(pointTime + this.intervalSeconds);
    });
  }
}

export const asyncReplication: MethodModel<AsyncReplicationMethod> = {
  kind: 'async-replication',
  start(ctx, group, method): MethodRun {
    const link = ctx.links[method.link];
    const schedule = ctx.shared(`async:${method.link}:${method.intervalSeconds}:${method.quiesceSeconds}`,
      () => new SnapshotSchedule(ctx.sim, link, method.intervalSeconds, method.quiesceSeconds, ctx.horizonSeconds));
    const log: DiscretePointLog = {
      kind: 'discrete',
      method: 'async-replication',
      pointTimes: [0],
      localAt: [Infinity],
      offsiteAt: [0],
      retention: { kind: 'count', newest: method.retainedSnapshots },
    };
    let lastSnapshot = 0;
    let deltaSum = 0;
    let deltaCount = 0;
    let backlogPeak = 0;
    const weight = group.vms.length * (method.linkWeight ?? 1);

    const snapshot = (s: number): void => {
      const delta = uniqueDeltaBytes(group, lastSnapshot, s, method.compression);
      lastSnapshot = s;
      deltaSum += delta;
      deltaCount++;
      const index = log.pointTimes.length;
      log.pointTimes.push(s);
      log.localAt.push(Infinity);
      log.offsiteAt.push(Infinity);
      const arrived = (t: number): void => {
        log.offsiteAt[index] = t;
        // Ready for the next slot; if this update overran it, the overrun slots were skipped.
        schedule.enqueue(snapshot);
      };
      if (delta <= 0) { arrived(ctx.sim.now); return; }
      backlogPeak = Math.max(backlogPeak, delta);
      link.startTransfer(delta, { weight, onComplete: arrived, passive: true });
    };
    schedule.enqueue(snapshot);

    return {
      log,
      account() {
        const acc = emptyAccounting();
        const meanDelta = deltaCount > 0 ? deltaSum / deltaCount : 0;
        acc.replicaBytes = group.usedBytes;
        acc.snapshotBytes = meanDelta * method.retainedSnapshots;
        // Long-run load: the mean raw rate coalesced over one interval, compressed.
        let load = 0;
        for (const part of group.parts) load += part.curve.meanRate() * uniqueFraction(part.workload.uniqueUpdates, method.intervalSeconds);
        acc.linkLoad.push({ link: method.link, meanBytesPerSecond: load * (1 - method.compression) });
        acc.backlogPeakBytes = backlogPeak;
        return acc;
      },
    };
  },
};
