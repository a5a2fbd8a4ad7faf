/**
 * Property: a generated valid scenario, written as YAML with units, loads back into a Scenario
 * with the same values (nothing lost or rounded on the way through units, defaults and references).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenario } from '../../../src/models/scenario/loader.js';

const GiB = 2 ** 30;

const arbScenario = fc.record({
  extraSites: fc.integer({ min: 0, max: 1 }),
  models: fc.array(fc.record({
    sockets: fc.integer({ min: 1, max: 4 }), coresPerSocket: fc.integer({ min: 1, max: 64 }), ghzTenths: fc.integer({ min: 5, max: 50 }),
    ramGiB: fc.integer({ min: 1, max: 4096 }), price: fc.integer({ min: 0, max: 100000 }), watts: fc.integer({ min: 0, max: 2000 }),
  }), { minLength: 1, maxLength: 3 }),
  overcommitTenths: fc.integer({ min: 10, max: 80 }),
  reservationPct: fc.integer({ min: 0, max: 50 }),
  hostCounts: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
  link: fc.record({ mbit: fc.integer({ min: 1, max: 10000 }), effPct: fc.integer({ min: 1, max: 100 }), rttMs: fc.integer({ min: 0, max: 300 }), monthly: fc.integer({ min: 0, max: 50000 }) }),
  workloads: fc.array(fc.record({ bytesPerSecond: fc.integer({ min: 1, max: 1e8 }), compressionPct: fc.integer({ min: 0, max: 90 }) }), { minLength: 1, maxLength: 2 }),
  vms: fc.array(fc.record({
    vcpus: fc.integer({ min: 1, max: 64 }), ramGiB: fc.integer({ min: 1, max: 512 }), provGB: fc.integer({ min: 1, max: 10000 }), usedPct: fc.integer({ min: 0, max: 100 }),
    tier: fc.integer({ min: 1, max: 4 }), rtoS: fc.integer({ min: 60, max: 864000 }), rpoS: fc.integer({ min: 0, max: 864000 }), costPerH: fc.integer({ min: 0, max: 1e6 }),
    bootS: fc.integer({ min: 1, max: 3600 }), priority: fc.integer({ min: 1, max: 5 }), deps: fc.array(fc.nat(), { maxLength: 3 }), workload: fc.nat(), writeScaleHundredths: fc.integer({ min: 0, max: 1000 }),
    hypervisor: fc.constantFrom('vmware', 'hyperv', 'xen'),
  }), { minLength: 1, maxLength: 8 }),
  strategies: fc.array(fc.record({
    async: fc.option(fc.record({ intervalS: fc.integer({ min: 1, max: 86400 }), compressionPct: fc.integer({ min: 0, max: 90 }) })),
    sync: fc.boolean(), cdp: fc.option(fc.integer({ min: 60, max: 604800 })),
    backup: fc.option(fc.record({ fullDays: fc.integer({ min: 1, max: 30 }), hour: fc.integer({ min: 0, max: 23 }) })),
    perVm: fc.integer({ min: 0, max: 5000 }),
  }), { minLength: 1, maxLength: 3 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
});

type Gen = typeof arbScenario extends fc.Arbitrary<infer T> ? T : never;

function toYamlObject(g: Gen) {
  const sites = [{ name: 's0', role: 'primary' }, { name: 's1', role: 'dr' }, ...Array.from({ length: g.extraSites }, (_, i) => ({ name: `s${i + 2}`, role: 'other' }))];
  return {
    name: 'generated',
    simulation: { horizon: '7 days', warmup: '1 day', trials: 10, seed: g.seed },
    sites,
    hostModels: g.models.map((m, i) => ({ name: `m${i}`, cores: m.sockets * m.coresPerSocket, sockets: m.sockets, ghz: m.ghzTenths / 10, ram: `${m.ramGiB} GiB`, price: `$${m.price}`, power: `${m.watts} W` })),
    clusters: sites.map((s, i) => ({ name: `c${i}`, site: s.name, cpuOvercommit: g.overcommitTenths / 10, ramReservation: `${g.reservationPct}%` })),
    hosts: g.hostCounts.map((count, i) => ({ model: `m${i % g.models.length}`, cluster: `c${i % sites.length}`, count })),
    storage: sites.map((s, i) => ({ name: `a${i}`, site: s.name, capacity: '100 TB', read: '1 GB/s', write: '500 MB/s' })),
    backupTargets: [{ name: 'bk', site: 's0', read: '200 MB/s', write: '200 MB/s' }],
    links: [{ name: 'wan', between: ['s0', 's1'], bandwidth: `${g.link.mbit} Mbit/s`, efficiency: `${g.link.effPct}%`, rtt: `${g.link.rttMs} ms`, monthlyCost: `$${g.link.monthly}` }],
    workloads: g.workloads.map((w, i) => ({ name: `w${i}`, averageWrite: `${w.bytesPerSecond} B/s`, compression: `${w.compressionPct}%` })),
    vms: g.vms.map((v, i) => ({
      name: `vm${i}`, cluster: 'c0', storage: 'a0', hypervisor: v.hypervisor, vcpus: v.vcpus, ram: `${v.ramGiB} GiB`,
      disk: { provisioned: `${v.provGB} GB`, used: `${(v.provGB * v.usedPct) / 100} GB` }, tier: v.tier, rto: `${v.rtoS} s`, rpo: `${v.rpoS} s`,
      downtimeCost: `$${v.costPerH}/h`, boot: `${v.bootS} s`, priority: v.priority, workload: `w${v.workload % g.workloads.length}`,
      writeScale: v.writeScaleHundredths / 100, dependsOn: i === 0 ? [] : [...new Set(v.deps.map((d) => `vm${d % i}`))],
    })),
    strategies: g.strategies.map((s, i) => ({
      name: `st${i}`,
      protect: [{
        select: 'all',
        methods: [
          ...(s.async ? [{ method: 'async-replication', interval: `${s.async.intervalS} s`, compression: `${s.async.compressionPct}%` }] : []),
          ...(s.sync ? [{ method: 'sync-replication' }] : []),
          ...(s.cdp !== null ? [{ method: 'cdp', history: `${s.cdp} s` }] : []),
          ...(s.backup ? [{ method: 'backup', schedule: { full: `${s.backup.fullDays} days` }, window: `${String(s.backup.hour).padStart(2, '0')}:00`, offsite: { wan: 'wan' } }] : []),
        ],
      }],
      licences: { perVm: `$${s.perVm}/year` },
    })),
    failures: { siteDisaster: { site: 's0', rate: '0.02/year' } },
  };
}

describe('round trip: generated scenario → YAML → Scenario', () => {
  test('keeps every value', () => {
    fc.assert(fc.property(arbScenario, (g) => {
      const yaml = stringify(toYamlObject(g));
      const { scenario } = parseScenario(yaml, 'generated.yaml');
      const nSites = 2 + g.extraSites;
      expect(scenario.sites).toHaveLength(nSites);
      // Trials and seed as written; warm-up and the span after it at least as written (1 day, 6 days), stretched
      // to cover the methods' settle times and cycles (resolvers/simulation.ts, tested on its own).
      const sim = scenario.simulation;
      expect([sim.trials, sim.seed]).toEqual([10, g.seed]);
      expect(sim.warmupSeconds).toBeGreaterThanOrEqual(86400);
      expect(sim.horizonSeconds - sim.warmupSeconds).toBeGreaterThanOrEqual(6 * 86400);
      expect(scenario.hostModels).toEqual(g.models.map((m, i) => ({
        name: `m${i}`, cores: m.sockets * m.coresPerSocket, sockets: m.sockets, ghz: m.ghzTenths / 10, ramBytes: m.ramGiB * GiB,
        price: m.price, powerWatts: m.watts, amortizationYears: 4,
      })));
      expect(scenario.clusters.map((c) => [c.site, c.cpuOvercommit, c.ramReservationFraction]))
        .toEqual(Array.from({ length: nSites }, (_, i) => [i, g.overcommitTenths / 10, g.reservationPct / 100]));
      expect(scenario.hosts).toHaveLength(g.hostCounts.reduce((a, b) => a + b, 0));
      expect(scenario.links[0]).toEqual({
        name: 'wan', siteA: 0, siteB: 1, bandwidthBitsPerSecond: g.link.mbit * 1e6, efficiency: g.link.effPct / 100, rttSeconds: g.link.rttMs / 1000,
        price: { kind: 'fixed', monthly: g.link.monthly }, outages: null,
      });
      expect(scenario.workloads.map((w) => [w.averageWriteBytesPerSecond, w.compression])).toEqual(g.workloads.map((w) => [w.bytesPerSecond, w.compressionPct / 100]));
      scenario.vms.forEach((vm, i) => {
        const v = g.vms[i];
        expect(vm).toEqual({
          name: `vm${i}`, site: 0, cluster: 0, storage: 0, lun: `vm${i}`, hypervisor: v.hypervisor, vcpus: v.vcpus, ramBytes: v.ramGiB * GiB,
          provisionedBytes: v.provGB * 1e9, usedBytes: Math.round((v.provGB * v.usedPct * 1e9) / 100), tier: v.tier, app: null,
          rtoSeconds: v.rtoS, rpoSeconds: v.rpoS, downtimeCostPerHour: v.costPerH, dataLossCostPerHour: 0, slowdownCostPerHour: null, // unset: 30% of its application's downtime cost (cost/slowdown.ts)
          bootSeconds: { kind: 'deterministic', value: v.bootS }, appRecoverySeconds: { kind: 'deterministic', value: 0 }, priority: v.priority,
          dependsOn: i === 0 ? [] : [...new Set(v.deps.map((d) => d % i))].sort((a, b) => a - b), workload: v.workload % g.workloads.length,
          workloadScale: v.writeScaleHundredths / 100, consistencyGroup: null, stateless: false,
          // Outside any named application: each VM is its own, in VM order.
          application: i,
        });
      });
      scenario.strategies.forEach((st, i) => {
        const s = g.strategies[i];
        expect(st.assignments).toHaveLength(1);
        expect(st.assignments[0].vms).toEqual(g.vms.map((_, k) => k));
        const methods = st.assignments[0].methods;
        const byKind = Object.fromEntries(methods.map((m) => [m.method, m]));
        if (s.async) expect(byKind['async-replication']).toMatchObject({ intervalSeconds: s.async.intervalS, compression: s.async.compressionPct / 100, link: 0, target: 1 });
        if (s.sync) expect(byKind['sync-replication']).toEqual({ method: 'sync-replication', linkLossPolicy: 'degrade-to-async', link: 0, target: 1, writeSizeBytes: 65536, outstandingWrites: 32, resyncCheckSeconds: 60, promoteSeconds: 300 });
        if (s.cdp !== null) expect(byKind.cdp).toMatchObject({ historySeconds: s.cdp, link: 0, target: 1 });
        if (s.backup) {
          expect(byKind.backup).toMatchObject({
            schedule: { kind: 'full-incremental', fullEverySeconds: s.backup.fullDays * 86400, incrementalEverySeconds: s.backup.fullDays * 86400 },
            windowStartSeconds: s.backup.hour * 3600, offsite: { kind: 'wan', link: 0, store: null }, target: 0,
          });
        }
        expect(methods).toHaveLength((s.async ? 1 : 0) + (s.sync ? 1 : 0) + (s.cdp !== null ? 1 : 0) + (s.backup ? 1 : 0));
        expect(st.licences.perVmPerYear).toBe(s.perVm);
      });
    }), { numRuns: 60 });
  });
});
