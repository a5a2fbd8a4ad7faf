/**
 * Every stage of a backup's path limits its part (DOMAIN: data / slowest stage): the arrays' read, the WAN,
 * the target's write — for a target at another site and for the offsite copy too — and a replica's target
 * array bounds what its link can deliver.
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { newestPoint, type DiscretePointLog, type PointLog } from '../../../src/models/protection/recovery-points.js';
import type { AsyncReplicationMethod, BackupMethod } from '../../../src/models/protection/methods/registry.js';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const DAY = 86400;
const HOUR = 3600;
const streams = new RandomStreams(7);
const run = (s: Scenario) => simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });

function backup(over: Partial<BackupMethod> = {}): BackupMethod {
  return {
    method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, windowStartSeconds: HOUR,
    mode: 'proxy', target: 1, offsite: { kind: 'none' }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0, restoreStreams: 4, guestRebuildSeconds: 0, ...over,
  };
}

function discrete(log: PointLog): DiscretePointLog {
  if (log.kind !== 'discrete') throw new Error('expected a discrete log');
  return log;
}

/** The backup of day 2, 01:00: one day of 1 MB/s unique writes = 86.4 GB (the builder's curve has no coalescing). */
const DAY2 = 2 * DAY + HOUR;
const BYTES = 86.4e9;
/** A disk far larger than a day of writes (unique changes are capped at the used bytes). */
const big = () => [vm('vm1', { usedBytes: 10e12, provisionedBytes: 10e12 })];

describe('a backup target at another site', () => {
  test('its own write rate limits the copy when slower than the WAN: D = bytes / 5 MB/s, not bytes / 20 MB/s', () => {
    const s = scenario({ vms: big(), methods: [backup()], linkBytesPerSecond: 20e6 });
    s.backupTargets[1].writeBytesPerSecond = 5e6;
    const log = discrete(run(s).vmProtection[0].methods[0].log);
    const i = log.pointTimes.indexOf(DAY2);
    expect(log.offsiteAt[i] - DAY2).toBeCloseTo(BYTES / 5e6, 6);
  });

  test('the WAN limits when it is the slowest stage', () => {
    const s = scenario({ vms: big(), methods: [backup()], linkBytesPerSecond: 20e6 });
    const log = discrete(run(s).vmProtection[0].methods[0].log);
    expect(log.offsiteAt[log.pointTimes.indexOf(DAY2)] - DAY2).toBeCloseTo(BYTES / 20e6, 6);
  });
});

describe('the source read and the offsite copy', () => {
  test('the primary array\'s read limits a local backup: raw bytes at the read rate, compressed bytes at the write rate', () => {
    const s = scenario({ vms: big(), workloads: [workload({ compression: 0.5 })], methods: [backup({ target: 0 })] });
    s.storage[0].readBytesPerSecond = 0.5e9;
    const log = discrete(run(s).vmProtection[0].methods[0].log);
    // Read 86.4 GB at 0.5 GB/s = 172.8 s; write 43.2 GB at 1 GB/s = 43.2 s: the read is the bottleneck.
    expect(log.localAt[log.pointTimes.indexOf(DAY2)] - DAY2).toBeCloseTo(172.8, 6);
  });

  test('the offsite WAN copy lands on the far target at its write rate when that is slower than the WAN', () => {
    const s = scenario({ vms: big(), methods: [backup({ target: 0, offsite: { kind: 'wan', link: 0, store: 1 } })], linkBytesPerSecond: 10e6 });
    s.backupTargets[1].writeBytesPerSecond = 4e6;
    const log = discrete(run(s).vmProtection[0].methods[0].log);
    const i = log.pointTimes.indexOf(DAY2);
    expect(log.localAt[i] - DAY2).toBeCloseTo(86.4, 6);
    expect(log.offsiteAt[i] - log.localAt[i]).toBeCloseTo(BYTES / 4e6, 6);
  });

  test('the local target\'s read limits the offsite copy', () => {
    const s = scenario({ vms: big(), methods: [backup({ target: 0, offsite: { kind: 'wan', link: 0, store: 1 } })], linkBytesPerSecond: 10e6 });
    s.backupTargets[0].readBytesPerSecond = 2e6;
    const log = discrete(run(s).vmProtection[0].methods[0].log);
    const i = log.pointTimes.indexOf(DAY2);
    expect(log.offsiteAt[i] - log.localAt[i]).toBeCloseTo(BYTES / 2e6, 6);
  });

  test('tapes leave with the courier at the pickup time given', () => {
    const tape = (pickup: number) => backup({ target: 0, offsite: { kind: 'tape', shipEverySeconds: DAY, transitSeconds: 2 * HOUR, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: pickup, mountSeconds: 0 } });
    const at = (pickup: number, t: number) => newestPoint(run(scenario({ methods: [tape(pickup)] })).vmProtection[0].methods[0].log, t, 'offsite');
    // Day 2's 01:00 backup is written at 01:01:26 (86.4 GB at 1 GB/s); collected at 09:00, in the vault at 11:00 —
    // or collected at 17:00 and in the vault at 19:00.
    expect(at(9 * HOUR, 2 * DAY + 11 * HOUR)).toBe(DAY2);
    expect(at(17 * HOUR, 2 * DAY + 11 * HOUR)).toBe(DAY + HOUR);
    expect(at(17 * HOUR, 2 * DAY + 19 * HOUR)).toBe(DAY2);
  });
});

describe('a replica\'s target array bounds what its link delivers', () => {
  test('async into an array writing 5 MB/s over a 10 MB/s link: the closed form T/2 + L with L = cT / 5 MB/s', () => {
    const m: AsyncReplicationMethod = { method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 };
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 2e6 })], methods: [m], linkBytesPerSecond: 10e6 });
    s.storage[1].writeBytesPerSecond = 5e6;
    const log = run(s).vmProtection[0].methods[0].log;
    const L = (2e6 * 900) / 5e6;
    let sum = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) {
      const t = DAY + ((k + 0.5) / n) * 5 * DAY;
      sum += t - (newestPoint(log, t, 'offsite') ?? 0);
    }
    expect(sum / n).toBeCloseTo(450 + L, 0);
  });
});
