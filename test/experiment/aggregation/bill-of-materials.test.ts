/**
 * The bill of materials end to end on an estate small enough to derive by hand, and its costs against the
 * strategy's outlays (here, on the flagship's golden results and on the report fixture).
 *
 * The estate: three VMs of 200 GiB RAM each (so no DR host of 256 GiB holds two), each with 500 GB used
 * of a 1 TB disk, writing a flat 5 MB/s, synchronously replicated over a 1 Gbit/s link (100% usable,
 * RTT 1 ms, no outages) to a thin DR array of 10 TB at $500/TB; four DR hosts at $20,000 (4 years), 500 W,
 * power at $0.10/kWh; the link $2,000 a month; a $100 licence per VM a year.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runExperiment } from '../../../src/experiment/experiment.js';
import { hostsNeededP95 } from '../../../src/experiment/aggregation/bill-of-materials.js';
import type { BomLine, ResultsFile, StrategyResult } from '../../../src/models/results.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { formatBomText } from '../../../src/report/bom.js';
import { bomCsv } from '../../../src/report/csv/small-tables-csv.js';
import { makeResults } from '../../report/fixtures/make-results.js';
import { parse } from 'csv-parse/sync';

const YAML = `
name: bom-by-hand
simulation: { horizon: 3 days, warmup: 1 day, trials: 8, seed: 5 }
sites:
  - { name: prod, role: primary }
  - { name: dr, role: dr }
hostModels:
  - { name: big, cores: 32, ghz: 2.5, ram: 256 GiB, price: "$20,000", power: 500 W, amortization: 4 years }
clusters:
  - { name: pc, site: prod }
  - { name: dc, site: dr }
hosts:
  - { model: big, cluster: pc, count: 3 }
  - { model: big, cluster: dc, count: 4 }
storage:
  - { name: ps, site: prod, capacity: 10 TB, read: 2 GB/s, write: 2 GB/s }
  - { name: ds, site: dr, capacity: 10 TB, read: 2 GB/s, write: 2 GB/s, pricePerTB: "$500", provisioning: thin }
links:
  - { name: wan, between: [prod, dr], bandwidth: 1 Gbit/s, efficiency: 100%, rtt: 1 ms, monthlyCost: "$2,000" }
workloads:
  - { name: flat, averageWrite: 5 MB/s, profile: flat, compression: 0% }
tiers:
  - { tier: 1, rto: 4 h, rpo: 15 min, workload: flat, downtimeCost: "$1,000/h", dataLossCost: "$600/h" }
vms:
  - { template: "v{i}", count: 3, cluster: pc, vcpus: 4, ram: 200 GiB, disk: { provisioned: 1 TB, used: 500 GB }, tier: 1 }
strategies:
  - name: sync
    protect:
      - select: all
        methods: [ { method: sync-replication, target: ds, link: wan } ]
    recovery: { declaration: 10 min }
    licences: { perVm: "$100/year" }
costs: { currency: USD, powerPrice: "$0.10/kWh" }
failures:
  siteDisaster: { site: prod, rate: 0.1/year }
`;

const lineOf = (s: StrategyResult, item: string): BomLine => {
  const l = s.billOfMaterials!.lines.find((x) => x.item.startsWith(item));
  if (l === undefined) throw new Error(`no BOM line "${item}…" in ${s.billOfMaterials!.lines.map((x) => x.item).join(' | ')}`);
  return l;
};

/** Every costed BOM line is the matching outlay, in order; the lines sum to the totals but for each item's 10⁻⁶ rounding. */
function expectCostsAddUp(s: StrategyResult): void {
  const bom = s.billOfMaterials!;
  const outlays = s.cost.items.filter((i) => i.category !== 'penalties');
  const costed = bom.lines.filter((l) => l.oneOff !== 0 || l.perYear !== 0);
  expect(costed.map((l) => [l.oneOff, l.perYear])).toEqual(outlays.filter((i) => i.capex !== 0 || i.annual !== 0).map((i) => [i.capex, i.annual]));
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  // Exactly: the same numbers summed in the same order.
  expect(sum(bom.lines.map((l) => l.oneOff))).toBe(sum(outlays.map((i) => i.capex)));
  expect(sum(bom.lines.map((l) => l.perYear))).toBe(sum(outlays.map((i) => i.annual)));
  expect(bom.oneOffTotal).toBe(s.cost.capex);
  expect(bom.perYearTotal).toBe(Math.round((s.cost.annualCapex + s.cost.annualOpex) * 1e6) / 1e6);
  // Each line and each total is rounded to 10⁻⁶ on its own (results-schema.md): at most 5·10⁻⁷ each, plus float sums.
  const slack = (outlays.length + 2) * 5e-7 + 1e-9 * Math.abs(bom.perYearTotal);
  expect(Math.abs(sum(bom.lines.map((l) => l.oneOff)) - bom.oneOffTotal)).toBeLessThanOrEqual(slack);
  expect(Math.abs(sum(bom.lines.map((l) => l.perYear)) - bom.perYearTotal)).toBeLessThanOrEqual(slack);
}

describe('bill of materials', () => {
  let results: ResultsFile;
  let s: StrategyResult;

  test('by hand: hosts, TB per purpose, Mbit/s, licences, power and sync impact', async () => {
    const { scenario } = parseScenario(YAML, 'bom-by-hand.yaml');
    results = await runExperiment(scenario, 'bom-by-hand.yaml', 'test', { workers: 1 });
    s = results.strategies[0]!;
    const bom = s.billOfMaterials!;

    // Hosts: 4 × $20,000 over 4 years; each 200 GiB VM needs a host of its own: 3 in every trial.
    const hosts = lineOf(s, 'big DR host');
    expect([hosts.quantity, hosts.unit, hosts.oneOff, hosts.perYear]).toEqual([4, 'hosts', 80_000, 20_000]);
    expect(bom.drHosts).toEqual({ models: [{ model: 'big', count: 4, cores: 32, ramBytes: 256 * 2 ** 30 }], available: 4, neededP95: 3, neededMax: 3, devTestPreempted: 0 });
    const inUse = lineOf(s, 'DR hosts in use');
    expect([inUse.needed, inUse.neededHigh, inUse.available, inUse.overCapacity, inUse.oneOff, inUse.perYear]).toEqual([3, 3, 4, false, 0, 0]);
    // Power: 4 × 500 W × 8,766 h = 17,532 kWh a year at $0.10.
    const power = lineOf(s, 'DR host power');
    expect([power.quantity, power.unit]).toEqual([17_532, 'kWh/year']);
    expect(power.perYear).toBeCloseTo(1753.2, 6);

    // Storage: thin replicas hold the used data, 3 × 500 GB = 1.5 TB at $500/TB = $750, over 4 years $187.5.
    const replicas = lineOf(s, 'replica capacity on ds');
    expect([replicas.quantity, replicas.unit, replicas.needed, replicas.oneOff, replicas.perYear]).toEqual([1.5, 'TB', 1.5, 750, 187.5]);
    // The array's fill: the replicas alone (no VM of its own), against its 10 TB.
    const fill = lineOf(s, 'ds fill');
    expect([fill.needed, fill.available, fill.overCapacity]).toEqual([1.5, 10, false]);

    // WAN: every write crosses the link, 3 × 5 MB/s = 15 MB/s = 120 Mbit/s all the time: p95 = p98 = 120.
    const wan = lineOf(s, 'WAN link wan');
    expect([wan.quantity, wan.unit, wan.available, wan.overCapacity, wan.perYear]).toEqual([1000, 'Mbit/s', 1000, false, 24_000]);
    expect(wan.needed).toBeCloseTo(120, 3);
    expect(wan.neededHigh).toBeCloseTo(120, 3);

    // Licences: 3 VMs × $100.
    const licence = lineOf(s, 'per-VM licence');
    expect([licence.quantity, licence.unit, licence.perYear]).toEqual([3, 'VMs', 300]);

    // Sync: RTT 1 ms + 64 KiB at 125 MB/s = 1.524288 ms per write; the ceiling (32 × 64 KiB / 1.524 ms ≈ 1.4 GB/s
    // a VM) is far above 5 MB/s and the link never fails: nothing throttled.
    expect(bom.syncImpact).toEqual({ writeLatencySeconds: 0.001524, throttledWriteFraction: 0, throttledBytesPerYear: 0, throttledVmHoursPerYear: 0, haltedHoursPerYear: 0 });
    expect(lineOf(s, 'extra latency per write').quantity).toBeCloseTo(1.524, 6);

    // Totals: one-off 80,000 + 750; yearly 20,000 + 1,753.2 + 187.5 + 24,000 + 300.
    expect(bom.oneOffTotal).toBe(80_750);
    expect(bom.perYearTotal).toBeCloseTo(46_240.7, 6);
    expectCostsAddUp(s);
  });

  test('CSV and console carry the same numbers as results.json', () => {
    const rows = parse(bomCsv(results), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.item, Number(r.quantity), r.unit, Number(r.one_off_USD), Number(r.per_year_USD)]))
      .toEqual(s.billOfMaterials!.lines.map((l) => [l.item, l.quantity, l.unit, l.oneOff, l.perYear]));
    const text = formatBomText(results);
    expect(text).toContain('80,750 USD');
    expect(text).toContain('46,241 USD');
    expect(text).toMatch(/big DR host \(32 cores, 256 GiB RAM\)\s+4 hosts\s+80,000 USD\s+20,000 USD/);
    expect(text).toMatch(/WAN link wan\s+1,000 Mbit\/s\s+120 Mbit\/s\s+1,000 Mbit\/s\s+24,000 USD/);
  });

  test('the costs add up to the outlays on the flagship and the report fixture', () => {
    const flagship = JSON.parse(readFileSync(new URL('../../golden/results/flagship.json', import.meta.url), 'utf8')) as ResultsFile;
    expect(flagship.strategies.length).toBeGreaterThan(0);
    for (const st of [...flagship.strategies, ...makeResults({ vms: 20 }).strategies]) expectCostsAddUp(st);
  });

  test('hosts needed: the smallest count enough in 95% of trials (nearest rank)', () => {
    // 20 trials: 18 need 3 hosts, 2 need 5. ceil(0.95 · 20) = 19th smallest = 5; with 19 at 3, 3 suffices.
    expect(hostsNeededP95([...Array(18).fill(3), 5, 5])).toBe(5);
    expect(hostsNeededP95([...Array(19).fill(3), 5])).toBe(3);
    expect(hostsNeededP95([])).toBe(0);
  });
});
