/**
 * What a strategy costs per year, for a budget proposal (DOMAIN.md "Cost"; HP Labs' "Designing for
 * disasters" frames design as minimizing outlays + expected penalties).
 *
 * Outlays: the DR site's hosts (capex amortized over each model's years, plus power), the storage the
 * strategy needs, each store at its own price (replicas, retained snapshots, journals on their target array;
 * backup media on the backup target and on the offsite copy where it sits), the WAN links it uses (monthly), licences (per protected VM, per socket of the protected
 * estate's hosts, per protected TB), tape courier and vaulting; minus the value of the dev/test work the
 * DR hosts carry in normal times. Penalties: expected yearly downtime × $/h + data loss × $/h, computed by
 * the experiment from the failure rates and passed in.
 */
import type { BomPurpose, CostBreakdown, CostItem, StoreNeed } from '../results.js';
import { methodDefinition, type MethodDefinition } from '../protection/methods/registry.js';
import { linkMonthlyCost } from './link-price.js';
import type { CopyProtection, ProtectionMethod, Scenario, Strategy } from '../scenario/model.js';

const HOURS_PER_YEAR = 8766; // 365.25 days
const TB = 1e12;

export interface StrategyUsage {
  storage: { stores: readonly StoreNeed[] };
  /** Links the strategy puts traffic on. */
  linksUsed: number[];
  /** Links its restores would cross (charged too, even when nothing crosses them in normal operation). */
  restoreLinks?: number[];
  /** Every expected penalty per year, the throttle penalty included. */
  expectedAnnualPenalty: number;
  /** Of which: production held back by throttled writes (its own line). */
  throttlePenalty?: number;
}

/**
 * What a cost item pays for, for the bill of materials (parallel to `CostBreakdown.items`): the same
 * decisions that price the item, kept as numbers rather than only in its label.
 */
export type CostSubject =
  | { kind: 'host-model'; model: number; count: number }
  | { kind: 'power'; kWhPerYear: number }
  | { kind: 'dev-test'; hosts: number }
  | { kind: 'store'; store: number; purpose: BomPurpose; bytes: number }
  | { kind: 'link'; link: number; restoreOnly: boolean }
  | { kind: 'licence'; per: 'VM' | 'socket' | 'TB'; count: number }
  | { kind: 'method'; quantity: number; unit: string }
  /** Copy protection (quantity: the VMs of the rule) or the clean room (quantity: VMs at once). */
  | { kind: 'ransomware-protection'; quantity: number; unit: string }
  | { kind: 'penalty' };

export function strategyCost(scenario: Scenario, strategy: Strategy, usage: StrategyUsage): CostBreakdown {
  return strategyCostWithSubjects(scenario, strategy, usage).cost;
}

/** strategyCost, with what each item pays for (`subjects[i]` for `cost.items[i]`). */
export function strategyCostWithSubjects(scenario: Scenario, strategy: Strategy, usage: StrategyUsage): { cost: CostBreakdown; subjects: CostSubject[] } {
  const items: CostItem[] = [];
  const subjects: CostSubject[] = [];
  const add = (item: CostItem, subject: CostSubject): void => { items.push(item); subjects.push(subject); };
  const drSite = strategy.recovery.drSite;
  const amortize = (price: number, years: number) => price / Math.max(1e-9, years);

  // DR hosts, by model.
  const byModel = new Map<number, number>();
  for (const h of scenario.hosts) if (h.site === drSite) byModel.set(h.model, (byModel.get(h.model) ?? 0) + 1);
  let powerKWhPerYear = 0;
  for (const [m, count] of byModel) {
    const model = scenario.hostModels[m];
    const capex = model.price * count;
    add({ category: 'hosts', item: `${count} × ${model.name} DR host${count > 1 ? 's' : ''}`, capex, annual: amortize(capex, model.amortizationYears) }, { kind: 'host-model', model: m, count });
    powerKWhPerYear += (model.powerWatts * count * HOURS_PER_YEAR) / 1000;
  }
  if (powerKWhPerYear > 0) add({ category: 'power', item: 'DR host power', capex: 0, annual: powerKWhPerYear * scenario.costs.powerPricePerKWh }, { kind: 'power', kWhPerYear: powerKWhPerYear });
  const devTestHosts = scenario.hosts.filter((h) => h.site === drSite && h.devTest !== null);
  const devTestValue = devTestHosts.reduce((acc, h) => acc + (h.devTest?.valuePerYear ?? 0), 0);
  if (devTestValue > 0) add({ category: 'dev-test-credit', item: 'dev/test work carried by DR hosts', capex: 0, annual: -devTestValue }, { kind: 'dev-test', hosts: devTestHosts.length });

  // Storage: each store's bytes at its own price per TB (replicas, snapshots and journals on their target
  // array; backup media on its target and the offsite copy where it sits).
  const years = scenario.costs.defaultAmortizationYears;
  usage.storage.stores.forEach((store, index) => {
    for (const [what, purpose, bytes] of [
      ['replica capacity', 'replicas', store.replicaBytes],
      ['retained snapshots', 'snapshots', store.snapshotBytes],
      ['CDP journals', 'cdp-journal', store.journalBytes],
      ['backup media', 'backup-media', store.backupMediaBytes],
    ] as const) {
      if (bytes <= 0) continue;
      const capex = (bytes / TB) * store.pricePerTB;
      add({ category: 'storage', item: `${what} on ${store.store}`, capex, annual: amortize(capex, years) }, { kind: 'store', store: index, purpose, bytes });
    }
  });

  // WAN: monthly charges of the links the strategy uses, and of those only its restores would cross.
  const used = new Set(usage.linksUsed);
  for (const l of [...usage.linksUsed, ...(usage.restoreLinks ?? []).filter((x) => !used.has(x))]) {
    const link = scenario.links[l];
    add({ category: 'wan', item: `WAN link ${link.name}${used.has(l) ? '' : ' (kept for restores)'}`, capex: 0, annual: linkMonthlyCost(link) * 12 }, { kind: 'link', link: l, restoreOnly: !used.has(l) });
  }

  // Licences.
  const protectedVms = new Set<number>();
  for (const a of strategy.assignments) if (a.methods.length > 0) for (const v of a.vms) protectedVms.add(v);
  const protectedTB = [...protectedVms].reduce((acc, v) => acc + scenario.vms[v].usedBytes, 0) / TB;
  const protectedHosts = new Set<number>();
  const primarySites = new Set([...protectedVms].map((v) => scenario.vms[v].site));
  scenario.hosts.forEach((h, i) => { if (primarySites.has(h.site)) protectedHosts.add(i); });
  const sockets = [...protectedHosts].reduce((acc, h) => acc + scenario.hostModels[scenario.hosts[h].model].sockets, 0);
  const lic = strategy.licences;
  if (lic.perVmPerYear > 0) add({ category: 'licences', item: `${protectedVms.size} VMs × per-VM licence`, capex: 0, annual: lic.perVmPerYear * protectedVms.size }, { kind: 'licence', per: 'VM', count: protectedVms.size });
  if (lic.perSocketPerYear > 0) add({ category: 'licences', item: `${sockets} sockets × per-socket licence`, capex: 0, annual: lic.perSocketPerYear * sockets }, { kind: 'licence', per: 'socket', count: sockets });
  if (lic.perTBPerYear > 0) add({ category: 'licences', item: `${protectedTB.toFixed(1)} TB × per-TB licence`, capex: 0, annual: lic.perTBPerYear * protectedTB }, { kind: 'licence', per: 'TB', count: protectedTB });

  // The methods' own lines (e.g. tape courier and vault), each kind over all its uses in the strategy.
  const byKind = new Map<MethodDefinition<ProtectionMethod>, ProtectionMethod[]>();
  for (const a of strategy.assignments) for (const m of a.methods) {
    const d = methodDefinition(m);
    byKind.set(d, [...(byKind.get(d) ?? []), m]);
  }
  for (const [definition, methods] of byKind) for (const line of definition.costLines(methods, scenario)) add(line.cost, { kind: 'method', quantity: line.quantity, unit: line.unit });

  // Against ransomware: each rule's copy protection (lock capacity, vault service, media), and the clean room.
  for (const a of strategy.assignments) {
    a.copyProtection?.forEach((c, k) => {
      if (c !== null && c.costPerYear > 0) add({ category: 'ransomware-protection', item: `${a.methods[k].method} copy protection (${copyProtectionKinds(c)})`, capex: 0, annual: c.costPerYear }, { kind: 'ransomware-protection', quantity: a.vms.length, unit: 'VMs' });
    });
  }
  const cleanRoom = strategy.recovery.cleanRoom;
  if (cleanRoom && cleanRoom.costPerYear > 0) add({ category: 'ransomware-protection', item: `clean room for ${cleanRoom.vms} VMs at once`, capex: 0, annual: cleanRoom.costPerYear }, { kind: 'ransomware-protection', quantity: cleanRoom.vms, unit: 'VMs at once' });

  const throttle = usage.throttlePenalty ?? 0;
  add({ category: 'penalties', item: 'expected downtime and data-loss penalties', capex: 0, annual: usage.expectedAnnualPenalty - throttle }, { kind: 'penalty' });
  if (throttle > 0) add({ category: 'penalties', item: 'production held back by throttled writes', capex: 0, annual: throttle }, { kind: 'penalty' });

  const capex = items.reduce((acc, i) => acc + i.capex, 0);
  const annualCapex = items.filter((i) => i.capex > 0).reduce((acc, i) => acc + i.annual, 0);
  const annualOpex = items.filter((i) => i.capex === 0 && i.category !== 'penalties').reduce((acc, i) => acc + i.annual, 0);
  const cost = {
    capex,
    annualCapex,
    annualOpex,
    expectedAnnualPenalty: usage.expectedAnnualPenalty,
    annualTotal: annualCapex + annualOpex + usage.expectedAnnualPenalty,
    items,
  };
  return { cost, subjects };
}

export { HOURS_PER_YEAR };

/** The protections a copy has, in words (for its cost line). */
export function copyProtectionKinds(c: CopyProtection): string {
  const kinds: string[] = [];
  if (c.immutableSeconds > 0) kinds.push('immutable');
  if (c.vault !== null) kinds.push('isolated vault');
  if (c.offline) kinds.push('offline');
  return kinds.join(', ');
}
