/** Shared helpers for the recovery tests. */
import { recover, type RecoveryInput } from '../../src/models/recovery/recover.js';
import type { FailureEvent, RecoveryOutcome, VmProtection, VmRecovery } from '../../src/models/failures/events.js';
import type { Scenario, Strategy } from '../../src/models/scenario/model.js';
import { RandomStreams } from '../../src/sim/random.js';

export function run(scenario: Scenario, strategy: Strategy, protection: VmProtection[], event: FailureEvent, extra: Partial<RecoveryInput> = {}): RecoveryOutcome {
  return recover({ scenario, strategy, protection, event, rng: new RandomStreams(42).stream('recovery', 0), recordTimeline: true, ...extra });
}

export function byVm(outcome: RecoveryOutcome): Map<number, VmRecovery> {
  return new Map(outcome.vms.map((v) => [v.vm, v]));
}

export function step(r: VmRecovery, name: string): { startSeconds: number; endSeconds: number } {
  const s = r.steps.filter((x) => x.step === name);
  if (s.length === 0) throw new Error(`VM ${r.vm} has no ${name} step; it has ${r.steps.map((x) => x.step).join(', ')}`);
  const last = s[s.length - 1];
  return { startSeconds: last.startSeconds, endSeconds: last.endSeconds };
}

export const siteDisaster = (atSeconds = 0): FailureEvent => ({ kind: 'site-disaster', site: 0, atSeconds });
