/**
 * The small per-strategy tables: tiers.csv (strategy × tier compliance, with the verdict's intervals),
 * applications.csv (strategy × business service), costs.csv (strategy × cost item), bom.csv (strategy ×
 * bill-of-materials line), links.csv (strategy × link × time step of the typical week) and, when the
 * scenario simulates ransomware, ransomware.csv (strategy) and ransomware-applications.csv (strategy ×
 * named application).
 */
import { stringify } from 'csv-stringify/sync';
import { RANSOMWARE_LIMITS, type RansomwareLimit, type ResultsFile, type StrategyResult, type Summary, type TargetCheck } from '../../models/results.js';
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

/** Whether the results hold a ransomware section (the scenario simulates an attack): the ransomware tables are written only then. */
export function simulatesRansomware(results: ResultsFile): boolean {
  return results.strategies.some((s) => s.ransomware !== undefined);
}

/** The p50, p95 and max of a summary in seconds, an empty cell where not recovered. */
function percentileColumns(prefix: string, s: Summary): Record<string, number | string> {
  return { [`${prefix}_p50_seconds`]: s.p50 ?? '', [`${prefix}_p95_seconds`]: s.p95 ?? '', [`${prefix}_max_seconds`]: s.max ?? '' };
}

/** The share of each recovery stage among what held VMs (or applications) back longest. */
function limitColumns(limitedBy: Record<RansomwareLimit, number>): Record<string, number> {
  return Object.fromEntries(RANSOMWARE_LIMITS.map((l) => [`limited_by_${l.replace(/-/g, '_')}_fraction`, limitedBy[l]]));
}

/** ransomware.csv: per strategy, what it buys against the attack (results' ransomware section and failures[kind: ransomware]). */
export function ransomwareCsv(results: ResultsFile): string {
  const c = currencyTag(results.scenario.currency);
  const rows = results.strategies.flatMap((s) => {
    const r = s.ransomware;
    const f = s.failures.find((x) => x.kind === 'ransomware');
    if (r === undefined || f === undefined) return [];
    return [{
      strategy_id: s.id, strategy: s.name, events_per_year: r.eventsPerYear, clean_point: r.cleanPoint,
      clean_point_exists_fraction: r.cleanPointExists, reinfected_fraction: r.reinfected, not_recovered_fraction: f.notRecovered,
      ...percentileColumns('rpo', f.rpoSeconds), ...percentileColumns('rto', f.rtoSeconds),
      ...limitColumns(r.limitedBy),
      [`protection_copies_per_year_${c}`]: r.protectionCostPerYear.copies, [`protection_clean_room_per_year_${c}`]: r.protectionCostPerYear.cleanRoom,
      [`expected_penalty_per_year_${c}`]: r.expectedPenaltyPerYear,
    }];
  });
  return stringify(rows, CSV_OPTIONS);
}

/** ransomware-applications.csv: strategy × named application in a ransomware attack: its clean point, outage, what held it back, penalty. */
export function ransomwareApplicationsCsv(results: ResultsFile): string {
  const c = currencyTag(results.scenario.currency);
  const rows = results.strategies.flatMap((s) => (s.ransomware?.applications ?? []).map((a) => ({
    strategy_id: s.id, strategy: s.name, application: a.name, vm_count: a.vmCount,
    // Results before schema 2.7 do not say the application's policy: empty cells.
    clean_point: a.cleanPoint ?? '', reinfection_chance_fraction: a.reinfection ?? '',
    clean_point_exists_fraction: a.cleanPointExists, not_recovered_fraction: a.notRecovered,
    ...percentileColumns('rpo', a.rpoSeconds), ...percentileColumns('rto', a.rtoSeconds),
    rpo_target_met_fraction: a.rpoTargetMet, rto_target_met_fraction: a.rtoTargetMet,
    ...limitColumns(a.limitedBy),
    [`expected_penalty_per_year_${c}`]: a.expectedPenaltyPerYear,
  })));
  return stringify(rows, CSV_OPTIONS);
}
