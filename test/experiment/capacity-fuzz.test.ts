/**
 * `optimize` and `size` over generated scenarios: random estates (VM counts, tiers, workloads, links),
 * strategies drawn from the methods (duplicates with other licence prices included — the case that once
 * crashed optimize), random targets. Neither may throw, and their answers must agree with a direct run of
 * the configuration they chose, on the same trials (the same seed and trial indices give the same result).
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Evaluator, trialRange } from '../../src/experiment/evaluator.js';
import { optimize } from '../../src/experiment/optimize.js';
import { buildPlanSpace, planStrategy } from '../../src/experiment/optimize-plan.js';
import { ScenarioDocument } from '../../src/experiment/scenario-overrides.js';
import { size } from '../../src/experiment/size.js';
import { applySettings } from '../../src/experiment/sweep.js';
import { parseTarget } from '../../src/experiment/targets.js';
import { RandomStreams } from '../../src/sim/random.js';

const METHODS = [
  '{ method: async-replication, interval: 15 min }',
  '{ method: async-replication, interval: 1 h }',
  '{ method: cdp, history: 12 h }',
  '{ method: sync-replication }',
  '{ method: backup, schedule: { foreverIncremental: 1 day }, offsite: { wan: wan } }',
];

function generate(seed: number): string {
  const rng = new RandomStreams(seed).stream('fuzz');
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng.uniform(0, xs.length))]!;
  const vms = 2 + Math.floor(rng.uniform(0, 5));
  const strategies: string[] = [];
  const n = 2 + Math.floor(rng.uniform(0, 2));
  for (let s = 0; s < n; s++) {
    const m = pick(METHODS);
    const price = pick([100, 200, 300]);
    strategies.push(`  - { name: s${s}, protect: [ { select: all, methods: [ ${m} ] } ], licences: { perVm: "$${price}/year" } }`);
    // Sometimes the same methods again at a dearer price (a dominated candidate).
    if (rng.uniform(0, 1) < 0.4) strategies.push(`  - { name: s${s}-dear, protect: [ { select: all, methods: [ ${m} ] } ], licences: { perVm: "$${price + 50}/year" } }`);
  }
  return `name: fuzz-${seed}
simulation: { horizon: 3 days, warmup: 1 day, trials: 3, seed: ${seed} }
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
hostModels: [ { name: m, cores: 32, ghz: 2.5, ram: 256 GiB } ]
clusters: [ { name: pc, site: hq }, { name: dc, site: dr } ]
hosts: [ { model: m, cluster: pc }, { model: m, cluster: dc, count: ${1 + Math.floor(rng.uniform(0, 2))} } ]
storage: [ { name: ps, site: hq, capacity: 100 TB, read: 1 GB/s, write: 1 GB/s }, { name: ds, site: dr, capacity: 100 TB, read: 1 GB/s, write: 1 GB/s } ]
backupTargets: [ { name: bk, site: hq, read: 500 MB/s, write: 500 MB/s } ]
links: [ { name: wan, between: [hq, dr], bandwidth: ${pick([20, 50, 100])} Mbit/s, monthlyCost: "$500" } ]
workloads: [ { name: w, averageWrite: ${pick([5, 20, 60])} GB/day } ]
tiers:
  - { tier: 1, rpo: ${pick([5, 30])} min, rto: 4 h, downtimeCost: "$5,000/h" }
  - { tier: 2, rpo: 24 h, rto: 24 h, downtimeCost: "$500/h" }
vms:
  - { template: "v{i}", count: ${vms}, vcpus: 2, ram: ${pick([16, 64, 128])} GiB, disk: 100 GB, tier: 1, app: a }
  - { name: extra, vcpus: 2, ram: 8 GiB, disk: 50 GB, tier: 2 }
strategies:
${strategies.join('\n')}
failures: { siteDisaster: { rate: 0.02/year }, corruption: { rate: 0.1/year } }
`;
}

describe('optimize and size over generated scenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-fuzz-'));
  const seeds = [1, 2, 3, 4, 5, 6];

  test.each(seeds)('scenario %i: optimize does not throw, and its chosen plan costs what a direct run of it costs', async (seed) => {
    const file = join(dir, `o${seed}.yaml`);
    writeFileSync(file, generate(seed));
    const doc = ScenarioDocument.fromFile(file);
    const evaluator = new Evaluator({ workers: 1 });
    try {
      const r = await optimize({ doc, fixed: [], groupBy: 'tier', budget: null, required: 0.95, trials: 3, confirmTrials: 3, maxExhaustive: 16, file: 'fuzz.yaml' }, evaluator);
      const base = doc.load([]).scenario;
      applySettings(base, { trials: 3 });
      const plan = planStrategy(base, buildPlanSpace(base, 'tier'), r.chosen.choice, 'chosen');
      const { results } = await evaluator.evaluate({ ...base, strategies: [plan] }, trialRange(3), 'fuzz.yaml');
      expect(results.strategies[0].cost.annualTotal).toBeCloseTo(r.chosen.search.annualTotal, 6);
      expect(r.bestSingle.name).toMatch(/^s\d/);
    } finally {
      await evaluator.close();
    }
  });

  test.each(seeds.slice(0, 3))('scenario %i: size does not throw, and the metric at its answer is what a direct run there gives', async (seed) => {
    const file = join(dir, `s${seed}.yaml`);
    writeFileSync(file, generate(seed));
    const doc = ScenarioDocument.fromFile(file);
    const evaluator = new Evaluator({ workers: 1 });
    try {
      const target = parseTarget('rpo.p95 <= 2 h', { links: ['wan'], tiers: [1, 2], currency: 'USD' });
      const r = await size({ doc, path: 'links.wan.bandwidth', targets: [target], strategies: [], fixed: [], trials: 3, tolerance: 0.05, file: 'fuzz.yaml', min: '5 Mbit/s', max: '2 Gbit/s' }, evaluator);
      for (const s of r.strategies) {
        if (s.answer === null) { expect(s.outcome).toBe('not-achievable'); continue; }
        const { scenario } = doc.load([{ path: 'links.wan.bandwidth', value: s.answer.text }]);
        applySettings(scenario, { trials: 3 });
        const { results } = await evaluator.evaluate({ ...scenario, strategies: scenario.strategies.filter((x) => x.name === s.strategy) }, trialRange(3), 'fuzz.yaml');
        expect(target.metric.value(results.strategies[0])).toBe(s.answer.metrics[0]);
      }
    } finally {
      await evaluator.close();
    }
  });
});
