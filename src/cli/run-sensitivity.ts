/**
 * `drsim run --sensitivity`: after the main run, the sensitivity analysis of `drsim sensitivity` on the same
 * scenario and seed (same experiment code, same worker pool, common random numbers), added to the run's
 * results as their `sensitivity` section, so the run's own report shows what drives the answer.
 */
import type { Evaluator } from '../experiment/evaluator.js';
import { prepareSensitivity, runSensitivity, sensitivityRuns, type PreparedSensitivity } from '../experiment/sensitivity.js';
import { withSensitivity, type ResultsFile } from '../models/results.js';
import type { Scenario } from '../models/scenario/model.js';
import { checkBudget } from './budget-check.js';
import { UserError } from './errors.js';
import { startProgress } from './progress.js';

/**
 * Trials per sensitivity run unless --sensitivity-trials says otherwise: the run's, at most this many. Each
 * of the 1 + 2 × inputs runs costs as much as the main run, and with common random numbers a bar is a
 * difference of paired runs, far less noisy than either run alone.
 */
export const SENSITIVITY_TRIALS_CAP = 100;

export interface RunSensitivityOptions {
  sensitivity?: boolean;
  sensitivityTrials?: number;
}

/** The sensitivity runs to make after the main run (null without --sensitivity), budget-checked up front. */
export function planRunSensitivity(scenario: Scenario, shownFile: string, opts: RunSensitivityOptions & { allowLarge?: boolean }, workers: number): PreparedSensitivity | null {
  if (opts.sensitivityTrials !== undefined && !opts.sensitivity) throw new UserError('--sensitivity-trials sets the trials of --sensitivity: give --sensitivity too', 2);
  if (!opts.sensitivity) return null;
  const trials = opts.sensitivityTrials ?? Math.min(scenario.simulation.trials, SENSITIVITY_TRIALS_CAP);
  const prepared = prepareSensitivity(scenario, { trials, seed: scenario.simulation.seed });
  checkBudget(shownFile, scenario, trials, { allowLarge: opts.allowLarge, workers, times: sensitivityRuns(prepared) });
  return prepared;
}

/** Runs the planned analysis on the run's evaluator and returns the results with their `sensitivity` section. */
export async function addSensitivity(results: ResultsFile, prepared: PreparedSensitivity, evaluator: Evaluator, shownFile: string, quiet: boolean | undefined): Promise<ResultsFile> {
  const runs = sensitivityRuns(prepared);
  if (!quiet) process.stderr.write(`sensitivity: ${prepared.inputs.length} inputs × 2 + the base: ${runs} runs of ${prepared.trials} trials (seed ${prepared.seed})\n`);
  const progress = startProgress({ total: runs * prepared.trials, enabled: !quiet, label: `sensitivity trials (${runs} runs)` });
  try {
    return withSensitivity(results, await runSensitivity(prepared, evaluator, shownFile, progress.update));
  } finally {
    progress.stop();
  }
}
