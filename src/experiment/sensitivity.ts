/**
 * Sensitivity analysis (`drsim sensitivity`): the base run, then every uncertain input at its low and high
 * multiple (the scenario's `sensitivity:` ranges, or 50%–150%) with the others as stated — all with the base
 * run's seed and trial indices, so failures strike at the same moments and recoveries draw the same random
 * numbers (common random numbers): a bar's length is the input's effect, not noise. A multiple of exactly 1
 * reproduces the base numbers. Break-even values come from the linear inputs' lines (break-even.ts).
 */
import type { Scenario } from '../models/scenario/model.js';
import type {
  BreakEven, ResultsFile, SensitivityBar, SensitivityInputInfo, SensitivityResults, SensitivityStrategy, StrategyResult, VerdictFlip, VerdictStatusName,
} from '../models/results.js';
import { DEFAULT_SENSITIVITY_RANGE, SENSITIVITY_INPUT_KEYS, type SensitivityInputKey } from '../models/sensitivity/input-keys.js';
import { scenarioWithInput, SENSITIVITY_INPUTS } from '../models/sensitivity/inputs.js';
import { crossings, lineThrough, onLine, type StrategyLine } from './break-even.js';
import { trialRange, type Evaluator } from './evaluator.js';
import { applySettings, type SweepSettings } from './sweep.js';

export interface PreparedSensitivity {
  base: Scenario;
  inputs: SensitivityInputInfo[];
  skipped: SensitivityResults['skipped'];
  trials: number;
  seed: number;
}

/** The inputs to vary and their ranges (cheap: no simulation), so the caller can size the work and report it. */
export function prepareSensitivity(scenario: Scenario, settings: SweepSettings): PreparedSensitivity {
  const base = structuredClone(scenario);
  applySettings(base, settings);
  const inputs: SensitivityInputInfo[] = [];
  const skipped: SensitivityResults['skipped'] = [];
  for (const key of SENSITIVITY_INPUT_KEYS) {
    const def = SENSITIVITY_INPUTS[key];
    const reason = def.notApplicable(base);
    if (reason !== null) { skipped.push({ input: key, label: def.label, reason }); continue; }
    const stated = base.sensitivity[key];
    const { low, high } = stated ?? DEFAULT_SENSITIVITY_RANGE;
    inputs.push({
      input: key, label: def.label, lowFactor: low, highFactor: high, stated: stated !== undefined,
      lowText: def.valueText(base, low), baseText: def.valueText(base, 1), highText: def.valueText(base, high), linear: def.linear,
    });
  }
  return { base, inputs, skipped, trials: base.simulation.trials, seed: base.simulation.seed };
}

/** Simulations to run: the base and two per input. */
export function sensitivityRuns(prepared: PreparedSensitivity): number {
  return 1 + 2 * prepared.inputs.length;
}

/** Strategy results without per-VM detail, week series or timeline (as sweeps keep them). */
type Lean = Pick<StrategyResult, 'id' | 'name' | 'cost' | 'verdict'>;

function lean(results: ResultsFile): Lean[] {
  return results.strategies.map((s) => ({ id: s.id, name: s.name, cost: s.cost, verdict: s.verdict }));
}

export async function runSensitivity(prepared: PreparedSensitivity, evaluator: Evaluator, file: string, onProgress?: (done: number, total: number) => void): Promise<SensitivityResults> {
  const { base, trials } = prepared;
  const total = sensitivityRuns(prepared) * trials;
  let before = 0;
  // Every run uses the same trial indices: the same failures and recovery draws (common random numbers).
  const run = async (scenario: Scenario): Promise<Lean[]> => {
    const { results } = await evaluator.evaluate(scenario, trialRange(trials), file, (done) => onProgress?.(before + done, total));
    before += trials;
    return lean(results);
  };
  const baseline = await run(base);
  const variants: { low: Lean[]; high: Lean[] }[] = [];
  for (const input of prepared.inputs) {
    const key = input.input as SensitivityInputKey;
    const range = base.sensitivity[key] ?? DEFAULT_SENSITIVITY_RANGE;
    variants.push({ low: await run(scenarioWithInput(base, key, range.low)), high: await run(scenarioWithInput(base, key, range.high)) });
  }
  return sensitivityResults(prepared, file, baseline, variants);
}

function checkLabel(c: StrategyResult['verdict']['checks'][number]): string {
  return `${c.scope === 'tier' ? `tier ${c.name}` : `application ${c.name}`} ${c.which.toUpperCase()}`;
}

/** Checks whose status differs between the runs (the overall verdict first). */
function flips(low: Lean, base: Lean, high: Lean): VerdictFlip[] {
  const out: VerdictFlip[] = [];
  const v = (s: Lean) => s.verdict.status as VerdictStatusName;
  if (v(low) !== v(base) || v(high) !== v(base)) out.push({ check: 'overall', low: v(low), base: v(base), high: v(high) });
  base.verdict.checks.forEach((c, k) => {
    const l = low.verdict.checks[k]?.status ?? c.status;
    const h = high.verdict.checks[k]?.status ?? c.status;
    if (l !== c.status || h !== c.status) out.push({ check: checkLabel(c), low: l, base: c.status, high: h });
  });
  return out;
}

/** Assembles the results from the runs (pure: tests feed it hand-made runs). */
export function sensitivityResults(prepared: PreparedSensitivity, file: string, baseline: Lean[], variants: { low: Lean[]; high: Lean[] }[]): SensitivityResults {
  const { base, inputs } = prepared;
  const strategies: SensitivityStrategy[] = baseline.map((b, s) => {
    const bars: SensitivityBar[] = inputs.map((input, k) => {
      const low = variants[k]!.low[s]!;
      const high = variants[k]!.high[s]!;
      return {
        input: input.input,
        annualTotal: { low: low.cost.annualTotal, base: b.cost.annualTotal, high: high.cost.annualTotal },
        expectedAnnualPenalty: { low: low.cost.expectedAnnualPenalty, base: b.cost.expectedAnnualPenalty, high: high.cost.expectedAnnualPenalty },
        swing: Math.abs(high.cost.annualTotal - low.cost.annualTotal),
        verdict: { low: low.verdict.status, base: b.verdict.status, high: high.verdict.status },
        flips: flips(low, b, high),
      };
    });
    // Largest swing first; a stable sort keeps the language's order among equals.
    bars.sort((x, y) => y.swing - x.swing);
    return {
      id: b.id, name: b.name,
      base: { annualTotal: b.cost.annualTotal, expectedAnnualPenalty: b.cost.expectedAnnualPenalty, verdict: b.verdict.status },
      bars,
    };
  });
  return {
    scenario: { name: base.name, file, currency: base.costs.currency },
    seed: prepared.seed,
    trials: prepared.trials,
    inputs,
    skipped: prepared.skipped,
    strategies,
    breakEven: breakEvens(prepared, baseline, variants),
  };
}

function breakEvens(prepared: PreparedSensitivity, baseline: Lean[], variants: { low: Lean[]; high: Lean[] }[]): BreakEven[] {
  const out: BreakEven[] = [];
  prepared.inputs.forEach((input, k) => {
    if (!input.linear) return;
    const { low, high } = variants[k]!;
    const lines = baseline.map((b, s) => lineThrough(b.name, input.lowFactor, low[s]!.cost.annualTotal, input.highFactor, high[s]!.cost.annualTotal));
    if (lines.some((l) => l === null)) return;
    const ok = lines as StrategyLine[];
    // The base run must lie on each line too: else (a downtime capped at a year, say) the crossing is approximate.
    const exact = ok.every((l, s) => onLine(l, 1, baseline[s]!.cost.annualTotal));
    const def = SENSITIVITY_INPUTS[input.input as SensitivityInputKey];
    for (const c of crossings(ok)) {
      out.push({
        input: input.input, factor: c.factor, valueText: def.valueText(prepared.base, c.factor),
        cheaperBelow: c.cheaperBelow, cheaperAbove: c.cheaperAbove, annualTotalAtCrossing: c.total, changesCheapest: c.changesCheapest,
        withinRange: c.factor >= input.lowFactor && c.factor <= input.highFactor, exact,
      });
    }
  });
  return out;
}
