/**
 * hostModels.ghz: a vCPU is as fast as the core it runs on. VMs from 3.0 GHz hosts need 1.5× the vCPUs on
 * 2.0 GHz DR hosts; on an estate of one clock nothing changes.
 */
import { describe, expect, test } from '@jest/globals';
import { cpuClock } from '../../../src/models/recovery/cpu-clock.js';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { addHostModel, addVm, allReplicated, GiB, makeScenario, makeStrategy } from '../../support/recovery-factories.js';
import { run, siteDisaster } from '../../support/recovery-helpers.js';

/** One 16-core primary host at `primaryGhz`, one 16-core DR host (overcommit 1) at `drGhz`, two 8-vCPU VMs. */
function estate(primaryGhz: number, drGhz: number): Scenario {
  const s = makeScenario();
  const p = addHostModel(s, { cores: 16, ramBytes: 512 * GiB, ghz: primaryGhz });
  const d = addHostModel(s, { cores: 16, ramBytes: 512 * GiB, ghz: drGhz });
  s.hosts.push({ name: 'prod-1', model: p, site: 0, cluster: 0, devTest: null }, { name: 'dr-1', model: d, site: 1, cluster: 1, devTest: null });
  addVm(s, { vcpus: 8 });
  addVm(s, { vcpus: 8 });
  return s;
}

describe('CPU capacity scales with the clock', () => {
  test('two 8-vCPU VMs from 3.0 GHz fit a 16-core DR host at 3.0 GHz, but only one fits at 2.0 GHz', () => {
    const same = run(estate(3, 3), makeStrategy(), allReplicated(estate(3, 3)), siteDisaster());
    expect(same.vms.map((v) => v.outcome)).toEqual(['recovered', 'recovered']);
    // At 2.0 GHz the DR host holds 16 × 2/3 = 10.7 vCPUs of 3.0 GHz work: 8 fits, 16 does not.
    const slow = estate(3, 2);
    const out = run(slow, makeStrategy(), allReplicated(slow), siteDisaster());
    expect(out.vms.map((v) => v.outcome)).toEqual(['recovered', 'no-capacity']);
  });

  test('the other way round: VMs from 2.0 GHz hosts take 2/3 of their vCPUs on 3.0 GHz DR hosts', () => {
    const s = estate(2, 3);
    const clock = cpuClock(s);
    expect(clock.referenceGhz).toBe(3);
    expect(clock.vmDemand[0]).toBeCloseTo((8 * 2) / 3, 12);
    expect(clock.hostFactor[0]).toBeCloseTo(2 / 3, 12);
    expect(clock.hostFactor[1]).toBe(1);
  });

  test('the cluster clock is the cores-weighted mean of its hosts', () => {
    const s = makeScenario();
    const a = addHostModel(s, { cores: 8, ramBytes: 64 * GiB, ghz: 2 });
    const b = addHostModel(s, { cores: 24, ramBytes: 64 * GiB, ghz: 3 });
    s.hosts.push({ name: 'p1', model: a, site: 0, cluster: 0, devTest: null }, { name: 'p2', model: b, site: 0, cluster: 0, devTest: null });
    addVm(s, { vcpus: 6 });
    // (8 × 2 + 24 × 3) / 32 = 2.75 GHz; reference 3 GHz: 6 × 2.75 / 3 = 5.5 reference vCPUs.
    expect(cpuClock(s).vmDemand[0]).toBeCloseTo(5.5, 12);
  });

  test('the "DR site too small" warning counts CPU at each host\'s clock', () => {
    const yaml = (drGhz: number) => `
name: t
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
hostModels: [ { name: fast, cores: 16, ghz: 3.0, ram: 512 GiB }, { name: drm, cores: 16, ghz: ${drGhz}, ram: 512 GiB } ]
clusters: [ { name: prod, site: hq, cpuOvercommit: 1 }, { name: rec, site: dr, cpuOvercommit: 1 } ]
hosts: [ { model: fast, cluster: prod }, { model: drm, cluster: rec } ]
storage: [ { name: a1, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }, { name: a2, site: dr, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s } ]
links: [ { name: wan, between: [hq, dr], bandwidth: 1 Gbit/s } ]
workloads: [ { name: w, averageWrite: 1 GB/day } ]
vms: [ { template: "v{i}", count: 2, vcpus: 8, ram: 8 GiB, disk: 10 GB, rpo: 1 h } ]
strategies: [ { name: s, protect: [ { select: all, methods: [ { method: async-replication, interval: 15 min } ] } ] } ]
`;
    const small = (ghz: number) => parseScenario(yaml(ghz), 't.yaml').warnings.filter((w) => /DR site/.test(w.message));
    expect(small(3.0)).toEqual([]);
    expect(small(2.0).map((w) => w.message).join()).toMatch(/holds 11 vCPUs .* need 16 vCPUs .*at 3 GHz, the fastest host clock/);
  });
});
