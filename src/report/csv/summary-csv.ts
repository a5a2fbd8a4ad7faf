/**
 * summary.csv: one row per strategy with the numbers a budget table needs: RPO/RTO statistics in
 * seconds, target compliance, recovery, sustainability, DR hosts, and cost parts in the scenario
 * currency (the currency is in the header: `annual_total_USD`).
 */
import { stringify } from 'csv-stringify/sync';
import type { ResultsFile, StrategyResult, Summary } from '../../models/results.js';
import { COST_CATEGORIES } from '../charts/cost-breakdown.js';
import { meetsTargets } from '../compliance.js';
import { currencyTag } from '../../models/units/format.js';
import { CSV_OPTIONS } from './cast.js';

/** Seconds per statistic; an empty cell where it is null (not recovered: see the not_recovered and *_censored columns). */
function stats(prefix: string, s: Summary): Record<string, number | string> {
  const cell = (v: number | null) => v ?? '';
  return {
    [`${prefix}_mean_seconds`]: cell(s.mean), [`${prefix}_ci_low_seconds`]: cell(s.ciLow), [`${prefix}_ci_high_seconds`]: cell(s.ciHigh),
    [`${prefix}_p50_seconds`]: cell(s.p50), [`${prefix}_p95_seconds`]: cell(s.p95), [`${prefix}_p99_seconds`]: cell(s.p99), [`${prefix}_max_seconds`]: cell(s.max),
    [`${prefix}_censored`]: s.censored,
  };
}

/** The busiest link (highest utilization): the one that decides sustainability and headroom. */
export function busiestLink(s: StrategyResult): StrategyResult['summary']['wanBitsPerSecond'][number] | undefined {
  return [...s.summary.wanBitsPerSecond].sort((a, b) => b.utilization - a.utilization)[0];
}

export function summaryRow(s: StrategyResult, currency: string): Record<string, string | number | boolean> {
  const c = currencyTag(currency);
  const sum = s.summary;
  const link = busiestLink(s);
  const parts: Record<string, number> = {};
  for (const cat of COST_CATEGORIES) {
    parts[`annual_${cat.category.replace(/-/g, '_')}_${c}`] = s.cost.items.filter((i) => i.category === cat.category).reduce((a, i) => a + i.annual, 0);
  }
  return {
    strategy_id: s.id,
    strategy: s.name,
    methods: s.methods.join(' '),
    ...stats('rpo', sum.rpoSeconds),
    ...stats('rto', sum.rtoSeconds),
    rpo_target_met_fraction: sum.rpoTargetMet,
    rto_target_met_fraction: sum.rtoTargetMet,
    not_recovered_fraction: sum.notRecovered,
    meets_targets: meetsTargets(s),
    verdict: s.verdict.status,
    sustainable: sum.sustainable.sustainable,
    wan_shortfall_bits_per_second: sum.sustainable.shortfallBitsPerSecond,
    busiest_link: link?.link ?? '',
    wan_mean_bits_per_second: link?.meanBitsPerSecond ?? 0,
    wan_p95_bits_per_second: link?.p95BitsPerSecond ?? 0,
    wan_peak_bits_per_second: link?.peakBitsPerSecond ?? 0,
    wan_utilization_fraction: link?.utilization ?? 0,
    dr_hosts_used_mean: sum.drHostsUsed.mean,
    dr_hosts_used_max: sum.drHostsUsed.max,
    dr_hosts_available: sum.drHostsUsed.available,
    expected_downtime_hours_per_year: sum.expectedDowntimeHoursPerYear,
    expected_data_loss_hours_per_year: sum.expectedDataLossHoursPerYear,
    [`capex_${c}`]: s.cost.capex,
    [`annual_capex_${c}`]: s.cost.annualCapex,
    [`annual_opex_${c}`]: s.cost.annualOpex,
    [`annual_outlays_${c}`]: s.cost.annualCapex + s.cost.annualOpex,
    [`expected_annual_penalty_${c}`]: s.cost.expectedAnnualPenalty,
    ...parts,
    [`annual_total_${c}`]: s.cost.annualTotal,
    flags: s.flags.join(' '),
  };
}

export function summaryCsv(results: ResultsFile): string {
  return stringify(results.strategies.map((s) => summaryRow(s, results.scenario.currency)), CSV_OPTIONS);
}
