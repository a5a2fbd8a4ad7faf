/**
 * How many worker threads a command starts: `--workers N` (default: one per core), never more than the
 * cores (trials are CPU-bound: more threads only add memory and switching) nor the trials to run (a
 * thread per trial at most). When the request is lowered, the user is told why.
 */
import { availableParallelism } from 'node:os';

export interface WorkerChoice {
  workers: number;
  /** What was lowered and why; empty when the request stands. */
  notes: string[];
}

export function chooseWorkers(requested: number | undefined, trials: number | null, cores = availableParallelism()): WorkerChoice {
  const notes: string[] = [];
  let workers = requested ?? cores;
  if (workers > cores) {
    notes.push(`--workers ${requested}: this machine has ${cores} core${cores === 1 ? '' : 's'}; using ${cores} worker${cores === 1 ? '' : 's'}`);
    workers = cores;
  }
  if (trials !== null && workers > trials) {
    if (requested !== undefined) notes.push(`--workers ${requested}: only ${trials} trial${trials === 1 ? '' : 's'} to run; using ${trials} worker${trials === 1 ? '' : 's'}`);
    workers = Math.max(1, trials);
  }
  return { workers: Math.max(1, workers), notes };
}

/** Prints the notes (unless quiet) and returns the number of workers. */
export function workersFor(requested: number | undefined, trials: number | null, quiet?: boolean): number {
  const { workers, notes } = chooseWorkers(requested, trials);
  if (!quiet) for (const n of notes) process.stderr.write(`note: ${n}\n`);
  return workers;
}
