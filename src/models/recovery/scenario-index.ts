/**
 * What recovery derives from a scenario alone, computed once per scenario object instead of once per
 * recovery (16 recoveries per flagship trial): the primary placement, which VMs each site, array and host
 * failure hits, the two fixed VM orders recovery sorts by, and each VM's compiled boot and application
 * recovery distributions. Everything here is shared: treat as read-only.
 * The scenario is frozen when first indexed (scenario/frozen.ts), so the index cannot go stale.
 */
import { placementOrder, placeVmsOnPrimaryHosts } from './primary-placement.js';
import type { Distribution } from '../../sim/distributions.js';
import { filled } from './arrays.js';
import { distributionOf } from './sample.js';
import type { Scenario } from '../scenario/model.js';
import { freezeScenario } from '../scenario/frozen.js';

/** A fixed order of all VMs: `order[k]` is the VM at position k, `position[v]` the position of VM v. */
export interface VmOrder {
  readonly order: Int32Array;
  readonly position: Int32Array;
}

export class ScenarioIndex {
  /** Host of each VM in normal operation (primary placement), -1 when unplaced. */
  readonly primary: Int32Array;
  private readonly bySite = new Map<number, readonly number[]>();
  private readonly byStorage = new Map<number, readonly number[]>();
  private readonly byHost = new Map<number, readonly number[]>();
  private rank: VmOrder | null = null;
  private placement: VmOrder | null = null;
  private boot: Distribution[] | null = null;
  private app: Distribution[] | null = null;

  constructor(private readonly scenario: Scenario) {
    this.primary = placeVmsOnPrimaryHosts(scenario);
  }

  /** VMs at `site`, in index order. */
  vmsAtSite(site: number): readonly number[] {
    return cached(this.bySite, site, () => this.vmsWhere((v) => this.scenario.vms[v].site === site));
  }

  /** VMs on storage array `storage`, in index order. */
  vmsOnStorage(storage: number): readonly number[] {
    return cached(this.byStorage, storage, () => this.vmsWhere((v) => this.scenario.vms[v].storage === storage));
  }

  /** VMs whose primary host is `host`, in index order. */
  vmsOnHost(host: number): readonly number[] {
    return cached(this.byHost, host, () => this.vmsWhere((v) => this.primary[v] === host));
  }

  /** Power-on rank: priority group, then VM index. */
  get rankOrder(): VmOrder {
    if (this.rank === null) {
      const all = this.scenario.vms;
      this.rank = vmOrder(all.map((_, i) => i).sort((a, b) => all[a].priority - all[b].priority || a - b));
    }
    return this.rank;
  }

  /** Placement order: priority group, then RAM descending (first-fit decreasing), then VM index. */
  get placementOrder(): VmOrder {
    this.placement ??= vmOrder(placementOrder(this.scenario, this.scenario.vms.map((_, i) => i)));
    return this.placement;
  }

  /** Per VM: its boot time distribution. */
  get bootDistributions(): readonly Distribution[] {
    this.boot ??= this.scenario.vms.map((vm) => distributionOf(vm.bootSeconds));
    return this.boot;
  }

  /** Per VM: its application recovery time distribution. */
  get appDistributions(): readonly Distribution[] {
    this.app ??= this.scenario.vms.map((vm) => distributionOf(vm.appRecoverySeconds));
    return this.app;
  }

  private vmsWhere(test: (v: number) => boolean): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.scenario.vms.length; v++) if (test(v)) out.push(v);
    return out;
  }
}

function cached(map: Map<number, readonly number[]>, key: number, make: () => readonly number[]): readonly number[] {
  let list = map.get(key);
  if (list === undefined) {
    list = make();
    map.set(key, list);
  }
  return list;
}

function vmOrder(sorted: readonly number[]): VmOrder {
  const order = Int32Array.from(sorted);
  const position = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) position[order[k]] = k;
  return { order, position };
}

/** Reused by sortByOrder (recovery is synchronous): no typed array allocated per call. */
let positions = new Int32Array(1024);

/**
 * Distinct VM indices sorted by a fixed order. Sorting their positions natively beats a comparator sort,
 * and nothing is scanned beyond the VMs given.
 */
export function sortByOrder(vms: readonly number[], by: VmOrder): number[] {
  const n = vms.length;
  if (positions.length < n) positions = new Int32Array(Math.max(n, 2 * positions.length));
  const sorted = positions.subarray(0, n);
  for (let i = 0; i < n; i++) sorted[i] = by.position[vms[i]];
  sorted.sort();
  const out = filled(n, 0);
  for (let i = 0; i < n; i++) out[i] = by.order[sorted[i]];
  return out;
}

const indexes = new WeakMap<Scenario, ScenarioIndex>();

/** The index of a scenario, built on first use. */
export function scenarioIndex(scenario: Scenario): ScenarioIndex {
  let index = indexes.get(scenario);
  if (index === undefined) {
    freezeScenario(scenario);
    index = new ScenarioIndex(scenario);
    indexes.set(scenario, index);
  }
  return index;
}
