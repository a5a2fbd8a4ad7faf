/**
 * What a strategy costs per year, for a budget proposal (DOMAIN.md "Cost"; HP Labs' "Designing for
 * disasters" frames design as minimizing outlays + expected penalties).
 *
 * Outlays: the DR site's hosts (capex amortized over each model's years, plus power), the DR storage the
 * strategy needs (replicas, retained snapshots, journals on the DR array; backup media on the backup
 * targets), the WAN links it uses (monthly), licences (per protected VM, per socket of the protected
 * estate's hosts, per protected TB), tape courier and vaulting; minus the value of the dev/test work the
 * DR hosts carry in normal times. Penalties: expected yearly downtime × $/h + data loss × $/h, computed by
 * the experiment from the failure rates and passed in.
 */
import type { CostBreakdown, CostItem } from '../results.js';
import { methodDefinition, type MethodDefinition } from '../protection/methods/registry.js';
import { linkMonthlyCost } from './link-price.js';
import type { ProtectionMethod, Scenario, Strategy } from '../scenario/model.js';

const HOURS_PER_YEAR = 8766; // 365.25 days
const TB = 1e12;

export interface StrategyUsage {
  storage: { replicaBytes: number; snapshotBytes: number; journalBytes: number; backupMediaBytes: number };
  /** Links the strategy puts traffic on. */
  linksUsed: number[];
  expectedAnnualPenalty: number;
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

  // DR storage: replicas, snapshots and journals on the DR array (the priciest per TB at the DR site if several).
  const drArrays = scenario.storage.filter((s) => s.site === drSite);
  const drPricePerTB = drArrays.length > 0 ? Math.max(...drArrays.map((s) => s.pricePerTB)) : 0;
  const { replicaBytes, snapshotBytes, journalBytes, backupMediaBytes } = usage.storage;
  const years = scenario.costs.defaultAmortizationYears;
  for (const [item, bytes, price] of [
    ['replica capacity at DR', replicaBytes, drPricePerTB],
    ['retained snapshots at DR', snapshotBytes, drPricePerTB],
    ['CDP journals at DR', journalBytes, drPricePerTB],
    ['backup media', backupMediaBytes, backupMediaPricePerTB(scenario, strategy)],
  ] as const) {
    if (bytes <= 0) continue;
    const capex = (bytes / TB) * price;
    items.push({ category: 'storage', item, capex, annual: amortize(capex, years) });
  }

  // WAN: monthly charges of the links the strategy uses.
  for (const l of usage.linksUsed) {
    const link = scenario.links[l];
    items.push({ category: 'wan', item: `WAN link ${link.name}`, capex: 0, annual: linkMonthlyCost(link) * 12 });
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

  items.push({ category: 'penalties', item: 'expected downtime and data-loss penalties', capex: 0, annual: usage.expectedAnnualPenalty });

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

/** Price per TB of backup media: the mean over the strategy's methods that keep media copies. */
function backupMediaPricePerTB(scenario: Scenario, strategy: Strategy): number {
  const prices = strategy.assignments.flatMap((a) => a.methods.flatMap((m) => {
    const price = methodDefinition(m).mediaPricePerTB(m, scenario);
    return price === null ? [] : [price];
  }));
  return prices.length > 0 ? prices.reduce((x, y) => x + y, 0) / prices.length : 0;
}

export { HOURS_PER_YEAR };
