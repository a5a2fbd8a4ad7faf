/**
 * Assembling sensitivity results from runs made by hand: bars, verdict flips, and break-even with its
 * "exact" flag (a base run off the line through low and high makes the crossing approximate).
 */
import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { prepareSensitivity, sensitivityResults } from '../../src/experiment/sensitivity.js';
import type { StrategyResult, TargetCheck } from '../../src/models/results.js';
import { loadScenario } from '../../src/models/scenario/loader.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/sensitivity.yaml', import.meta.url));

type Run = Pick<StrategyResult, 'id' | 'name' | 'cost' | 'verdict'>;

const check = (status: TargetCheck['status']): TargetCheck => ({ scope: 'tier', name: '1', which: 'rpo', targetSeconds: 900, share: 0.9, ciLow: 0.8, ciHigh: 0.95, required: 0.95, status, moreTrials: null });

function run(name: string, total: number, status: TargetCheck['status'] = 'meets'): Run {
  return {
    id: name, name,
    cost: { capex: 0, annualOpex: 0, annualCapex: 0, expectedAnnualPenalty: total / 2, annualTotal: total, items: [] },
    verdict: { status, sustainable: true, checks: [check(status)] },
  };
}

/** Only the site disaster rate, from 50% to 150% of 0.05/year. */
function prepared() {
  const p = prepareSensitivity(loadScenario(FIXTURE).scenario, {});
  const site = p.inputs.find((i) => i.input === 'siteDisasterRate')!;
  p.base.sensitivity = { siteDisasterRate: { low: 0.5, high: 1.5 } };
  return { ...p, inputs: [{ ...site, lowFactor: 0.5, highFactor: 1.5 }] };
}

describe('sensitivityResults', () => {
  test('tape 1,000 + 1,000 f against replication 2,000 + 600 f: equal at f = 2.5 (0.125/year), beyond the range', () => {
    const p = prepared();
    const r = sensitivityResults(p, 'x', [run('tape', 2000), run('replication', 2600)], [{ low: [run('tape', 1500), run('replication', 2300)], high: [run('tape', 2500), run('replication', 2900)] }]);
    expect(r.strategies.map((s) => s.bars[0]!.swing)).toEqual([1000, 600]);
    expect(r.breakEven).toEqual([{
      input: 'siteDisasterRate', factor: 2.5, valueText: '0.125/year', cheaperBelow: 'tape', cheaperAbove: 'replication',
      annualTotalAtCrossing: 3500, changesCheapest: true, withinRange: false, exact: true,
    }]);
  });

  test('a base total off the line (a capped year bends it) marks the crossing approximate', () => {
    const p = prepared();
    const r = sensitivityResults(p, 'x', [run('tape', 2000), run('replication', 2650)], [{ low: [run('tape', 1500), run('replication', 2300)], high: [run('tape', 2500), run('replication', 2900)] }]);
    expect(r.breakEven[0]!.exact).toBe(false);
  });

  test('a verdict that differs at one end is listed, overall first, with all three statuses', () => {
    const p = prepared();
    const r = sensitivityResults(p, 'x', [run('tape', 2000, 'meets')], [{ low: [run('tape', 1500, 'meets')], high: [run('tape', 2500, 'misses')] }]);
    expect(r.strategies[0]!.bars[0]!.flips).toEqual([
      { check: 'overall', low: 'meets', base: 'meets', high: 'misses' },
      { check: 'tier 1 RPO', low: 'meets', base: 'meets', high: 'misses' },
    ]);
    expect(r.strategies[0]!.bars[0]!.verdict).toEqual({ low: 'meets', base: 'meets', high: 'misses' });
  });
});
