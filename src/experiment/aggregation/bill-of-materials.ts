/**
 * A strategy's bill of materials: its outlays (the cost items other than penalties, one line each, the
 * same amounts) with what each buys, next to what the simulation says is needed — DR hosts in use after a
 * site disaster, each array's fill against its capacity, each link's p95/p98 load against its usable rate —
 * and synchronous replication's cost to production. Built from numbers the aggregation already has;
 * the printers only lay it out.
 */
import type { CostSubject } from '../../models/cost/strategy-cost.js';
import { primarySite } from '../../models/failures/draws.js';
import type { BillOfMaterials, BomDrHosts, BomLine, BomPurpose, BomSyncImpact, CostBreakdown, LinkTraffic, ProductionImpact, StoreNeed } from '../../models/results.js';
import type { Scenario, Strategy } from '../../models/scenario/model.js';
import { exactBytes, formatBytes, formatPercent, significant } from '../../models/units/format.js';
import { round } from '../summarize.js';

const TB = 1e12;
const MBIT = 1e6;

export interface BomInput {
  /** Rounded as in the results, with what each item pays for (`subjects[i]` for `cost.items[i]`). */
  cost: CostBreakdown;
  subjects: readonly CostSubject[];
  stores: readonly StoreNeed[];
  traffic: readonly LinkTraffic[];
  /** Per link, the mean over trials of each trial's p98 rate. */
  p98BitsPerSecond: readonly number[];
  /** DR hosts in use after the headline failure, one count per trial. */
  drHostsUsed: readonly number[];
  /** VM-trials left without a host (not recovered for lack of capacity). */
  noCapacityVmTrials: number;
  productionImpact: ProductionImpact;
  syncReplicated: boolean;
  syncThrottledFraction: number;
}

const PURPOSE_LABEL: Record<BomPurpose, string> = {
  'replicas': 'replica capacity',
  'snapshots': 'retained snapshots',
  'cdp-journal': 'CDP journal',
  'backup-media': 'backup media',
};

const LICENCE_UNIT = { VM: 'VMs', socket: 'sockets', TB: 'TB' } as const;

/** The smallest count that is enough in at least 95% of the trials (nearest rank): an integer number of hosts. */
export function hostsNeededP95(perTrial: readonly number[]): number {
  if (perTrial.length === 0) return 0;
  const sorted = [...perTrial].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

export function billOfMaterials(scenario: Scenario, strategy: Strategy, input: BomInput): BillOfMaterials {
  const drHosts = drHostsOf(scenario, strategy, input.drHostsUsed);
  const lines: BomLine[] = [];
  const line = (l: Pick<BomLine, 'section' | 'item' | 'quantity' | 'unit' | 'oneOff' | 'perYear'> & Partial<BomLine>): void => {
    lines.push({
      section: l.section, item: l.item, quantity: l.quantity, unit: l.unit,
      needed: l.needed ?? null, neededHigh: l.neededHigh ?? null, available: l.available ?? null, overCapacity: l.overCapacity ?? false,
      oneOff: l.oneOff, perYear: l.perYear, note: l.note ?? '',
    });
  };
  const primary = scenario.sites[primarySite(scenario)]?.name;

  input.cost.items.forEach((c, i) => {
    const subject = input.subjects[i]!;
    const money = { oneOff: c.capex, perYear: c.annual };
    switch (subject.kind) {
      case 'penalty': return; // risk, not an outlay
      case 'host-model': {
        const m = scenario.hostModels[subject.model]!;
        line({ section: 'dr-hosts', item: `${m.name} DR host (${m.cores} cores, ${exactBytes(m.ramBytes)} RAM)`, quantity: subject.count, unit: 'hosts', ...money });
        return;
      }
      case 'power':
        line({ section: 'power', item: 'DR host power', quantity: round(subject.kWhPerYear), unit: 'kWh/year', ...money });
        return;
      case 'dev-test':
        line({ section: 'dev-test-credit', item: 'dev/test work carried by DR hosts (credit)', quantity: subject.hosts, unit: 'hosts', ...money, note: 'preempted at declaration' });
        return;
      case 'store': {
        const store = input.stores[subject.store]!;
        const where = subject.purpose === 'backup-media' ? (store.site === primary ? ', onsite' : ', offsite') : '';
        const tb = round(subject.bytes / TB);
        line({ section: 'storage', item: `${PURPOSE_LABEL[subject.purpose]} on ${store.store} (${store.kind}${where})`, quantity: tb, unit: 'TB', needed: tb, ...money });
        return;
      }
      case 'link': {
        const spec = scenario.links[subject.link]!;
        const t = input.traffic[subject.link]!;
        const p98 = input.p98BitsPerSecond[subject.link]!;
        line({
          section: 'wan', item: `WAN link ${spec.name}${subject.restoreOnly ? ' (kept for restores)' : ''}`,
          quantity: round(spec.bandwidthBitsPerSecond / MBIT), unit: 'Mbit/s',
          needed: round(t.p95BitsPerSecond / MBIT), neededHigh: round(p98 / MBIT), available: round(t.usableBitsPerSecond / MBIT),
          overCapacity: p98 > t.usableBitsPerSecond,
          note: `needed: p95 / p98 of the simulated load; available: usable, ${formatPercent(spec.efficiency)} of purchased` +
            // A link that runs full shows its capacity, not the demand queued behind it.
            (p98 > 0 && p98 >= t.usableBitsPerSecond ? '; runs full at p98: the demand may be higher' : ''),
          ...money,
        });
        return;
      }
      case 'licence':
        line({ section: 'licences', item: `per-${subject.per} licence`, quantity: round(subject.count), unit: LICENCE_UNIT[subject.per], ...money });
        return;
      case 'method':
        line({ section: 'courier', item: c.item, quantity: round(subject.quantity), unit: subject.unit, ...money });
        return;
      case 'ransomware-protection':
        line({ section: 'ransomware-protection', item: c.item, quantity: round(subject.quantity), unit: subject.unit, ...money });
        return;
    }
  });

  // What is needed and costs nothing by itself: hosts in use, arrays' fill, sync's production impact.
  line({
    section: 'dr-hosts', item: 'DR hosts in use after a site disaster', quantity: drHosts.neededP95, unit: 'hosts',
    needed: drHosts.neededP95, neededHigh: drHosts.neededMax, available: drHosts.available,
    overCapacity: input.noCapacityVmTrials > 0, oneOff: 0, perYear: 0,
    note: `needed: enough in 95% of trials / the most in any trial${drHosts.devTestPreempted > 0 ? `; dev/test preempted on ${drHosts.devTestPreempted}` : ''}${input.noCapacityVmTrials > 0 ? '; VMs left without a host' : ''}`,
  });
  for (const store of input.stores) {
    if (store.capacityBytes === null || store.peakFillBytes === null) continue;
    line({
      section: 'storage', item: `${store.store} fill (its VMs and this strategy's copies)`, quantity: round(store.peakFillBytes / TB), unit: 'TB',
      needed: round(store.peakFillBytes / TB), available: round(store.capacityBytes / TB), overCapacity: store.peakFillBytes > store.capacityBytes,
      oneOff: 0, perYear: 0, note: `largest fill over trials${store.vmBytes !== null && store.vmBytes > 0 ? `, of which its own VMs ${round(store.vmBytes / TB)} TB` : ''}`,
    });
  }
  const syncImpact = syncImpactOf(input);
  if (syncImpact !== null) {
    line({ section: 'production-impact', item: 'extra latency per write (synchronous replication)', quantity: round(syncImpact.writeLatencySeconds * 1000), unit: 'ms', oneOff: 0, perYear: 0 });
    line({
      section: 'production-impact', item: 'writes throttled (synchronous replication)', quantity: round(syncImpact.throttledWriteFraction * 100), unit: '%', oneOff: 0, perYear: 0,
      note: `${formatBytes(syncImpact.throttledBytesPerYear)} a year, ${significant(syncImpact.throttledVmHoursPerYear)} VM-hours of production held back (a penalty, not an outlay)`,
    });
    if (syncImpact.haltedHoursPerYear > 0) line({ section: 'production-impact', item: 'production halted on link loss', quantity: syncImpact.haltedHoursPerYear, unit: 'hours/year', oneOff: 0, perYear: 0 });
  }
  return { lines, oneOffTotal: input.cost.capex, perYearTotal: round(input.cost.annualCapex + input.cost.annualOpex), drHosts, syncImpact };
}

function drHostsOf(scenario: Scenario, strategy: Strategy, used: readonly number[]): BomDrHosts {
  const site = strategy.recovery.drSite;
  const hosts = scenario.hosts.filter((h) => h.site === site);
  const count = new Map<number, number>();
  for (const h of hosts) count.set(h.model, (count.get(h.model) ?? 0) + 1);
  return {
    models: [...count].map(([m, n]) => ({ model: scenario.hostModels[m]!.name, count: n, cores: scenario.hostModels[m]!.cores, ramBytes: scenario.hostModels[m]!.ramBytes })),
    available: hosts.length,
    neededP95: hostsNeededP95(used),
    neededMax: used.reduce((a, b) => Math.max(a, b), 0),
    devTestPreempted: hosts.filter((h) => h.devTest !== null).length,
  };
}

function syncImpactOf(input: BomInput): BomSyncImpact | null {
  const p = input.productionImpact;
  if (!input.syncReplicated && p.syncWriteLatencySeconds <= 0) return null;
  return {
    writeLatencySeconds: p.syncWriteLatencySeconds,
    throttledWriteFraction: input.syncThrottledFraction,
    throttledBytesPerYear: p.throttledBytesPerYear,
    throttledVmHoursPerYear: p.throttledVmHoursPerYear,
    haltedHoursPerYear: p.haltedHoursPerYear,
  };
}
