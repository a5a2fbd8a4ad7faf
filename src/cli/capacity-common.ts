/**
 * What `drsim sweep`, `size` and `optimize` share: repeatable flags, loading the scenario both as a
 * model (for warnings and problems) and as YAML (for --set), mapping input errors to exit 2, and one
 * evaluator pool per command with Ctrl-C handling.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Evaluator } from '../experiment/evaluator.js';
import { MetricError, type MetricContext } from '../experiment/metrics.js';
import { RunAborted } from '../experiment/runner.js';
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
 * Loads FILE (warnings to stderr, problems → exit 2) and keeps its YAML for overrides. The seed (--seed)
 * is applied at every load, before resolution, so it reaches template jitter too.
 */
export function openScenario(file: string, options: LoadOptions = {}): OpenedScenario {
  const { scenario } = loadScenarioForCli(file, undefined, options);
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
  if (err instanceof RunAborted) return new UserError('interrupted: nothing was written', 130);
  return err;
}

/** One evaluator pool for the whole command; Ctrl-C aborts the running probe; the pool is always shut down. */
export async function withEvaluator<T>(workers: number, fn: (evaluator: Evaluator) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const evaluator = new Evaluator({ workers, signal: controller.signal });
  try {
    return await fn(evaluator);
  } catch (err) {
    throw asUserError(err);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await evaluator.close();
  }
}

/** Creates the output directory (and a missing `reports/`); a file in the way or a missing parent is exit 2. */
export async function prepareOutDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing !== null) {
    if (!existing.isDirectory()) throw new UserError(`output directory ${dir} is a file, not a directory`, 2);
    return;
  }
  const parent = await stat(dirname(dir)).catch(() => null);
  if (parent === null && !dirname(dir).endsWith('reports')) throw new UserError(`output directory ${dir} cannot be created: its parent ${dirname(dir)} does not exist`, 2);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`output directory ${dir} cannot be created: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
  }
}
