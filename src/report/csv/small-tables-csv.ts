/**
 * The small per-strategy tables: tiers.csv (strategy × tier compliance, with the verdict's intervals),
 * applications.csv (strategy × business service), costs.csv (strategy × cost item), bom.csv (strategy ×
 * bill-of-materials line) and links.csv
 * (strategy × link × time step of the typical week).
 */
import { stringify } from 'csv-stringify/sync';
import type { ResultsFile, StrategyResult, TargetCheck } from '../../models/results.js';
import { currencyTag } from '../../models/units/format.js';
import { CSV_OPTIONS } from './cast.js';

export function tiersCsv(results: ResultsFile): string {
  const rows = results.strategies.flatMap((s) => s.summary.byTier.map((t) => ({
    strategy_id: s.id, strategy: s.name, tier: t.tier, vm_count: t.vmCount,
    rpo_target_seconds: t.rpoTargetSeconds, rto_target_seconds: t.rtoTargetSeconds,
    rpo_p50_seconds: t.rpoSeconds.p50 ?? '', rpo_p95_seconds: t.rpoSeconds.p95 ?? '', rpo_max_seconds: t.rpoSeconds.max ?? '',
    rto_p50_seconds: t.rtoSeconds.p50 ?? '', rto_p95_seconds: t.rtoSeconds.p95 ?? '', rto_max_seconds: t.rtoSeconds.max ?? '',
    rpo_target_met_fraction: t.rpoTargetMet, rto_target_met_fraction: t.rtoTargetMet, not_recovered_fraction: t.notRecovered,
    ...checkColumns(s, 'tier', String(t.tier)),
  })));
  return stringify(rows, CSV_OPTIONS);
}

/** The verdict's check of a tier or application: share's 95% interval and status, for RPO and RTO. */
function checkColumns(s: StrategyResult, scope: TargetCheck['scope'], name: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const which of ['rpo', 'rto'] as const) {
    const c = s.verdict.checks.find((x) => x.scope === scope && x.name === name && x.which === which);
    out[`${which}_met_ci_low`] = c?.ciLow ?? '';
    out[`${which}_met_ci_high`] = c?.ciHigh ?? '';
    out[`${which}_verdict`] = c?.status ?? '';
  }
  return out;
}

/** applications.csv: strategy × named application (business service): its outage and loss, targets and penalties. */
export function applicationsCsv(results: ResultsFile): string {
  const c = currencyTag(results.scenario.currency);
  const cell = (v: number | null) => v ?? '';
  const rows = results.strategies.flatMap((s) => s.applications.map((a) => ({
    strategy_id: s.id, strategy: s.name, application: a.name, description: a.description ?? '', tier: a.tier, vm_count: a.vmCount, quorum: a.quorum,
    rpo_target_seconds: a.rpoTargetSeconds, rto_target_seconds: a.rtoTargetSeconds,
    rpo_p50_seconds: cell(a.rpoSeconds.p50), rpo_p95_seconds: cell(a.rpoSeconds.p95), rpo_max_seconds: cell(a.rpoSeconds.max),
    rto_p50_seconds: cell(a.rtoSeconds.p50), rto_p95_seconds: cell(a.rtoSeconds.p95), rto_max_seconds: cell(a.rtoSeconds.max),
    rpo_target_met_fraction: a.rpoTargetMet, rto_target_met_fraction: a.rtoTargetMet, not_recovered_fraction: a.notRecovered,
    ...checkColumns(s, 'application', a.name),
    [`downtime_cost_per_hour_${c}`]: a.downtimeCostPerHour, [`data_loss_cost_per_hour_${c}`]: a.dataLossCostPerHour,
    [`expected_penalty_per_year_${c}`]: a.expectedPenaltyPerYear,
  })));
  return stringify(rows, CSV_OPTIONS);
}

export function costsCsv(results: ResultsFile): string {
  const c = currencyTag(results.scenario.currency);
  const rows = results.strategies.flatMap((s) => s.cost.items.map((i) => ({
    strategy_id: s.id, strategy: s.name, category: i.category, item: i.item, [`capex_${c}`]: i.capex, [`annual_${c}`]: i.annual,
  })));
  return stringify(rows, { ...CSV_OPTIONS, columns: ['strategy_id', 'strategy', 'category', 'item', `capex_${c}`, `annual_${c}`] });
}

/** bom.csv: each strategy's bill of materials, a row per line, quantities in the line's unit (results written before schema 2.5 have none). */
export function bomCsv(results: ResultsFile): string {
  const c = currencyTag(results.scenario.currency);
  const columns = ['strategy_id', 'strategy', 'section', 'item', 'quantity', 'unit', 'needed', 'needed_high', 'available', 'over_capacity', `one_off_${c}`, `per_year_${c}`, 'note'];
  const cell = (v: number | null) => v ?? '';
  const rows = results.strategies.flatMap((s) => (s.billOfMaterials?.lines ?? []).map((l) => ({
    strategy_id: s.id, strategy: s.name, section: l.section, item: l.item, quantity: l.quantity, unit: l.unit,
    needed: cell(l.needed), needed_high: cell(l.neededHigh), available: cell(l.available), over_capacity: l.overCapacity,
    [`one_off_${c}`]: l.oneOff, [`per_year_${c}`]: l.perYear, note: l.note,
  })));
  return stringify(rows, { ...CSV_OPTIONS, columns });
}

export function linksCsv(results: ResultsFile): string {
  const rows: Record<string, string | number>[] = [];
  for (const s of results.strategies) {
    for (const w of s.wanWeek) {
      const info = results.scenario.links.find((l) => l.name === w.link);
      w.meanBitsPerSecond.forEach((bps, k) => {
        const t = k * w.stepSeconds;
        rows.push({
          strategy_id: s.id, strategy: s.name, link: w.link, time_seconds: t,
          day_of_week: Math.floor(t / 86400) + 1,
          time_of_day: `${String(Math.floor((t % 86400) / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`,
          mean_bits_per_second: bps,
          capacity_bits_per_second: info?.bandwidthBitsPerSecond ?? '',
          usable_bits_per_second: info ? info.bandwidthBitsPerSecond * info.efficiency : '',
        });
      });
    }
  }
  return stringify(rows, {
    ...CSV_OPTIONS,
    columns: ['strategy_id', 'strategy', 'link', 'time_seconds', 'day_of_week', 'time_of_day', 'mean_bits_per_second', 'capacity_bits_per_second', 'usable_bits_per_second'],
  });
}
