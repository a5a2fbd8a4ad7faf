/**
 * The workbook's sheets, one concern each, in tab order. A new concern (say a bill of materials) is one
 * more builder in WORKBOOK_SHEETS (as the bill of materials is). Durations are in one human unit per sheet and measure (chosen by the
 * largest value, as chart axes are), money in the scenario's currency, shares as percentages.
 */
import { RANSOMWARE_LIMITS, type ApplicationResult, type RansomwareLimit, type ResultsFile, type StrategyResult, type Summary, type TargetCheck } from '../../models/results.js';
import { rateUnitFor } from '../../models/units/format.js';
import { COST_CATEGORIES } from '../charts/cost-breakdown.js';
import { strategyLabels } from '../charts/spec-common.js';
import { cheapestMeetingTargets, COMPLIANCE_RULE } from '../compliance.js';
import { busiestLink } from '../csv/summary-csv.js';
import { verdictFor } from '../verdict.js';
import { BOM_LEGEND } from '../bom.js';
import { durationCell, inUnit, unitFor, type CellValue, type Column, type SheetTable } from './table.js';
import { vmsSheet } from './vms-sheet.js';
import { sensitivitySheets } from '../capacity/sensitivity-xlsx.js';
import { maxOf } from '../../sim/array-extremes.js';

export type SheetBuilder = (results: ResultsFile) => SheetTable | null;

const stats = (s: Summary): (number | null)[] => [s.p50, s.p95, s.max];

function summarySheet(results: ResultsFile): SheetTable {
  const cur = results.scenario.currency;
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const rpoUnit = unitFor(results.strategies.flatMap((s) => stats(s.summary.rpoSeconds)));
  const rtoUnit = unitFor(results.strategies.flatMap((s) => stats(s.summary.rtoSeconds)));
  const wanUnit = rateUnitFor(Math.max(1, maxOf(results.strategies.map((s) => busiestLink(s)?.p95BitsPerSecond ?? 0))));
  const columns: Column[] = [
    { header: 'Strategy', kind: 'text' },
    { header: 'Verdict', kind: 'text' },
    { header: 'Recommended', kind: 'boolean' },
    { header: `Outlays per year (${cur})`, kind: 'money' },
    { header: `Expected penalties per year (${cur})`, kind: 'money' },
    { header: `Annual total (${cur})`, kind: 'money' },
    { header: `Capex (${cur})`, kind: 'money' },
    { header: `Annualized capex (${cur})`, kind: 'money' },
    { header: `Opex per year (${cur})`, kind: 'money' },
    { header: 'Sustainable', kind: 'boolean' },
    { header: `WAN shortfall (${wanUnit.name})`, kind: 'number' },
    { header: 'Busiest link', kind: 'text' },
    { header: `WAN p95 (${wanUnit.name})`, kind: 'number' },
    { header: 'DR hosts used (max)', kind: 'count' },
    { header: 'DR hosts available', kind: 'count' },
    { header: `RPO p50 (${rpoUnit.name})`, kind: 'duration' },
    { header: `RPO p95 (${rpoUnit.name})`, kind: 'duration' },
    { header: `RPO max (${rpoUnit.name})`, kind: 'duration' },
    { header: `RTO p50 (${rtoUnit.name})`, kind: 'duration' },
    { header: `RTO p95 (${rtoUnit.name})`, kind: 'duration' },
    { header: `RTO max (${rtoUnit.name})`, kind: 'duration' },
    { header: 'VMs meeting RPO target', kind: 'fraction' },
    { header: 'VMs meeting RTO target', kind: 'fraction' },
    { header: 'VMs not recovered', kind: 'fraction' },
    { header: 'Expected downtime (hours per year)', kind: 'number' },
    { header: 'Expected data loss (hours per year)', kind: 'number' },
    { header: 'In words', kind: 'prose' },
    { header: 'Flags', kind: 'prose' },
  ];
  return {
    name: 'Summary',
    preamble: [`Disaster-recovery strategies for ${results.scenario.name}: ${results.trials} trials, seed ${results.seed}. Outlays are what the company pays; expected penalties are risk (frequency × business impact), not a budget line.`],
    columns,
    rows: () => results.strategies.map((s) => {
      const sum = s.summary;
      const link = busiestLink(s);
      const v = verdictFor(results, s);
      return [
        labels.get(s.id)!, s.verdict.status, cheapest?.id === s.id,
        s.cost.annualCapex + s.cost.annualOpex, s.cost.expectedAnnualPenalty, s.cost.annualTotal,
        s.cost.capex, s.cost.annualCapex, s.cost.annualOpex,
        sum.sustainable.sustainable, sum.sustainable.shortfallBitsPerSecond / wanUnit.bitsPerSecond,
        link?.link ?? null, link ? link.p95BitsPerSecond / wanUnit.bitsPerSecond : null,
        sum.drHostsUsed.max, sum.drHostsUsed.available,
        ...stats(sum.rpoSeconds).map((x) => durationCell(x, sum.rpoSeconds, rpoUnit)),
        ...stats(sum.rtoSeconds).map((x) => durationCell(x, sum.rtoSeconds, rtoUnit)),
        sum.rpoTargetMet, sum.rtoTargetMet, sum.notRecovered,
        sum.expectedDowntimeHoursPerYear, sum.expectedDataLossHoursPerYear,
        [v.headline, ...v.sentences].join(' '), s.flags.join('; ') || null,
      ];
    }),
  };
}

function checksSheet(results: ResultsFile): SheetTable {
  const labels = strategyLabels(results);
  const all = results.strategies.flatMap((s) => s.verdict.checks.map((c) => ({ s, c })));
  const unit = unitFor(all.map(({ c }) => c.targetSeconds));
  return {
    name: 'Verdict checks',
    preamble: [COMPLIANCE_RULE],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Scope', kind: 'text' }, { header: 'Tier or service', kind: 'text' },
      { header: 'Target', kind: 'text' }, { header: `Target (${unit.name})`, kind: 'duration' },
      { header: 'Share meeting it', kind: 'fraction' }, { header: '95% interval, low', kind: 'fraction' }, { header: '95% interval, high', kind: 'fraction' },
      { header: 'Required share', kind: 'fraction' }, { header: 'Status', kind: 'text' }, { header: 'About how many more trials would settle it', kind: 'count' },
    ],
    rows: () => all.map(({ s, c }: { s: StrategyResult; c: TargetCheck }) => [
      labels.get(s.id)!, c.scope, c.name, c.which.toUpperCase(), inUnit(c.targetSeconds, unit),
      c.share, c.ciLow, c.ciHigh, c.required, c.status, c.moreTrials ?? null,
    ]),
  };
}

function statusOf(s: StrategyResult, scope: TargetCheck['scope'], name: string, which: 'rpo' | 'rto'): CellValue {
  return s.verdict.checks.find((c) => c.scope === scope && c.name === name && c.which === which)?.status ?? null;
}

function tiersSheet(results: ResultsFile): SheetTable {
  const labels = strategyLabels(results);
  const rows = results.strategies.flatMap((s) => s.summary.byTier.map((t) => ({ s, t })));
  const rpoUnit = unitFor(rows.flatMap(({ t }) => [t.rpoTargetSeconds, ...stats(t.rpoSeconds)]));
  const rtoUnit = unitFor(rows.flatMap(({ t }) => [t.rtoTargetSeconds, ...stats(t.rtoSeconds)]));
  return {
    name: 'Tiers',
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Tier', kind: 'count' }, { header: 'VMs', kind: 'count' },
      { header: `RPO target (${rpoUnit.name})`, kind: 'duration' }, { header: `RTO target (${rtoUnit.name})`, kind: 'duration' },
      { header: `RPO p50 (${rpoUnit.name})`, kind: 'duration' }, { header: `RPO p95 (${rpoUnit.name})`, kind: 'duration' }, { header: `RPO max (${rpoUnit.name})`, kind: 'duration' },
      { header: `RTO p50 (${rtoUnit.name})`, kind: 'duration' }, { header: `RTO p95 (${rtoUnit.name})`, kind: 'duration' }, { header: `RTO max (${rtoUnit.name})`, kind: 'duration' },
      { header: 'VMs meeting RPO target', kind: 'fraction' }, { header: 'VMs meeting RTO target', kind: 'fraction' }, { header: 'VMs not recovered', kind: 'fraction' },
      { header: 'RPO verdict', kind: 'text' }, { header: 'RTO verdict', kind: 'text' },
    ],
    rows: () => rows.map(({ s, t }) => [
      labels.get(s.id)!, t.tier, t.vmCount, inUnit(t.rpoTargetSeconds, rpoUnit), inUnit(t.rtoTargetSeconds, rtoUnit),
      ...stats(t.rpoSeconds).map((x) => durationCell(x, t.rpoSeconds, rpoUnit)),
      ...stats(t.rtoSeconds).map((x) => durationCell(x, t.rtoSeconds, rtoUnit)),
      t.rpoTargetMet, t.rtoTargetMet, t.notRecovered,
      statusOf(s, 'tier', String(t.tier), 'rpo'), statusOf(s, 'tier', String(t.tier), 'rto'),
    ]),
  };
}

function applicationsSheet(results: ResultsFile): SheetTable | null {
  const labels = strategyLabels(results);
  const cur = results.scenario.currency;
  const rows = results.strategies.flatMap((s) => s.applications.map((a) => ({ s, a })));
  if (rows.length === 0) return null;
  const rpoUnit = unitFor(rows.flatMap(({ a }) => [a.rpoTargetSeconds, ...stats(a.rpoSeconds)]));
  const rtoUnit = unitFor(rows.flatMap(({ a }) => [a.rtoTargetSeconds, ...stats(a.rtoSeconds)]));
  return {
    name: 'Applications',
    preamble: ['Business services in a site disaster: time down until the quorum of VMs is back, updates lost by the worst data-bearing VM; shares are of trials.'],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Application', kind: 'text' }, { header: 'Description', kind: 'text' }, { header: 'Tier', kind: 'count' }, { header: 'VMs', kind: 'count' }, { header: 'Quorum', kind: 'count' },
      { header: `RTO target (${rtoUnit.name})`, kind: 'duration' }, { header: `RPO target (${rpoUnit.name})`, kind: 'duration' },
      { header: `Time down p50 (${rtoUnit.name})`, kind: 'duration' }, { header: `Time down p95 (${rtoUnit.name})`, kind: 'duration' }, { header: `Time down max (${rtoUnit.name})`, kind: 'duration' },
      { header: `Updates lost p50 (${rpoUnit.name})`, kind: 'duration' }, { header: `Updates lost p95 (${rpoUnit.name})`, kind: 'duration' }, { header: `Updates lost max (${rpoUnit.name})`, kind: 'duration' },
      { header: 'Trials meeting RTO target', kind: 'fraction' }, { header: 'Trials meeting RPO target', kind: 'fraction' }, { header: 'Trials not recovered', kind: 'fraction' },
      { header: 'RTO verdict', kind: 'text' }, { header: 'RPO verdict', kind: 'text' },
      { header: `Downtime cost per hour (${cur})`, kind: 'money' }, { header: `Data-loss cost per hour (${cur})`, kind: 'money' }, { header: `Expected penalties per year (${cur})`, kind: 'money' },
    ],
    rows: () => rows.map(({ s, a }: { s: StrategyResult; a: ApplicationResult }) => [
      labels.get(s.id)!, a.name, a.description ?? '', a.tier, a.vmCount, a.quorum, inUnit(a.rtoTargetSeconds, rtoUnit), inUnit(a.rpoTargetSeconds, rpoUnit),
      ...stats(a.rtoSeconds).map((x) => durationCell(x, a.rtoSeconds, rtoUnit)),
      ...stats(a.rpoSeconds).map((x) => durationCell(x, a.rpoSeconds, rpoUnit)),
      a.rtoTargetMet, a.rpoTargetMet, a.notRecovered,
      statusOf(s, 'application', a.name, 'rto'), statusOf(s, 'application', a.name, 'rpo'),
      a.downtimeCostPerHour, a.dataLossCostPerHour, a.expectedPenaltyPerYear,
    ]),
  };
}

function costsSheet(results: ResultsFile): SheetTable {
  const labels = strategyLabels(results);
  const cur = results.scenario.currency;
  const partLabel = new Map(COST_CATEGORIES.map((c) => [c.category, c.label]));
  return {
    name: 'Costs by part',
    preamble: ['Outlays (amortized capex and opex; the dev/test credit is negative) and expected penalties (risk), per strategy and item.'],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Part', kind: 'text' }, { header: 'Outlay or risk', kind: 'text' }, { header: 'Item', kind: 'text' },
      { header: `Capex (${cur})`, kind: 'money' }, { header: `Per year (${cur})`, kind: 'money' },
    ],
    rows: () => results.strategies.flatMap((s) => s.cost.items.map((i) => [
      labels.get(s.id)!, partLabel.get(i.category) ?? i.category, i.category === 'penalties' ? 'risk' : 'outlay', i.item, i.capex, i.annual,
    ])),
  };
}

/** The bill of materials: a row per line, quantities in the line's own unit (its Unit column), money in the currency. */
function bomSheet(results: ResultsFile): SheetTable | null {
  const labels = strategyLabels(results);
  const cur = results.scenario.currency;
  if (results.strategies.every((s) => s.billOfMaterials === undefined)) return null;
  return {
    name: 'Bill of materials',
    preamble: [BOM_LEGEND, 'Quantity, Needed and Available are in the row\'s Unit (TB = 10^12 bytes, Mbit/s = 10^6 bit/s). Needed: WAN p95, DR hosts enough in 95% of trials; Needed, high: WAN p98, DR hosts at most.'],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Section', kind: 'text' }, { header: 'Item', kind: 'text' },
      { header: 'Quantity (in Unit)', kind: 'number' }, { header: 'Unit', kind: 'text' },
      { header: 'Needed (in Unit)', kind: 'number' }, { header: 'Needed, high (in Unit)', kind: 'number' },
      { header: 'Available (in Unit)', kind: 'number' }, { header: 'Over capacity', kind: 'boolean' },
      { header: `One-off (${cur})`, kind: 'money' }, { header: `Per year (${cur})`, kind: 'money' }, { header: 'Note', kind: 'prose' },
    ],
    rows: () => results.strategies.flatMap((s) => [
      ...(s.billOfMaterials?.lines ?? []).map((l): CellValue[] => [
        labels.get(s.id)!, l.section, l.item, l.quantity, l.unit, l.needed, l.neededHigh, l.available, l.overCapacity, l.oneOff, l.perYear, l.note || null,
      ]),
      ...(s.billOfMaterials ? [[labels.get(s.id)!, 'total', 'Total outlays', null, null, null, null, null, null, s.billOfMaterials.oneOffTotal, s.billOfMaterials.perYearTotal, null] as CellValue[]] : []),
    ]),
  };
}

/** Columns of the share of each recovery stage among what held VMs (or applications) back longest. */
const LIMIT_COLUMNS: Column[] = RANSOMWARE_LIMITS.map((l) => ({ header: `Held back by ${l}`, kind: 'fraction' }));
const limitCells = (limitedBy: Record<RansomwareLimit, number>): CellValue[] => RANSOMWARE_LIMITS.map((l) => limitedBy[l]);

/** What each strategy buys against ransomware (the results' ransomware section, failures[kind: ransomware]); no sheet without an attack. */
function ransomwareSheet(results: ResultsFile): SheetTable | null {
  const labels = strategyLabels(results);
  const cur = results.scenario.currency;
  const rows = results.strategies.flatMap((s) => {
    const f = s.failures.find((x) => x.kind === 'ransomware');
    return s.ransomware !== undefined && f !== undefined ? [{ s, r: s.ransomware, f }] : [];
  });
  if (rows.length === 0) return null;
  const rpoUnit = unitFor(rows.flatMap(({ f }) => stats(f.rpoSeconds)));
  const rtoUnit = unitFor(rows.flatMap(({ f }) => stats(f.rtoSeconds)));
  return {
    name: 'Ransomware',
    preamble: ['Ransomware, per affected VM from detection: data lost (RPO) and time until back (RTO); a VM without a clean point is not recovered. Held back by: share of recovered VM-trials each stage held back longest.'],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Attacks per year', kind: 'number' }, { header: 'Clean point policy', kind: 'text' },
      { header: 'VMs with a clean point', kind: 'fraction' }, { header: 'Trials reinfected', kind: 'fraction' }, { header: 'VMs not recovered', kind: 'fraction' },
      { header: `Data lost p50 (${rpoUnit.name})`, kind: 'duration' }, { header: `Data lost p95 (${rpoUnit.name})`, kind: 'duration' }, { header: `Data lost max (${rpoUnit.name})`, kind: 'duration' },
      { header: `Back p50 (${rtoUnit.name})`, kind: 'duration' }, { header: `Back p95 (${rtoUnit.name})`, kind: 'duration' }, { header: `Back max (${rtoUnit.name})`, kind: 'duration' },
      ...LIMIT_COLUMNS,
      { header: `Copy protection per year (${cur})`, kind: 'money' }, { header: `Clean room per year (${cur})`, kind: 'money' },
      { header: `Expected penalties per year (${cur})`, kind: 'money' },
    ],
    rows: () => rows.map(({ s, r, f }) => [
      labels.get(s.id)!, r.eventsPerYear, r.cleanPoint, r.cleanPointExists, r.reinfected, f.notRecovered,
      ...stats(f.rpoSeconds).map((x) => durationCell(x, f.rpoSeconds, rpoUnit)),
      ...stats(f.rtoSeconds).map((x) => durationCell(x, f.rtoSeconds, rtoUnit)),
      ...limitCells(r.limitedBy),
      r.protectionCostPerYear.copies, r.protectionCostPerYear.cleanRoom, r.expectedPenaltyPerYear,
    ]),
  };
}

/** Per strategy × named application in a ransomware attack; no sheet without an attack or named applications. */
function ransomwareApplicationsSheet(results: ResultsFile): SheetTable | null {
  const labels = strategyLabels(results);
  const cur = results.scenario.currency;
  const rows = results.strategies.flatMap((s) => (s.ransomware?.applications ?? []).map((a) => ({ s, a })));
  if (rows.length === 0) return null;
  const rpoUnit = unitFor(rows.flatMap(({ a }) => stats(a.rpoSeconds)));
  const rtoUnit = unitFor(rows.flatMap(({ a }) => stats(a.rtoSeconds)));
  return {
    name: 'Ransomware applications',
    preamble: ['Business services in a ransomware attack, per trial that hits them: time down until the quorum is back, updates lost; held back by: the stage that held the last VM back.'],
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'Application', kind: 'text' }, { header: 'VMs', kind: 'count' },
      { header: 'Clean point policy', kind: 'text' }, { header: 'Reinfection chance', kind: 'fraction' },
      { header: 'Trials with a clean point', kind: 'fraction' }, { header: 'Trials not recovered', kind: 'fraction' },
      { header: `Updates lost p50 (${rpoUnit.name})`, kind: 'duration' }, { header: `Updates lost p95 (${rpoUnit.name})`, kind: 'duration' }, { header: `Updates lost max (${rpoUnit.name})`, kind: 'duration' },
      { header: `Time down p50 (${rtoUnit.name})`, kind: 'duration' }, { header: `Time down p95 (${rtoUnit.name})`, kind: 'duration' }, { header: `Time down max (${rtoUnit.name})`, kind: 'duration' },
      ...LIMIT_COLUMNS,
      { header: `Expected penalties per year (${cur})`, kind: 'money' },
    ],
    rows: () => rows.map(({ s, a }) => [
      labels.get(s.id)!, a.name, a.vmCount, a.cleanPoint ?? null, a.reinfection ?? null, a.cleanPointExists, a.notRecovered,
      ...stats(a.rpoSeconds).map((x) => durationCell(x, a.rpoSeconds, rpoUnit)),
      ...stats(a.rtoSeconds).map((x) => durationCell(x, a.rtoSeconds, rtoUnit)),
      ...limitCells(a.limitedBy),
      a.expectedPenaltyPerYear,
    ]),
  };
}

function assumptionsSheet(results: ResultsFile): SheetTable {
  const sc = results.scenario;
  const facts: [string, string | number][] = [
    ['Scenario', sc.name], ['Description', sc.description], ['File', sc.file], ['Currency', sc.currency],
    ['Trials per strategy', results.trials], ['Seed', results.seed], ['Simulated hours per trial', results.horizonSeconds / 3600],
    ['Sites', sc.counts.sites], ['Hosts', sc.counts.hosts], ['DR hosts', sc.counts.drHosts], ['VMs', sc.counts.vms], ['Strategies', sc.counts.strategies],
    ['Failures simulated', results.analysis.failureKinds.join(', ') || 'none'],
    ['Generated by', `drsim ${results.generatedBy.version} (results schema ${results.schemaVersion})`],
  ];
  return {
    name: 'Assumptions',
    columns: [{ header: 'Item', kind: 'text' }, { header: 'Value or assumption', kind: 'prose' }],
    rows: () => [
      ...facts.map(([k, v]) => [k, v]),
      ...sc.assumptions.map((a, i) => [`Assumption ${i + 1}`, a]),
      ['Targets met', COMPLIANCE_RULE],
    ],
  };
}

/** `drsim run --sensitivity`: the Sensitivity and Break-even sheets of sensitivity.xlsx (no sheets without the section). */
const sensitivitySheet: SheetBuilder = (results) => results.sensitivity === undefined ? null : sensitivitySheets(results.sensitivity)[0]!;
const breakEvenSheet: SheetBuilder = (results) => results.sensitivity === undefined ? null : sensitivitySheets(results.sensitivity)[1]!;

/** Tab order. Append a builder here to add a sheet. */
export const WORKBOOK_SHEETS: readonly SheetBuilder[] = [
  summarySheet, checksSheet, tiersSheet, applicationsSheet, costsSheet, bomSheet, ransomwareSheet, ransomwareApplicationsSheet, sensitivitySheet, breakEvenSheet, vmsSheet, assumptionsSheet,
];
