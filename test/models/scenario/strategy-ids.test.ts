/**
 * Issue 17, "ids": two strategy names that slug to one id ("Async 15" and "async-15", or two all-CJK
 * names) overwrote each other's chart files and made CSV rows ambiguous (and the results file then failed
 * drsim report's duplicate-id check). Ids are unique, deterministic and short enough for file names.
 */
import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../../src/experiment/aggregate.js';
import { planTrials, runTrial } from '../../../src/experiment/trial.js';
import { validateResultsShape } from '../../../src/report/validate-results.js';
import { buildCharts } from '../../../src/report/index.js';
import { baseId, MAX_BASE, strategyIds } from '../../../src/models/scenario/strategy-ids.js';
import { load, MINIMAL } from '../../support/scenario-helpers.js';

const withStrategies = (...names: string[]) => MINIMAL.replace(/strategies:[\s\S]*$/, 'strategies:\n' + names.map((n) =>
  `  - name: ${JSON.stringify(n)}\n    protect:\n      - select: all\n        methods: [ { method: async-replication, interval: 15 min } ]\n`).join(''));

describe('strategy ids', () => {
  test('colliding names get -2, -3 in file order; the same names always give the same ids', () => {
    expect(strategyIds(['Async 15', 'async-15', 'ASYNC 15!']).map((x) => x.id)).toEqual(['async-15', 'async-15-2', 'async-15-3']);
    expect(strategyIds(['x', 'x-2', 'X']).map((x) => x.id)).toEqual(['x', 'x-2', 'x-3']);
    expect(strategyIds(['Async 15', 'async-15'])).toEqual(strategyIds(['Async 15', 'async-15']));
  });

  test('names without ASCII letters or digits get distinct ids from their hash, whatever their order', () => {
    const [a, b] = strategyIds(['非同期レプリケーション', 'バックアップ']).map((x) => x.id);
    expect(a).toMatch(/^strategy-[0-9a-f]{8}$/);
    expect(b).toMatch(/^strategy-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(strategyIds(['バックアップ', '非同期レプリケーション']).map((x) => x.id)).toEqual([b, a]);
  });

  test('long names are cut to a short, file-safe id', () => {
    const id = baseId(`${'very long strategy name '.repeat(20)}`);
    expect(id.length).toBeLessThanOrEqual(MAX_BASE);
    expect(id).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
  });

  test('validation warns about a collision, naming both strategies', () => {
    const { warnings } = load(withStrategies('Async 15', 'async-15'));
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toContainEqual(expect.stringMatching(/^strategies\[1\]\.name: strategy "async-15" gets the id "async-15-2": "async-15" is the id of strategy "Async 15"/));
  });

  test('a run with colliding names writes unique ids and distinct chart files, and its results file is valid', () => {
    const { scenario } = load(withStrategies('Async 15', 'async-15', '非同期', 'バックアップ'));
    scenario.simulation.trials = 1;
    const results = aggregate(scenario, [runTrial(planTrials(scenario), 0)], { scenarioFile: 't.yaml', version: '' });
    const ids = results.strategies.map((s) => s.id);
    expect(new Set(ids).size).toBe(4);
    expect(() => validateResultsShape(results)).not.toThrow();
    // Each strategy's own charts (recovery timeline, DR hosts) are named by its id.
    const timeline = { kind: 'site-disaster' as const, trial: 0, vms: [{ name: 'db', tier: 3, priority: 3, host: 'rec-01', outcome: 'recovered', steps: [{ step: 'boot', startSeconds: 0, endSeconds: 60 }] }],
      hostUtilization: [{ host: 'rec-01', model: 'std', timeSeconds: [0, 60], cpuFraction: [0, 0.1], ramFraction: [0, 0.1] }] };
    const names = buildCharts({ ...results, strategies: results.strategies.map((s) => ({ ...s, timeline })) } as typeof results).map((c) => c.name);
    expect(names.filter((n) => n.startsWith('recovery-timeline-')).length).toBe(4);
    expect(new Set(names).size).toBe(names.length);
  });
});
