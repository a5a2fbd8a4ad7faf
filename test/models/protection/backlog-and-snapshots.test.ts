/**
 * Two sums the protection run reports: a link's backlog peak is the largest amount of replication data
 * queued on it at one instant, summed over every group (not the largest single group's); retained snapshot
 * space is the unique change over the retention span (not retained count × one interval's delta).
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import type { AsyncReplicationMethod, CdpMethod } from '../../../src/models/protection/methods/registry.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const streams = new RandomStreams(7);
const HOUR = 3600;
const DAY = 86400;

function asyncMethod(over: Partial<AsyncReplicationMethod> = {}): AsyncReplicationMethod {
  return { method: 'async-replication', intervalSeconds: 1000, quiesceSeconds: 0, retainedSnapshots: 10, compression: 0, link: 0, target: 1, promoteSeconds: 0, ...over };
}

describe('link backlog peak: summed over groups at each instant', () => {
  test('two groups snapshotting together queue both deltas at once: the peak is their sum', () => {
    const s = scenario({ vms: [vm('a', { app: 'a' }), vm('b', { app: 'b' })], methods: [asyncMethod()], linkBytesPerSecond: 10e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    // Each delta: 1 MB/s × 1,000 s = 1 GB, queued at the same slot; they drain in 200 s, long before the next.
    expect(out.links[0].backlogPeakBytes / 2e9).toBeCloseTo(1, 9);
  });

  test('two CDP streams surging at different hours: the peak is one surge, below the sum of the two peaks', () => {
    // Rates per hour of the week (× 1 B/s): group A surges to 2 MB/s in hour 10, B in hour 30; both 0.1 MB/s otherwise.
    const profile = (surgeHour: number) => Array.from({ length: 168 }, (_, h) => (h === surgeHour ? 2e6 : 0.1e6));
    const w = [workload({ name: 'a', averageWriteBytesPerSecond: 1, weeklyProfile: profile(10) }), workload({ name: 'b', averageWriteBytesPerSecond: 1, weeklyProfile: profile(30) })];
    const cdp: CdpMethod = { method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 };
    const s = scenario({ vms: [vm('a', { app: 'a', workload: 0 }), vm('b', { app: 'b', workload: 1 })], workloads: w, methods: [cdp], linkBytesPerSecond: 1e6, warmupSeconds: 0 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    // In its surge hour a stream gets what the other (0.1 MB/s, not backlogged) leaves: 0.9 MB/s, so its backlog
    // grows at 1.1 MB/s for an hour: 3.96 GB; it then drains at 0.9 − 0.1 = 0.8 MB/s in 4,950 s, before hour 30.
    const onePeak = (2e6 - 0.9e6) * HOUR;
    expect(out.links[0].backlogPeakBytes / onePeak).toBeCloseTo(1, 9);
  });
});

describe('retained snapshot space: the unique change over the retention span', () => {
  test('10 snapshots 15 min apart hold the unique change over 2.5 h, interpolated on the unique-update curve', () => {
    const curve = [{ windowSeconds: 900, uniqueFraction: 0.5 }, { windowSeconds: DAY, uniqueFraction: 0.2 }];
    const s = scenario({ workloads: [workload({ uniqueUpdates: curve })], methods: [asyncMethod({ intervalSeconds: 900, retainedSnapshots: 10, compression: 0.5 })] });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    // Span 9,000 s: the fraction is interpolated in log(window) between (900 s, 50%) and (1 day, 20%);
    // network compression does not shrink what the destination stores.
    const f = 0.5 + (0.2 - 0.5) * (Math.log(9000 / 900) / Math.log(DAY / 900));
    expect(out.storage.snapshotBytes / (1e6 * 9000 * f)).toBeCloseTo(1, 9);
    // The old rule, 10 × one compressed 15-min delta (1e6 × 900 × 50% × 50% = 225 MB each), said 2.25 GB.
    expect(out.storage.snapshotBytes).toBeGreaterThan(2.25e9);
  });

  test('snapshot space grows with the retention and never exceeds the data itself', () => {
    const space = (retainedSnapshots: number) => {
      const s = scenario({ workloads: [workload({ uniqueUpdates: [{ windowSeconds: 60, uniqueFraction: 0.9 }, { windowSeconds: 7 * DAY, uniqueFraction: 0.3 }] })], methods: [asyncMethod({ intervalSeconds: HOUR, retainedSnapshots })] });
      return simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] }).storage.snapshotBytes;
    };
    const sizes = [1, 4, 24, 96, 1000, 100_000].map(space);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1]);
    // 100,000 hourly snapshots would hold 11 years of changes: capped at the VM's 50 GB of data.
    expect(sizes[sizes.length - 1]).toBe(50e9);
  });
});
