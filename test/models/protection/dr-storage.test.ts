/**
 * Where the copies sit: replicas, snapshots and journals on their own target array (priced there, checked
 * against its capacity, thick arrays holding provisioned disks), journals cut short when the array is full,
 * and a backup's offsite copy stored where it sits.
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { newestCleanPoint } from '../../../src/models/protection/recovery-points.js';
import { journalBytes } from '../../../src/models/protection/methods/cdp.js';
import { storeFlags } from '../../../src/experiment/aggregation/stores.js';
import type { AsyncReplicationMethod, BackupMethod, CdpMethod } from '../../../src/models/protection/methods/registry.js';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { scenario, vm } from '../../support/scenario-builder.js';

const DAY = 86400;
const streams = new RandomStreams(7);
const run = (s: Scenario) => simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });

const asyncTo = (target: number): AsyncReplicationMethod => ({ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target, promoteSeconds: 0 });

/** The builder's estate plus a second, cheaper DR array (index 2). */
function twoDrArrays(): Scenario {
  const s = scenario({ vms: [vm('a', { provisionedBytes: 100e9, usedBytes: 50e9 })], methods: [asyncTo(2)] });
  s.storage.push({ name: 'dr-cheap', site: 1, capacityBytes: 1e14, provisioning: 'thin', readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 100 });
  return s;
}

describe('replicas land on their own target array', () => {
  test('the replica and snapshots are stored on the target named, not on the priciest DR array', () => {
    const out = run(twoDrArrays());
    expect(out.storage.stores.map((x) => [x.store, x.replicaBytes])).toEqual([[{ kind: 'array', array: 2 }, 50e9]]);
    expect(out.storage.arrays).toEqual([{ array: 2, vmBytes: 0, neededBytes: 50e9 + out.storage.snapshotBytes, journalKeptFraction: 1 }]);
  });

  test('a thick DR array holds the provisioned disk; a thin one the used data', () => {
    const s = twoDrArrays();
    s.storage[2].provisioning = 'thick';
    expect(run(s).storage.replicaBytes).toBe(100e9);
    expect(run(twoDrArrays()).storage.replicaBytes).toBe(50e9);
  });

  test('an array too small for replicas and snapshots is flagged, with its own VMs counted', () => {
    const s = twoDrArrays();
    s.storage[2].capacityBytes = 40e9;
    s.vms.push(vm('local', { site: 1, cluster: 1, storage: 2, usedBytes: 5e9 }));
    s.strategies[0].assignments[0].vms = [0];
    s.strategies[0].assignments.push({ vms: [1], methods: [] });
    const out = run(s);
    const fill = out.storage.arrays[0];
    expect(fill.vmBytes).toBe(5e9);
    expect(fill.neededBytes).toBeCloseTo(5e9 + 50e9 + out.storage.snapshotBytes, 3);
    const flags = storeFlags([{
      store: 'dr-cheap', kind: 'array', site: 'dr', replicaBytes: 50e9, snapshotBytes: out.storage.snapshotBytes, journalBytes: 0, backupMediaBytes: 0,
      pricePerTB: 100, capacityBytes: 40e9, vmBytes: 5e9, peakFillBytes: fill.neededBytes, journalKeptFraction: null,
    }]);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatch(/^array dr-cheap over capacity: 0.06 TB needed .* but it holds 0.04 TB$/);
  });
});

describe('a full array shortens the CDP journal history', () => {
  test('room for half the journal: half the history; a corruption older than that finds no point', () => {
    const cdp: CdpMethod = { method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds: 60, link: 0, target: 1, promoteSeconds: 0 };
    const s = scenario({ methods: [cdp] });
    // RecoverPoint sizing of 1 MB/s kept a day: 1e6 × 86,400 ÷ 0.8 × 1.05 = 113.4 GB. The array holds the 50 GB
    // replica and half of that journal.
    const journal = journalBytes(1e6, DAY);
    expect(journal).toBeCloseTo(113.4e9, -3);
    s.storage[1].capacityBytes = 50e9 + journal / 2;
    const out = run(s);
    expect(out.storage.arrays[0].journalKeptFraction).toBeCloseTo(0.5, 12);
    expect(out.storage.journalBytes).toBeCloseTo(journal / 2, 3);
    const log = out.vmProtection[0].methods[0].log;
    // Detected 6 h after the corruption: inside 12 h of history; detected 13 h after: outside.
    expect(newestCleanPoint(log, 3 * DAY, 3 * DAY + 6 * 3600, 'offsite')).toBeCloseTo(3 * DAY, 6);
    expect(newestCleanPoint(log, 3 * DAY, 3 * DAY + 13 * 3600, 'offsite')).toBeNull();
  });
});

describe('a backup\'s offsite copy is stored where it sits', () => {
  const backup = (offsite: BackupMethod['offsite']): BackupMethod => ({
    method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, windowStartSeconds: 3600,
    mode: 'proxy', target: 0, offsite, retentionSeconds: 7 * DAY, agentCpuOverhead: 0, restoreStreams: 4, guestRebuildSeconds: 0,
  });

  test('a WAN copy onto the DR target: the same chain on both targets', () => {
    const out = run(scenario({ methods: [backup({ kind: 'wan', link: 0, store: 1 })], linkBytesPerSecond: 100e6 }));
    const [local, far] = out.storage.stores;
    expect(local.store).toEqual({ kind: 'backup-target', target: 0 });
    expect(far.store).toEqual({ kind: 'backup-target', target: 1 });
    expect(far.backupMediaBytes).toBe(local.backupMediaBytes);
    expect(local.backupMediaBytes).toBeGreaterThan(0);
  });

  test('no target at the far end: a like copy priced as the source target; tapes at the tape price, in the DR vault', () => {
    const like = run(scenario({ methods: [backup({ kind: 'wan', link: 0, store: null })], linkBytesPerSecond: 100e6 })).storage.stores[1].store;
    expect(like).toEqual({ kind: 'media', name: 'copy of local-disk at dr', site: 1, pricePerTB: 50 });
    const tape = run(scenario({ methods: [backup({ kind: 'tape', shipEverySeconds: 7 * DAY, transitSeconds: DAY, costPerShipment: 0, pricePerTB: 12, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 })] })).storage.stores[1].store;
    expect(tape).toEqual({ kind: 'media', name: 'tapes from local-disk in the offsite vault', site: 1, pricePerTB: 12 });
  });

  test('no offsite copy: the target alone', () => {
    expect(run(scenario({ methods: [backup({ kind: 'none' })] })).storage.stores).toHaveLength(1);
  });
});
