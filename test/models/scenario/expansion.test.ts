import { describe, expect, test } from '@jest/globals';
import { load, MINIMAL, withVms } from '../../support/scenario-helpers.js';

describe('templates and defaults', () => {
  test('a template expands to named VMs with patterns in lun, app and dependsOn', () => {
    const { scenario } = load(withVms(
      '  - { template: "web-{i:02}", count: 12, vcpus: 2, ram: 4 GiB, disk: 80 GB, lun: "lun-{i/4}", app: "shop{i/6}", dependsOn: [db, "app"] }',
    ));
    const web = scenario.vms.filter((v) => v.name.startsWith('web-'));
    expect(web.map((v) => v.name)).toEqual(Array.from({ length: 12 }, (_, k) => `web-${String(k + 1).padStart(2, '0')}`));
    expect(web.map((v) => v.lun)).toEqual(['lun-1', 'lun-1', 'lun-1', 'lun-1', 'lun-2', 'lun-2', 'lun-2', 'lun-2', 'lun-3', 'lun-3', 'lun-3', 'lun-3']);
    expect(new Set(web.map((v) => v.app))).toEqual(new Set(['shop1', 'shop2']));
    expect(web[0].dependsOn).toEqual([0, 1]);
  });

  test('clusters and storage lists are spread round-robin', () => {
    const text = withVms('  - { template: "t{i}", count: 4, cluster: [prod, prod2], vcpus: 1, ram: 1 GiB, disk: 10 GB }')
      .replace('  - { name: rec, site: dr }', '  - { name: rec, site: dr }\n  - { name: prod2, site: hq }')
      .replace(/name: (db|app), /g, 'name: $1, cluster: prod, ');
    const { scenario } = load(text);
    const t = scenario.vms.filter((v) => v.name.startsWith('t'));
    expect(t.map((v) => scenario.clusters[v.cluster].name)).toEqual(['prod', 'prod2', 'prod', 'prod2']);
  });

  test('defaults: tier 3 built-ins, one LUN per VM, vmware, the only workload/cluster/array', () => {
    const vm = load(MINIMAL).scenario.vms[0];
    expect(vm).toMatchObject({
      name: 'db', cluster: 0, site: 0, storage: 0, lun: 'db', hypervisor: 'vmware', tier: 3, priority: 3, rtoSeconds: 86400, rpoSeconds: 86400,
      provisionedBytes: 200e9, usedBytes: 200e9, workload: 0, workloadScale: 1, app: null, consistencyGroup: null,
      bootSeconds: { kind: 'deterministic', value: 120 },
    });
  });

  test('tier defaults apply, and a VM overrides them', () => {
    const text = withVms('  - { name: t1, tier: 1, vcpus: 1, ram: 1 GiB, disk: 10 GB, rpo: 5 min }')
      .replace('vms:', 'tiers:\n  - { tier: 1, rto: 1 h, rpo: 15 min, downtimeCost: "$10,000/h", priority: 2, boot: 3 min }\nvms:');
    const vm = load(text).scenario.vms.find((v) => v.name === 't1')!;
    expect(vm).toMatchObject({ rtoSeconds: 3600, rpoSeconds: 300, downtimeCostPerHour: 10000, priority: 2, bootSeconds: { kind: 'deterministic', value: 180 } });
  });

  test('hosts get generated names per cluster, or a pattern', () => {
    const { scenario } = load(MINIMAL.replace('  - { model: std, cluster: rec }', '  - { model: std, cluster: rec, count: 2, name: "dr-esx{i}" }'));
    expect(scenario.hosts.map((h) => h.name)).toEqual(['prod-01', 'prod-02', 'dr-esx1', 'dr-esx2']);
    expect(scenario.hosts.map((h) => h.site)).toEqual([0, 0, 1, 1]);
  });
});

describe('jitter is seeded and deterministic', () => {
  const jittered = (seed: number, extra = '') => withVms(
    '  - { template: "j{i:03}", count: 200, vcpus: 1, ram: 1 GiB, disk: { provisioned: 100 GB, used: { uniform: { min: 20 GB, max: 80 GB } } }, writeScale: { lognormal: { median: 1, p95: 3 } } }',
    ...(extra ? [extra] : []),
  ) + `simulation: { seed: ${seed} }\n`;

  test('same file and seed → identical scenario', () => {
    expect(load(jittered(7)).scenario).toEqual(load(jittered(7)).scenario);
  });
  test('another seed → other draws, within the distribution', () => {
    const a = load(jittered(7)).scenario.vms.filter((v) => v.name.startsWith('j'));
    const b = load(jittered(8)).scenario.vms.filter((v) => v.name.startsWith('j'));
    expect(a.map((v) => v.usedBytes)).not.toEqual(b.map((v) => v.usedBytes));
    for (const v of a) {
      expect(v.usedBytes).toBeGreaterThanOrEqual(20e9);
      expect(v.usedBytes).toBeLessThanOrEqual(80e9);
      expect(Number.isInteger(v.usedBytes)).toBe(true);
      expect(v.workloadScale).toBeGreaterThan(0);
    }
    // Uniform on [20, 80] GB: mean 50 GB, sd 60/√12 = 17.3 GB; over 200 VMs the mean's sd is 1.22 GB, and
    // 3.29 of them (a 99.9% band) is ±4.0 GB.
    const mean = a.reduce((s, v) => s + v.usedBytes, 0) / a.length;
    expect(Math.abs(mean - 50e9)).toBeLessThan(3.29 * (60e9 / Math.sqrt(12)) / Math.sqrt(a.length));
  });
  test('adding another entry does not change a template\'s draws (one stream per entry)', () => {
    const a = load(jittered(7)).scenario.vms.filter((v) => v.name.startsWith('j'));
    const b = load(jittered(7, '  - { template: "k{i}", count: 3, vcpus: 1, ram: 1 GiB, disk: { uniform: { min: 1 GB, max: 2 GB } } }')).scenario.vms.filter((v) => v.name.startsWith('j'));
    expect(b).toEqual(a);
  });
});

describe('strategies', () => {
  test('first matching rule wins; methods: [] leaves VMs unprotected on purpose', () => {
    const text = MINIMAL.replace('      - select: all\n', '      - select: { vms: [app] }\n        methods: []\n      - select: all\n');
    const s = load(text).scenario.strategies[0];
    expect(s.assignments.map((a) => a.vms)).toEqual([[1], [0]]);
    expect(s.assignments[0].methods).toEqual([]);
    expect(s.assignments[1].methods[0]).toEqual({ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 96, compression: 0, link: 0, target: 1, promoteSeconds: 300 });
    expect(s.recovery).toMatchObject({ drSite: 1, runbook: { kind: 'orchestrated', maxParallelPowerOns: 20, guestShutdownTimeoutSeconds: 300 } });
  });
  test('backup defaults and the manual runbook in minutes', () => {
    const text = MINIMAL.replace('methods: [ { method: async-replication, interval: 15 min } ]', 'methods: [ { method: backup, mode: agent } ]') +
      '    recovery: { runbook: { manual: { operators: 3, perVm: 30 min } } }\n';
    const s = load(text).scenario.strategies[0];
    expect(s.assignments[0].methods[0]).toEqual({
      method: 'backup', schedule: { kind: 'full-incremental', fullEverySeconds: 604800, incrementalEverySeconds: 86400 }, windowStartSeconds: 79200,
      mode: 'agent', target: 0, offsite: { kind: 'none' }, retentionSeconds: 2592000, agentCpuOverhead: 0.1, restoreStreams: 4, guestRebuildSeconds: 1800,
    });
    expect(s.recovery.runbook).toEqual({ kind: 'manual', operators: 3, secondsPerVm: { kind: 'deterministic', value: 1800 } });
  });
  test('link distance sets the RTT', () => {
    const text = MINIMAL.replace('bandwidth: 100 Mbit/s }', 'bandwidth: 100 Mbit/s, distance: 400 km, efficiency: 80% }');
    expect(load(text).scenario.links[0]).toMatchObject({ rttSeconds: 0.004, efficiency: 0.8, bandwidthBitsPerSecond: 1e8, outages: null });
  });
});
