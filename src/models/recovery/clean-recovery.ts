/**
 * What a ransomware recovery adds to the runbook (docs/recovery-model.md, "Ransomware"): per unit, the bytes
 * its scan reads (used data × the restore points scanned to find the trusted one), the cleaning a point from
 * after the compromise needs, whether it is the identity application's (rebuilt first); the clean room they
 * pass through; and afterwards, the stage that held each VM back longest.
 *
 * Random draws, from the recovery stream after the runbook's: one cleaning time per affected VM (index order)
 * whose policy (its application's, else the scenario's: clean-policy.ts) is before-encryption, whatever this
 * recovery's policy, so strategies stay aligned.
 */
import type { RandomStream } from '../../sim/random.js';
import type { Simulation } from '../../sim/simulation.js';
import type { FailureEvent } from '../failures/events.js';
import type { RansomwareLimit } from '../results.js';
import type { RecoveryPlan, Scenario } from '../scenario/model.js';
import { filled } from './arrays.js';
import { CleanRoomPipeline } from './clean-room.js';
import { cleanPolicyOfVm } from './clean-policy.js';
import type { RecoveryUnits } from './failover-units.js';
import { sampleSeconds } from './sample.js';
import type { VmSources } from './sources.js';

/** Shared by every scan at once: a planning figure for malware scanning of mounted restore points. */
export const DEFAULT_SCAN_BYTES_PER_SECOND = 1e9;
/** Scans at once: a scanning appliance's parallel jobs (a planning figure); it also keeps each rate update small. */
export const DEFAULT_SCAN_STREAMS = 16;

export interface CleanRecovery {
  pipeline: CleanRoomPipeline;
  /** Per unit: 1 for the identity application's units. */
  identity: Uint8Array;
}

export function cleanRecovery(
  sim: Simulation, scenario: Scenario, plan: RecoveryPlan, event: Extract<FailureEvent, { kind: 'ransomware' }>,
  affected: readonly number[], sources: VmSources, units: RecoveryUnits, rng: RandomStream,
): CleanRecovery {
  const attack = scenario.failures.ransomware!;
  const cleaning = filled(affected.length, 0);
  for (let i = 0; i < affected.length; i++) {
    const policy = cleanPolicyOfVm(scenario, attack, affected[i]);
    if (policy.cleanPoint === 'before-encryption') cleaning[i] = sampleSeconds(policy.cleaningSeconds, rng);
  }
  const entryOf = new Map<number, number>();
  affected.forEach((v, i) => entryOf.set(v, i));
  const scanBytes = filled(units.count, 0);
  const cleaningSeconds = filled(units.count, 0);
  const identity = new Uint8Array(units.count);
  // A point at or after the compromise holds the foothold: it is cleaned before it goes back.
  const lossAtCompromise = event.detectedAtSeconds - event.compromisedAtSeconds;
  for (let u = 0; u < units.count; u++) {
    for (let m = units.memberStart[u]; m < units.memberStart[u + 1]; m++) {
      const v = units.members[m];
      const i = entryOf.get(v)!;
      scanBytes[u] += scenario.vms[v].usedBytes * sources.scannedPoints[i];
      if (sources.rpoSeconds[i] <= lossAtCompromise) cleaningSeconds[u] = Math.max(cleaningSeconds[u], cleaning[i]);
      if (attack.identityApp !== null && scenario.vms[v].app === attack.identityApp) identity[u] = 1;
    }
  }
  const pipeline = new CleanRoomPipeline({
    sim, units: units.count, scanBytesPerSecond: plan.scanBytesPerSecond ?? DEFAULT_SCAN_BYTES_PER_SECOND, scanStreams: plan.scanStreams ?? DEFAULT_SCAN_STREAMS,
    slots: plan.cleanRoom?.vms ?? null, scanBytes, cleaningSeconds,
  });
  return { pipeline, identity };
}

/**
 * The stage that held unit u's VM back longest, from its stage times (up at `upAt`): sign-off (to declaration),
 * identity (until admitted), clean-room (until a slot), scan, restore, cleaning, power-on (the rest). Ties go
 * to the earlier stage.
 */
export function limitingStage(pipeline: CleanRoomPipeline, u: number, declaredAt: number, upAt: number): RansomwareLimit {
  const marks = [0, declaredAt, pipeline.admittedAt[u], pipeline.enteredAt[u], pipeline.scannedAt[u], pipeline.movedAt[u], pipeline.cleanedAt[u], upAt];
  const stages: RansomwareLimit[] = ['sign-off', 'identity', 'clean-room', 'scan', 'restore', 'cleaning', 'power-on'];
  let best = 0;
  let longest = -1;
  for (let k = 0; k < stages.length; k++) {
    const d = marks[k + 1] - marks[k];
    if (d > longest) {
      longest = d;
      best = k;
    }
  }
  return stages[best];
}
