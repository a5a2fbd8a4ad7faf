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
import type { RandomStream } from '../sim/random.js';
import type { FailureEvent, VmRecovery } from './failure-events.js';
import { fits, hostCapacity, placementOrder } from './primary-placement.js';
import { sampleSeconds } from './recovery-sample.js';
import type { Scenario } from './scenario.js';

type HostFailure = Extract<FailureEvent, { kind: 'host-failure' }>;

export function recoverHostFailure(scenario: Scenario, event: HostFailure, rng: RandomStream, primaryPlacement: Int32Array, record: boolean): VmRecovery[] {
  const failed = event.host;
  const cluster = scenario.hosts[failed].cluster;
  const affected: number[] = [];
  primaryPlacement.forEach((h, v) => {
    if (h === failed) affected.push(v);
  });
  const detectSeconds = scenario.failures.hostFailure?.haDetectionSeconds ?? 0;
  // Draws in VM index order, whatever the placement order, so the stream stays aligned across strategies.
  const boot = new Map<number, number>();
  const app = new Map<number, number>();
  for (const v of affected) {
    boot.set(v, sampleSeconds(scenario.vms[v].bootSeconds, rng));
    app.set(v, sampleSeconds(scenario.vms[v].appRecoverySeconds, rng));
  }
  const survivors: number[] = [];
  scenario.hosts.forEach((h, i) => {
    if (h.cluster === cluster && i !== failed) survivors.push(i);
  });
  const freeVcpus = survivors.map((h) => hostCapacity(scenario, h).vcpus);
  const freeRam = survivors.map((h) => hostCapacity(scenario, h).ramBytes);
  const usedVcpus = survivors.map(() => 0);
  const usedRam = survivors.map(() => 0);
  const slotOf = new Map(survivors.map((h, i) => [h, i]));
  primaryPlacement.forEach((h, v) => {
    const i = slotOf.get(h);
    if (i === undefined) return;
    usedVcpus[i] += scenario.vms[v].vcpus;
    usedRam[i] += scenario.vms[v].ramBytes;
  });
  const byVm = new Map<number, VmRecovery>();
  for (const v of placementOrder(scenario, affected)) {
    const vm = scenario.vms[v];
    let host = -1;
    for (let i = 0; i < survivors.length; i++) {
      if (fits(usedVcpus[i], vm.vcpus, freeVcpus[i]) && fits(usedRam[i], vm.ramBytes, freeRam[i])) {
        host = survivors[i];
        usedVcpus[i] += vm.vcpus;
        usedRam[i] += vm.ramBytes;
        break;
      }
    }
    const start = host >= 0 ? detectSeconds : Math.max(detectSeconds, event.repairSeconds);
    const b = boot.get(v)!;
    const a = app.get(v)!;
    const steps: VmRecovery['steps'] = [];
    if (record) {
      steps.push({ step: 'detection', startSeconds: 0, endSeconds: detectSeconds });
      if (start > detectSeconds) steps.push({ step: 'wait-capacity', startSeconds: detectSeconds, endSeconds: start });
      steps.push({ step: 'boot', startSeconds: start, endSeconds: start + b });
      if (a > 0) steps.push({ step: 'app-recovery', startSeconds: start + b, endSeconds: start + b + a });
    }
    byVm.set(v, { vm: v, rpoSeconds: 0, rtoSeconds: start + b + a, outcome: 'recovered', via: 'ha', host: host >= 0 ? host : failed, steps });
  }
  return affected.map((v) => byVm.get(v)!);
}
