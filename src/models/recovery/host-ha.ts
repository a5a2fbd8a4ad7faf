/**
 * Host failure and local HA (VMware HA style): the failed host's VMs restart on the other hosts of the
 * same cluster from shared storage, so no data is lost (RPO 0) and, if they fit, downtime is HA detection
 * (failures.hostFailure.haDetectionSeconds; 0 if the model has no host failures) + boot + application
 * recovery. Restarts run in parallel (HA does not queue them behind a runbook).
 *
 * Headroom is what the surviving hosts have left after their own VMs (primary placement): CPU with the
 * cluster's overcommit, RAM after reservation. VMs are placed in (priority, RAM descending) order, first
 * fit in host order; a VM that fits nowhere waits for the failed host's repair (event.repairSeconds) and
 * restarts there. So a cluster that is not N+1 shows up as long RTOs for its lowest priorities.
 */
import type { RandomStream } from '../../sim/random.js';
import type { FailureEvent, VmRecovery } from '../failures/events.js';
import { fits, hostCapacity, placementOrder } from './primary-placement.js';
import { cpuClock } from './cpu-clock.js';
import { scenarioIndex } from './scenario-index.js';
import { drawSeconds } from './sample.js';
import { NO_STEPS } from './timeline.js';
import type { Scenario } from '../scenario/model.js';

type HostFailure = Extract<FailureEvent, { kind: 'host-failure' }>;

/** Where a host's VMs restart: it depends on the scenario alone, so it is worked out once per host. */
interface HaPlan {
  /** The host's VMs, in index order. */
  vms: readonly number[];
  /** Per entry of `vms`: the surviving host it restarts on, -1 when none has room. */
  restartHost: Int32Array;
}

const plans = new WeakMap<Scenario, Map<number, HaPlan>>();

function haPlan(scenario: Scenario, failed: number): HaPlan {
  let byHost = plans.get(scenario);
  if (byHost === undefined) {
    byHost = new Map();
    plans.set(scenario, byHost);
  }
  let plan = byHost.get(failed);
  if (plan === undefined) {
    plan = placeRestarts(scenario, failed);
    byHost.set(failed, plan);
  }
  return plan;
}

function placeRestarts(scenario: Scenario, failed: number): HaPlan {
  const index = scenarioIndex(scenario);
  const primaryPlacement = index.primary;
  const cluster = scenario.hosts[failed].cluster;
  const vms = index.vmsOnHost(failed);
  const survivors: number[] = [];
  scenario.hosts.forEach((h, i) => {
    if (h.cluster === cluster && i !== failed) survivors.push(i);
  });
  const freeVcpus = survivors.map((h) => hostCapacity(scenario, h).vcpus);
  const freeRam = survivors.map((h) => hostCapacity(scenario, h).ramBytes);
  const usedVcpus = survivors.map(() => 0);
  const usedRam = survivors.map(() => 0);
  const slotOf = new Map(survivors.map((h, i) => [h, i]));
  const demand = cpuClock(scenario).vmDemand;
  primaryPlacement.forEach((h, v) => {
    const i = slotOf.get(h);
    if (i === undefined) return;
    usedVcpus[i] += demand[v];
    usedRam[i] += scenario.vms[v].ramBytes;
  });
  const hostOf = new Map<number, number>();
  for (const v of placementOrder(scenario, vms)) {
    const vm = scenario.vms[v];
    let host = -1;
    for (let i = 0; i < survivors.length; i++) {
      if (fits(usedVcpus[i], demand[v], freeVcpus[i]) && fits(usedRam[i], vm.ramBytes, freeRam[i])) {
        host = survivors[i];
        usedVcpus[i] += demand[v];
        usedRam[i] += vm.ramBytes;
        break;
      }
    }
    hostOf.set(v, host);
  }
  return { vms, restartHost: Int32Array.from(vms, (v) => hostOf.get(v)!) };
}

export function recoverHostFailure(scenario: Scenario, event: HostFailure, rng: RandomStream, record: boolean): VmRecovery[] {
  const failed = event.host;
  const { vms, restartHost } = haPlan(scenario, failed);
  const detectSeconds = scenario.failures.hostFailure?.haDetectionSeconds ?? 0;
  const { bootDistributions, appDistributions } = scenarioIndex(scenario);
  const out = new Array<VmRecovery>(vms.length);
  // Draws in VM index order, whatever the placement order, so the stream stays aligned across strategies.
  for (let i = 0; i < vms.length; i++) {
    const v = vms[i];
    const b = drawSeconds(bootDistributions[v], rng);
    const a = drawSeconds(appDistributions[v], rng);
    const host = restartHost[i];
    const start = host >= 0 ? detectSeconds : Math.max(detectSeconds, event.repairSeconds);
    const steps = record ? restartSteps(detectSeconds, start, b, a) : NO_STEPS;
    out[i] = { vm: v, rpoSeconds: 0, rtoSeconds: start + b + a, outcome: 'recovered', via: 'ha', host: host >= 0 ? host : failed, steps };
  }
  return out;
}

function restartSteps(detectSeconds: number, start: number, b: number, a: number): VmRecovery['steps'] {
  const steps: VmRecovery['steps'] = [{ step: 'detection', startSeconds: 0, endSeconds: detectSeconds }];
  if (start > detectSeconds) steps.push({ step: 'wait-capacity', startSeconds: detectSeconds, endSeconds: start });
  steps.push({ step: 'boot', startSeconds: start, endSeconds: start + b });
  if (a > 0) steps.push({ step: 'app-recovery', startSeconds: start + b, endSeconds: start + b + a });
  return steps;
}
