/**
 * Named metrics of a strategy's results, shared by sweeps (`--metric`), sizing targets and the optimizer:
 * `rpo.p95`, `rto.mean`, `rpoTargetMet`, `tier1.rpo.p95`, `cost.annualTotal`, `wan.wan.p95`, ...
 * Each has a kind (how its value is written and shown) and a direction (which way is better), so a
 * target like "rpo.p95 <= 15 min" can be parsed with units and its margin reported in them.
 */
import { closest } from '../models/scenario/did-you-mean.js';
import { bytesUnitFor, formatBitsPerSecond, formatBytes, formatDuration, formatMoney, formatPercent, moneyUnitFor, rateUnitFor, significant, timeUnitFor } from '../models/units/format.js';
import type { StrategyResult, Summary, TierResult } from '../models/results.js';
import { pushAll } from '../sim/array-extremes.js';

export type MetricKind = 'duration' | 'fraction' | 'money' | 'bitsPerSecond' | 'bytes' | 'number';

export interface MetricDef {
  id: string;
  kind: MetricKind;
  better: 'lower' | 'higher';
  /** Plain words for chart titles. */
  label: string;
  value: (s: StrategyResult) => number;
  /** The mean's 95% confidence interval, for metrics that are a mean over trials. */
  ci?: (s: StrategyResult) => [number, number];
  /** For RPO/RTO metrics (times and shares meeting the target): which target they measure against, and of which tier (none: all VMs). */
  target?: { which: 'rpo' | 'rto'; tier: number | null };
}

export class MetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}

/** What the scenario offers to name: links and tiers. */
export interface MetricContext {
  links: string[];
  tiers: number[];
}

const STATS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;
export type Stat = (typeof STATS)[number];

/**
 * A statistic as a number for comparisons: a null one is +∞ when it is null because VMs were not recovered
 * (a censored statistic misses every "at most" target), NaN when there was nothing to summarize.
 */
export function statValue(summary: Summary | undefined, stat: Stat): number {
  if (summary === undefined) return NaN;
  const v = summary[stat];
  if (v !== null) return v;
  return summary.censored > 0 ? Infinity : NaN;
}

function summaryMetrics(prefix: string, labelPrefix: string, tier: number | null, pick: (s: StrategyResult) => { rpo: Summary; rto: Summary } | null): MetricDef[] {
  const defs: MetricDef[] = [];
  for (const which of ['rpo', 'rto'] as const) {
    for (const stat of STATS) {
      defs.push({
        id: `${prefix}${which}.${stat}`,
        kind: 'duration',
        better: 'lower',
        label: `${labelPrefix}${which.toUpperCase()} ${stat === 'mean' ? 'mean' : stat}`,
        value: (s) => statValue(pick(s)?.[which], stat),
        ci: stat === 'mean' ? (s) => { const x = pick(s)?.[which]; return x && x.ciLow !== null && x.ciHigh !== null ? [x.ciLow, x.ciHigh] : [statValue(x, 'mean'), statValue(x, 'mean')]; } : undefined,
        target: { which, tier },
      });
    }
  }
  return defs;
}

function fractionMetrics(prefix: string, labelPrefix: string, tier: number | null, pick: (s: StrategyResult) => { rpoTargetMet: number; rtoTargetMet: number; notRecovered: number } | null): MetricDef[] {
  return [
    { id: `${prefix}rpoTargetMet`, kind: 'fraction', better: 'higher', label: `${labelPrefix}RPO target met`, value: (s) => pick(s)?.rpoTargetMet ?? NaN, target: { which: 'rpo', tier } },
    { id: `${prefix}rtoTargetMet`, kind: 'fraction', better: 'higher', label: `${labelPrefix}RTO target met`, value: (s) => pick(s)?.rtoTargetMet ?? NaN, target: { which: 'rto', tier } },
    { id: `${prefix}notRecovered`, kind: 'fraction', better: 'lower', label: `${labelPrefix}not recovered`, value: (s) => pick(s)?.notRecovered ?? NaN },
  ];
}

const COST_FIELDS: Array<[string, string, (s: StrategyResult) => number]> = [
  ['annualTotal', 'annual total (outlays + expected penalties)', (s) => s.cost.annualTotal],
  ['outlays', 'annual outlays', (s) => s.cost.annualCapex + s.cost.annualOpex],
  ['annualCapex', 'annualized capex', (s) => s.cost.annualCapex],
  ['annualOpex', 'annual opex', (s) => s.cost.annualOpex],
  ['expectedAnnualPenalty', 'expected annual penalties', (s) => s.cost.expectedAnnualPenalty],
  ['capex', 'capex', (s) => s.cost.capex],
];

const LINK_FIELDS: Array<[string, MetricKind, 'lower' | 'higher', (l: StrategyResult['summary']['wanBitsPerSecond'][number]) => number]> = [
  ['mean', 'bitsPerSecond', 'lower', (l) => l.meanBitsPerSecond],
  ['p95', 'bitsPerSecond', 'lower', (l) => l.p95BitsPerSecond],
  ['peak', 'bitsPerSecond', 'lower', (l) => l.peakBitsPerSecond],
  ['utilization', 'fraction', 'lower', (l) => l.utilization],
  ['backlogPeak', 'bytes', 'lower', (l) => l.backlogPeakBytes],
];

/** Every metric id the context allows (for listings and "did you mean"). */
export function metricCatalog(ctx: MetricContext): MetricDef[] {
  const overall = (s: StrategyResult) => ({ rpo: s.summary.rpoSeconds, rto: s.summary.rtoSeconds });
  const defs: MetricDef[] = [...summaryMetrics('', '', null, overall), ...fractionMetrics('', '', null, (s) => s.summary)];
  for (const [field, label, get] of COST_FIELDS) defs.push({ id: `cost.${field}`, kind: 'money', better: 'lower', label: `cost: ${label}`, value: get });
  for (const link of ctx.links) {
    for (const [field, kind, better, get] of LINK_FIELDS) {
      defs.push({ id: `wan.${link}.${field}`, kind, better, label: `WAN ${link} ${field}`, value: (s) => { const l = s.summary.wanBitsPerSecond.find((x) => x.link === link); return l ? get(l) : NaN; } });
    }
  }
  defs.push(
    { id: 'drHosts.mean', kind: 'number', better: 'lower', label: 'DR hosts used (mean)', value: (s) => s.summary.drHostsUsed.mean },
    { id: 'drHosts.max', kind: 'number', better: 'lower', label: 'DR hosts used (max)', value: (s) => s.summary.drHostsUsed.max },
    { id: 'sustainable', kind: 'number', better: 'higher', label: 'sustainable (1 = yes)', value: (s) => (s.summary.sustainable.sustainable ? 1 : 0) },
    { id: 'shortfall', kind: 'bitsPerSecond', better: 'lower', label: 'WAN shortfall', value: (s) => s.summary.sustainable.shortfallBitsPerSecond },
    { id: 'downtimeHoursPerYear', kind: 'number', better: 'lower', label: 'expected downtime (h/year)', value: (s) => s.summary.expectedDowntimeHoursPerYear },
    { id: 'dataLossHoursPerYear', kind: 'number', better: 'lower', label: 'expected data loss (h/year)', value: (s) => s.summary.expectedDataLossHoursPerYear },
  );
  for (const tier of ctx.tiers) {
    const pick = (s: StrategyResult): TierResult | null => s.summary.byTier.find((t) => t.tier === tier) ?? null;
    pushAll(defs, summaryMetrics(`tier${tier}.`, `tier ${tier} `, tier, (s) => { const t = pick(s); return t ? { rpo: t.rpoSeconds, rto: t.rtoSeconds } : null; }));
    pushAll(defs, fractionMetrics(`tier${tier}.`, `tier ${tier} `, tier, pick));
  }
  return defs;
}

export function parseMetric(text: string, ctx: MetricContext): MetricDef {
  const id = text.trim();
  const all = metricCatalog(ctx);
  const found = all.find((d) => d.id === id);
  if (found) return found;
  const near = closest(id, all.map((d) => d.id));
  const families = ['rpo.mean|p50|p95|p99|max', 'rto.*', 'rpoTargetMet', 'rtoTargetMet', 'notRecovered', 'cost.annualTotal|outlays|annualCapex|annualOpex|expectedAnnualPenalty|capex',
    ...(ctx.links.length > 0 ? [`wan.${ctx.links[0]}.mean|p95|peak|utilization|backlogPeak`] : []), 'drHosts.mean|max', 'sustainable', 'shortfall',
    ...(ctx.tiers.length > 0 ? [`tier${ctx.tiers[0]}.rpo.p95 (any of the above per tier)`] : [])];
  throw new MetricError(`unknown metric "${id}"${near ? ` (did you mean "${near}"?)` : ''}; metrics: ${families.join(', ')}`);
}

/** A metric value in human units (models/units/format.ts): "12.5 min", "97.2%", "1,250,000 USD", "412 Mbit/s". */
export function formatMetric(kind: MetricKind, value: number, currency = 'USD'): string {
  if (value === Infinity && kind === 'duration') return 'not recovered';
  if (!Number.isFinite(value)) return String(value);
  switch (kind) {
    case 'duration': return formatDuration(value);
    case 'fraction': return formatPercent(value);
    case 'money': return formatMoney(value, currency);
    case 'bitsPerSecond': return formatBitsPerSecond(value);
    case 'bytes': return formatBytes(value);
    case 'number': return significant(value);
  }
}

/** A scale for charts: divide internal values by `divisor` to show them in `unit` (the units axes use everywhere). */
export function displayUnit(kind: MetricKind, values: number[], currency = 'USD'): { divisor: number; unit: string } {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  switch (kind) {
    case 'duration': { const u = timeUnitFor(max); return { divisor: u.seconds, unit: u.short }; }
    case 'fraction': return { divisor: 0.01, unit: '%' };
    case 'money': { const u = moneyUnitFor(max, currency); return { divisor: u.factor, unit: u.name }; }
    case 'bitsPerSecond': { const u = rateUnitFor(max); return { divisor: u.bitsPerSecond, unit: u.name }; }
    case 'bytes': { const u = bytesUnitFor(max); return { divisor: u.bytes, unit: u.name }; }
    case 'number': return { divisor: 1, unit: '' };
  }
}
