/**
 * Recovery from one failure event: which VMs it hits, which recovery point each comes back from (RPO),
 * and when each is back in service (RTO), following the strategy's recovery plan on the DR hosts.
 * docs/recovery-model.md explains every modelling choice; the modules:
 *   recovery/sources.ts     point and method per VM (RPO, reasons a VM cannot be recovered)
 *   recovery/failover-units.ts      Hyper-V LUN groups, dependencies
 *   recovery/placement.ts  DR host capacity, dev/test preemption, placement
 *   recovery/restore.ts       restore fabrics (slowest stage, shared, streams, WAN outages)
 *   recovery/runbook.ts    orchestrated / manual runbook, DR host failures
 *   recovery/rebalance.ts  live-migration rebalancing
 *   recovery/host-ha.ts             host failure: local HA restart
 * and their helpers: recovery/scenario-index.ts (what depends on the scenario alone, once per scenario),
 * recovery/slots.ts (power-on slots and restore streams), recovery/timeline.ts (steps, when recorded),
 * recovery/arrays.ts.
 *
 * Time: the simulation's time 0 is the failure (for corruption: its detection); every RTO and step is
 * relative to it. RTO = detection + declaration + data + placement waits + power-on queue + boot + app.
 *
 * Random draws, all from `input.rng`, in a fixed order so that strategies compared on one trial stay
 * aligned as far as they can: detection (not for corruption or ransomware), the forensic sign-off (ransomware
 * only), declaration, boot and app recovery of every
 * affected VM (index order, recoverable or not), each DR host's dev/test shutdown (host order), each DR
 * host's failure time (only when drHostFailurePerHour > 0), operator time per unit (manual runbook), then
 * (ransomware) clean-recovery.ts's cleaning times; a reinfected attack draws a second round for its second recovery.
 */
import type { RandomStream } from '../../sim/random.js';
import { Simulation } from '../../sim/simulation.js';
import type { FailureEvent, OutageInterval, RecoveryOutcome, VmProtection, VmRecovery } from '../failures/events.js';
import { recoverHostFailure } from './host-ha.js';
import { filled } from './arrays.js';
import { RestoreService } from './restore.js';
import { DrHostPool } from './placement.js';
import { cpuImbalance, rebalance, type Movable } from './rebalance.js';
import { RunbookEngine } from './runbook.js';
import { drawSeconds, sampleSeconds } from './sample.js';
import { chooseSources, type VmSources } from './sources.js';
import { scenarioIndex } from './scenario-index.js';
import { NO_STEPS } from './timeline.js';
import { buildUnits, type RecoveryUnits } from './failover-units.js';
import type { CleanPointPolicy, Scenario, Strategy } from '../scenario/model.js';
import { cleanRecovery, limitingStage } from './clean-recovery.js';
import { cleanPolicyOfVm } from './clean-policy.js';

export { placeVmsOnPrimaryHosts } from './primary-placement.js';

export interface RecoveryInput {
  scenario: Scenario;
  /** Its recovery plan: runbook, detection, declaration, DR site, rebalance. */
  strategy: Strategy;
  /** Per VM index (empty methods = not protected). */
  protection: VmProtection[];
  event: FailureEvent;
  /** This trial's recovery stream. */
  rng: RandomStream;
  /** Per link index: outages during this trial (absolute times, like event.atSeconds). */
  linkOutages?: OutageInterval[][];
  /** Keep per-VM steps and host utilization (the representative trial only). */
  recordTimeline?: boolean;
}

/** Primary placement of a scenario, computed once per scenario object (treat as read-only). */
export function primaryPlacement(scenario: Scenario): Int32Array {
  return scenarioIndex(scenario).primary;
}

/** The VMs an event hits, in index order (shared per scenario for site, storage and host failures: treat as read-only). */
export function affectedVms(scenario: Scenario, event: FailureEvent): readonly number[] {
  switch (event.kind) {
    case 'site-disaster':
      return scenarioIndex(scenario).vmsAtSite(event.site);
    case 'storage-failure':
      return scenarioIndex(scenario).vmsOnStorage(event.storage);
    case 'host-failure':
      return scenarioIndex(scenario).vmsOnHost(event.host);
    case 'corruption':
    case 'ransomware':
      return [...new Set(event.vms)].sort((a, b) => a - b);
  }
}

export function recover(input: RecoveryInput): RecoveryOutcome {
  const { scenario, event, rng } = input;
  const record = input.recordTimeline ?? false;
  if (event.kind === 'host-failure') {
    const vms = recoverHostFailure(scenario, event, rng, record);
    return { event, vms, drHostsUsed: 0, hostUtilization: [], cpuImbalanceBefore: 0, cpuImbalanceAfter: 0 };
  }
  if (event.kind === 'ransomware') return recoverFromRansomware(input, event);
  return recoverOnce(input, null);
}

/**
 * A ransomware recovery (clean-recovery.ts has the clean-room path): from the trusted points of each VM's
 * policy (its application's, else the scenario's: clean-policy.ts); when points after the compromise were
 * restored and the attack is reinfected, the foothold comes back once the estate is up, and everything is
 * recovered a second time from before the compromise (time and loss add up). Reinfected: the attack's one
 * draw falls below the largest reinfection chance among the applications restored from after the compromise
 * (a per-attack chance, as the scenario's own is: one policy for all gives exactly its chance).
 */
function recoverFromRansomware(input: RecoveryInput, event: Extract<FailureEvent, { kind: 'ransomware' }>): RecoveryOutcome {
  const { scenario } = input;
  const attack = scenario.failures.ransomware;
  if (!attack) throw new Error('a ransomware event needs failures.ransomware');
  const first = recoverOnce(input, (vm) => cleanPolicyOfVm(scenario, attack, vm).cleanPoint);
  // Reinfection shows only where a point after the compromise was restored; found once the first recovery is over.
  // (A before-compromise policy may restore the very point of the compromise, a journal's: never reinfected.)
  let chance = 0;
  for (const v of first.vms) {
    if (v.rpoSeconds === null || event.detectedAtSeconds - v.rpoSeconds < event.compromisedAtSeconds) continue;
    const policy = cleanPolicyOfVm(scenario, attack, v.vm);
    if (policy.cleanPoint === 'before-encryption') chance = Math.max(chance, policy.reinfectionProbability);
  }
  if (!(event.reinfectionDraw < chance)) return first;
  let firstEnd = 0;
  for (const v of first.vms) if (v.rtoSeconds !== null) firstEnd = Math.max(firstEnd, v.rtoSeconds);
  const second = recoverOnce(input, () => 'before-compromise');
  for (const v of second.vms) {
    if (v.rtoSeconds === null) continue;
    v.rtoSeconds += firstEnd;
    v.limit = 'reinfection';
    for (const step of v.steps) {
      step.startSeconds += firstEnd;
      step.endSeconds += firstEnd;
    }
  }
  return second;
}

/** One recovery; `policyOf`: ransomware's clean point per VM (null for every other failure). */
function recoverOnce(input: RecoveryInput, policyOf: ((vm: number) => CleanPointPolicy) | null): RecoveryOutcome {
  const { scenario, strategy, event, rng } = input;
  const record = input.recordTimeline ?? false;
  const primary = primaryPlacement(scenario);
  const plan = strategy.recovery;
  const affected = affectedVms(scenario, event);
  const attack = event.kind === 'ransomware' ? event : null;
  // Corruption and ransomware: time 0 is the detection.
  const detected = event.kind === 'corruption' || event.kind === 'ransomware';
  const origin = detected ? event.detectedAtSeconds : event.atSeconds;
  const detectSeconds = detected ? 0 : sampleSeconds(plan.detectionSeconds, rng);
  // Ransomware: nothing is restored before the forensic sign-off.
  const signOffSeconds = attack !== null ? sampleSeconds(scenario.failures.ransomware!.signOffSeconds, rng) : 0;
  const declaredAt = detectSeconds + sampleSeconds(plan.declarationSeconds, rng) + signOffSeconds;

  const nVms = scenario.vms.length;
  const bootSeconds = filled(nVms, 0);
  const appSeconds = filled(nVms, 0);
  const { bootDistributions, appDistributions } = scenarioIndex(scenario);
  for (const v of affected) {
    bootSeconds[v] = drawSeconds(bootDistributions[v], rng);
    appSeconds[v] = drawSeconds(appDistributions[v], rng);
  }
  const pool = new DrHostPool(scenario, plan.drSite, event.kind === 'site-disaster' ? event.site : null, affected, record);
  const runbook = plan.runbook;
  const shutdownCap = runbook.kind === 'orchestrated' ? runbook.guestShutdownTimeoutSeconds : Infinity;
  const shutdownSeconds = filled(pool.size, 0);
  for (let s = 0; s < pool.size; s++) {
    const dt = scenario.hosts[pool.hosts[s]].devTest;
    if (dt !== null && pool.hasDevTest(s)) shutdownSeconds[s] = Math.min(shutdownCap, sampleSeconds(dt.shutdownSeconds, rng));
  }
  const hostFailAtSeconds = filled(pool.size, Infinity);
  const perHour = scenario.failures.drHostFailurePerHour;
  if (perHour > 0) for (let s = 0; s < pool.size; s++) hostFailAtSeconds[s] = rng.exponential(3600 / perHour);

  const sources = chooseSources(scenario, affected, input.protection, event, plan.drSite, policyOf ?? undefined);
  const units = buildUnits(scenario, affected, sources);
  const manualSeconds = filled(units.count, 0);
  if (runbook.kind === 'manual') for (let u = 0; u < units.count; u++) manualSeconds[u] = sampleSeconds(runbook.secondsPerVm, rng);

  // Pending events peak near one per unit: sized so the queue never grows (each growth reallocates typed arrays).
  const sim = new Simulation({ initialQueueCapacity: units.count + pool.size + 16 });
  const restores = new RestoreService(sim, scenario, event.kind === 'storage-failure' ? event.storage : null, input.linkOutages, origin, units.count);
  const clean = attack !== null ? cleanRecovery(sim, scenario, plan, attack, affected, sources, units, rng) : null;
  const engine = new RunbookEngine({
    sim, scenario, runbook, units, pool, restores, drSite: plan.drSite, declaredAtSeconds: declaredAt,
    bootSeconds, appSeconds, manualSeconds, shutdownSeconds, hostFailAtSeconds, primary, record,
    guestsSurviveInPlace: event.kind === 'corruption',
    ...(clean !== null ? { cleanRoom: clean.pipeline, identity: clean.identity } : {}),
  });
  engine.schedule();
  sim.run();
  engine.finish();
  const { memberStart, members } = units;
  // Not sim.now: WAN outage events may lie long after the last VM is up.
  let endSeconds = declaredAt;
  for (let u = 0; u < units.count; u++) {
    if (!engine.recovered(u)) continue;
    for (let m = memberStart[u]; m < memberStart[u + 1]; m++) endSeconds = Math.max(endSeconds, engine.upAtSeconds(u, members[m]));
  }

  const hosts = rebalanceUnits(plan.rebalance, pool, units, engine, endSeconds);
  const vms = vmRecoveries(event, affected, sources, units, engine, hosts.hostOfUnit, record ? { detectSeconds, declaredAt } : null);
  if (clean !== null) for (const v of vms) if (v.outcome === 'recovered') v.limit = limitingStage(clean.pipeline, units.unitOfVm[v.vm], declaredAt, v.rtoSeconds!);
  return {
    event,
    vms,
    drHostsUsed: hosts.usedSlots.length,
    hostUtilization: pool.utilization(hosts.usedSlots),
    cpuImbalanceBefore: hosts.cpuImbalanceBefore,
    cpuImbalanceAfter: hosts.cpuImbalanceAfter,
  };
}

/** Rebalances the recovered units across the DR hosts they landed on (when the plan says so). */
function rebalanceUnits(enabled: boolean, pool: DrHostPool, units: RecoveryUnits, engine: RunbookEngine, endSeconds: number) {
  const hostOfUnit = filled(units.count, -1);
  const slotUsed = filled(pool.size, 0);
  for (let u = 0; u < units.count; u++) {
    hostOfUnit[u] = engine.hostOf(u);
    const slot = engine.slotOf(u);
    if (slot >= 0) slotUsed[slot] = 1;
  }
  const usedSlots: number[] = [];
  for (let s = 0; s < pool.size; s++) if (slotUsed[s] === 1) usedSlots.push(s);
  const cpuImbalanceBefore = cpuImbalance(pool, usedSlots, endSeconds);
  let cpuImbalanceAfter = cpuImbalanceBefore;
  if (enabled && usedSlots.length >= 2) {
    const movables: (Movable & { unit: number })[] = [];
    for (let u = 0; u < units.count; u++) {
      const slot = engine.slotOf(u);
      if (slot >= 0) movables.push({ unit: u, slot, vcpus: units.vcpus[u], ramBytes: units.ramBytes[u] });
    }
    if (rebalance(pool, movables, usedSlots, endSeconds) > 0) {
      cpuImbalanceAfter = cpuImbalance(pool, usedSlots, endSeconds);
      for (const m of movables) hostOfUnit[m.unit] = pool.hosts[m.slot];
      for (const s of usedSlots) pool.record(s, endSeconds);
    }
  }
  return { hostOfUnit, usedSlots, cpuImbalanceBefore, cpuImbalanceAfter };
}

/** What each affected VM got; `timeline` (detection and declaration) only when steps are recorded. */
function vmRecoveries(
  event: FailureEvent,
  affected: readonly number[],
  sources: VmSources,
  units: RecoveryUnits,
  engine: RunbookEngine,
  hostOfUnit: readonly number[],
  timeline: { detectSeconds: number; declaredAt: number } | null,
): VmRecovery[] {
  const common: VmRecovery['steps'] = [];
  if (timeline !== null) {
    if (event.kind !== 'corruption' && event.kind !== 'ransomware') common.push({ step: 'detection', startSeconds: 0, endSeconds: timeline.detectSeconds });
    common.push({ step: 'declaration', startSeconds: timeline.detectSeconds, endSeconds: timeline.declaredAt });
  }
  const record = timeline !== null;
  const vms = new Array<VmRecovery>(affected.length);
  for (let i = 0; i < affected.length; i++) {
    const v = affected[i];
    const reason = sources.reason[i];
    if (reason !== null) {
      vms[i] = { vm: v, rpoSeconds: null, rtoSeconds: null, outcome: reason, via: null, host: null, steps: record ? common.slice() : NO_STEPS };
      continue;
    }
    const u = units.unitOfVm[v];
    const steps = record ? common.concat(engine.steps(u).filter((s) => s.vm === -1 || s.vm === v).map(({ step, startSeconds, endSeconds }) => ({ step, startSeconds, endSeconds }))) : NO_STEPS;
    if (!engine.recovered(u)) {
      vms[i] = { vm: v, rpoSeconds: null, rtoSeconds: null, outcome: 'no-capacity', via: null, host: null, steps };
      continue;
    }
    const host = hostOfUnit[u];
    vms[i] = { vm: v, rpoSeconds: sources.rpoSeconds[i], rtoSeconds: engine.upAtSeconds(u, v), outcome: 'recovered', via: sources.via[i], host: host >= 0 ? host : null, steps };
  }
  return vms;
}
