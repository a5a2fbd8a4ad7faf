/**
 * What `drsim sweep`, `size` and `optimize` share: repeatable flags, loading the scenario both as a
 * model (for warnings and problems) and as YAML (for --set), mapping input errors to exit 2, and one
 * evaluator pool per command, stopped by the command's signal (interrupt.ts).
 */
import { Evaluator } from '../experiment/evaluator.js';
import { MetricError, type MetricContext } from '../experiment/metrics.js';
import { OverrideError, ScenarioDocument } from '../experiment/scenario-overrides.js';
import { TargetError } from '../experiment/targets.js';
import { formatProblem, ScenarioError, type LoadOptions } from '../models/scenario/loader.js';
import type { Scenario } from '../models/scenario/model.js';
import { UnitError } from '../models/units/parse.js';
import { UserError } from './errors.js';
import { loadScenarioForCli } from './validate.js';

/** commander's collector for flags given several times (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export interface OpenedScenario {
  scenario: Scenario;
  doc: ScenarioDocument;
}

/**
 * Loads FILE (warnings to stderr, problems → exit 2) and keeps its YAML for overrides. The options
 * (--seed, --allow-large) apply at every load, before resolution, so the seed reaches template jitter too.
 */
export function openScenario(file: string, options: LoadOptions = {}): OpenedScenario {
  const { scenario } = loadScenarioForCli(file, options);
  return { scenario, doc: inputErrors(() => ScenarioDocument.fromFile(file, options)) };
}

export function metricContext(scenario: Scenario): MetricContext & { currency: string } {
  return { links: scenario.links.map((l) => l.name), tiers: [...new Set(scenario.vms.map((v) => v.tier))].sort((a, b) => a - b), currency: scenario.costs.currency };
}

/** Runs `fn`, turning every kind of bad input (paths, values, metrics, targets, units) into exit 2. */
export function inputErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asUserError(err);
  }
}

export function asUserError(err: unknown): unknown {
  if (err instanceof ScenarioError) return new UserError(err.problems.map(formatProblem).join('\n'), 2);
  if (err instanceof OverrideError || err instanceof MetricError || err instanceof TargetError || err instanceof UnitError) return new UserError(err.message, 2);
  return err;
}

/** One evaluator pool for the whole command; `signal` (a signal, interrupt.ts) aborts the running probe; the pool is always shut down. */
export async function withEvaluator<T>(workers: number, signal: AbortSignal, fn: (evaluator: Evaluator) => Promise<T>): Promise<T> {
  const evaluator = new Evaluator({ workers, signal });
  try {
    return await fn(evaluator);
  } catch (err) {
    throw asUserError(err);
  } finally {
    await evaluator.close();
  }
}
