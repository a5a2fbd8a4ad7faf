/**
 * One seed governs every random draw: `--seed` (run, sweep, size, optimize) is applied while the scenario
 * is loaded, so it reaches template jitter (disk sizes, write scales) exactly as `simulation.seed` in the
 * file would, not only the trials' draws.
 *
 * Independent check: a template of 20 VMs with `used: uniform(10 GB, 90 GB)` draws 20 sizes; two seeds give
 * the same 20 sizes with probability 0 (continuous draws), the same seed always the same ones. End to end,
 * async replication keeps a replica of every VM's used data, so results.json's replicaBytes must equal the
 * sum of the used sizes the loader drew *with the command's seed* (and differ between seeds).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioDocument } from '../../src/experiment/scenario-overrides.js';
import { prepareSweep } from '../../src/experiment/sweep.js';
import { loadScenario, parseScenario } from '../../src/models/scenario/loader.js';
import type { ResultsFile } from '../../src/models/results.js';
import { loadScenarioForCli } from '../../src/cli/validate.js';
import { runCli } from './run-cli.js';

const YAML = `
name: jitter
simulation: { horizon: 8 days, warmup: 1 day, trials: 2, seed: 1 }
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
hostModels: [ { name: std, cores: 64, ghz: 2.4, ram: 1 TiB } ]
clusters: [ { name: prod, site: hq }, { name: rec, site: dr } ]
hosts: [ { model: std, cluster: prod }, { model: std, cluster: rec } ]
storage:
  - { name: a1, site: hq, capacity: 100 TB, read: 1 GB/s, write: 1 GB/s }
  - { name: a2, site: dr, capacity: 100 TB, read: 1 GB/s, write: 1 GB/s }
links: [ { name: wan, between: [hq, dr], bandwidth: 1 Gbit/s } ]
workloads: [ { name: w, averageWrite: 1 GB/day } ]
vms:
  - { template: "vm{i:02}", count: 20, vcpus: 1, ram: 1 GiB, disk: { provisioned: 100 GB, used: { uniform: { min: 10 GB, max: 90 GB } } },
      writeScale: { lognormal: { median: 1, p95: 3 } } }
strategies:
  - { name: async, protect: [ { select: all, methods: [ { method: async-replication, interval: 1 h } ] } ] }
`;

const dir = mkdtempSync(join(tmpdir(), 'drsim-seed-'));
const file = join(dir, 'jitter.yaml');
writeFileSync(file, YAML);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jitter = (vms: { usedBytes: number; workloadScale: number }[]) => vms.map((v) => [v.usedBytes, v.workloadScale]);
const quiet = () => {};

describe('--seed reaches template jitter', () => {
  test('the loader: two seeds → different sizes and scales; the same seed → identical; the same as writing it in the file', () => {
    const a = loadScenarioForCli(file, { seed: 5 }, quiet).scenario;
    const b = loadScenarioForCli(file, { seed: 6 }, quiet).scenario;
    const again = loadScenario(file, { seed: 5 }).scenario;
    const inFile = parseScenario(YAML.replace('seed: 1', 'seed: 5')).scenario;
    expect(a.simulation.seed).toBe(5);
    expect(jitter(a.vms)).toEqual(jitter(again.vms));
    expect(jitter(a.vms)).toEqual(jitter(inFile.vms));
    // Continuous draws: no VM keeps its size or scale under another seed.
    a.vms.forEach((v, i) => {
      expect(v.usedBytes).not.toBe(b.vms[i].usedBytes);
      expect(v.workloadScale).not.toBe(b.vms[i].workloadScale);
    });
    // Without --seed the file's seed governs.
    expect(jitter(loadScenario(file).scenario.vms)).toEqual(jitter(parseScenario(YAML).scenario.vms));
  });

  test('sweep, size and optimize load every point with the seed (ScenarioDocument.withSeed)', () => {
    const doc = ScenarioDocument.fromFile(file);
    const seeded = prepareSweep(doc, [], { trials: 1, seed: 5 }).points[0].scenario;
    expect(jitter(seeded.vms)).toEqual(jitter(loadScenario(file, { seed: 5 }).scenario.vms));
    expect(jitter(doc.withSeed(6).load([]).scenario.vms)).toEqual(jitter(loadScenario(file, { seed: 6 }).scenario.vms));
    expect(jitter(prepareSweep(doc, [], { trials: 1 }).points[0].scenario.vms)).toEqual(jitter(loadScenario(file).scenario.vms));
  });

  test('drsim run --seed: the replica holds the used sizes drawn with that seed', async () => {
    const replicaBytes = async (seed: number) => {
      const out = join(dir, `out-${seed}`);
      const r = await runCli(['run', file, '--seed', String(seed), '--trials', '1', '--workers', '1', '--out', out, '--quiet', '--no-report']);
      expect(r.code).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
      expect(results.seed).toBe(seed);
      return results.strategies[0].summary.storage.replicaBytes;
    };
    const used = (seed: number) => loadScenario(file, { seed }).scenario.vms.reduce((a, v) => a + v.usedBytes, 0);
    const [r5, r6] = [await replicaBytes(5), await replicaBytes(6)];
    // results.json keeps 6 decimals of a mean over trials: equal to a few parts in 1e15.
    expect(Math.abs(r5 - used(5))).toBeLessThan(1e-9 * used(5));
    expect(Math.abs(r6 - used(6))).toBeLessThan(1e-9 * used(6));
    expect(r5).not.toBe(r6);
  });
});
