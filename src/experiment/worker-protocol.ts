/**
 * What the evaluator and its pool workers say to each other. A task names the scenario by its digest and
 * carries the scenario itself only when the worker may not have it: a worker keeps the plan of the last
 * scenario it saw, and answers NEEDS_SCENARIO to a task without one for a key it does not know, so a
 * large scenario crosses to each worker once per run rather than with every chunk of trials.
 */
import type { RecoveryOutcome } from '../models/failures/events.js';
import type { Scenario } from '../models/scenario/model.js';
import type { TimelineRequest, TrialRecord } from './trial.js';

export interface WorkerTask {
  scenarioKey: string;
  scenario: Scenario | null;
  /** Trials to run; or, with `timeline`, the one trial to re-run for a recovery timeline. */
  trials: number[];
  timeline?: TimelineRequest;
}

export const NEEDS_SCENARIO = 'drsim:needs-scenario';

export type WorkerReply = TrialRecord[] | RecoveryOutcome | null | typeof NEEDS_SCENARIO;
