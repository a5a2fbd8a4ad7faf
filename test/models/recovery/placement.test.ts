import { describe, expect, test } from '@jest/globals';
import { addHosts, addVm, allReplicated, det, GiB, makeScenario, makeStrategy, orchestrated } from '../../support/recovery-factories.js';
import { byVm, run, siteDisaster, step } from '../../support/recovery-helpers.js';

describe('DR host capacity', () => {
  test('10 VMs of 16 GB onto two 64 GB hosts: 8 recovered, the 2 lowest priorities reported no-capacity', () => {
    const s = makeScenario();
    const hosts = addHosts(s, 2, { cores: 64, ramBytes: 64 * GiB });
    for (let i = 0; i < 10; i++) addVm(s, { ramBytes: 16 * GiB, vcpus: 2, priority: 1 + Math.floor(i / 2) });
    const out = run(s, makeStrategy(), allReplicated(s), siteDisaster());
    const lost = out.vms.filter((r) => r.outcome === 'no-capacity').map((r) => r.vm);
    expect(lost).toEqual([8, 9]);
    for (const r of out.vms.slice(0, 8)) {
      expect(r.outcome).toBe('recovered');
      expect(hosts).toContain(r.host);
    }
    expect(out.vms[8]).toMatchObject({ rtoSeconds: null, rpoSeconds: null, host: null });
    expect(out.drHostsUsed).toBe(2);
  });

  test('CPU limits too: vCPUs against cores × overcommit', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 8, ramBytes: 1000 * GiB });
    for (let i = 0; i < 5; i++) addVm(s, { vcpus: 4 });
    expect(run(s, makeStrategy(), allReplicated(s), siteDisaster()).vms.map((r) => r.outcome))
      .toEqual(['recovered', 'recovered', 'no-capacity', 'no-capacity', 'no-capacity']);
    // The scenario is frozen once recovery has seen it: change a copy.
    const overcommitted = structuredClone(s);
    overcommitted.clusters[1].cpuOvercommit = 2.5;
    expect(run(overcommitted, makeStrategy(), allReplicated(overcommitted), siteDisaster()).vms.filter((r) => r.outcome === 'recovered')).toHaveLength(5);
  });

  test('RAM reservation shrinks what a host offers', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 64, ramBytes: 64 * GiB });
    s.clusters[1].ramReservationFraction = 0.25;
    for (let i = 0; i < 4; i++) addVm(s, { ramBytes: 16 * GiB });
    expect(run(s, makeStrategy(), allReplicated(s), siteDisaster()).vms.map((r) => r.outcome)).toEqual(['recovered', 'recovered', 'recovered', 'no-capacity']);
  });

  test('dev/test is preempted at declaration: VMs that fit only once it is gone wait for that host’s shutdown', () => {
    const s = makeScenario();
    const devTest = { cpuFraction: 0.5, ramFraction: 0.5, shutdownSeconds: det(600), valuePerYear: 0 };
    const [h0, h1] = [...addHosts(s, 1, { cores: 64, ramBytes: 64 * GiB, devTest }), ...addHosts(s, 1, { cores: 64, ramBytes: 64 * GiB })];
    for (let i = 0; i < 8; i++) addVm(s, { ramBytes: 16 * GiB, bootSeconds: det(60) });
    const strategy = makeStrategy({ runbook: orchestrated(100, 3600), declarationSeconds: det(100) });
    const out = byVm(run(s, strategy, allReplicated(s), siteDisaster()));
    // First fit now: vm0, vm1 beside the dev/test half of h0; vm2..vm5 fill h1; vm6, vm7 wait for h0's dev/test.
    for (const v of [0, 1]) expect(out.get(v)).toMatchObject({ host: h0, rtoSeconds: 160 });
    for (const v of [2, 3, 4, 5]) expect(out.get(v)).toMatchObject({ host: h1, rtoSeconds: 160 });
    for (const v of [6, 7]) {
      expect(out.get(v)).toMatchObject({ host: h0, rtoSeconds: 760 });
      expect(step(out.get(v)!, 'preemption')).toEqual({ startSeconds: 100, endSeconds: 700 });
    }
    // The orchestrator's guest shutdown timeout caps the shutdown.
    const capped = byVm(run(s, makeStrategy({ runbook: orchestrated(100, 300), declarationSeconds: det(100) }), allReplicated(s), siteDisaster()));
    expect(capped.get(7)!.rtoSeconds).toBe(460);
  });

  test('host utilization series per used DR host, and rebalancing evens CPU across used hosts', () => {
    const s = makeScenario();
    addHosts(s, 2, { cores: 8, ramBytes: 64 * GiB });
    for (let i = 0; i < 10; i++) addVm(s, { vcpus: 1, ramBytes: 8 * GiB, bootSeconds: det(10) });
    const plain = run(s, makeStrategy(), allReplicated(s), siteDisaster());
    expect(plain.cpuImbalanceBefore).toBeCloseTo(1 - 2 / 8);
    expect(plain.cpuImbalanceAfter).toBeCloseTo(plain.cpuImbalanceBefore);
    expect(plain.hostUtilization.map((u) => u.host)).toEqual([0, 1]);
    const u0 = plain.hostUtilization[0];
    expect(u0.timeSeconds[0]).toBe(0);
    expect(u0.cpuFraction[u0.cpuFraction.length - 1]).toBeCloseTo(1);
    expect(u0.ramFraction[u0.ramFraction.length - 1]).toBeCloseTo(1);
    const balanced = run(s, makeStrategy({ rebalance: true }), allReplicated(s), siteDisaster());
    expect(balanced.cpuImbalanceBefore).toBeCloseTo(0.75);
    expect(balanced.cpuImbalanceAfter).toBeCloseTo(0);
    expect(balanced.vms.filter((r) => r.host === 1)).toHaveLength(5);
  });
});
