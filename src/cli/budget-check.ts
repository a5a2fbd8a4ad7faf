/** Refuses a run (exit 2, with the estimate) before it starts when it is larger than the limits allow. */
import { budgetProblem, estimateRun, runLimits } from '../experiment/budget.js';
import type { Scenario } from '../models/scenario/model.js';
import { UserError } from './errors.js';

/** Grids above this many points are refused unless --allow-large (each point is a loaded copy of the scenario). */
export const MAX_SWEEP_POINTS = 10_000;
/** A loaded scenario: about this much per VM and host (measured ~350 B per VM, with margin). */
const BYTES_PER_SCENARIO_ITEM = 1024;

export function checkGrid(file: string, scenario: Scenario, points: number, allowLarge?: boolean): void {
  const bytes = points * (scenario.vms.length + scenario.hosts.length + 100) * BYTES_PER_SCENARIO_ITEM;
  const limits = runLimits(allowLarge);
  if ((!allowLarge && points > MAX_SWEEP_POINTS) || bytes > limits.maxMemoryBytes) {
    throw new UserError(`${file}: the sweep grid has ${points.toLocaleString('en-US')} points, each a copy of the scenario (about ${(bytes / 2 ** 30).toFixed(1)} GiB together): ` +
      `above the limit of ${allowLarge ? `${(limits.maxMemoryBytes / 2 ** 30).toFixed(0)} GiB` : `${MAX_SWEEP_POINTS.toLocaleString('en-US')} points (--allow-large raises it)`}; narrow the grid`, 2);
  }
}

/** `trials`: trials per run; `times`: runs of that size the command makes (sweep points). */
export function checkBudget(file: string, scenario: Scenario, trials: number, opts: { allowLarge?: boolean; workers: number; times?: number }): void {
  const problem = budgetProblem(estimateRun(scenario, trials), runLimits(opts.allowLarge), opts.workers, opts.times ?? 1);
  if (problem !== null) throw new UserError(`${file}: ${problem}`, 2);
}
