import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { newestPoint, newestCleanPoint, type PointLog } from '../../../src/models/protection/recovery-points.js';
import { journalBytes, zertoWanBytesPerSecond } from '../../../src/models/protection/methods/cdp.js';
import { usableBytesPerSecond } from '../../../src/models/protection/simulate.js';
import type { AsyncReplicationMethod, BackupMethod, CdpMethod, SyncReplicationMethod } from '../../../src/models/protection/methods/registry.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const streams = new RandomStreams(7);
const HOUR = 3600;
const DAY = 86400;

function asyncMethod(over: Partial<AsyncReplicationMethod> = {}): AsyncReplicationMethod {
  return { method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 10, compression: 0, link: 0, target: 1, promoteSeconds: 0, ...over };
}
function backupMethod(over: Partial<BackupMethod> = {}): BackupMethod {
  return {
    method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, windowStartSeconds: HOUR,
    mode: 'proxy', target: 1, offsite: { kind: 'none' }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0.1, restoreStreams: 4, guestRebuildSeconds: 0, ...over,
  };
}

/** RPO(t) = t − newest point at DR, averaged over a fine uniform grid of failure times in [a, b). */
function rpoOverTime(log: PointLog, a: number, b: number, n = 200_000): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = a + ((i + 0.5) / n) * (b - a);
    const p = newestPoint(log, t, 'offsite');
    const rpo = t - (p ?? 0);
    sum += rpo;
    if (rpo > max) max = rpo;
  }
  return { mean: sum / n, max };
}

describe('snapshot + async replication against the closed form T/2 + L', () => {
  test.each([
    { c: 1e6, B: 4e6, T: 900 },
    { c: 2e6, B: 10e6, T: 3600 },
    { c: 5e5, B: 1e6, T: 300 },
  ])('c=$c B/s, link $B B/s, T=$T s', ({ c, B, T }) => {
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: c })], methods: [asyncMethod({ intervalSeconds: T })], linkBytesPerSecond: B });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const L = (c * T) / B;
    // Deterministic model: the only error is the grid's (T / 200k-ish), far below 0.1%.
    const { mean, max } = rpoOverTime(out.vmProtection[0].methods[0].log, DAY, 7 * DAY);
    expect(mean).toBeCloseTo(T / 2 + L, 0);
    expect(Math.abs(max - (T + L)) / (T + L)).toBeLessThan(1e-3);
    // Steady state: the lag at both ends of the measured span (whole intervals) is the same.
    expect(out.links[0].lagGrowthSeconds).toBeCloseTo(0, 6);
  });

  test('NetApp: an update starting 12:00 that transfers for 45 min leaves a lag of 46 min at 12:46', () => {
    // One hourly cycle whose delta takes 45 min: c·T/B = 2700 s.
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 0.75e6 })], methods: [asyncMethod({ intervalSeconds: HOUR })], linkBytesPerSecond: 1e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    const noon = 2 * DAY + 12 * HOUR;
    const at1246 = noon + 46 * 60;
    // The 12:00 update has not arrived at 12:46? It arrives at 12:45; measured at 12:46 the newest point is 12:00.
    expect(at1246 - (newestPoint(log, at1246, 'offsite') ?? 0)).toBeCloseTo(46 * 60, 6);
    // At 12:44 the 12:00 update is still in flight: the newest point is 11:00.
    expect(noon + 44 * 60 - (newestPoint(log, noon + 44 * 60, 'offsite') ?? 0)).toBeCloseTo(104 * 60, 6);
  });

  test("VMware's figures: 100 GB over 10 Mbit/s at 75% efficiency ≈ 30 h, over 100 Mbit/s ≈ 3 h", () => {
    for (const [mbit, hours] of [[10, 29.63], [100, 2.963]] as const) {
      const usable = usableBytesPerSecond({ bandwidthBitsPerSecond: mbit * 1e6, efficiency: 0.75 });
      // A single daily delta of 100 GB through the simulated link.
      const s = scenario({ vms: [vm('vm1', { usedBytes: 10e12, provisionedBytes: 10e12 })], workloads: [workload({ averageWriteBytesPerSecond: 100e9 / DAY })], methods: [asyncMethod({ intervalSeconds: DAY })], linkBytesPerSecond: usable, horizonSeconds: 4 * DAY });
      const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
      const log = out.vmProtection[0].methods[0].log;
      if (log.kind !== 'discrete') throw new Error('expected discrete');
      expect((log.offsiteAt[1] - log.pointTimes[1]) / HOUR).toBeCloseTo(hours, 1);
    }
  });

  test('a link shorter than the average unique change: the formula\'s shortfall, and the lag grows as replayed by hand', () => {
    // A disk far larger than a week of writes (unique changes are capped at the used bytes, which would bound the lag).
    const s = scenario({ vms: [vm('vm1', { usedBytes: 10e12, provisionedBytes: 10e12 })], workloads: [workload({ averageWriteBytesPerSecond: 2e6 })], methods: [asyncMethod()], linkBytesPerSecond: 1.5e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const [link] = out.links;
    expect(link.demandBytesPerSecond - link.usableBytesPerSecond * link.availability).toBeCloseTo(0.5e6, 3);
    // And the lag really grows. A snapshot at slot s ships c·(s − previous snapshot) in (c/B)·that = 4/3 of its
    // span; slots that come while it is sending are skipped (SnapMirror), so each span is the previous one × 4/3
    // rounded up to whole slots: 900, 1,800, 2,700, 3,600, … The newest point at day 7 is the last slot whose
    // transfer ended by then: replay that recurrence by hand.
    const T = 900;
    const newestBy = (t: number) => {
      let previous = 0;
      let newest = 0;
      for (let slot = T; ; ) {
        const arrives = slot + (2e6 * (slot - previous)) / 1.5e6;
        if (arrives > t) return newest;
        newest = slot;
        previous = slot;
        slot = Math.ceil(arrives / T) * T;
      }
    };
    const log = out.vmProtection[0].methods[0].log;
    expect(7 * DAY - (newestPoint(log, 7 * DAY, 'offsite') ?? 0)).toBeCloseTo(7 * DAY - newestBy(7 * DAY), 6); // 203,400 s
    // The lag's growth over the measured span (after the 1-day warm-up): what the sustainability verdict tests.
    expect(link.lagGrowthSeconds).toBeCloseTo(7 * DAY - newestBy(7 * DAY) - (DAY - newestBy(DAY)), 6);
    expect(link.lagGrowthSeconds).toBeGreaterThan(0.005 * 6 * DAY);
  });

  test('two groups sharing one link each get an equal share: both deltas arrive after 2·delta/B', () => {
    const s = scenario({ vms: [vm('a', { app: 'a' }), vm('b', { app: 'b' })], methods: [asyncMethod({ intervalSeconds: 1000 })], linkBytesPerSecond: 10e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    for (const v of [0, 1]) {
      const log = out.vmProtection[v].methods[0].log;
      if (log.kind !== 'discrete') throw new Error('expected discrete');
      // delta = 1e6 · 1000 = 1e9 B each; together 2e9 B at 10e6 B/s = 200 s.
      expect(log.offsiteAt[1] - log.pointTimes[1]).toBeCloseTo(200, 6);
    }
  });

  test('unique-update curve and compression shrink the delta', () => {
    const w = workload({ uniqueUpdates: [{ windowSeconds: 60, uniqueFraction: 0.9 }, { windowSeconds: 900, uniqueFraction: 0.5 }, { windowSeconds: DAY, uniqueFraction: 0.2 }] });
    const s = scenario({ workloads: [w], methods: [asyncMethod({ intervalSeconds: 900, compression: 0.5 })], linkBytesPerSecond: 10e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    if (log.kind !== 'discrete') throw new Error('expected discrete');
    // delta = 1e6 · 900 · 0.5 unique · 0.5 compression = 2.25e8 B → 22.5 s at 10 MB/s.
    expect(log.offsiteAt[1] - log.pointTimes[1]).toBeCloseTo(22.5, 6);
    expect(out.links[0].demandBytesPerSecond).toBeCloseTo(1e6 * 0.5 * 0.5, 3);
  });

  test('retained snapshots bound how far back corruption recovery can go', () => {
    const s = scenario({ methods: [asyncMethod({ intervalSeconds: HOUR, retainedSnapshots: 4 })], linkBytesPerSecond: 100e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    // Corrupted at 10:30 on day 2; detected at 12:10: retained points 9:00..12:00 → newest clean point 10:00.
    const t0 = DAY + 10.5 * HOUR;
    expect(newestCleanPoint(log, t0, DAY + 12.17 * HOUR, 'offsite')).toBe(DAY + 10 * HOUR);
    // Detected 5 h later: retained 12:00..15:00 are all after the corruption → no clean point.
    expect(newestCleanPoint(log, t0, DAY + 15.5 * HOUR, 'offsite')).toBeNull();
  });
});

describe('backup-restore against the closed form P/2 + D', () => {
  test('daily backup at 01:00 to a target at the DR site, taking D: mean RPO 12 h + D, worst 24 h + D', () => {
    // 1 MB/s of unique writes → 86.4 GB per incremental; the WAN at 20 MB/s takes D = 4320 s.
    const s = scenario({ vms: [vm('vm1', { usedBytes: 10e12, provisionedBytes: 10e12 })], methods: [backupMethod()], linkBytesPerSecond: 20e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const D = 86.4e9 / 20e6;
    const { mean, max } = rpoOverTime(out.vmProtection[0].methods[0].log, 2 * DAY, 7 * DAY);
    expect(mean / (12 * HOUR + D)).toBeCloseTo(1, 3);
    expect(max / (24 * HOUR + D)).toBeCloseTo(1, 3);
  });

  test('local target with a WAN offsite copy: offsite when both stages are done; local use right after stage 1', () => {
    const s = scenario({ vms: [vm('vm1', { usedBytes: 10e12, provisionedBytes: 10e12 })], methods: [backupMethod({ target: 0, offsite: { kind: 'wan', link: 0, store: null } })], linkBytesPerSecond: 10e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    if (log.kind !== 'discrete') throw new Error('expected discrete');
    const i = log.pointTimes.indexOf(2 * DAY + HOUR);
    expect(log.localAt[i] - log.pointTimes[i]).toBeCloseTo(86.4, 6); // 86.4 GB at 1 GB/s
    expect(log.offsiteAt[i] - log.localAt[i]).toBeCloseTo(8640, 6); // then at 10 MB/s
  });

  test('tapes shipped weekly: offsite only after the pickup and the transit', () => {
    const s = scenario({ methods: [backupMethod({ target: 0, offsite: { kind: 'tape', shipEverySeconds: 7 * DAY, transitSeconds: DAY, costPerShipment: 100, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 } })], horizonSeconds: 14 * DAY });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    // Pickups at 09:00 on days 0, 7, 14. Day 0's 01:00 backup leaves that morning and arrives on day 1;
    // the backups of days 1..7 wait for the day-7 pickup and arrive on day 8 at 09:00.
    const t = 8 * DAY + 9 * HOUR;
    expect(newestPoint(log, t - 1, 'offsite')).toBe(HOUR);
    expect(newestPoint(log, t, 'offsite')).toBe(7 * DAY + HOUR);
    expect(newestPoint(log, 3 * DAY, 'local-or-offsite')).toBe(2 * DAY + HOUR);
  });
});

describe('CDP journals', () => {
  test('RecoverPoint sizing: 10 Mbit/s kept 24 h ≈ 108 GB raw, ≈ 140 GB with margins', () => {
    const rate = 10e6 / 8;
    expect(rate * DAY).toBeCloseTo(108e9, -6);
    expect(journalBytes(rate, DAY) / 1e9).toBeCloseTo(141.75, 2);
    expect(zertoWanBytesPerSecond(2e6, 0.5)).toBe(1e6);
  });

  test('backlog under a burst equals the largest running sum of (write rate − link rate) (Veritas SRL sizing)', () => {
    // Hourly profile: mostly 0.5, a 3-hour burst at 2.0 and 1.5 on Monday; link 1.0 (× 1 MB/s average).
    const profile = Array.from({ length: 168 }, () => 0.5);
    profile[10] = 2; profile[11] = 2; profile[12] = 1.5; profile[13] = 0.5;
    const mean = profile.reduce((a, b) => a + b, 0) / 168;
    const norm = profile.map((p) => p / mean);
    const avg = 1e6 * mean; // keeps absolute rates: hour h writes 1e6·profile[h]
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: avg, weeklyProfile: norm })], methods: [{ method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 } satisfies CdpMethod], linkBytesPerSecond: 1e6, warmupSeconds: 0 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    // Running sum of (r − B)·3600 with the Lindley reflection at 0: 3.6e9 + 3.6e9 + 1.8e9 = 9e9 B.
    let backlog = 0; let peak = 0;
    for (const p of profile) { backlog = Math.max(0, backlog + (1e6 * p - 1e6) * HOUR); peak = Math.max(peak, backlog); }
    expect(out.links[0].backlogPeakBytes / peak).toBeCloseTo(1, 6);
    // The lag at the burst's end: data written at 12:00 + (9e9 − ...) — check RP via the stream: at 13:00 the
    // backlog is 9e9 B; data written since the point equals it.
    const log = out.vmProtection[0].methods[0].log;
    const rp = newestPoint(log, 13 * HOUR, 'offsite')!;
    // Writes between rp and 13:00 = backlog: hour 12 wrote 1.5e6·3600 = 5.4e9, hour 11 2e6/s for the remaining 3.6e9 → 1800 s.
    expect(13 * HOUR - rp).toBeCloseTo(HOUR + 1800, 3);
  });

  test('catch-up after an outage takes backlog / (bandwidth − change rate)', () => {
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 2e6 })], methods: [{ method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 }], linkBytesPerSecond: 10e6 });
    const outage = { startSeconds: 2 * DAY, endSeconds: 2 * DAY + HOUR };
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[outage]] });
    const log = out.vmProtection[0].methods[0].log;
    const catchUp = (2e6 * HOUR) / (10e6 - 2e6); // 900 s
    const lagAt = (t: number) => t - newestPoint(log, t, 'offsite')!;
    expect(lagAt(outage.endSeconds)).toBeCloseTo(HOUR, 3);
    // FIFO: x s after the outage the link has delivered B·x of the backlog, i.e. the writes of the outage's first
    // B·x/c = 5x s: lag = (1 h + x) − 5x = 1 h − 4x, which reaches 0 at x = 900 s. Halfway: 1,800 s.
    expect(lagAt(outage.endSeconds + catchUp / 2)).toBeCloseTo(HOUR - 4 * (catchUp / 2), 3);
    expect(lagAt(outage.endSeconds + 100)).toBeCloseTo(HOUR - 400, 3);
    expect(lagAt(outage.endSeconds + catchUp + 1)).toBeLessThan(1e-3);
  });

  test('a corruption within the journal history recovers to the instant before it', () => {
    const s = scenario({ methods: [{ method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 }], linkBytesPerSecond: 10e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    expect(newestCleanPoint(log, 3 * DAY, 3 * DAY + 6 * HOUR, 'offsite')).toBeCloseTo(3 * DAY, 6);
    expect(newestCleanPoint(log, 3 * DAY, 4 * DAY + 6 * HOUR, 'offsite')).toBeNull();
  });
});

describe('synchronous replication', () => {
  const sync = (policy: SyncReplicationMethod['linkLossPolicy']): SyncReplicationMethod => ({ method: 'sync-replication', linkLossPolicy: policy, link: 0, target: 1, writeSizeBytes: 65536, outstandingWrites: 32, resyncCheckSeconds: 60, promoteSeconds: 0 });

  test('RPO 0 while the link is up; the write penalty grows with distance (RTT)', () => {
    const near = scenario({ methods: [sync('halt')], rttSeconds: 0.001 });
    const far = scenario({ methods: [sync('halt')], rttSeconds: 0.02 });
    const a = simulateProtection({ scenario: near, strategy: near.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const b = simulateProtection({ scenario: far, strategy: far.strategies[0], streams, trial: 0, linkOutages: [[]] });
    const log = a.vmProtection[0].methods[0].log;
    for (const t of [DAY, 3.3 * DAY, 6.9 * DAY]) expect(newestPoint(log, t, 'offsite')).toBeCloseTo(t, 6);
    // RTT + one 64 KiB write at the 10 MB/s link rate.
    expect(a.impact.syncWriteLatencySeconds).toBeCloseTo(0.001 + 65536 / 10e6, 9);
    expect(b.impact.syncWriteLatencySeconds).toBeCloseTo(0.02 + 65536 / 10e6, 9);
  });

  test('a link slower than the writes throttles them, and says how much', () => {
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 2e6 })], methods: [sync('halt')], linkBytesPerSecond: 1.5e6, horizonSeconds: 2 * DAY });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    expect(out.impact.throttledBytes).toBeCloseTo(0.5e6 * 2 * DAY, -3);
  });

  test('degrade-to-async during a 1 h outage: the loss grows as the outage lasts, then resynchronizes', () => {
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 1e6 })], methods: [sync('degrade-to-async')], linkBytesPerSecond: 5e6 });
    const outage = { startSeconds: 2 * DAY, endSeconds: 2 * DAY + HOUR };
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[outage]] });
    const log = out.vmProtection[0].methods[0].log;
    const loss = (t: number) => t - newestPoint(log, t, 'offsite')!;
    expect(loss(outage.startSeconds + 600)).toBeCloseTo(600, 3);
    expect(loss(outage.startSeconds + 1800)).toBeCloseTo(1800, 3);
    // The backlog of 3.6e9 B drains at B − c = 4 MB/s in 900 s; meanwhile (FIFO) loss = (1 h + x) − (B/c)·x = 1 h − 4x.
    expect(loss(outage.endSeconds + 450)).toBeCloseTo(1800, 3);
    expect(loss(outage.endSeconds + 1800)).toBeLessThan(1e-3);
    expect(out.impact.haltedSeconds).toBe(0);
  });

  test('halt policy: no loss, production halted for the outage', () => {
    const s = scenario({ methods: [sync('halt')], linkBytesPerSecond: 5e6 });
    const outage = { startSeconds: 2 * DAY, endSeconds: 2 * DAY + HOUR };
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[outage]] });
    const log = out.vmProtection[0].methods[0].log;
    expect(newestPoint(log, outage.startSeconds + 1800, 'offsite')).toBeCloseTo(outage.startSeconds + 1800, 6);
    expect(out.impact.haltedSeconds).toBeCloseTo(HOUR, 6);
  });
});

describe('combinations and determinism', () => {
  test('a VM protected by async + nightly backup has both sets of recovery points', () => {
    const s = scenario({ methods: [asyncMethod(), backupMethod()], linkBytesPerSecond: 20e6 });
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    expect(out.vmProtection[0].methods.map((m) => m.method.method)).toEqual(['async-replication', 'backup']);
    const t0 = 3 * DAY + 5 * HOUR;
    // async keeps only 10 × 15 min; the backup (30 days retention) still has a point before the corruption.
    expect(newestCleanPoint(out.vmProtection[0].methods[0].log, t0, t0 + 6 * HOUR, 'offsite')).toBeNull();
    expect(newestCleanPoint(out.vmProtection[0].methods[1].log, t0, t0 + 6 * HOUR, 'offsite')).toBe(3 * DAY + HOUR);
  });

  test('bursts are drawn from the trial stream: same trial → same numbers, another trial → different', () => {
    const w = workload({ burst: { multiplier: 4, meanDurationSeconds: 600, perDay: 6 } });
    const s = scenario({ workloads: [w], methods: [asyncMethod()], linkBytesPerSecond: 3e6 });
    const run = (trial: number) => simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial, linkOutages: [[]] });
    const a = run(1); const b = run(1); const c = run(2);
    expect(a.links[0].peakBytesPerSecond).toBe(b.links[0].peakBytesPerSecond);
    expect(JSON.stringify(a.vmProtection[0].methods[0].log)).toBe(JSON.stringify(b.vmProtection[0].methods[0].log));
    expect(JSON.stringify(a.vmProtection[0].methods[0].log)).not.toBe(JSON.stringify(c.vmProtection[0].methods[0].log));
  });
});

describe('QoS weight on shared links', () => {
  test('a backup copy with weight 0.25 yields to a CDP stream: the CDP lag during the copy shrinks', () => {
    const cdpLagDuringCopy = (backupWeight: number | undefined, t = DAY + 2 * HOUR) => {
      const vms = [vm('db', { app: 'db' }), ...Array.from({ length: 8 }, (_, i) => vm(`f${i}`, { app: `files${i}`, usedBytes: 1e12 }))];
      const s = scenario({ vms, linkBytesPerSecond: 3e6, warmupSeconds: 0, horizonSeconds: 2 * DAY });
      s.strategies[0].assignments = [
        { vms: [0], methods: [{ method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 }] },
        { vms: vms.slice(1).map((_, i) => i + 1), methods: [backupMethod({ target: 0, offsite: { kind: 'wan', link: 0, store: null }, ...(backupWeight === undefined ? {} : { linkWeight: backupWeight }) })] },
      ];
      const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
      const log = out.vmProtection[0].methods[0].log;
      return t - newestPoint(log, t, 'offsite')!;
    };
    // Day 1's 01:00 backups write 8 × 86.4 GB into the 1 GB/s local target together (691.2 s), then copy them
    // over the 3 MB/s link for hours. Per-VM shares: CDP 1 vs backups 8 → CDP gets 1/9 of 3 MB/s = 1/3 of its
    // 1 MB/s inflow, so the lag grows by 2/3 s a second from 01:11:31.2: at 02:00, (3,600 − 691.2) × 2/3 = 1,939.2 s.
    // With weight 0.25 the backups hold 2 shares: CDP gets 1 MB/s — exactly its inflow, so no lag builds.
    expect(cdpLagDuringCopy(undefined)).toBeCloseTo((3600 - 691.2) * (2 / 3), 3);
    expect(cdpLagDuringCopy(undefined, DAY + 1.5 * HOUR)).toBeCloseTo((1800 - 691.2) * (2 / 3), 3);
    expect(cdpLagDuringCopy(0.25)).toBeCloseTo(0, 6);
  });
});
