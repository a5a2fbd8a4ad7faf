import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { Evaluator } from '../../src/experiment/evaluator.js';
import { optimize, type OptimizeRequest } from '../../src/experiment/optimize.js';
import { allChoices, buildPlanSpace, planStrategy, singleStrategyChoice, spaceSize } from '../../src/experiment/optimize-plan.js';
import { ScenarioDocument } from '../../src/experiment/scenario-overrides.js';
import { parseScenario } from '../../src/models/scenario/loader.js';

const SMALL = fileURLToPath(new URL('./fixtures/small-estate.yaml', import.meta.url));

function request(over: Partial<OptimizeRequest> = {}): OptimizeRequest {
  return { doc: ScenarioDocument.fromFile(SMALL), fixed: [], groupBy: 'tier', budget: null, required: 0.95, trials: 6, confirmTrials: 8, maxExhaustive: 128, file: 'small-estate.yaml', ...over };
}

describe('plan space', () => {
  test('candidates per tier from the strategies, identical recovery sections merged; a single strategy rebuilds exactly', () => {
    const { scenario } = ScenarioDocument.fromFile(SMALL).load([]);
    const space = buildPlanSpace(scenario, 'tier');
    expect(space.groups.map((g) => g.label)).toEqual(['tier 1', 'tier 2']);
    expect(space.candidates.map((c) => c.map((x) => x.from[0]))).toEqual([['backup', 'async', 'cdp'], ['backup', 'async', 'cdp']]);
    expect(space.recoveries.map((r) => r.from)).toEqual([['backup'], ['async', 'cdp']]);
    expect(spaceSize(space)).toBe(18);
    expect(allChoices(space)).toHaveLength(18);
    scenario.strategies.forEach((s, i) => {
      const plan = planStrategy(scenario, space, singleStrategyChoice(space, scenario, i), s.name);
      expect(plan.assignments.map((a) => [a.vms, a.methods])).toEqual(s.assignments.filter((a) => a.vms.length > 0).map((a) => [a.vms, a.methods]));
      expect(plan.licences.perVmPerYear).toBeCloseTo(s.licences.perVmPerYear, 9);
      expect(plan.recovery).toEqual(s.recovery);
    });
  });
});

describe('optimize', () => {
  test('the heuristic finds the exhaustive optimum on a small case, and the confirmed plan meets what it claims', async () => {
    const evaluator = new Evaluator({ workers: 1 });
    const exhaustive = await optimize(request(), evaluator);
    const greedy = await optimize(request({ maxExhaustive: 1 }), evaluator);
    await evaluator.close();
    expect(exhaustive.method).toBe('exhaustive');
    expect(exhaustive.plansEvaluated).toBe(18);
    expect(greedy.method).toBe('coordinate-descent');
    expect(greedy.plansEvaluated).toBeLessThan(18);
    expect(greedy.chosen.choice).toEqual(exhaustive.chosen.choice);
    // Tier 1 keeps 5-min async replication; tier 2 is fine with nightly backups at a quarter of the licence.
    expect(exhaustive.chosen.description).toBe('tier 1: async; tier 2: backup; recovery: async');
    expect(exhaustive.chosen.search.annualTotal).toBeLessThan(exhaustive.bestSingle.search.annualTotal);
    expect(exhaustive.chosen.missed).toEqual([]);
    for (const g of exhaustive.chosen.confirmed.groups) {
      expect(g.rpoMet).toBeGreaterThanOrEqual(0.95);
      expect(g.rtoMet).toBeGreaterThanOrEqual(0.95);
    }
    expect(exhaustive.confirmTrials).toEqual([6, 13]);
  });

  test('the printed YAML is a valid strategy that protects exactly as the plan', async () => {
    const evaluator = new Evaluator({ workers: 1 });
    const r = await optimize(request({ groupBy: 'app' }), evaluator);
    await evaluator.close();
    const doc = ScenarioDocument.fromFile(SMALL);
    const indented = r.chosen.yaml.trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    const text = doc.text.replace(/\nfailures:/, `\n${indented}\nfailures:`);
    const { scenario } = parseScenario(text, 'pasted.yaml');
    const pasted = scenario.strategies.find((s) => s.name === 'optimized')!;
    const space = buildPlanSpace(doc.load([]).scenario, 'app');
    const plan = planStrategy(doc.load([]).scenario, space, r.chosen.choice, 'optimized');
    expect(pasted.assignments.filter((a) => a.vms.length > 0).map((a) => [a.vms, a.methods])).toEqual(plan.assignments.map((a) => [a.vms, a.methods]));
  });

  test('a budget below every plan is reported, not silently ignored', async () => {
    const evaluator = new Evaluator({ workers: 1 });
    const r = await optimize(request({ budget: 1000 }), evaluator);
    await evaluator.close();
    expect(r.chosen.missed).toContain('budget');
  });
});
