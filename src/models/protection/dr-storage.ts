/**
 * Where a strategy's copies sit and whether they fit. Every method reports the bytes it keeps and where
 * (MethodAccounting.stored): replicas, snapshots and journals on their target array, backup media on their
 * backup target and its offsite copy where that sits. Per store they are summed; each array also holds its
 * own VMs' disks (used data when thin-provisioned, provisioned size when thick).
 *
 * An array whose VMs, replicas and snapshots exceed its capacity is flagged (results: `storage.stores`,
 * a strategy flag). CDP journals get what is left: a journal cut to a share of its size keeps that share of
 * its history (RecoverPoint and Zerto shorten the journal's protection window when it fills), so corruption
 * recovery reaches back less far.
 */
import type { Scenario } from '../scenario/model.js';
import type { MethodAccounting, MethodRun, StoredKind, StoreRef } from './methods/method.js';

/** What one store holds for the strategy (bytes by kind). */
export interface StoreUse {
  store: StoreRef;
  replicaBytes: number;
  snapshotBytes: number;
  journalBytes: number;
  backupMediaBytes: number;
}

/** An array's fill: its own VMs, the strategy's copies on it, and the journals it could keep. */
export interface ArrayFill {
  array: number;
  vmBytes: number;
  /** VMs + what the strategy keeps there (journals as kept). */
  neededBytes: number;
  /** Share of the requested journal space the array could give (1: all). */
  journalKeptFraction: number;
}

const KIND_FIELD: Record<StoredKind, 'replicaBytes' | 'snapshotBytes' | 'journalBytes' | 'backupMediaBytes'> = {
  'replica': 'replicaBytes', 'snapshots': 'snapshotBytes', 'journal': 'journalBytes', 'backup-media': 'backupMediaBytes',
};

export function storeKey(store: StoreRef): string {
  return store.kind === 'array' ? `array:${store.array}` : store.kind === 'backup-target' ? `target:${store.target}` : `media:${store.name}`;
}

const vmBytesCache = new WeakMap<Scenario, Float64Array>();

/** Per array: its own VMs' footprint (used data, or provisioned size on a thick array). */
export function arrayVmBytes(scenario: Scenario): Float64Array {
  let bytes = vmBytesCache.get(scenario);
  if (bytes === undefined) {
    bytes = new Float64Array(scenario.storage.length);
    for (const vm of scenario.vms) {
      const a = scenario.storage[vm.storage];
      if (a !== undefined) bytes[vm.storage] += a.provisioning === 'thick' ? vm.provisionedBytes : vm.usedBytes;
    }
    vmBytesCache.set(scenario, bytes);
  }
  return bytes;
}

/** Sums the methods' stored bytes per store, fits the journals into their arrays (shortening histories), and reports each array's fill. */
export function placeStorage(scenario: Scenario, runs: readonly MethodRun[], accounts: readonly MethodAccounting[]): { stores: StoreUse[]; arrays: ArrayFill[] } {
  const byKey = new Map<string, StoreUse>();
  for (const acc of accounts) {
    for (const s of acc.stored) {
      const key = storeKey(s.store);
      let use = byKey.get(key);
      if (use === undefined) byKey.set(key, (use = { store: s.store, replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0 }));
      use[KIND_FIELD[s.kind]] += s.bytes;
    }
  }
  const vmBytes = arrayVmBytes(scenario);
  const arrays: ArrayFill[] = [];
  for (const use of byKey.values()) {
    if (use.store.kind !== 'array') continue;
    const array = use.store.array;
    const capacity = scenario.storage[array].capacityBytes;
    const fixed = vmBytes[array] + use.replicaBytes + use.snapshotBytes;
    let kept = 1;
    if (use.journalBytes > 0 && fixed + use.journalBytes > capacity) {
      kept = Math.max(0, capacity - fixed) / use.journalBytes;
      runs.forEach((run, i) => {
        if (accounts[i].stored.some((s) => s.kind === 'journal' && s.store.kind === 'array' && s.store.array === array)) run.keepJournalShare?.(kept);
      });
      use.journalBytes *= kept;
    }
    arrays.push({ array, vmBytes: vmBytes[array], neededBytes: fixed + use.journalBytes, journalKeptFraction: kept });
  }
  return { stores: [...byKey.values()], arrays };
}
