/**
 * A trial's record of a strategy is what that strategy alone would give: strategies share the trial's draws
 * (failures, outages, bursts), not each other's simulated span. Since issue 20 they may simulate different spans
 * (failures/draws.ts strategyHorizonSeconds: a strategy no copy of which survives an attack stops at the
 * horizon), so write curves built for one span must not serve another, and bursts drawn over the longest span
 * serve a shorter one cut at its end (groups.ts episodesUntil).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { drawTrialFailures, strategyHorizonSeconds } from '../../src/models/failures/draws.js';
import { parseScenario } from '../../src/models/scenario/loader.js';
import { RandomStreams } from '../../src/sim/random.js';

// scenarios/ransomware.yaml with bursts on the database workload (its curves then depend on the trial's draws).
const text = readFileSync(fileURLToPath(new URL('../../scenarios/ransomware.yaml', import.meta.url)), 'utf8')
  .replace('{ name: database, averageWrite: 80 GB/day, profile: business-hours, compression: 50% }', '{ name: database, averageWrite: 80 GB/day, profile: business-hours, compression: 50%, burst: { multiplier: 3, duration: 10 min, perDay: 4 } }');
const load = (keep: string[]) => {
  const { scenario } = parseScenario(text, 'ransomware-bursts.yaml');
  scenario.strategies = scenario.strategies.filter((s) => keep.includes(s.name));
  return scenario;
};

describe('trial records per strategy', () => {
  test('a strategy stopped at the horizon and one carried to the detection each match their run alone', () => {
    const both = load(['nightly-backup', 'immutable-backup']);
    expect(both.strategies.map((s) => s.name)).toEqual(['nightly-backup', 'immutable-backup']);
    expect(both.workloads.some((w) => w.burst !== null)).toBe(true);
    const plan = planTrials(both);
    const alone = ['nightly-backup', 'immutable-backup'].map((name) => planTrials(load([name])));
    let differentSpans = 0;
    for (let t = 0; t < 3; t++) {
      const failures = drawTrialFailures(both, new RandomStreams(both.simulation.seed), t);
      const [h0, h1] = both.strategies.map((s) => strategyHorizonSeconds(both, s, failures));
      if (h0 !== h1) differentSpans++;
      const record = runTrial(plan, t);
      alone.forEach((p, s) => expect(record.strategies[s]).toEqual(runTrial(p, t).strategies[0]));
    }
    // The unprotected nightly backups stop at the horizon while the locked ones run on to the detection.
    expect(differentSpans).toBeGreaterThan(0);
  }, 120_000);
});
