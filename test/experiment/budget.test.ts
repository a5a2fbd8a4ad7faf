/** Issue 17, "resource exhaustion": the run's cost is estimated from the resolved scenario before it starts. */
import { describe, expect, test } from '@jest/globals';
import { budgetProblem, DEFAULT_MAX_VM_TRIALS, estimateRun, failureKindsOf, runLimits } from '../../src/experiment/budget.js';
import { shardBounds, shardTrials } from '../../src/experiment/experiment.js';
import { scenario, vm } from '../support/scenario-builder.js';
import type { Scenario } from '../../src/models/scenario/model.js';

describe('run budget', () => {
  const sc = scenario({ vms: [vm('a'), vm('b')] });

  test('VM-trials and memory follow VMs × strategies × trials', () => {
    const e = estimateRun(sc, 1000);
    expect(e.vmTrials).toBe(2 * 1 * 1000);
    expect(e.recordBytes).toBeGreaterThan(1000 * 2 * 21);
    expect(budgetProblem(e, runLimits(), 2)).toBeNull();
  });

  test('failure kinds: site disasters always, corruption only when a source is given (a list, empty when off)', () => {
    expect(failureKindsOf(sc)).toBe(1 + (sc.failures.storageFailure !== null ? 1 : 0) + (sc.failures.hostFailure !== null ? 1 : 0));
    const source = { scope: 'vm', perYear: 1, draw: 'uniform-unit', detectionSeconds: sc.failures.corruption[0]?.detectionSeconds ?? { kind: 'constant', value: 0 } } as Scenario['failures']['corruption'][number];
    expect(failureKindsOf({ ...sc, failures: { ...sc.failures, corruption: [source] } })).toBe(failureKindsOf(sc) + 1);
  });

  test('10⁹ trials are refused with the estimate and what to do; --allow-large lifts the work limit', () => {
    const e = estimateRun(sc, 1e9);
    expect(budgetProblem(e, runLimits(), 2)).toMatch(/^this run would use too much memory: 2 VMs × 1 strategy × 1,000,000,000 trials = 2,000,000,000 VM-trials \(about [\d.]+ (h|days) on 2 cores\), holding about [\d,]+ GiB .*Lower --trials or split it with --shard i\/n, or run with --allow-large$/);
    const work = estimateRun(sc, DEFAULT_MAX_VM_TRIALS / 2 + 1);
    work.recordBytes = 0;
    expect(budgetProblem(work, runLimits(), 2)).toMatch(/^this run is too large: .* above the limit of 200,000,000 VM-trials/);
    expect(budgetProblem(work, runLimits(true), 2)).toBeNull();
  });

  test('per-VM results beyond the JS heap are refused even with --allow-large', () => {
    const e = { ...estimateRun(sc, 1), resultBytes: 1e13 };
    expect(budgetProblem(e, runLimits(true), 2)).toMatch(/too large for this process's memory.*--max-old-space-size/);
  });

  test('a shard of 10⁹ trials allocates only its own slice', () => {
    expect(shardBounds(1e9, { index: 999, count: 1000 })).toEqual({ start: 999_000_000, end: 1e9 });
    expect(shardTrials(10, { index: 1, count: 3 })).toEqual([3, 4, 5]);
  });
});
