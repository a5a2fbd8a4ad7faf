/**
 * Piscina worker: runs a contiguous slice of trials. The trial plan (groups) is built once per worker and
 * scenario, then reused for every task (worker-protocol.ts).
 */
import { planTrials, runTimeline, runTrial, type TrialPlan } from './trial.js';
import { NEEDS_SCENARIO, type WorkerReply, type WorkerTask } from './worker-protocol.js';

let cached: { key: string; plan: TrialPlan } | null = null;

export default function runTask(task: WorkerTask): WorkerReply {
  if (cached === null || cached.key !== task.scenarioKey) {
    if (task.scenario === null) return NEEDS_SCENARIO;
    cached = { key: task.scenarioKey, plan: planTrials(task.scenario) };
  }
  const { plan } = cached;
  if (task.timeline !== undefined) return runTimeline(plan, task.trials[0], task.timeline);
  return task.trials.map((t) => runTrial(plan, t));
}
