/**
 * Snapshot + asynchronous replication. Every `interval` a snapshot is taken (the recovery point), the
 * writer stalls for `quiesce`, and the snapshot's unique delta (writes coalesced over the window,
 * compressed) is sent over the link as one bulk transfer competing with everything else on it. The
 * point counts at DR once its delta has fully arrived. The next cycle cannot start before the previous
 * one finished: when the link is short the lag grows, and the next delta covers the longer window.
 *
 * Closed form (constant rate c, link B, interval T, lag L = cT/B ≤ T, random failure time): mean RPO
 * T/2 + L, worst T + L (DOMAIN.md). The replica is assumed seeded at time 0 (initial full copy done).
 */
import type { AsyncReplicationMethod } from '../scenario.js';
import type { DiscretePointLog } from '../recovery-points.js';
import { uniqueFraction } from '../write-curve.js';
import { emptyAccounting, uniqueDeltaBytes, type MethodModel, type MethodRun } from './method.js';

export const asyncReplication: MethodModel<AsyncReplicationMethod> = {
  kind: 'async-replication',
  start(ctx, group, method): MethodRun {
    const { sim } = ctx;
    const link = ctx.links[method.link];
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
    const horizon = ctx.horizonSeconds;

    const snapshot = (): void => {
      const s = sim.now;
      const delta = uniqueDeltaBytes(group, lastSnapshot, s, method.compression, (w, window) => uniqueFraction(w.uniqueUpdates, window));
      lastSnapshot = s;
      deltaSum += delta;
      deltaCount++;
      const index = log.pointTimes.length;
      log.pointTimes.push(s);
      log.localAt.push(Infinity);
      log.offsiteAt.push(Infinity);
      const arrived = (t: number): void => {
        log.offsiteAt[index] = t;
        const next = Math.max(s + method.intervalSeconds, t);
        if (next < horizon) sim.at(next, snapshot);
      };
      sim.after(method.quiesceSeconds, () => {
        if (delta <= 0) { arrived(sim.now); return; }
        backlogPeak = Math.max(backlogPeak, delta);
        link.startTransfer(delta, { weight: group.vms.length, onComplete: arrived });
      });
    };
    if (method.intervalSeconds < horizon) sim.at(method.intervalSeconds, snapshot);

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
