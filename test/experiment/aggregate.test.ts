import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../src/experiment/aggregate.js';
import { runTrials } from '../../src/experiment/runner.js';
import { SummaryBuilder } from '../../src/experiment/summarize.js';
import { scenario as build, vm } from '../support/scenario-builder.js';

describe('aggregate', () => {
  test('the headline summary is the site-disaster failure\'s, as a separate copy', async () => {
    const vms = Array.from({ length: 9 }, (_, i) => vm(`vm${i + 1}`, { tier: 1 + (i % 3), app: `app${i % 3}` }));
    const s = build({
      vms,
      methods: [{ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 5, retainedSnapshots: 24, compression: 0.5, link: 0, target: 1 }],
      linkBytesPerSecond: 20e6,
    });
    s.failures.hostFailure = { perYear: 0.2, repairSeconds: { kind: 'deterministic', value: 4 * 3600 }, haDetectionSeconds: 60 };
    s.simulation.trials = 5;
    const records = await runTrials(s, [0, 1, 2, 3, 4], { workers: 1 });
    const results = aggregate(s, records, { scenarioFile: 'test.yaml', version: '0.0.0' });
    const [strategy] = results.strategies;
    const k = results.analysis.failureKinds.indexOf('site-disaster');
    expect(k).toBeGreaterThanOrEqual(0);
    const disaster = strategy.failures[k];
    expect(strategy.summary.rpoSeconds).toEqual(disaster.rpoSeconds);
    expect(strategy.summary.rtoSeconds).toEqual(disaster.rtoSeconds);
    expect(strategy.summary.rpoSeconds).not.toBe(disaster.rpoSeconds);
    expect(strategy.summary.rtoSeconds.cdf).not.toBe(disaster.rtoSeconds.cdf);

    // And it is what a summary of every trial's site-disaster values gives.
    const rto = new SummaryBuilder();
    for (const r of records) rto.addTrial(r.strategies[0].events[k].rtoSeconds);
    expect(strategy.summary.rtoSeconds).toEqual(rto.build());
    expect(strategy.summary.rtoSeconds.count).toBeGreaterThan(0);
  });
});
