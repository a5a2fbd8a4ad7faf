/**
 * Replicas are promoted, not instantly there: storage failover takes the method's promote time from
 * declaration; a unit needing a restore and a promotion waits for both. Links that only restores cross are
 * charged.
 */
import { describe, expect, test } from '@jest/globals';
import { restoreLinks } from '../../../src/models/recovery/restore.js';
import { strategyCost } from '../../../src/models/cost/strategy-cost.js';
import { addHosts, addVm, asyncMethod, backupMethod, det, discreteLog, GiB, MB, makeScenario, makeStrategy, protectedBy, streamLog, syncMethod } from '../../support/recovery-factories.js';
import { byVm, run, siteDisaster, step } from '../../support/recovery-helpers.js';

describe('replica promotion', () => {
  test('a sync replica promoted in 5 min, booting in 2 min: RTO = declaration + 300 s + 120 s', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 100, ramBytes: 1000 * GiB });
    addVm(s, { bootSeconds: det(120) });
    const m = syncMethod({ promoteSeconds: 300 });
    const out = run(s, makeStrategy({ declarationSeconds: det(600) }), [protectedBy([m, streamLog(m)])], siteDisaster()).vms[0];
    expect(out.rtoSeconds).toBeCloseTo(600 + 300 + 120, 9);
    expect(step(out, 'promote')).toEqual({ startSeconds: 600, endSeconds: 900 });
  });

  test('a Hyper-V LUN mixing a restored and a promoted VM is ready when both are: max(S/R, promote)', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 100, ramBytes: 1000 * GiB });
    const restored = addVm(s, { hypervisor: 'hyperv', lun: 'L', usedBytes: 10 * GiB });
    const promoted = addVm(s, { hypervisor: 'hyperv', lun: 'L' });
    const b = backupMethod({ offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 0, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 0, mountSeconds: 0 } });
    const restoreSeconds = (10 * GiB) / (100 * MB); // 107.4 s at the target's 100 MB/s
    for (const promote of [60, 900]) {
      const a = asyncMethod({ promoteSeconds: promote });
      const protection = [protectedBy([b, discreteLog(b, [{ at: 0, offsiteAt: 1 }])]), protectedBy([a, discreteLog(a, [{ at: 0, offsiteAt: 1 }])])];
      const out = byVm(run(s, makeStrategy(), protection, siteDisaster(10_000)));
      for (const v of [restored, promoted]) expect(out.get(v)!.rtoSeconds).toBeCloseTo(Math.max(restoreSeconds, promote), 6);
    }
  });
});

describe('links only restores cross are paid for', () => {
  test('backups copied to a vault over one link, restored to DR over another: both links are charged', () => {
    const s = makeScenario();
    s.sites.push({ name: 'vault', role: 'other' });
    s.links = [
      { name: 'to-vault', siteA: 0, siteB: 2, bandwidthBitsPerSecond: 1e9, efficiency: 1, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 1000 }, outages: null },
      { name: 'vault-dr', siteA: 2, siteB: 1, bandwidthBitsPerSecond: 1e9, efficiency: 1, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 500 }, outages: null },
    ];
    addVm(s);
    const strategy = makeStrategy();
    strategy.assignments = [{ vms: [0], methods: [backupMethod({ offsite: { kind: 'wan', link: 0, store: null } })] }];
    expect(restoreLinks(s, strategy)).toEqual([1]);
    const cost = strategyCost(s, strategy, { storage: { stores: [] }, linksUsed: [0], restoreLinks: restoreLinks(s, strategy), expectedAnnualPenalty: 0 });
    expect(cost.items.filter((i) => i.category === 'wan')).toEqual([
      { category: 'wan', item: 'WAN link to-vault', capex: 0, annual: 12_000 },
      { category: 'wan', item: 'WAN link vault-dr (kept for restores)', capex: 0, annual: 6_000 },
    ]);
  });
});

describe('the defaults a run relied on are in the results', () => {
  test('results.json scenario.assumptions lists the promotion, tape and sync defaults the file left out', async () => {
    const { runExperiment } = await import('../../../src/experiment/experiment.js');
    const { parseScenario } = await import('../../../src/models/scenario/loader.js');
    const yaml = `
name: t
simulation: { horizon: 3 days, warmup: 1 day, trials: 2 }
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
hostModels: [ { name: h, cores: 16, ghz: 2.5, ram: 256 GiB } ]
clusters: [ { name: c, site: hq }, { name: d, site: dr } ]
hosts: [ { model: h, cluster: c }, { model: h, cluster: d } ]
storage: [ { name: a1, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }, { name: a2, site: dr, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s } ]
backupTargets: [ { name: lib, site: hq, media: tape, read: 300 MB/s, write: 300 MB/s } ]
links: [ { name: wan, between: [hq, dr], bandwidth: 1 Gbit/s, distance: 50 km } ]
workloads: [ { name: w, averageWrite: 1 GB/day } ]
vms: [ { name: a, vcpus: 1, ram: 1 GiB, disk: 10 GB, rpo: 1 day } ]
strategies:
  - { name: s, protect: [ { select: all, methods: [ { method: sync-replication }, { method: backup, offsite: { tape: { every: 7 days, transit: 1 day } } } ] } ] }
`;
    const { scenario } = parseScenario(yaml, 't.yaml');
    const results = await runExperiment(scenario, 't.yaml', 'test', { workers: 1 });
    const text = results.scenario.assumptions.join('\n');
    for (const expected of [/Promoting a replica at declaration .* takes 5 min/, /Synchronous writes are 64 KiB each, 32 in flight per VM/, /checks every 1 min whether it can resynchronize/,
      /Tapes from "lib" leave with the courier at 09:00/, /mounts and positions a tape first: 2 min per restore/, /by default 30% of the application's downtime cost per hour \(set slowdownCost on tiers or VMs\)/]) {
      expect(text).toMatch(expected);
    }
  });
});
