/**
 * Runs Monte Carlo trials on a worker pool (piscina) or in-process, and returns their records in trial
 * order — so results are byte-identical whatever the number of workers. Each trial depends only on
 * (scenario, seed, trial index).
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Scenario } from '../models/scenario.js';
import { planTrials, runTrial, type TrialRecord } from './trial.js';
import type { WorkerTask } from './worker.js';

export interface TrialRunOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export class RunAborted extends Error {
  constructor() {
    super('the run was interrupted');
    this.name = 'RunAborted';
  }
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export function scenarioDigest(scenario: Scenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
}

export async function runTrials(scenario: Scenario, trials: number[], options: TrialRunOptions): Promise<TrialRecord[]> {
  const total = trials.length;
  const workers = Math.max(1, Math.min(options.workers, total));
  if (workers === 1) return runInProcess(scenario, trials, options);

  const { filename, execArgv } = workerEntry();
  const pool = new Piscina({ filename, execArgv, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  const key = scenarioDigest(scenario);
  // Small chunks keep both workers busy to the end and give the progress bar a steady pace.
  const chunk = Math.max(1, Math.ceil(total / (workers * 8)));
  const slices: number[][] = [];
  for (let i = 0; i < total; i += chunk) slices.push(trials.slice(i, i + chunk));
  const results: TrialRecord[][] = new Array(slices.length);
  let done = 0;
  const abort = new AbortController();
  // One listener per queued task: more than the default 10 is expected, not a leak.
  setMaxListeners(slices.length + 10, abort.signal);
  const onAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(slices.map(async (slice, i) => {
      const task: WorkerTask = { scenarioKey: key, scenario, trials: slice };
      results[i] = (await pool.run(task, { signal: abort.signal })) as TrialRecord[];
      done += slice.length;
      options.onProgress?.(done, total);
    }));
  } catch (err) {
    if (options.signal?.aborted) throw new RunAborted();
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
  return results.flat();
}

async function runInProcess(scenario: Scenario, trials: number[], options: TrialRunOptions): Promise<TrialRecord[]> {
  const plan = planTrials(scenario);
  const records: TrialRecord[] = [];
  let lastYield = Date.now();
  for (const t of trials) {
    if (options.signal?.aborted) throw new RunAborted();
    records.push(runTrial(plan, t));
    options.onProgress?.(records.length, trials.length);
    // Let signals (Ctrl-C) and the progress bar in between trials.
    if (Date.now() - lastYield > 100) { await new Promise((r) => setImmediate(r)); lastYield = Date.now(); }
  }
  return records;
}

/** The worker module: compiled .js next to this file, or the .ts source run through tsx (dev, tests). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return { filename: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
  }
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (!existsSync(js)) throw new Error(`worker module missing: ${js}`);
  return { filename: js, execArgv: [] };
}
