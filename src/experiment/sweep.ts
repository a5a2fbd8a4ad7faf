/**
 * Sweeps: a grid over `--set` values, every point simulated with the same seed and trial indices (common
 * random numbers), so differences between points come from the swept values, not from luck. The rows
 * (one per point × strategy) are plain data for sweep.csv and the charts.
 */
import type { Scenario } from '../models/scenario/model.js';
import type { Evaluator } from './evaluator.js';
import { trialRange } from './evaluator.js';
import type { MetricDef } from './metrics.js';
import type { StrategyResult } from '../models/results.js';
import { parseQuantityValue, type ParsedQuantity } from './quantity.js';
import { grid, type Assignment, type ScenarioDocument, type SetOption } from './scenario-overrides.js';

export interface SweepSettings {
  trials?: number;
  seed?: number;
}

export interface SweepPoint {
  assignments: Assignment[];
  /** Each assignment's value parsed (internal units and the unit it was written in); null when not a number or quantity. */
  quantities: (ParsedQuantity | null)[];
  /** Strategy results without per-VM detail, week series or timeline (not needed for a sweep). */
  strategies: StrategyResult[];
  currency: string;
}

export interface PreparedSweep {
  points: { assignments: Assignment[]; scenario: Scenario }[];
  trials: number;
  seed: number;
}

/**
 * Loads every grid point before simulating any: a value the loader rejects (say "fast" for a bandwidth)
 * fails the sweep at once, not after an hour. Throws OverrideError or ScenarioError.
 */
export function prepareSweep(doc: ScenarioDocument, sets: SetOption[], settings: SweepSettings): PreparedSweep {
  const seeded = doc.withSeed(settings.seed);
  const points = grid(sets).map((assignments) => {
    const { scenario } = seeded.load(assignments);
    applySettings(scenario, settings);
    return { assignments, scenario };
  });
  const first = points[0].scenario.simulation;
  return { points, trials: first.trials, seed: first.seed };
}

/**
 * The trial count of a loaded point. The seed is not set here: it must reach template jitter, so it is
 * applied while loading (ScenarioDocument.withSeed); a seed that disagrees with the loaded one is a bug.
 */
export function applySettings(scenario: Scenario, settings: SweepSettings): void {
  if (settings.trials !== undefined) scenario.simulation.trials = settings.trials;
  if (settings.seed !== undefined && settings.seed !== scenario.simulation.seed) {
    throw new Error(`seed ${settings.seed} was not applied when loading (the scenario has ${scenario.simulation.seed}): load the document with { seed }`);
  }
}

export async function runSweep(prepared: PreparedSweep, evaluator: Evaluator, file: string, onProgress?: (done: number, total: number) => void): Promise<SweepPoint[]> {
  const total = prepared.points.length * prepared.trials;
  const out: SweepPoint[] = [];
  for (const [k, point] of prepared.points.entries()) {
    const before = k * prepared.trials;
    const { results } = await evaluator.evaluate(point.scenario, trialRange(point.scenario.simulation.trials), file, (done) => onProgress?.(before + done, total));
    out.push({
      assignments: point.assignments,
      quantities: point.assignments.map((a) => parseQuantityValue(a.value)),
      strategies: results.strategies.map((s) => ({ ...s, vms: [], wanWeek: [], timeline: null })),
      currency: results.scenario.currency,
    });
  }
  return out;
}

/** A CSV cell; null (a statistic among VMs not recovered) is written as an empty cell. */
export type CsvValue = string | number | boolean | null;

/** sweep.csv: one row per point × strategy. Column names carry units; money is in the scenario's currency. */
export function sweepRows(points: SweepPoint[]): { columns: string[]; rows: CsvValue[][] } {
  if (points.length === 0) return { columns: [], rows: [] };
  const paths = points[0].assignments.map((a) => a.path);
  const links = points[0].strategies[0]?.summary.wanBitsPerSecond.map((l) => l.link) ?? [];
  const cur = points[0].currency.toLowerCase();
  const columns = [
    ...paths, 'strategy',
    'rpo_mean_seconds', 'rpo_p50_seconds', 'rpo_p95_seconds', 'rpo_max_seconds',
    'rto_mean_seconds', 'rto_p50_seconds', 'rto_p95_seconds', 'rto_max_seconds',
    'rpo_target_met', 'rto_target_met', 'not_recovered',
    ...links.flatMap((l) => [`wan_${l}_mean_bits_per_second`, `wan_${l}_p95_bits_per_second`]),
    'sustainable', 'dr_hosts_used_mean', 'dr_hosts_used_max',
    `annual_capex_${cur}`, `annual_opex_${cur}`, `expected_annual_penalty_${cur}`, `annual_total_${cur}`,
  ];
  const rows: CsvValue[][] = [];
  for (const p of points) {
    for (const s of p.strategies) {
      const { rpoSeconds: rpo, rtoSeconds: rto } = s.summary;
      rows.push([
        ...p.assignments.map((a) => a.value), s.name,
        rpo.mean, rpo.p50, rpo.p95, rpo.max, rto.mean, rto.p50, rto.p95, rto.max,
        s.summary.rpoTargetMet, s.summary.rtoTargetMet, s.summary.notRecovered,
        ...links.flatMap((l) => { const x = s.summary.wanBitsPerSecond.find((w) => w.link === l); return [x?.meanBitsPerSecond ?? '', x?.p95BitsPerSecond ?? '']; }),
        String(s.summary.sustainable.sustainable), s.summary.drHostsUsed.mean, s.summary.drHostsUsed.max,
        round2(s.cost.annualCapex), round2(s.cost.annualOpex), round2(s.cost.expectedAnnualPenalty), round2(s.cost.annualTotal),
      ]);
    }
  }
  return { columns, rows };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The metric at every point for every strategy: the data behind a sweep chart. */
export function metricSeries(points: SweepPoint[], metric: MetricDef): { values: string[]; strategy: string; value: number }[] {
  return points.flatMap((p) => p.strategies.map((s) => ({ values: p.assignments.map((a) => a.value), strategy: s.name, value: metric.value(s) })));
}
