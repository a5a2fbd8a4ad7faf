import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { aggregate } from '../../src/experiment/aggregate.js';
import { runTrials } from '../../src/experiment/runner.js';
import { drawTrialFailures } from '../../src/models/failures/draws.js';
import type { ResultsFile, Summary } from '../../src/models/results.js';
import { drawLinkOutages } from '../../src/models/failures/outages.js';
import type { Scenario } from '../../src/models/scenario/model.js';
import { loadScenario } from '../../src/models/scenario/loader.js';
import { RandomStreams } from '../../src/sim/random.js';

/**
 * synthetic-10k.yaml: the loaded estate, and one trial (a few seconds) whose site disaster at t checks the
 * closed forms for all 10,000 VMs at once (see examples.test.ts for the forms). With one trial a tier's
 * summary has mean = max only if every VM of the tier has that value. The trial is the first whose instant
 * meets the preconditions below (chosen from the failure and outage draws alone).
 *
 * Write rates at their busiest hour (bounds for any instant). writeScale lognormal(median 1, p95 3) has mean
 * exp(σ²/2) = 1.25 (σ = ln 3/1.645), (median 1, p95 4) 1.43. Tier 1: 500 × 60 GB/day × 1.25 = 434 MB/s,
 * × 2.58 (business-hours' busiest) = 1.12 GB/s; tier 2: 2,500 × 8 × 1.25 GB/day = 289 MB/s, × 2.58 = 0.75 GB/s;
 * tier 3: 7,000 × 2 × 1.43 GB/day = 231 MB/s, × 1.53 (24x7-web's busiest) = 0.35 GB/s. Link: 10 Gbit/s × 75% =
 * 937.5 MB/s. Unique fractions: 60% at 15 min, 52.5% at 30 min, 45% at 1 h, 25% at 1 day; async compression 50%.
 */
const DAY = 86400;
const H = 3600;
let scenario: Scenario;
let results: ResultsFile;
let t: number;
let trial: number;

beforeAll(async () => {
  scenario = loadScenario(fileURLToPath(new URL('../../scenarios/synthetic-10k.yaml', import.meta.url))).scenario;
  scenario.simulation.trials = 1;
  // runExperiment minus the report's representative timelines (a re-run of each strategy: twice the time).
  const streams = new RandomStreams(scenario.simulation.seed);
  for (trial = 0; ; trial++) {
    if (trial >= 200) throw new Error('no trial of 200 meets the closed forms\' preconditions');
    t = drawTrialFailures(scenario, streams, trial).events[0].atSeconds;
    if (preconditions()) break;
  }
  results = aggregate(scenario, await runTrials(scenario, [trial], { workers: 1 }), { scenarioFile: 'synthetic-10k.yaml', version: 'test' });
});

const since = (period: number, offset = 0) => (((t - offset) % period) + period) % period;

/** The bounds on L derived in the RPO test below, and the link up over the day before the instant. */
function preconditions(): boolean {
  const [outages] = drawLinkOutages(scenario, new RandomStreams(scenario.simulation.seed), trial, t + 1);
  return since(DAY, 22 * H) > 6 * H && since(900) > 400 && since(1800) > 1000 && since(H) > 1850 && outages.every((o) => !(o.startSeconds < t && o.endSeconds > t - DAY));
}

function allEqual(s: Summary, count: number, value: number): void {
  expect(s.count).toBe(count);
  expect(s.mean).toBeCloseTo(value, 5);
  expect(s.max).toBeCloseTo(value, 5);
}

function tiers(name: string): Summary[] {
  return results.strategies.find((s) => s.name === name)!.summary.byTier.map((x) => x.rpoSeconds);
}

describe('synthetic-10k.yaml', () => {
  test('10,000 VMs in three tiers, 50 database applications, 150 DR hosts with room for all', () => {
    const count = (tier: number) => scenario.vms.filter((v) => v.tier === tier).length;
    expect([scenario.vms.length, count(1), count(2), count(3)]).toEqual([10000, 500, 2500, 7000]);
    expect(new Set(scenario.vms.filter((v) => v.tier === 1).map((v) => v.consistencyGroup)).size).toBe(50); // svc{i/10}
    expect(results.scenario.counts.drHosts).toBe(150);
    // 150 × (64 cores × 5) = 48,000 vCPUs and 150 × 1,024 GiB × 0.9 = 138,240 GiB, against 500 × 8 + 2,500 × 4 +
    // 7,000 × 2 = 28,000 vCPUs and 500 × 64 + 2,500 × 16 + 7,000 × 4 = 100,000 GiB: nobody waits for room.
    for (const s of results.strategies) expect(s.summary.notRecovered).toBe(0);
  });

  test('RPOs: the time since the last backup, 15-min, 30-min or hourly slot, for every VM of each tier', () => {
    // Precondition: the link is up over the day before the instant.
    const [outages] = drawLinkOutages(scenario, new RandomStreams(scenario.simulation.seed), trial, t + 1);
    expect(outages.filter((o) => o.startSeconds < t && o.endSeconds > t - DAY)).toEqual([]);
    // Nightly backups: ≈ 82.5 TB written a day × 25% unique × 40–50% compressed ≈ 9.4 TB, 2.8 h over the link
    // (3 GB/s into the object store), under 2× that beside replication: offsite long before the 6 h since 22:00.
    const backup = since(DAY, 22 * H);
    expect(backup).toBeGreaterThan(6 * H);
    // 15-min async of tier 1: 1.12 GB/s × 900 s × 60% × 50% = 302 GB, L ≈ 322 s < 400 s.
    const quarter = since(900);
    expect(quarter).toBeGreaterThan(400);
    // 30-min async of tiers 1–2: (1.12 + 0.75) GB/s × 1,800 s × 52.5% × 50% = 882 GB, L ≈ 940 s < 1,000 s.
    const half = since(1800);
    expect(half).toBeGreaterThan(1000);
    // Hourly async of tiers 2–3 beside tier 1's CDP stream (≤ 1.12 GB/s × 40% = 448 MB/s):
    // (0.75 + 0.35) GB/s × 3,600 s × 45% × 50% = 891 GB at ≥ 489 MB/s: L ≤ 1,822 s < 1,850 s.
    const hour = since(H);
    expect(hour).toBeGreaterThan(1850);

    const [b1, b2, b3] = tiers('backup-only');
    for (const [s, n] of [[b1, 500], [b2, 2500], [b3, 7000]] as const) allEqual(s, n, backup);
    const [a1, a2, a3] = tiers('async-tier1');
    allEqual(a1, 500, quarter);
    allEqual(a2, 2500, backup);
    allEqual(a3, 7000, backup);
    const [h1, h2, h3] = tiers('async-tiers-1-2');
    allEqual(h1, 500, half);
    allEqual(h2, 2500, half);
    allEqual(h3, 7000, backup);
    const [, c2, c3] = tiers('cdp-tier1');
    allEqual(c2, 2500, hour);
    allEqual(c3, 7000, hour);
  });
});
