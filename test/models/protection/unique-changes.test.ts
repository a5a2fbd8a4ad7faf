/**
 * Unique changes are capped at the data there is (protection/unique-changes.ts): over a window a VM changes at
 * most its used bytes. Expected values by hand, and the cap against its definition Σ min(s_i/S · U, used_i)
 * evaluated directly (not through the sorted thresholds the code uses).
 *
 * End to end: a 50 GB VM writing 500 GB a day whose unique-update curve keeps 25% over a day would ship a
 * 125 GB daily delta — more than the disk holds. Capped, a daily incremental or a daily async delta is 50 GB.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { UsedBytesCap } from '../../../src/models/protection/unique-changes.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import type { AsyncReplicationMethod, BackupMethod } from '../../../src/models/protection/methods/registry.js';
import type { DiscretePointLog } from '../../../src/models/protection/recovery-points.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const GB = 1e9;
const DAY = 86400;
const H = 3600;

describe('the cap of unique changes at used bytes', () => {
  test('by hand: scales 1 and 3, used 10 GB and 100 GB (S = 4; τ = 40 GB and 133.3 GB)', () => {
    const cap = new UsedBytesCap([1, 3], [10 * GB, 100 * GB]);
    expect(cap.cap(20 * GB)).toBe(20 * GB); // 5 + 15: nobody full
    expect(cap.cap(80 * GB)).toBeCloseTo(10 * GB + 0.75 * 80 * GB, 0); // the small VM full (10), the other 60
    expect(cap.cap(200 * GB)).toBeCloseTo(110 * GB, 0); // both full
    expect(new UsedBytesCap([0, 2], [10 * GB, 5 * GB]).cap(8 * GB)).toBeCloseTo(5 * GB, 0); // a VM that never writes never counts
  });

  test('equals Σ_i min(s_i/S · U, used_i); never above U nor Σ used; non-decreasing', () => {
    const member = fc.record({ scale: fc.double({ min: 0.01, max: 10, noNaN: true }), used: fc.double({ min: 1, max: 1e12, noNaN: true }) });
    fc.assert(fc.property(fc.array(member, { minLength: 1, maxLength: 30 }), fc.array(fc.double({ min: 0, max: 1e13, noNaN: true }), { minLength: 2, maxLength: 8 }), (vms, us) => {
      const cap = new UsedBytesCap(vms.map((v) => v.scale), vms.map((v) => v.used));
      const S = vms.reduce((a, v) => a + v.scale, 0);
      const total = vms.reduce((a, v) => a + v.used, 0);
      const sorted = [...us].sort((a, b) => a - b);
      let last = -Infinity;
      for (const u of sorted) {
        const direct = vms.reduce((a, v) => a + Math.min((v.scale / S) * u, v.used), 0);
        const got = cap.cap(u);
        expect(Math.abs(got - direct)).toBeLessThanOrEqual(1e-9 * Math.max(1, direct));
        expect(got).toBeLessThanOrEqual(Math.min(u, total) * (1 + 1e-12));
        expect(got).toBeGreaterThanOrEqual(last - 1e-9 * Math.abs(last));
        last = got;
      }
    }));
  });
});

describe('daily deltas of a 50 GB VM writing 500 GB a day (25% unique over a day)', () => {
  // 500 GB/day flat; unique fraction 25% for every window of an hour or more (flat beyond the curve's points).
  const w = workload({ averageWriteBytesPerSecond: (500 * GB) / DAY, uniqueUpdates: [{ windowSeconds: H, uniqueFraction: 0.25 }, { windowSeconds: 7 * DAY, uniqueFraction: 0.25 }] });
  const run = (method: AsyncReplicationMethod | BackupMethod, vms = [vm('vm1', { usedBytes: 50 * GB, provisionedBytes: 50 * GB })]) => {
    const s = scenario({ vms, workloads: [w], methods: [method], linkBytesPerSecond: 100e6, horizonSeconds: 4 * DAY });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] });
    return { out, log: out.vmProtection[0].methods[0].log as DiscretePointLog };
  };

  test('a daily incremental backup ships 50 GB, not 125 GB: 50 s into the target, 500 s over the WAN', () => {
    const { log } = run({
      method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, windowStartSeconds: 0, mode: 'proxy', target: 0,
      offsite: { kind: 'wan', link: 0, store: null }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0, restoreStreams: 1, guestRebuildSeconds: 0,
    });
    // Slots at 1, 2, 3 days; each incremental covers one day: min(125, 50) GB at 1 GB/s then 100 MB/s.
    for (let i = 1; i < log.pointTimes.length; i++) expect(log.offsiteAt[i] - log.pointTimes[i]).toBeCloseTo(50 + 500, 6);
  });

  test('a daily async delta is 50 GB (500 s at 100 MB/s), and so is the long-run link load', () => {
    const { out, log } = run({ method: 'async-replication', intervalSeconds: DAY, quiesceSeconds: 0, retainedSnapshots: 3, compression: 0, link: 0, target: 1, promoteSeconds: 0 });
    for (let i = 1; i < log.pointTimes.length; i++) expect(log.offsiteAt[i] - log.pointTimes[i]).toBeCloseTo(500, 6);
    expect(out.links[0].demandBytesPerSecond).toBeCloseTo((50 * GB) / DAY, 3);
  });

  test('capped VM by VM: beside a 500 GB VM (125 GB a day, not capped) the 50 GB VM still adds 50 GB, not 125', () => {
    // One application (one group, one workload part): per-part capping would allow min(250, 550) = 250 GB;
    // per VM it is min(125, 50) + min(125, 500) = 175 GB: 1,750 s at 100 MB/s.
    const vms = [vm('small', { app: 'x', usedBytes: 50 * GB }), vm('big', { app: 'x', usedBytes: 500 * GB, provisionedBytes: 500 * GB })];
    const { log } = run({ method: 'async-replication', intervalSeconds: DAY, quiesceSeconds: 0, retainedSnapshots: 3, compression: 0, link: 0, target: 1, promoteSeconds: 0 }, vms);
    for (let i = 1; i < log.pointTimes.length; i++) expect(log.offsiteAt[i] - log.pointTimes[i]).toBeCloseTo(1750, 6);
  });
});
