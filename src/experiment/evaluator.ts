/**
 * Runs many small experiments in a row (sweep points, sizing probes, optimizer batches) on one worker
 * pool that stays up between them: starting workers costs far more than a probe of a few trials.
 * Same guarantees as runner.ts: records come back in trial order, byte-identical whatever the number
 * of workers; every trial depends only on (scenario, seed, trial index), so probes that use the same
 * trial indices see the same failures (common random numbers).
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Scenario } from '../models/scenario/model.js';
import { aggregate } from './aggregate.js';
import type { ResultsFile } from '../models/results.js';
import type { RecoveryOutcome } from '../models/failures/events.js';
import { planTrials, runTimeline, runTrial, type TimelineRequest, type TrialRecord } from './trial.js';
import { NEEDS_SCENARIO, type WorkerReply, type WorkerTask } from './worker-protocol.js';

export class RunAborted extends Error {
  constructor() {
    super('the run was interrupted');
    this.name = 'RunAborted';
  }
}

/** Tasks per worker and run: a task costs ~0.1 ms of messaging, a trial 5–1,000 ms. */
const CHUNKS_PER_WORKER = 32;

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Identifies a scenario to the workers, which keep the plan of the last one they saw. */
export function scenarioDigest(scenario: Scenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
}

export interface EvaluatorOptions {
  workers: number;
  /**
   * Aborts the trials. With a signal, even one worker is a thread: a trial running on the main thread
   * could not be stopped (nor a signal handled) until it ended, minutes later for a large estate.
   */
  signal?: AbortSignal;
}

/** Records as they come from the workers: a chunk, and the position of its first record in the run's trials. */
export type OnRecords = (position: number, records: TrialRecord[]) => void;

/** One trial to re-run for one strategy's recovery timeline. */
export interface RepresentativeRequest {
  trial: number;
  request: TimelineRequest;
}

export interface Evaluation {
  results: ResultsFile;
  records: TrialRecord[];
}

export class Evaluator {
  private pool: Piscina | null = null;
  /** Trials run so far (all probes): for benchmarks and progress. */
  trialsRun = 0;

  constructor(private readonly options: EvaluatorOptions) {}

  /** Runs the trials and aggregates them (without the representative timelines, which sweeps do not need). */
  async evaluate(scenario: Scenario, trials: number[], scenarioFile: string, onTrial?: (done: number) => void): Promise<Evaluation> {
    const records = await this.run(scenario, trials, onTrial);
    return { results: aggregate(scenario, records, { scenarioFile, version: '' }), records };
  }

  /** Runs the trials; returns their records in trial order. */
  async run(scenario: Scenario, trials: number[], onTrial?: (done: number) => void): Promise<TrialRecord[]> {
    return this.runTrials(scenario, trials, onTrial, undefined, true);
  }

  /**
   * Runs the trials and hands their records to `onRecords` as they come, keeping none: each chunk with the
   * position of its first record in `trials` (chunks may come in any order).
   */
  async stream(scenario: Scenario, trials: number[], onTrial: ((done: number) => void) | undefined, onRecords: OnRecords): Promise<void> {
    await this.runTrials(scenario, trials, onTrial, onRecords, false);
  }

  private async runTrials(scenario: Scenario, trials: number[], onTrial: ((done: number) => void) | undefined, onRecords: OnRecords | undefined, keep: boolean): Promise<TrialRecord[]> {
    const { signal } = this.options;
    if (signal?.aborted) throw new RunAborted();
    const workers = Math.max(1, Math.min(this.options.workers, trials.length));
    const inProcess = workers === 1 && signal === undefined;
    const records = inProcess ? await this.runInProcess(scenario, trials, onTrial, onRecords, keep) : await this.runOnPool(scenario, trials, workers, onTrial, onRecords, keep);
    this.trialsRun += trials.length;
    return records;
  }

  /**
   * Re-runs trials for their recovery timelines (runTimeline): on the pool when the trials ran there, where
   * the code is warm (the main thread would run it cold, mostly interpreted), else in process.
   */
  async timelines(scenario: Scenario, requests: readonly (RepresentativeRequest | null)[]): Promise<(RecoveryOutcome | null)[]> {
    const pool = this.pool;
    if (pool === null) {
      const plan = planTrials(scenario);
      return requests.map((r) => (r === null ? null : runTimeline(plan, r.trial, r.request)));
    }
    const key = scenarioDigest(scenario);
    const { signal } = this.options;
    try {
      return await allOrFirstError(requests.map(async (r) => {
        if (r === null) return null;
        const reply = await this.ask(pool, { scenarioKey: key, scenario: null, trials: [r.trial], timeline: r.request }, scenario);
        if (Array.isArray(reply)) throw new Error('worker: unexpected reply to a timeline task');
        return reply;
      }));
    } catch (err) {
      if (signal?.aborted) throw new RunAborted();
      throw err;
    }
  }

  /** Runs a task on the pool; if the worker lacks the scenario's plan (it says so), again with the scenario. */
  private async ask(pool: Piscina, task: WorkerTask, scenario: Scenario): Promise<Exclude<WorkerReply, typeof NEEDS_SCENARIO>> {
    const { signal } = this.options;
    let reply = (await pool.run(task, { signal })) as WorkerReply;
    if (reply === NEEDS_SCENARIO) reply = (await pool.run({ ...task, scenario }, { signal })) as WorkerReply;
    if (reply === NEEDS_SCENARIO) throw new Error('worker: asked for the scenario again after receiving it');
    return reply;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private async runInProcess(scenario: Scenario, trials: number[], onTrial: ((done: number) => void) | undefined, onRecords: OnRecords | undefined, keep: boolean): Promise<TrialRecord[]> {
    const plan = planTrials(scenario);
    const records: TrialRecord[] = [];
    let lastYield = Date.now();
    for (let i = 0; i < trials.length; i++) {
      const record = runTrial(plan, trials[i]);
      if (keep) records.push(record);
      onRecords?.(i, [record]);
      onTrial?.(i + 1);
      if (Date.now() - lastYield > 100) { await new Promise((r) => setImmediate(r)); lastYield = Date.now(); }
    }
    return records;
  }

  /**
   * Starts the worker threads now (they would start with the first run): a caller that still has work of
   * its own, such as loading the scenario, lets them boot meanwhile. Nothing to do for one worker that
   * runs in process (no signal).
   */
  startWorkers(): void {
    if (this.options.workers > 1 || this.options.signal !== undefined) this.ensurePool();
  }

  private ensurePool(): Piscina {
    if (this.pool === null) {
      const { filename, execArgv } = workerEntry();
      this.pool = new Piscina({ filename, execArgv, minThreads: this.options.workers, maxThreads: this.options.workers, idleTimeout: 60_000 });
    }
    return this.pool;
  }

  private async runOnPool(scenario: Scenario, trials: number[], workers: number, onTrial: ((done: number) => void) | undefined, onRecords: OnRecords | undefined, keep: boolean): Promise<TrialRecord[]> {
    const pool = this.ensurePool();
    const key = scenarioDigest(scenario);
    // Small chunks keep every worker busy to the end (the last one to finish idles the others for at most
    // one chunk: ~1/32 of a worker's share) and give the progress bar a steady pace.
    const chunk = Math.max(1, Math.ceil(trials.length / (workers * CHUNKS_PER_WORKER)));
    const slices: number[][] = [];
    for (let i = 0; i < trials.length; i += chunk) slices.push(trials.slice(i, i + chunk));
    const results: TrialRecord[][] = new Array(slices.length);
    let done = 0;
    // One abort listener per queued task: more than the default 10 is expected, not a leak.
    const signal = this.options.signal;
    if (signal !== undefined) setMaxListeners(slices.length + 10, signal);
    try {
      await allOrFirstError(slices.map(async (slice, i) => {
        // The scenario goes with the first task of each worker; a worker that still lacks it says so.
        const reply = await this.ask(pool, { scenarioKey: key, scenario: i < workers ? scenario : null, trials: slice }, scenario);
        if (!Array.isArray(reply)) throw new Error('worker: unexpected reply to a trials task');
        if (keep) results[i] = reply;
        onRecords?.(i * chunk, reply);
        done += slice.length;
        onTrial?.(done);
      }));
    } catch (err) {
      if (this.options.signal?.aborted) throw new RunAborted();
      throw err;
    }
    return results.flat();
  }
}

/**
 * Promise.all, with the tasks still running when one fails marked as handled: the caller then closes the
 * pool, which rejects them ("Terminating worker thread"), and an unhandled rejection would crash the
 * process with that stack trace instead of the first task's error.
 */
function allOrFirstError<T>(tasks: Promise<T>[]): Promise<T[]> {
  for (const t of tasks) t.catch(() => undefined);
  return Promise.all(tasks);
}

/** Trial indices [from, from + count): probes share them (common random numbers); a fresh range gives independent draws. */
export function trialRange(count: number, from = 0): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/** The worker module: compiled .js next to this file, or the .ts source run through tsx (dev, tests). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { filename: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (!existsSync(js)) throw new Error(`worker module missing: ${js}`);
  return { filename: js, execArgv: [] };
}
