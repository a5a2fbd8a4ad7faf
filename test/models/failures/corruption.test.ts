/**
 * Corruption scopes (`failures.corruption`): each source has a scope — one VM, one application (a VM
 * outside any is its own), one site's VMs, or the whole estate — and a rate *per unit* of that scope. The
 * estate's rate is Σ rate × units; a trial draws one corruption (the conditional view), from a source chosen
 * in proportion to its estate rate, hitting a unit of its scope chosen uniformly. The form without `scope`
 * keeps its old meaning: a rate for the estate, hitting the application of a uniformly drawn VM.
 *
 * The estate below, by hand: VMs a1, a2 (app a), b1 (app b), s1 at site hq; s2, s3 at site branch (no app).
 *   units: vm 6; application {a1,a2}, {b1}, {s1}, {s2}, {s3} = 5; site {a1,a2,b1,s1}, {s2,s3} = 2; estate 1.
 *   rates per unit 0.01, 0.02, 0.05, 0.1 /year → estate rates 0.06, 0.10, 0.10, 0.10 = 0.36 /year.
 * Every possible VM set then has a probability derived from these counts alone (expected() below), tested
 * with Pearson's χ² over N = 20,000 trials at the 99.9% level (9 degrees of freedom: 10 sets).
 */
import { describe, expect, test } from '@jest/globals';
import { drawTrialFailures, eventsPerYear } from '../../../src/models/failures/draws.js';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { load, problemsOf } from '../../support/scenario-helpers.js';
import { CHI2_999, chiSquare } from '../../sim/goodness-of-fit.js';

const estate = (corruption: string) => `
name: corruption
sites: [ { name: hq, role: primary }, { name: branch }, { name: dr, role: dr } ]
hostModels: [ { name: m, cores: 16, ghz: 2, ram: 128 GiB } ]
clusters: [ { name: p, site: hq }, { name: b, site: branch }, { name: d, site: dr } ]
hosts: [ { model: m, cluster: p }, { model: m, cluster: b }, { model: m, cluster: d } ]
storage:
  - { name: s-hq, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }
  - { name: s-br, site: branch, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }
  - { name: s-dr, site: dr, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }
links: [ { name: w1, between: [hq, dr], bandwidth: 1 Gbit/s }, { name: w2, between: [branch, dr], bandwidth: 1 Gbit/s } ]
workloads: [ { name: w, averageWrite: 1 GB/day } ]
vms:
  - { name: a1, cluster: p, vcpus: 1, ram: 1 GiB, disk: 10 GB, app: a }
  - { name: a2, cluster: p, vcpus: 1, ram: 1 GiB, disk: 10 GB, app: a }
  - { name: b1, cluster: p, vcpus: 1, ram: 1 GiB, disk: 10 GB, app: b }
  - { name: s1, cluster: p, vcpus: 1, ram: 1 GiB, disk: 10 GB }
  - { name: s2, cluster: b, vcpus: 1, ram: 1 GiB, disk: 10 GB }
  - { name: s3, cluster: b, vcpus: 1, ram: 1 GiB, disk: 10 GB }
strategies: [ { name: none, protect: [ { select: all, methods: [] } ] } ]
failures:
  corruption: ${corruption}
`;

const SCOPED = `
    - { scope: vm, rate: 0.01/year, detection: 1 h }
    - { scope: application, rate: 0.02/year, detection: 2 h }
    - { scope: site, rate: 0.05/year, detection: 3 h }
    - { scope: estate, rate: 0.1/year, detection: 4 h }`;

const N = 20_000;
const names = ['a1', 'a2', 'b1', 's1', 's2', 's3'];
const key = (vms: number[]) => vms.map((v) => names[v]).join('+');

/** Probability of each VM set, from the unit counts in the header. */
function expected(): Map<string, number> {
  const p = new Map<string, number>();
  const add = (set: string, q: number) => p.set(set, (p.get(set) ?? 0) + q);
  const total = 0.06 + 0.1 + 0.1 + 0.1;
  for (const n of names) add(n, 0.06 / total / 6);
  for (const set of ['a1+a2', 'b1', 's1', 's2', 's3']) add(set, 0.1 / total / 5);
  for (const set of ['a1+a2+b1+s1', 's2+s3']) add(set, 0.1 / total / 2);
  add(names.join('+'), 0.1 / total);
  return p;
}

describe('corruption scopes', () => {
  test('the estate rate is Σ rate per unit × units of its scope', () => {
    const { scenario } = load(estate(SCOPED));
    expect(scenario.failures.corruption.map((c) => [c.scope, c.draw])).toEqual([['vm', 'uniform-unit'], ['application', 'uniform-unit'], ['site', 'uniform-unit'], ['estate', 'uniform-unit']]);
    expect(scenario.failures.corruption.map((c) => c.perYear)).toEqual([0.06, 0.1, 0.1, 0.1]);
    expect(eventsPerYear(scenario, 'corruption')).toBeCloseTo(0.36, 12);
    // One source with a scope in the single-mapping form: 6 VMs × 0.01.
    expect(eventsPerYear(load(estate('{ scope: vm, rate: 0.01/year }')).scenario, 'corruption')).toBeCloseTo(0.06, 12);
  });

  test('the form without scope means what it meant: a rate for the estate, the application of a random VM', () => {
    const { scenario } = load(estate('{ rate: 0.3/year, detection: 12 h }'));
    expect(scenario.failures.corruption).toEqual([{ scope: 'application', perYear: 0.3, draw: 'by-vm', detectionSeconds: { kind: 'deterministic', value: 43200 } }]);
    expect(eventsPerYear(scenario, 'corruption')).toBe(0.3);
    // Victim VM uniform over 6: app a with probability 2/6, every other VM alone with 1/6 (χ², 4 df).
    const streams = new RandomStreams('legacy');
    const counts = new Map<string, number>();
    for (let t = 0; t < N; t++) {
      const e = drawTrialFailures(scenario, streams, t).events.find((x) => x.kind === 'corruption') as Extract<FailureEvent, { kind: 'corruption' }>;
      counts.set(key(e.vms), (counts.get(key(e.vms)) ?? 0) + 1);
    }
    const sets = ['a1+a2', 'b1', 's1', 's2', 's3'];
    expect([...counts.keys()].sort()).toEqual([...sets].sort());
    expect(chiSquare(sets.map((k) => counts.get(k)!), sets.map((k) => (k === 'a1+a2' ? 2 : 1) * N / 6))).toBeLessThan(CHI2_999[4]);
  });

  test('a trial draws one corruption: source ∝ its rate, unit uniform in its scope, the source\'s detection (χ², 9 df)', () => {
    const { scenario } = load(estate(SCOPED));
    const streams = new RandomStreams('scopes');
    const counts = new Map<string, number>();
    const detectionOf = new Map([['a1+a2', 2], ['a1+a2+b1+s1', 3], ['s2+s3', 3], [names.join('+'), 4], ['a1', 1], ['a2', 1]]);
    for (let t = 0; t < N; t++) {
      const events = drawTrialFailures(scenario, streams, t).events.filter((x) => x.kind === 'corruption') as Extract<FailureEvent, { kind: 'corruption' }>[];
      expect(events).toHaveLength(1);
      const [e] = events;
      const k = key(e.vms);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      // Sets only one source can produce carry that source's detection delay.
      const hours = detectionOf.get(k);
      if (hours !== undefined) expect(e.detectedAtSeconds - e.atSeconds).toBe(hours * 3600);
    }
    const p = expected();
    expect([...counts.keys()].sort()).toEqual([...p.keys()].sort());
    const sets = [...p.keys()];
    expect(sets).toHaveLength(10);
    expect(chiSquare(sets.map((k) => counts.get(k)!), sets.map((k) => p.get(k)! * N))).toBeLessThan(CHI2_999[9]);
  });

  test('a scope that is not one of vm, application, site, estate is an error', () => {
    expect(problemsOf(estate('{ scope: cluster, rate: 0.1/year }')).map((p) => p.path)).toEqual(['failures.corruption.scope']);
  });
});
