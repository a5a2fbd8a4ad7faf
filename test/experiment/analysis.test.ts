/**
 * failures.analysis is honoured: without the annualized view nothing is weighed by frequency (no expected
 * downtime, loss or penalties; costs are outlays only); the conditional view cannot be left out.
 */
import { describe, expect, test } from '@jest/globals';
import { runExperiment } from '../../src/experiment/experiment.js';
import { parseScenario, ScenarioError } from '../../src/models/scenario/loader.js';
import { scenario as build } from '../support/scenario-builder.js';

describe('failures.analysis', () => {
  test('conditional only: the same RPO/RTO, no expected penalties, and the cost is the outlays', async () => {
    const both = build({ methods: [{ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 }], horizonSeconds: 3 * 86400 });
    both.simulation.trials = 4;
    const conditional = structuredClone(both);
    conditional.failures.analysis = { conditional: true, annualized: false };
    const a = (await runExperiment(both, 'x', '0', { workers: 1 })).strategies[0];
    const c = await runExperiment(conditional, 'x', '0', { workers: 1 });
    const b = c.strategies[0];
    expect(b.summary.rpoSeconds).toEqual(a.summary.rpoSeconds);
    expect(b.summary.rtoSeconds).toEqual(a.summary.rtoSeconds);
    expect(a.cost.expectedAnnualPenalty).toBeGreaterThan(0);
    expect(b.cost.expectedAnnualPenalty).toBe(0);
    expect(b.summary.expectedDowntimeHoursPerYear).toBe(0);
    expect(b.failures.every((f) => f.expectedPenaltyPerYear === 0 && f.expectedDowntimeHoursPerYear === 0 && f.expectedDataLossHoursPerYear === 0)).toBe(true);
    expect(b.cost.annualTotal).toBeCloseTo(a.cost.annualTotal - a.cost.expectedAnnualPenalty, 4);
    expect(c.analysis.annualized).toBe(false);
    expect(c.scenario.assumptions.join('\n')).toMatch(/Annualized view off/);
  });

  test('leaving out the conditional view is an error saying why', () => {
    const yaml = `
name: t
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
failures: { analysis: [annualized] }
`;
    expect(() => parseScenario(yaml, 't.yaml')).toThrow(ScenarioError);
    try { parseScenario(yaml, 't.yaml'); } catch (e) {
      expect((e as ScenarioError).problems.map((p) => p.message).join()).toMatch(/the conditional view cannot be left out/);
    }
  });
});
