import { describe, expect, test } from '@jest/globals';
import { addHosts, addVm, allReplicated, det, GiB, makeScenario, makeStrategy, manual, orchestrated } from '../../support/recovery-factories.js';
import { byVm, run, siteDisaster, step } from '../../support/recovery-helpers.js';

describe('orchestrated runbook', () => {
  test('N VMs already at DR, k parallel power-ons, boot b: the i-th VM is up at detection + declaration + ceil(i/k)·b', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
    const n = 10;
    const k = 3;
    const b = 60;
    for (let i = 0; i < n; i++) addVm(s, { bootSeconds: det(b) });
    const strategy = makeStrategy({ runbook: orchestrated(k), detectionSeconds: det(120), declarationSeconds: det(300) });
    const out = run(s, strategy, allReplicated(s), siteDisaster(1000));
    expect(out.vms).toHaveLength(n);
    out.vms.forEach((r, i) => {
      expect(r.outcome).toBe('recovered');
      expect(r.rpoSeconds).toBe(0);
      expect(r.via).toBe('sync-replication');
      expect(r.rtoSeconds).toBeCloseTo(120 + 300 + Math.ceil((i + 1) / k) * b, 9);
    });
    const first = out.vms[0];
    expect(step(first, 'detection')).toEqual({ startSeconds: 0, endSeconds: 120 });
    expect(step(first, 'declaration')).toEqual({ startSeconds: 120, endSeconds: 420 });
    expect(step(out.vms[n - 1], 'power-on-queue')).toEqual({ startSeconds: 420, endSeconds: 420 + 3 * b });
  });

  test('priority groups: group k+1 powers on only after every VM of group k is up; dependencies inside a group', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
    const web = addVm(s, { priority: 2, bootSeconds: det(10) });
    const other = addVm(s, { priority: 2, bootSeconds: det(10) });
    const db = addVm(s, { priority: 1, bootSeconds: det(100), appRecoverySeconds: det(20) });
    const app = addVm(s, { priority: 1, bootSeconds: det(50), dependsOn: [db] });
    const batch = addVm(s, { priority: 1, bootSeconds: det(30) });
    s.vms[web].dependsOn = [app, other];
    const out = byVm(run(s, makeStrategy(), allReplicated(s), siteDisaster()));
    expect(out.get(db)!.rtoSeconds).toBeCloseTo(120);
    expect(out.get(batch)!.rtoSeconds).toBeCloseTo(30);
    expect(out.get(app)!.rtoSeconds).toBeCloseTo(170); // waits for db (120), boots 50
    expect(step(out.get(app)!, 'wait-dependencies')).toEqual({ startSeconds: 0, endSeconds: 120 });
    expect(step(out.get(app)!, 'boot').startSeconds).toBeGreaterThanOrEqual(out.get(db)!.rtoSeconds!);
    // Group 2 opens at 170 (the last of group 1); web also waits for `other` (same group).
    expect(out.get(other)!.rtoSeconds).toBeCloseTo(180);
    expect(out.get(web)!.rtoSeconds).toBeCloseTo(190);
    for (const v of [web, other]) {
      expect(step(out.get(v)!, 'boot').startSeconds).toBeGreaterThanOrEqual(Math.max(...[db, app, batch].map((x) => out.get(x)!.rtoSeconds!)));
    }
  });

  test('a dependency on a later priority group is ignored (the group order wins, no deadlock)', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
    const late = addVm(s, { priority: 3, bootSeconds: det(10) });
    const early = addVm(s, { priority: 1, bootSeconds: det(10), dependsOn: [late] });
    const out = byVm(run(s, makeStrategy(), allReplicated(s), siteDisaster()));
    expect(out.get(early)!.rtoSeconds).toBeCloseTo(10);
    expect(out.get(late)!.rtoSeconds).toBeCloseTo(20);
  });

  test('manual runbook: operators are the limit, each VM takes secondsPerVm of one, then boots on its own', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
    for (let i = 0; i < 5; i++) addVm(s, { bootSeconds: det(60), priority: 5 - i });
    const strategy = makeStrategy({ runbook: manual(2, det(600)), declarationSeconds: det(100) });
    const out = run(s, strategy, allReplicated(s), siteDisaster());
    // Priority order is vm4, vm3, vm2, vm1, vm0; two at a time.
    const expected = [100 + 1800 + 60, 100 + 1200 + 60, 100 + 1200 + 60, 100 + 600 + 60, 100 + 600 + 60];
    out.vms.forEach((r, i) => expect(r.rtoSeconds).toBeCloseTo(expected[i]));
  });

  test('a dependency cycle inside a group is reported, not silently dropped', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
    addVm(s, { dependsOn: [1] });
    addVm(s, { dependsOn: [0] });
    expect(() => run(s, makeStrategy(), allReplicated(s), siteDisaster())).toThrow(/dependency cycle/);
  });
});
