import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../src/experiment/aggregate.js';
import type { EventRecord, StrategyTrialRecord, TrialRecord } from '../../src/experiment/trial.js';
import type { FailureKind } from '../../src/models/results.js';
import { runExperiment } from '../../src/experiment/experiment.js';
import { scenario as build, vm } from '../support/scenario-builder.js';
import { load, MINIMAL } from '../support/scenario-helpers.js';

/**
 * aggregate() on hand-made trial records, so every expected number below is arithmetic on the values
 * written here (not a second run of the code's own summarizer). Three VMs: vm1 (tier 1), vm2 and vm3
 * (tier 2); one primary host; site disasters at 0.01/year and host failures at 0.2/year per host.
 * Outcome code 1 is 'no-capacity' (OUTCOME_CODES[1]).
 */
const H = 3600;
const s = build({
  vms: [
    vm('vm1', { tier: 1, rpoSeconds: 450, rtoSeconds: 4 * H, downtimeCostPerHour: 1000, dataLossCostPerHour: 500 }),
    vm('vm2', { tier: 2, rpoSeconds: 3600, rtoSeconds: 4 * H, downtimeCostPerHour: 1000, dataLossCostPerHour: 500 }),
    vm('vm3', { tier: 2, rpoSeconds: 600, rtoSeconds: 4 * H, downtimeCostPerHour: 1000, dataLossCostPerHour: 500 }),
  ],
  methods: [{ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 }],
});
s.failures.siteDisaster = { site: 0, perYear: 0.01 };
s.failures.hostFailure = { perYear: 0.2, repairSeconds: { kind: 'deterministic', value: 4 * H }, haDetectionSeconds: 60 };

function event(kind: FailureKind, vms: number[], rpo: number[], rto: number[], outcome: number[]): EventRecord {
  return { kind, vms: Int32Array.from(vms), rpoSeconds: Float64Array.from(rpo), rtoSeconds: Float64Array.from(rto), outcome: Uint8Array.from(outcome), drHostsUsed: 1 };
}

function trial(t: number, siteRpo: number[], siteRto: number[], siteOutcome: number[], linkMean: number): TrialRecord {
  const record: StrategyTrialRecord = {
    // The host failure is listed first: the headline must still be the site disaster.
    events: [event('host-failure', [0], [0], [180], [0]), event('site-disaster', [0, 1, 2], siteRpo, siteRto, siteOutcome)],
    links: [{ usableBytesPerSecond: 10e6, meanBytesPerSecond: linkMean, p95BytesPerSecond: 2 * linkMean, p98BytesPerSecond: 2.5 * linkMean, peakBytesPerSecond: 3 * linkMean, utilization: linkMean / 10e6, backlogPeakBytes: 1e9 * (t + 1), demandBytesPerSecond: 1e6, weekBytesPerSecond: new Float64Array(168).fill(linkMean), lagGrowthSeconds: 0, lagGrowthAllowanceSeconds: 0 }],
    storage: { replicaBytes: 1e12, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0, stores: [], arrays: [] },
    impact: { syncWriteLatencySeconds: 0, throttledBytes: 0, syncWrittenBytes: 0, haltedSeconds: 0, agentVcpuSeconds: 0, throttledVmSeconds: 0, throttledCosts: [] },
    protectionHorizonSeconds: 7 * 86400, simulatedEvents: 0,
  };
  return { trial: t, strategies: [record] };
}

// Site-disaster RPO/RTO per trial (vm1, vm2, vm3); vm3 is not recovered (no capacity) in trial 1.
const records = [
  trial(0, [100, 200, 300], [1000, 2000, 3000], [0, 0, 0], 1e6),
  trial(1, [400, 500, NaN], [4000, 5000, NaN], [0, 0, 1], 2e6),
  trial(2, [700, 800, 900], [7000, 8000, 9000], [0, 0, 0], 3e6),
];

describe('aggregate (hand-made trial records)', () => {
  const results = aggregate(s, records, { scenarioFile: 'test.yaml', version: '0.0.0' });
  const [strategy] = results.strategies;
  const site = strategy.failures.find((f) => f.kind === 'site-disaster')!;
  const host = strategy.failures.find((f) => f.kind === 'host-failure')!;

  test('the headline RPO summary counts the unrecovered VM as later than the horizon (censored)', () => {
    const rpo = strategy.summary.rpoSeconds;
    // 100, 200, 300, 400, 500, 700, 800, 900 and vm3's not recovered (+∞): n = 9, one censored.
    expect([rpo.count, rpo.censored]).toEqual([9, 1]);
    // Type-7 median: h = (9 − 1)·0.5 = 4 → the 5th value, 500. p95: h = 7.6 needs the +∞: unknown.
    expect(rpo.p50).toBe(500);
    expect([rpo.p95, rpo.max, rpo.mean, rpo.ciLow, rpo.ciHigh]).toEqual([null, null, null, null, null]);
    // The headline is the site disaster's summary, as an independent copy.
    expect(rpo).toEqual(site.rpoSeconds);
    expect(rpo).not.toBe(site.rpoSeconds);
    expect(strategy.summary.rtoSeconds.cdf).not.toBe(site.rtoSeconds.cdf);
  });

  test('targets met and not-recovered fractions, overall, per tier and per VM', () => {
    // RPO targets 450, 3600, 600 s: vm1 meets 2 of 3 (700 > 450), vm2 3 of 3, vm3 1 of 3 (900 > 600; not
    // recovered counts as missed). RTO targets (4 h) are missed only by the unrecovered VM.
    expect(strategy.summary.rpoTargetMet).toBeCloseTo(6 / 9, 6);
    expect(strategy.summary.rtoTargetMet).toBeCloseTo(8 / 9, 6);
    expect(strategy.summary.notRecovered).toBeCloseTo(1 / 9, 6);
    expect(strategy.summary.notRecoveredReasons).toEqual({ 'no-capacity': expect.closeTo(1 / 9, 6), 'no-clean-point': 0, 'not-offsite': 0, 'not-protected': 0 });
    const [tier1, tier2] = strategy.summary.byTier;
    expect([tier1.tier, tier1.vmCount, tier1.rpoSeconds.count, tier1.rpoSeconds.mean]).toEqual([1, 1, 3, 400]);
    // Tier 1 (vm1) always comes back: a mean with the t-interval of per-trial means 100, 400, 700 (sd 300,
    // t(0.975, 2) = 4.302653 → half-width 745.24).
    const half = (4.302653 * 300) / Math.sqrt(3);
    expect(tier1.rpoSeconds.ciLow).toBeCloseTo(400 - half, 3);
    expect(tier1.rpoSeconds.ciHigh).toBeCloseTo(400 + half, 3);
    expect(tier1.rpoTargetMet).toBeCloseTo(2 / 3, 6);
    // Tier 2: 200, 300, 500, 800, 900 and one not recovered: six observations, the mean unknown.
    expect([tier2.tier, tier2.vmCount, tier2.rpoSeconds.count, tier2.rpoSeconds.censored, tier2.rpoSeconds.mean]).toEqual([2, 2, 6, 1, null]);
    expect(tier2.rpoTargetMet).toBeCloseTo(4 / 6, 6);
    expect(tier2.notRecovered).toBeCloseTo(1 / 6, 6);
    expect(tier2.rpoTargetSeconds).toBe(600); // the tier's strictest target
    const vm3 = strategy.vms[2];
    // vm3: 300, 900 and one not recovered: p50 = 900 (h = 1), no max, no mean.
    expect([vm3.rpoSeconds.count, vm3.rpoSeconds.censored, vm3.rpoSeconds.p50, vm3.rpoSeconds.mean, vm3.rpoSeconds.max, vm3.rtoSeconds.mean]).toEqual([3, 1, 900, null, null, null]);
    expect(vm3.notRecovered).toBeCloseTo(1 / 3, 6);
    expect(vm3.rpoTargetMet).toBeCloseTo(1 / 3, 6);
  });

  test('annualized view: rate × mean per-trial penalty, an unrecovered VM counting 168 h (costs.unrecoveredOutage) down and lost', () => {
    // Each VM is its own application here (no app:), charged at its own rates; not recovered = 7 days.
    expect(s.costs.unrecoveredOutageSeconds).toBe(168 * 3600);
    // Per trial, Σ over VMs of downtime h × $1,000 + loss h × $500:
    //   trial 0: 6,000 s down (1.667 h) and 600 s lost (0.167 h): 1,666.67 + 83.33 = 1,750;
    //   trial 1: 9,000 s (2.5 h) and 900 s (0.25 h), plus vm3's 168 h + 168 h: 2,625 + 252,000 = 254,625;
    //   trial 2: 24,000 s (6.667 h) and 2,400 s (0.667 h): 6,666.67 + 333.33 = 7,000.
    // Mean 87,791.67 a site disaster × 0.01 a year = 877.92.
    expect(site.eventsPerYear).toBe(0.01);
    expect(site.expectedPenaltyPerYear).toBeCloseTo(0.01 * (1750 + 254625 + 7000) / 3, 5);
    expect(site.expectedDowntimeHoursPerYear).toBeCloseTo(0.01 * (6000 / H + 9000 / H + 168 + 24000 / H) / 3, 6);
    expect(site.expectedDataLossHoursPerYear).toBeCloseTo(0.01 * (600 / H + 900 / H + 168 + 2400 / H) / 3, 6);
    expect(site.affectedVmsMean).toBe(3);
    expect(site.notRecovered).toBeCloseTo(1 / 9, 6);
    // Host failures: 0.2 a year × 1 primary host; vm1 down 180 s each time, no loss: 0.05 h × $1,000 × 0.2 = $10.
    expect(host.eventsPerYear).toBe(0.2);
    expect(host.expectedPenaltyPerYear).toBeCloseTo(10, 6);
    expect(host.rtoSeconds.mean).toBe(180);
    expect(strategy.cost.expectedAnnualPenalty).toBeCloseTo(0.01 * (1750 + 254625 + 7000) / 3 + 10, 5);
  });

  test('WAN traffic: time-weighted means averaged over trials, peaks and backlogs as maxima, in bits', () => {
    const [wan] = strategy.summary.wanBitsPerSecond;
    expect(wan.meanBitsPerSecond).toBe(8 * 2e6); // trial means 1, 2, 3 MB/s
    expect(wan.p95BitsPerSecond).toBe(8 * 4e6);
    expect(wan.peakBitsPerSecond).toBe(8 * 9e6); // max of 3, 6, 9 MB/s
    expect(wan.backlogPeakBytes).toBe(3e9);
    expect(wan.usableBitsPerSecond).toBe(8 * 10e6); // the builder's 10 MB/s at efficiency 1
    expect(strategy.wanWeek[0].meanBitsPerSecond.every((x) => x === 8 * 2e6)).toBe(true);
  });
});

describe('the assumptions say what a run extended and what it assumed at time 0', () => {
  test('the seeded backup: assumed at DR at time 0 over the WAN, modelled on tape, and the first backup a full when it opens a full period', () => {
    const said = aggregate(s, records, { scenarioFile: 'test.yaml', version: '0.0.0' }).scenario.assumptions.join('\n');
    expect(said).toMatch(/every backup chain is whole: it holds a full taken at its schedule's previous slot \(last night's, before time 0\), assumed already at DR when copied over the WAN or kept on a remote target, while on tape it waits for the next pickup like any backup/);
    expect(said).toMatch(/The first scheduled backup is a full when its slot opens a full period \(daily fulls: every night; weekly fulls: the first window of each week, from Monday\)/);
  });

  test('monthly tapes under a 7-day horizon: warm-up, span and phase notes, the seeded backup — worked out by hand', async () => {
    // Weekly fulls and nightly incrementals at 22:00 on tapes picked up every 30 days (09:00), 1 day in transit.
    // Warm-up = the first window (22 h) + one period (1 day) + a whole shipping interval and the transit (31 days)
    // = 32 d 22 h; the span after it ≥ the 30-day cycle in whole weeks (the weekly fulls' period) = 5 weeks, which
    // 30 days does not divide: 35 − 30 = 5 days of its phase are seen twice.
    const text = MINIMAL + '  - name: tapes\n    protect:\n      - select: all\n        methods:\n' +
      '          - { method: backup, schedule: { full: 7 days, incremental: 1 day }, window: "22:00", offsite: { tape: { every: 30 days, transit: 1 day } }, retention: 90 days }\n' +
      'simulation: { horizon: 7 days, warmup: 1 day, trials: 2, seed: 1 }\n';
    const { scenario } = load(text);
    const warmup = 32 * 86400 + 22 * H;
    const results = await runExperiment(scenario, 't.yaml', '0', { workers: 1 });
    expect(results.horizonSeconds).toBe(warmup + 35 * 86400);
    const said = results.scenario.assumptions.join('\n');
    expect(said).toMatch(/The warm-up was extended from 24 h to 32\.9 days: backup in strategy "tapes" needs that long from the seeded start/);
    expect(said).toMatch(/extended from 6 days to 5 weeks: it must cover the longest protection cycle \(30 days, backup in strategy "tapes"\) in whole weeks/);
    expect(said).toMatch(/The 30 days cycle of backup in strategy "tapes" does not divide the span of 5 weeks: failures see 5 days of its phase once more/);
    expect(said).toMatch(/every backup chain is whole: it holds a full taken at its schedule's previous slot .* while on tape it waits for the next pickup like any backup/);
  });
});

describe('business impact per application', () => {
  // An order system of 10 VMs at $25,000/h down and $10,000/h of lost updates, plus a loose VM at $100/h.
  // Its web tier (VMs 0–5) is stateless; VM 6–9 hold data.
  const vms = [
    ...Array.from({ length: 10 }, (_, i) => vm(`ord${i}`, { app: 'orders', stateless: i < 6, downtimeCostPerHour: 25000, dataLossCostPerHour: 10000, rpoSeconds: 900, rtoSeconds: 4 * H })),
    vm('loose', { downtimeCostPerHour: 100, dataLossCostPerHour: 50 }),
  ];
  const sc = build({ vms, methods: [{ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 }] });
  sc.failures.siteDisaster = { site: 0, perYear: 0.1 };
  const all = vms.map((_, i) => i);
  const record = (rto: number[], rpo: number[], outcome = all.map(() => 0)): TrialRecord => ({
    trial: 0,
    strategies: [{
      events: [event('site-disaster', all, rpo, rto, outcome)],
      links: [{ usableBytesPerSecond: 10e6, meanBytesPerSecond: 0, p95BytesPerSecond: 0, p98BytesPerSecond: 0, peakBytesPerSecond: 0, utilization: 0, backlogPeakBytes: 0, demandBytesPerSecond: 0, weekBytesPerSecond: new Float64Array(168), lagGrowthSeconds: 0, lagGrowthAllowanceSeconds: 0 }],
      storage: { replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0, stores: [], arrays: [] },
      impact: { syncWriteLatencySeconds: 0, throttledBytes: 0, syncWrittenBytes: 0, haltedSeconds: 0, agentVcpuSeconds: 0, throttledVmSeconds: 0, throttledCosts: [] },
      protectionHorizonSeconds: 7 * 86400, simulatedEvents: 0,
    }],
  });

  test('an application of 10 VMs whose last VM is up at 3 h costs 3 h × its $/h per failure, once, and loses its worst data-bearing VM\'s updates', () => {
    // VMs come back at 1 h … 3 h (the last, ord9, at 3 h); the web servers lost 40 min, the databases 10–25 min.
    const rto = [...Array.from({ length: 10 }, (_, i) => H + (i * 2 * H) / 9), 2 * H];
    const rpo = [...Array.from({ length: 6 }, () => 2400), 600, 900, 1200, 1500, 300];
    const r = aggregate(sc, [record(rto, rpo)], { scenarioFile: 't', version: '0' });
    const site = r.strategies[0].failures[0];
    // orders: 3 h × $25,000 + 1,500 s (ord9, the worst data-bearing; the web tier's 40 min do not count) × $10,000/h;
    // loose: 2 h × $100 + 300 s × $50/h. Per event, × 0.1 a year.
    const orders = 3 * 25000 + (1500 / H) * 10000;
    const loose = 2 * 100 + (300 / H) * 50;
    expect(site.expectedPenaltyPerYear).toBeCloseTo(0.1 * (orders + loose), 6);
    expect(site.expectedDowntimeHoursPerYear).toBeCloseTo(0.1 * (3 + 2), 9);
    expect(site.expectedDataLossHoursPerYear).toBeCloseTo(0.1 * (1500 / H + 300 / H), 9);
    const [app] = r.strategies[0].applications;
    expect(app).toMatchObject({ name: 'orders', vmCount: 10, quorum: 10, rtoTargetSeconds: 4 * H, rpoTargetSeconds: 900, rtoTargetMet: 1, rpoTargetMet: 0, notRecovered: 0 });
    expect([app.rtoSeconds.p50, app.rpoSeconds.p50]).toEqual([3 * H, 1500]);
    expect(app.expectedPenaltyPerYear).toBeCloseTo(0.1 * orders, 6);
    expect(r.strategies[0].applications).toHaveLength(1); // the loose VM is not a named application
  });

  test('production slowed by throttled writes is in each application\'s expected penalty, not only in the strategy total', () => {
    // One trial of 7 days: orders (application 0) charged $700 of throttled production, the loose VM (its own
    // application, 1) $70. A year is 365.25 / 7 such horizons: orders $36,525, loose $3,652.5, total $40,177.5.
    const rto = all.map(() => H);
    const rpo = all.map(() => 60);
    const rec = record(rto, rpo);
    rec.strategies[0].impact.throttledCosts = [{ application: 0, cost: 700 }, { application: 1, cost: 70 }];
    const r = aggregate(sc, [rec], { scenarioFile: 't', version: '0' });
    const base = aggregate(sc, [record(rto, rpo)], { scenarioFile: 't', version: '0' });
    const perYear = 365.25 / 7;
    const [app] = r.strategies[0].applications;
    expect(app.expectedPenaltyPerYear - base.strategies[0].applications[0].expectedPenaltyPerYear).toBeCloseTo(700 * perYear, 4);
    expect(r.strategies[0].cost.expectedAnnualPenalty - base.strategies[0].cost.expectedAnnualPenalty).toBeCloseTo(770 * perYear, 4);
    expect(r.strategies[0].cost.items.find((i) => i.item === 'production held back by throttled writes')?.annual).toBeCloseTo(770 * perYear, 4);
    // Slowed is not down: no downtime hours are added.
    expect(r.strategies[0].summary.expectedDowntimeHoursPerYear).toBe(base.strategies[0].summary.expectedDowntimeHoursPerYear);
  });

  test('an application whose VM is not recovered is down for costs.unrecoveredOutage and censored', () => {
    const rto = [...Array.from({ length: 10 }, () => H), H];
    const rpo = [...Array.from({ length: 10 }, () => 60), 60];
    const outcome = all.map((i) => (i === 9 ? 1 : 0));
    rto[9] = NaN;
    rpo[9] = NaN;
    const r = aggregate(sc, [record(rto, rpo, outcome)], { scenarioFile: 't', version: '0' });
    const [app] = r.strategies[0].applications;
    expect([app.notRecovered, app.rtoSeconds.censored, app.rtoSeconds.p50, app.rpoSeconds.censored]).toEqual([1, 1, null, 1]);
    // 168 h down and 168 h of updates lost, at the application's rates (not ten VMs' worth).
    const site = r.strategies[0].failures[0];
    expect(site.expectedPenaltyPerYear).toBeCloseTo(0.1 * (168 * 25000 + 168 * 10000 + 100 + (60 / H) * 50), 4);
  });
});
