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
import type { CostBreakdown, CostItem, StoreNeed } from '../results.js';
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

export function strategyCost(scenario: Scenario, strategy: Strategy, usage: StrategyUsage): CostBreakdown {
  const items: CostItem[] = [];
  const drSite = strategy.recovery.drSite;
  const amortize = (price: number, years: number) => price / Math.max(1e-9, years);

  // DR hosts, by model.
  const byModel = new Map<number, number>();
  for (const h of scenario.hosts) if (h.site === drSite) byModel.set(h.model, (byModel.get(h.model) ?? 0) + 1);
  let powerKWhPerYear = 0;
  for (const [m, count] of byModel) {
    const model = scenario.hostModels[m];
    const capex = model.price * count;
    items.push({ category: 'hosts', item: `${count} × ${model.name} DR host${count > 1 ? 's' : ''}`, capex, annual: amortize(capex, model.amortizationYears) });
    powerKWhPerYear += (model.powerWatts * count * HOURS_PER_YEAR) / 1000;
  }
  if (powerKWhPerYear > 0) items.push({ category: 'power', item: 'DR host power', capex: 0, annual: powerKWhPerYear * scenario.costs.powerPricePerKWh });
  const devTestValue = scenario.hosts.filter((h) => h.site === drSite && h.devTest !== null).reduce((acc, h) => acc + (h.devTest?.valuePerYear ?? 0), 0);
  if (devTestValue > 0) items.push({ category: 'dev-test-credit', item: 'dev/test work carried by DR hosts', capex: 0, annual: -devTestValue });

  // Storage: each store's bytes at its own price per TB (replicas, snapshots and journals on their target
  // array; backup media on its target and the offsite copy where it sits).
  const years = scenario.costs.defaultAmortizationYears;
  for (const store of usage.storage.stores) {
    for (const [what, bytes] of [
      ['replica capacity', store.replicaBytes],
      ['retained snapshots', store.snapshotBytes],
      ['CDP journals', store.journalBytes],
      ['backup media', store.backupMediaBytes],
    ] as const) {
      if (bytes <= 0) continue;
      const capex = (bytes / TB) * store.pricePerTB;
      items.push({ category: 'storage', item: `${what} on ${store.store}`, capex, annual: amortize(capex, years) });
    }
  }

  // WAN: monthly charges of the links the strategy uses, and of those only its restores would cross.
  const used = new Set(usage.linksUsed);
  for (const l of [...usage.linksUsed, ...(usage.restoreLinks ?? []).filter((x) => !used.has(x))]) {
    const link = scenario.links[l];
    items.push({ category: 'wan', item: `WAN link ${link.name}${used.has(l) ? '' : ' (kept for restores)'}`, capex: 0, annual: linkMonthlyCost(link) * 12 });
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
  if (lic.perVmPerYear > 0) items.push({ category: 'licences', item: `${protectedVms.size} VMs × per-VM licence`, capex: 0, annual: lic.perVmPerYear * protectedVms.size });
  if (lic.perSocketPerYear > 0) items.push({ category: 'licences', item: `${sockets} sockets × per-socket licence`, capex: 0, annual: lic.perSocketPerYear * sockets });
  if (lic.perTBPerYear > 0) items.push({ category: 'licences', item: `${protectedTB.toFixed(1)} TB × per-TB licence`, capex: 0, annual: lic.perTBPerYear * protectedTB });

  // The methods' own lines (e.g. tape courier and vault), each kind over all its uses in the strategy.
  const byKind = new Map<MethodDefinition<ProtectionMethod>, ProtectionMethod[]>();
  for (const a of strategy.assignments) for (const m of a.methods) {
    const d = methodDefinition(m);
    byKind.set(d, [...(byKind.get(d) ?? []), m]);
  }
  for (const [definition, methods] of byKind) items.push(...definition.costLines(methods, scenario));

  // Against ransomware: each rule's copy protection (lock capacity, vault service, media), and the clean room.
  for (const a of strategy.assignments) {
    a.copyProtection?.forEach((c, k) => {
      if (c !== null && c.costPerYear > 0) items.push({ category: 'ransomware-protection', item: `${a.methods[k].method} copy protection (${copyProtectionKinds(c)})`, capex: 0, annual: c.costPerYear });
    });
  }
  const cleanRoom = strategy.recovery.cleanRoom;
  if (cleanRoom && cleanRoom.costPerYear > 0) items.push({ category: 'ransomware-protection', item: `clean room for ${cleanRoom.vms} VMs at once`, capex: 0, annual: cleanRoom.costPerYear });

  const throttle = usage.throttlePenalty ?? 0;
  items.push({ category: 'penalties', item: 'expected downtime and data-loss penalties', capex: 0, annual: usage.expectedAnnualPenalty - throttle });
  if (throttle > 0) items.push({ category: 'penalties', item: 'production held back by throttled writes', capex: 0, annual: throttle });

  const capex = items.reduce((acc, i) => acc + i.capex, 0);
  const annualCapex = items.filter((i) => i.capex > 0).reduce((acc, i) => acc + i.annual, 0);
  const annualOpex = items.filter((i) => i.capex === 0 && i.category !== 'penalties').reduce((acc, i) => acc + i.annual, 0);
  return {
    capex,
    annualCapex,
    annualOpex,
    expectedAnnualPenalty: usage.expectedAnnualPenalty,
    annualTotal: annualCapex + annualOpex + usage.expectedAnnualPenalty,
    items,
  };
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
