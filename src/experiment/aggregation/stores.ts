/**
 * Where a strategy's storage sits, over trials: per store the mean bytes by kind, priced at the store's own
 * price per TB; per array its capacity, its own VMs, the largest fill seen and the smallest journal share kept.
 */
import { storeKey } from '../../models/protection/dr-storage.js';
import type { StoreRef } from '../../models/protection/methods/method.js';
import type { StoreNeed } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { round } from '../summarize.js';
import type { StrategyTrialRecord } from '../trial.js';

export function aggregateStores(scenario: Scenario, trials: StrategyTrialRecord[]): StoreNeed[] {
  const acc = new StoresAccumulator(scenario);
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** Per store, sums (in trial order), the largest fill and the smallest journal share, one trial at a time. */
export class StoresAccumulator {
  private trials = 0;
  private first: StrategyTrialRecord | null = null;
  private readonly byKey = new Map<string, { ref: StoreRef; sums: [number, number, number, number]; peakFill: number; kept: number }>();

  constructor(private readonly scenario: Scenario) {}

  add(t: StrategyTrialRecord): void {
    this.trials++;
    this.first ??= t;
    const byKey = this.byKey;
    for (const s of t.storage.stores) {
      const key = storeKey(s.store);
      let e = byKey.get(key);
      if (e === undefined) byKey.set(key, (e = { ref: s.store, sums: [0, 0, 0, 0], peakFill: 0, kept: 1 }));
      e.sums[0] += s.replicaBytes;
      e.sums[1] += s.snapshotBytes;
      e.sums[2] += s.journalBytes;
      e.sums[3] += s.backupMediaBytes;
    }
    for (const a of t.storage.arrays) {
      const e = byKey.get(`array:${a.array}`);
      if (e === undefined) continue;
      e.peakFill = Math.max(e.peakFill, a.neededBytes);
      e.kept = Math.min(e.kept, a.journalKeptFraction);
    }
  }

  finish(): StoreNeed[] {
    const { scenario } = this;
    const n = Math.max(1, this.trials);
    return [...this.byKey.values()].map(({ ref, sums, peakFill, kept }) => {
      const info = describeStore(scenario, ref);
      const array = ref.kind === 'array' ? scenario.storage[ref.array] : null;
      return {
        store: info.name,
        kind: ref.kind,
        site: scenario.sites[info.site]?.name ?? '',
        replicaBytes: round(sums[0] / n),
        snapshotBytes: round(sums[1] / n),
        journalBytes: round(sums[2] / n),
        backupMediaBytes: round(sums[3] / n),
        pricePerTB: info.pricePerTB,
        capacityBytes: array?.capacityBytes ?? null,
        vmBytes: array !== null && ref.kind === 'array' ? round(this.first?.storage.arrays.find((a) => a.array === ref.array)?.vmBytes ?? 0) : null,
        peakFillBytes: array !== null ? round(peakFill) : null,
        journalKeptFraction: array !== null && sums[2] > 0 ? round(kept) : null,
      };
    });
  }
}

function describeStore(scenario: Scenario, ref: StoreRef): { name: string; site: number; pricePerTB: number } {
  if (ref.kind === 'array') {
    const a = scenario.storage[ref.array];
    return { name: a.name, site: a.site, pricePerTB: a.pricePerTB };
  }
  if (ref.kind === 'backup-target') {
    const b = scenario.backupTargets[ref.target];
    return { name: b.name, site: b.site, pricePerTB: b.pricePerTB };
  }
  return { name: ref.name, site: ref.site, pricePerTB: ref.pricePerTB };
}

/** Plain-language flags: arrays over capacity, journals cut short. */
export function storeFlags(stores: readonly StoreNeed[]): string[] {
  const flags: string[] = [];
  for (const s of stores) {
    if (s.capacityBytes === null || s.peakFillBytes === null) continue;
    const tb = (x: number) => `${(x / 1e12).toFixed(x < 10e12 ? 2 : 1)} TB`;
    if (s.peakFillBytes > s.capacityBytes * (1 + 1e-9)) {
      flags.push(`array ${s.store} over capacity: ${tb(s.peakFillBytes)} needed (its VMs ${tb(s.vmBytes ?? 0)}, replicas ${tb(s.replicaBytes)}, snapshots ${tb(s.snapshotBytes)}, journals ${tb(s.journalBytes)}) but it holds ${tb(s.capacityBytes)}`);
    }
    if (s.journalKeptFraction !== null && s.journalKeptFraction < 1) {
      flags.push(`array ${s.store}: CDP journals get ${(100 * s.journalKeptFraction).toFixed(0)}% of the space they need, so their history is cut to that share`);
    }
  }
  return flags;
}
