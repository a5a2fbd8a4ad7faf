import { describe, expect, test } from '@jest/globals';
import runTask from '../../src/experiment/worker.js';
import { NEEDS_SCENARIO } from '../../src/experiment/worker-protocol.js';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { scenario as build, vm } from '../support/scenario-builder.js';

describe('pool worker', () => {
  const s = build({ vms: [vm('a'), vm('b')] });

  test('asks for the scenario of a key it has not seen, then keeps its plan for the tasks that follow', () => {
    expect(runTask({ scenarioKey: 'k1', scenario: null, trials: [0] })).toBe(NEEDS_SCENARIO);
    const first = runTask({ scenarioKey: 'k1', scenario: s, trials: [0, 1] });
    const again = runTask({ scenarioKey: 'k1', scenario: null, trials: [1] });
    const plan = planTrials(s);
    expect(first).toEqual([runTrial(plan, 0), runTrial(plan, 1)]);
    expect(again).toEqual([runTrial(plan, 1)]);
    // Another scenario replaces the kept one.
    expect(runTask({ scenarioKey: 'k2', scenario: null, trials: [0] })).toBe(NEEDS_SCENARIO);
  });
});
