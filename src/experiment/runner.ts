/**
 * Runs one experiment's Monte Carlo trials on a worker pool (piscina) or in-process, and returns their
 * records in trial order — so results are byte-identical whatever the number of workers. The pool itself
 * lives in evaluator.ts, which sweeps and sizing keep up across many probes.
 */
import type { Scenario } from '../models/scenario/model.js';
import { Evaluator } from './evaluator.js';
import type { TrialRecord } from './trial.js';

export { Evaluator, RunAborted, defaultWorkers, scenarioDigest } from './evaluator.js';

export interface TrialRunOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** A pool the caller made (and closes), e.g. started before loading the scenario; else one for this run. */
  evaluator?: Evaluator;
}

export async function runTrials(scenario: Scenario, trials: number[], options: TrialRunOptions): Promise<TrialRecord[]> {
  return withEvaluator(options, (evaluator) => evaluator.run(scenario, trials, (done) => options.onProgress?.(done, trials.length)));
}

/** Runs `job` on the caller's evaluator, or on one made for it and closed afterwards. */
export async function withEvaluator<T>(options: TrialRunOptions, job: (evaluator: Evaluator) => Promise<T>): Promise<T> {
  if (options.evaluator !== undefined) return job(options.evaluator);
  const evaluator = new Evaluator({ workers: options.workers, signal: options.signal });
  try {
    return await job(evaluator);
  } finally {
    await evaluator.close();
  }
}
