/**
 * Runs one experiment's Monte Carlo trials on a worker pool (piscina) or in-process, and returns their
 * records in trial order — so results are byte-identical whatever the number of workers. The pool itself
 * lives in evaluator.ts, which sweeps and sizing keep up across many probes.
 */
import type { Scenario } from '../models/scenario.js';
import { Evaluator } from './evaluator.js';
import type { TrialRecord } from './trial.js';

export { RunAborted, defaultWorkers, scenarioDigest } from './evaluator.js';

export interface TrialRunOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function runTrials(scenario: Scenario, trials: number[], options: TrialRunOptions): Promise<TrialRecord[]> {
  const evaluator = new Evaluator({ workers: options.workers, signal: options.signal });
  try {
    return await evaluator.run(scenario, trials, (done) => options.onProgress?.(done, trials.length));
  } finally {
    await evaluator.close();
  }
}
