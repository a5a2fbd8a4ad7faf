/**
 * Recovery from one failure event: which VMs it hits, which recovery point each comes back from (RPO),
 * and when each is back in service (RTO), following the strategy's recovery plan on the DR hosts.
 * docs/recovery-model.md explains every modelling choice; the modules:
 *   recovery-source.ts     point and method per VM (RPO, reasons a VM cannot be recovered)
 *   recovery-units.ts      Hyper-V LUN groups, dependencies
 *   recovery-placement.ts  DR host capacity, dev/test preemption, placement
 *   recovery-data.ts       restore fabrics (slowest stage, shared, streams, WAN outages)
 *   recovery-runbook.ts    orchestrated / manual runbook, DR host failures
 *   recovery-rebalance.ts  live-migration rebalancing
 *   host-ha.ts             host failure: local HA restart
 *
 * Time: the simulation's time 0 is the failure (for corruption: its detection); every RTO and step is
 * relative to it. RTO = detection + declaration + data + placement waits + power-on queue + boot + app.
 *
 * Random draws, all from `input.rng`, in a fixed order so that strategies compared on one trial stay
 * aligned as far as they can: detection (not for corruption), declaration, boot and app recovery of every
 * affected VM (index order, recoverable or not), each DR host's dev/test shutdown (host order), each DR
 * host's failure time (only when drHostFailurePerHour > 0), operator time per unit (manual runbook).
 */
import type { RandomStream } from '../sim/random.js';
import { Simulation } from '../sim/simulation.js';
import type { FailureEvent, OutageInterval, RecoveryOutcome, VmProtection, VmRecovery } from './failure-events.js';
import { recoverHostFailure } from './host-ha.js';
import { placeVmsOnPrimaryHosts } from './primary-placement.js';
import { RestoreService } from './recovery-data.js';
import { DrHostPool } from './recovery-placement.js';
import { cpuImbalance, rebalance, type Movable } from './recovery-rebalance.js';
import { RunbookEngine } from './recovery-runbook.js';
import { sampleSeconds } from './recovery-sample.js';
import { chooseSource, type VmSource } from './recovery-source.js';
import { buildUnits } from './recovery-units.js';
import type { Scenario, Strategy } from './scenario.js';

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

const primaryCache = new WeakMap<Scenario, Int32Array>();

/** Primary placement of a scenario, computed once per scenario object (treat as read-only). */
export function primaryPlacement(scenario: Scenario): Int32Array {
  let p = primaryCache.get(scenario);
  if (p === undefined) {
    p = placeVmsOnPrimaryHosts(scenario);
    primaryCache.set(scenario, p);
  }
  return p;
}

/** The VMs an event hits, in index order. */
export function affectedVms(scenario: Scenario, event: FailureEvent): number[] {
  const out: number[] = [];
  switch (event.kind) {
    case 'site-disaster':
      scenario.vms.forEach((vm, i) => vm.site === event.site && out.push(i));
      return out;
    case 'storage-failure':
      scenario.vms.forEach((vm, i) => vm.storage === event.storage && out.push(i));
      return out;
    case 'host-failure': {
      primaryPlacement(scenario).forEach((h, i) => h === event.host && out.push(i));
      return out;
    }
    case 'corruption':
      return [...new Set(event.vms)].sort((a, b) => a - b);
  }
}

export function recover(input: RecoveryInput): RecoveryOutcome {
  const { scenario, strategy, event, rng } = input;
  const record = input.recordTimeline ?? false;
  const primary = primaryPlacement(scenario);
  if (event.kind === 'host-failure') {
    const vms = recoverHostFailure(scenario, event, rng, primary, record);
    return { event, vms, drHostsUsed: 0, hostUtilization: [], cpuImbalanceBefore: 0, cpuImbalanceAfter: 0 };
  }
  const plan = strategy.recovery;
  const affected = affectedVms(scenario, event);
  const origin = event.kind === 'corruption' ? event.detectedAtSeconds : event.atSeconds;
  const detectSeconds = event.kind === 'corruption' ? 0 : sampleSeconds(plan.detectionSeconds, rng);
  const declaredAt = detectSeconds + sampleSeconds(plan.declarationSeconds, rng);

  const nVms = scenario.vms.length;
  const bootSeconds = new Float64Array(nVms);
  const appSeconds = new Float64Array(nVms);
  for (const v of affected) {
    bootSeconds[v] = sampleSeconds(scenario.vms[v].bootSeconds, rng);
    appSeconds[v] = sampleSeconds(scenario.vms[v].appRecoverySeconds, rng);
  }
  const pool = new DrHostPool(scenario, plan.drSite, event.kind === 'site-disaster' ? event.site : null, primary, new Set(affected), record);
  const runbook = plan.runbook;
  const shutdownCap = runbook.kind === 'orchestrated' ? runbook.guestShutdownTimeoutSeconds : Infinity;
  const shutdownSeconds = new Float64Array(pool.size);
  for (let s = 0; s < pool.size; s++) {
    const dt = scenario.hosts[pool.hosts[s]].devTest;
    if (dt !== null && pool.hasDevTest(s)) shutdownSeconds[s] = Math.min(shutdownCap, sampleSeconds(dt.shutdownSeconds, rng));
  }
  const hostFailAtSeconds = new Float64Array(pool.size).fill(Infinity);
  const perHour = scenario.failures.drHostFailurePerHour;
  if (perHour > 0) for (let s = 0; s < pool.size; s++) hostFailAtSeconds[s] = rng.exponential(3600 / perHour);

  const sources: VmSource[] = affected.map((v) => chooseSource(scenario, v, input.protection[v], event, plan.drSite));
  const units = buildUnits(scenario, affected, sources);
  const manualSeconds = new Float64Array(units.length);
  if (runbook.kind === 'manual') for (const u of units) manualSeconds[u.id] = sampleSeconds(runbook.secondsPerVm, rng);

  const sim = new Simulation();
  const restores = new RestoreService(sim, scenario, event.kind === 'storage-failure' ? event.storage : null, input.linkOutages, origin);
  const engine = new RunbookEngine({
    sim, scenario, runbook, units, pool, restores, drSite: plan.drSite, declaredAtSeconds: declaredAt,
    bootSeconds, appSeconds, manualSeconds, shutdownSeconds, hostFailAtSeconds,
    localHost: (u) => primary[u.vms[0]], record,
  });
  engine.schedule();
  sim.run();
  const results = engine.results();
  // Not sim.now: WAN outage events may lie long after the last VM is up.
  let endSeconds = declaredAt;
  for (const r of results) for (const t of r.upAtSeconds) endSeconds = Math.max(endSeconds, t);

  // Rebalance the recovered units across the DR hosts they landed on.
  const movables: (Movable & { unit: number })[] = [];
  results.forEach((r, u) => r.recovered && r.slot >= 0 && movables.push({ unit: u, slot: r.slot, vcpus: units[u].vcpus, ramBytes: units[u].ramBytes }));
  const usedSlots = [...new Set(movables.map((m) => m.slot))].sort((a, b) => a - b);
  const cpuImbalanceBefore = cpuImbalance(pool, usedSlots, endSeconds);
  let cpuImbalanceAfter = cpuImbalanceBefore;
  if (plan.rebalance && rebalance(pool, movables, usedSlots, endSeconds) > 0) {
    cpuImbalanceAfter = cpuImbalance(pool, usedSlots, endSeconds);
    for (const m of movables) results[m.unit].host = pool.hosts[m.slot];
    for (const s of usedSlots) pool.record(s, endSeconds);
  }

  const unitOfVm = new Map<number, number>();
  for (const u of units) for (const v of u.vms) unitOfVm.set(v, u.id);
  const common: VmRecovery['steps'] = [];
  if (record) {
    if (event.kind !== 'corruption') common.push({ step: 'detection', startSeconds: 0, endSeconds: detectSeconds });
    common.push({ step: 'declaration', startSeconds: detectSeconds, endSeconds: declaredAt });
  }
  const vms: VmRecovery[] = affected.map((v, i) => {
    const source = sources[i];
    if (!source.ok) return { vm: v, rpoSeconds: null, rtoSeconds: null, outcome: source.reason, via: null, host: null, steps: common.slice() };
    const u = unitOfVm.get(v)!;
    const r = results[u];
    const steps = record ? common.concat(r.steps.filter((s) => s.vm === -1 || s.vm === v).map(({ step, startSeconds, endSeconds }) => ({ step, startSeconds, endSeconds }))) : [];
    if (!r.recovered) return { vm: v, rpoSeconds: null, rtoSeconds: null, outcome: 'no-capacity', via: null, host: null, steps };
    const upAt = r.upAtSeconds[units[u].vms.indexOf(v)];
    return { vm: v, rpoSeconds: source.rpoSeconds, rtoSeconds: upAt, outcome: 'recovered', via: source.method.method, host: r.host >= 0 ? r.host : null, steps };
  });
  return {
    event,
    vms,
    drHostsUsed: usedSlots.length,
    hostUtilization: pool.utilization(usedSlots),
    cpuImbalanceBefore,
    cpuImbalanceAfter,
  };
}
