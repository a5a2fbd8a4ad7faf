/**
 * The passive rule of fluid links: a passive transfer's callback only records, so the link may run its
 * completion ahead of the scheduler's clock (fluid-link.ts, runPassiveAhead). The rule is enforced, not
 * trusted: while a passive callback runs, changing any link throws, and so does scheduling anything
 * (checked through the scheduler's count of scheduled events).
 */
import { SimulationError, type Scheduler } from '../../../src/sim/scheduler.js';

/** Passive callbacks running now, on any link: while > 0, no link may change. */
let passiveCallbacksRunning = 0;

const ADVICE = 'passive callbacks may only record (they may run ahead of the clock); start the transfer without passive: true';

/** Every change of a link starts here: it throws inside a passive callback. */
export function refuseInsidePassiveCallback(): void {
  if (passiveCallbacksRunning > 0) throw new SimulationError(`a passive transfer's onComplete changed a link: ${ADVICE}`);
}

/** Runs a passive transfer's callback, holding it to its promise: no link changed, nothing scheduled. */
export function runPassiveCallback(scheduler: Scheduler, onComplete: (timeSeconds: number) => void, now: number): void {
  const scheduledBefore = scheduler.scheduledCount;
  passiveCallbacksRunning++;
  try {
    onComplete(now);
  } finally {
    passiveCallbacksRunning--;
  }
  if (scheduler.scheduledCount !== scheduledBefore) {
    throw new SimulationError(`a passive transfer's onComplete scheduled an event: ${ADVICE}`);
  }
}
