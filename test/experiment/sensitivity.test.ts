/**
 * `drsim sensitivity` on a small estate: common random numbers (a zero-width range gives exactly the base
 * numbers; the same seed, the same results), swings derived by hand where the model is linear in the input
 * (penalty = $/h × hours down; expected penalty = rate × consequence), and break-even solved by hand from
 * the base run's own numbers.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { Evaluator, trialRange } from '../../src/experiment/evaluator.js';
import { prepareSensitivity, runSensitivity, sensitivityRuns, type PreparedSensitivity } from '../../src/experiment/sensitivity.js';
import type { ResultsFile, SensitivityResults } from '../../src/models/results.js';
import { loadScenario } from '../../src/models/scenario/loader.js';
import { scenarioWithInput } from '../../src/models/sensitivity/inputs.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/sensitivity.yaml', import.meta.url));

let prepared: PreparedSensitivity;
let results: SensitivityResults;
/** The base run, evaluated on its own with full detail (same seed and trials). */
let base: ResultsFile;
let progress: number[];

beforeAll(async () => {
  const { scenario } = loadScenario(FIXTURE);
  prepared = prepareSensitivity(scenario, {});
  const evaluator = new Evaluator({ workers: 1 });
  try {
    progress = [];
    results = await runSensitivity(prepared, evaluator, FIXTURE, (done) => progress.push(done));
    base = (await evaluator.evaluate(prepared.base, trialRange(prepared.trials), FIXTURE)).results;
  } finally {
    await evaluator.close();
  }
}, 600_000);

const bar = (strategy: number, input: string) => results.strategies[strategy]!.bars.find((b) => b.input === input)!;
const penaltyOf = (r: ResultsFile, s: number, kind: string) => r.strategies[s]!.failures.find((f) => f.kind === kind)!.expectedPenaltyPerYear;
/** Totals and penalties are rounded to 1e-6 in results (summarize.ts round); a difference of three carries 3e-6. */
const ROUNDING = 1e-5;

describe('the inputs and their ranges', () => {
  test('stated ranges are used, the others go from 50% to 150%; inputs with nothing to scale are left out, with why', () => {
    const byKey = new Map(prepared.inputs.map((i) => [i.input, i]));
    expect(byKey.get('siteDisasterRate')).toMatchObject({ lowFactor: 0.25, highFactor: 4, stated: true, lowText: '0.0125/year', baseText: '0.05/year', highText: '0.2/year', linear: true });
    expect(byKey.get('downtimeCost')).toMatchObject({ lowFactor: 0.5, highFactor: 2, stated: true });
    expect(byKey.get('dataLossCost')).toMatchObject({ lowFactor: 0.5, highFactor: 1.5, stated: false });
    expect(prepared.skipped.map((s) => s.input)).toEqual(['hostFailureRate']);
    expect(prepared.skipped[0]!.reason).toMatch(/not in the failure model/);
    // Runs: the base and two per input, each of the scenario's trials; the progress counts all of them.
    expect(sensitivityRuns(prepared)).toBe(1 + 2 * prepared.inputs.length);
    expect(progress.at(-1)).toBe(sensitivityRuns(prepared) * prepared.trials);
  });
});

describe('common random numbers', () => {
  test('a zero-width range (changeRate: 100%–100%) gives exactly the base numbers, and so does a copy at factor 1', async () => {
    for (const s of results.strategies) {
      const b = s.bars.find((x) => x.input === 'changeRate')!;
      expect(b.annualTotal.low).toBe(s.base.annualTotal);
      expect(b.annualTotal.high).toBe(s.base.annualTotal);
      expect(b.swing).toBe(0);
      expect(b.flips).toEqual([]);
    }
    // Every kind of input at factor 1, simulated again: the same results to the last bit.
    const evaluator = new Evaluator({ workers: 1 });
    try {
      for (const key of ['declarationTime', 'compressionRatio'] as const) {
        const again = (await evaluator.evaluate(scenarioWithInput(prepared.base, key, 1), trialRange(prepared.trials), FIXTURE)).results;
        expect(JSON.stringify(again)).toBe(JSON.stringify(base));
      }
    } finally {
      await evaluator.close();
    }
  }, 300_000);

  test('the sensitivity base run is the plain run of the scenario (same seed, same trials)', () => {
    results.strategies.forEach((s, i) => {
      expect(s.base.annualTotal).toBe(base.strategies[i]!.cost.annualTotal);
      expect(s.base.verdict).toBe(base.strategies[i]!.verdict.status);
    });
  });
});

describe('swings derived by hand where the model is linear', () => {
  test('downtime cost: the swing is (high − low) × $5,000/h × the expected hours down a year (one rate for every application)', () => {
    base.strategies.forEach((s, i) => {
      const hours = s.summary.expectedDowntimeHoursPerYear;
      const b = bar(i, 'downtimeCost');
      expect(hours).toBeGreaterThan(0);
      // Exact but for rounding: the summary's hours are the three failure kinds' hours, each rounded to 1e-6,
      // summed and rounded again (at most 4 × 0.5e-6 h off), times the rate and the multiplier's span.
      const hoursRounding = 4 * 0.5e-6;
      expect(Math.abs(b.swing - (2 - 0.5) * 5000 * hours)).toBeLessThan((2 - 0.5) * 5000 * hoursRounding + ROUNDING);
      expect(Math.abs(b.annualTotal.high - b.annualTotal.base - (2 - 1) * 5000 * hours)).toBeLessThan((2 - 1) * 5000 * hoursRounding + ROUNDING);
    });
  });

  test.each([
    ['siteDisasterRate', 'site-disaster', 0.25, 4],
    ['storageFailureRate', 'storage-failure', 0.5, 1.5],
    ['corruptionRate', 'corruption', 0.5, 1.5],
  ])('%s: the penalty scales with the rate (rate × consequence): Δ = (factor − 1) × that failure kind\'s expected penalty', (input, kind, low, high) => {
    base.strategies.forEach((_, i) => {
      const p = penaltyOf(base, i, kind);
      const b = bar(i, input);
      expect(Math.abs(b.expectedAnnualPenalty.low - b.expectedAnnualPenalty.base - (low - 1) * p)).toBeLessThan(ROUNDING);
      expect(Math.abs(b.expectedAnnualPenalty.high - b.expectedAnnualPenalty.base - (high - 1) * p)).toBeLessThan(ROUNDING);
      // Outlays do not move with a failure rate: the totals move by the penalty's change alone.
      expect(Math.abs(b.annualTotal.high - b.annualTotal.low - (high - low) * p)).toBeLessThan(ROUNDING);
    });
  });

  test('bars are sorted by swing, largest first', () => {
    for (const s of results.strategies) {
      const swings = s.bars.map((b) => b.swing);
      expect(swings).toEqual([...swings].sort((a, b) => b - a));
    }
  });
});

describe('break-even', () => {
  test('the site disaster rates where two strategies cost the same, solved by hand from the base run', () => {
    // total_s(f) = K_s + f × P_s, where P_s is the site disasters' expected penalty at the scenario's rate.
    const lines = base.strategies.map((s, i) => ({ name: s.name, P: penaltyOf(base, i, 'site-disaster'), K: s.cost.annualTotal - penaltyOf(base, i, 'site-disaster') }));
    const expected: { factor: number; below: string; above: string }[] = [];
    for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      const f = (b.K - a.K) / (a.P - b.P);
      if (f > 0 && Number.isFinite(f)) expected.push({ factor: f, below: a.P > b.P ? a.name : b.name, above: a.P > b.P ? b.name : a.name });
    }
    expect(expected.length).toBeGreaterThan(0);
    const got = results.breakEven.filter((b) => b.input === 'siteDisasterRate');
    expect(got).toHaveLength(expected.length);
    for (const e of expected) {
      const g = got.find((x) => x.cheaperBelow === e.below && x.cheaperAbove === e.above)!;
      expect(g).toBeDefined();
      expect(Math.abs(g.factor - e.factor) / e.factor).toBeLessThan(1e-6);
      expect(g.valueText).toBe(`${Number((0.05 * g.factor).toPrecision(3))}/year`);
      expect(g.exact).toBe(true);
    }
  });

  test('only linear inputs get break-even values', () => {
    const linear = new Set(results.inputs.filter((i) => i.linear).map((i) => i.input));
    for (const b of results.breakEven) expect(linear.has(b.input)).toBe(true);
  });
});
