/**
 * Piscina worker: runs a contiguous slice of trials. The trial plan (groups) is built once per worker and
 * scenario, then reused for every task.
 */
import type { Scenario } from '../models/scenario.js';
import { planTrials, runTrial, type TrialPlan, type TrialRecord } from './trial.js';

export interface WorkerTask {
  scenarioKey: string;
  scenario: Scenario | null;
  trials: number[];
}

let cached: { key: string; plan: TrialPlan } | null = null;

export default function runTask(task: WorkerTask): TrialRecord[] {
  if (cached === null || cached.key !== task.scenarioKey) {
    if (task.scenario === null) throw new Error('worker: scenario missing for a new scenario key');
    cached = { key: task.scenarioKey, plan: planTrials(task.scenario) };
  }
  return task.trials.map((t) => runTrial(cached!.plan, t));
}
