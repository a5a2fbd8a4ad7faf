import { describe, expect, test } from '@jest/globals';
import { drawTrialFailures, eventsPerYear, MAX_CORRUPTION_DETECTION_SECONDS, strategyHorizonSeconds } from '../../../src/models/failures/draws.js';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import type { CopyProtection, Scenario } from '../../../src/models/scenario/model.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { normalCdf } from '../../../src/sim/student-t.js';
import { scenario as build, vm } from '../../support/scenario-builder.js';
import { CHI2_999, chi2QuantileWilsonHilferty, chiSquare, ksCritical999, ksDistance, Z_999 } from '../../sim/goodness-of-fit.js';
import { load, MINIMAL } from '../../support/scenario-helpers.js';

/**
 * drawTrialFailures promises (its header): one event of each kind in the failure model per trial — the
 * conditional view, so counts per trial are exactly 1, not Poisson — at a time uniform over [warm-up,
 * horizon], drawn from a named stream per kind and trial (common random numbers); the storage array, host
 * and corrupted VM chosen uniformly among the primary site's candidates (a corrupted VM takes its whole
 * application with it); repair and detection times from their distributions, detection capped at 60 days.
 * Resolution makes [warm-up, horizon] a whole number of weeks (resolvers/simulation.ts), so with time 0 at
 * Monday 00:00 every hour of the week is equally likely — Mondays included, whatever the warm-up.
 *
 * Every statistical check runs on N = 10,000 independent trials with a fixed seed, at the 99.9% level
 * (KS: D < 1.949/√N; χ²: below its 99.9% quantile): a correct draw fails one check in 1,000 seeds.
 */
const N = 10_000;
const DAY = 86400;
const WARMUP = DAY;
/** The default settings as resolution leaves them: a day of warm-up, then one week. */
const HORIZON = 8 * DAY;

/** Primary site 0: hosts p1..p4, arrays a0 (VMs), a1 (VMs), a2 (no VM); DR site 1: d1 and its array. */
function estate(): Scenario {
  const vms = [
    vm('a1', { app: 'a', storage: 0 }), vm('a2', { app: 'a', storage: 2 }), vm('b1', { app: 'b', storage: 0 }),
    vm('s1', { storage: 2 }), vm('s2', { storage: 0 }),
  ];
  const s = build({ vms, horizonSeconds: HORIZON, warmupSeconds: WARMUP });
  s.hosts = [...['p1', 'p2', 'p3', 'p4'].map((name) => ({ name, model: 0, site: 0, cluster: 0, devTest: null })), { name: 'd1', model: 0, site: 1, cluster: 1, devTest: null }];
  const array = (name: string, site: number) => ({ name, site, capacityBytes: 1e14, provisioning: 'thin' as const, readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 0 });
  s.storage = [array('a0', 0), array('dr', 1), array('a1', 0), array('a2', 0)];
  s.failures = {
    siteDisaster: { site: 0, perYear: 0.02 },
    storageFailure: { perYear: 0.05, repairSeconds: { kind: 'deterministic', value: DAY } },
    hostFailure: { perYear: 0.25, repairSeconds: { kind: 'lognormal', median: 6 * 3600, p95: 48 * 3600 }, haDetectionSeconds: 60 },
    corruption: [{ scope: 'application', perYear: 0.3, draw: 'by-vm', detectionSeconds: { kind: 'exponential', mean: 2 * DAY } }],
    drHostFailurePerHour: 0,
    analysis: { conditional: true, annualized: true },
  };
  return s;
}

const s = estate();
const streams = new RandomStreams('failure-draws-test');
const draws = Array.from({ length: N }, (_, t) => drawTrialFailures(s, streams, t));
const ofKind = <K extends FailureEvent['kind']>(kind: K) => draws.map((d) => d.events.find((e) => e.kind === kind) as Extract<FailureEvent, { kind: K }>);

describe('failure draws of a trial', () => {
  test('one event of each kind in the model per trial, the site disaster at the primary site', () => {
    for (const d of draws) expect(d.events.map((e) => e.kind)).toEqual(['site-disaster', 'storage-failure', 'host-failure', 'corruption']);
    expect(ofKind('site-disaster').every((e) => e.site === 0)).toBe(true);
    // Without a site-disaster entry one is still drawn at the primary site (rate 0): the headline question.
    const noRate = { ...s, failures: { ...s.failures, siteDisaster: null, storageFailure: null, hostFailure: null, corruption: [] } };
    expect(drawTrialFailures(noRate, streams, 0).events).toEqual([{ kind: 'site-disaster', site: 0, atSeconds: draws[0].events[0].atSeconds }]);
    expect(eventsPerYear(noRate, 'site-disaster')).toBe(0);
  });

  test.each(['site-disaster', 'storage-failure', 'host-failure', 'corruption'] as const)('%s instants are uniform over [warm-up, horizon] (KS)', (kind) => {
    const t = ofKind(kind).map((e) => e.atSeconds);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(WARMUP);
    expect(Math.max(...t)).toBeLessThan(HORIZON);
    expect(ksDistance(t, (x) => (x - WARMUP) / (HORIZON - WARMUP))).toBeLessThan(ksCritical999(N));
  });

  test.each([
    ['the default simulation settings', ''],
    ['horizon 7 days, warm-up 1 day (the span becomes a week)', 'simulation: { horizon: 7 days, warmup: 1 day }\n'],
    ['horizon 10 days, warm-up 50 h (two weeks after a warm-up ending on a Wednesday)', 'simulation: { horizon: 10 days, warmup: 50 h }\n'],
  ])('with a business-hours profile, failure instants fall on every hour of the week equally (χ², 167 df), every weekday included: %s', (_, settings) => {
    // The profile distinguishes weekdays from weekends and hours of the day: the span becomes whole weeks.
    const resolved = load(settings + MINIMAL.replace('averageWrite: 10 GB/day }', 'averageWrite: 10 GB/day, profile: business-hours }')).scenario;
    const { warmupSeconds: w, horizonSeconds: h } = resolved.simulation;
    // Whole weeks after warm-up.
    expect(Number.isInteger((h - w) / (7 * DAY))).toBe(true);
    const hours = new Array<number>(168).fill(0);
    const days = new Array<number>(7).fill(0);
    const st = new RandomStreams('hour-of-week');
    for (let t = 0; t < N; t++) {
      const at = drawTrialFailures(resolved, st, t).events[0].atSeconds;
      expect(at).toBeGreaterThanOrEqual(w);
      expect(at).toBeLessThan(h);
      const hourOfWeek = Math.floor(at / 3600) % 168; // time 0 is Monday 00:00
      hours[hourOfWeek]++;
      days[Math.floor(hourOfWeek / 24)]++;
    }
    // Uniform over whole weeks ⇒ each of the 168 hours has probability 1/168 (expected N/168 ≈ 59.5 ≥ 5).
    // χ² with 167 df at 99.9%: 229.2 (Wilson–Hilferty); a correct draw fails one seed in 1,000.
    expect(chiSquare(hours, hours.map(() => N / 168))).toBeLessThan(chi2QuantileWilsonHilferty(0.999, 167, Z_999));
    expect(Math.min(...days)).toBeGreaterThan(0);
    expect(chiSquare(days, days.map(() => N / 7))).toBeLessThan(CHI2_999[6]);
  });

  test('kinds are drawn from their own streams: independent instants, and dropping a kind changes no other', () => {
    // Correlation of two independent uniforms over N pairs has sd 1/√N = 0.01; 3.29 sd is the 99.9% band.
    const a = ofKind('site-disaster').map((e) => e.atSeconds);
    const b = ofKind('host-failure').map((e) => e.atSeconds);
    expect(Math.abs(correlation(a, b))).toBeLessThan(3.29 / Math.sqrt(N));
    const fewer = { ...s, failures: { ...s.failures, hostFailure: null, storageFailure: null } };
    for (let t = 0; t < 50; t++) {
      const d = drawTrialFailures(fewer, streams, t);
      expect(d.events).toEqual([draws[t].events[0], draws[t].events[3]]);
    }
    // Same seed and trial → the same events (a fresh RandomStreams of the same seed).
    expect(drawTrialFailures(s, new RandomStreams('failure-draws-test'), 7)).toEqual(draws[7]);
  });

  test('the failed host is uniform over the primary site\'s 4 hosts (χ², 3 df)', () => {
    const counts = [0, 0, 0, 0, 0];
    for (const e of ofKind('host-failure')) counts[e.host]++;
    expect(counts[4]).toBe(0); // d1 is at the DR site
    expect(chiSquare(counts.slice(0, 4), [N / 4, N / 4, N / 4, N / 4])).toBeLessThan(CHI2_999[3]);
  });

  test('the failed array is uniform over the primary arrays that hold VMs (χ², 1 df); an empty one never fails', () => {
    const counts = [0, 0, 0, 0];
    for (const e of ofKind('storage-failure')) counts[e.storage]++;
    expect([counts[1], counts[3]]).toEqual([0, 0]); // the DR array; the primary array without VMs
    expect(chiSquare([counts[0], counts[2]], [N / 2, N / 2])).toBeLessThan(CHI2_999[1]);
  });

  test('the corrupted VM is uniform over the VMs, and takes its whole application (χ², 3 df)', () => {
    // Victim VM uniform over 5: app a (a1, a2) with probability 2/5, b1, s1, s2 with 1/5 each.
    const key = (vms: number[]) => vms.join(',');
    const categories = ['0,1', '2', '3', '4'];
    const counts = [0, 0, 0, 0];
    for (const e of ofKind('corruption')) counts[categories.indexOf(key(e.vms))]++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N); // nothing outside the four
    expect(chiSquare(counts, [0.4 * N, 0.2 * N, 0.2 * N, 0.2 * N])).toBeLessThan(CHI2_999[3]);
  });

  test('repair and detection times follow their distributions (KS)', () => {
    expect(ofKind('storage-failure').every((e) => e.repairSeconds === DAY)).toBe(true);
    // Host repair lognormal, median 6 h, p95 48 h: ln X ~ N(ln 6 h, (ln 8 / 1.644854)²).
    const sigma = Math.log(8) / 1.6448536269514722;
    const repairs = ofKind('host-failure').map((e) => e.repairSeconds);
    expect(ksDistance(repairs, (x) => normalCdf(Math.log(x / (6 * 3600)) / sigma))).toBeLessThan(ksCritical999(N));
    // Detection exponential with mean 2 days; the trial's horizon grows to cover it.
    const delays = ofKind('corruption').map((e) => e.detectedAtSeconds - e.atSeconds);
    expect(ksDistance(delays, (x) => 1 - Math.exp(-x / (2 * DAY)))).toBeLessThan(ksCritical999(N));
    const corruptions = ofKind('corruption');
    expect(draws.every((d, t) => d.horizonSeconds === Math.max(HORIZON, corruptions[t].detectedAtSeconds + 1))).toBe(true);
  });

  test('a detection later than 60 days is capped there, and the horizon follows', () => {
    const late = { ...s, failures: { ...s.failures, corruption: [{ scope: 'application' as const, perYear: 0.3, draw: 'by-vm' as const, detectionSeconds: { kind: 'deterministic' as const, value: 90 * DAY } }] } };
    const d = drawTrialFailures(late, streams, 3);
    const c = d.events.find((e) => e.kind === 'corruption')!;
    expect(MAX_CORRUPTION_DETECTION_SECONDS).toBe(60 * DAY);
    expect(c.kind === 'corruption' && c.detectedAtSeconds - c.atSeconds).toBe(60 * DAY);
    expect(d.horizonSeconds).toBe(c.atSeconds + 60 * DAY + 1);
  });

  test('annual rates: per site, per primary array holding VMs, per primary host, per estate', () => {
    expect(eventsPerYear(s, 'site-disaster')).toBe(0.02);
    expect(eventsPerYear(s, 'storage-failure')).toBeCloseTo(0.05 * 2, 12);
    expect(eventsPerYear(s, 'host-failure')).toBe(0.25 * 4);
    expect(eventsPerYear(s, 'corruption')).toBe(0.3);
  });
});

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * How far each strategy's protection runs (issue 20): to the horizon, and on to a corruption's or an attack's
 * detection (+1 s) when its recovery reads points — an attack only where a copy of the VMs it hits can survive.
 */
describe('per-strategy protection horizon', () => {
  const scenarioWith = (copyProtection: (CopyProtection | null)[] | undefined): Scenario => {
    const sc = build({ vms: [vm('a1', { app: 'a' }), vm('b1', { app: 'b' })], horizonSeconds: HORIZON, warmupSeconds: WARMUP });
    sc.strategies[0].assignments = [{ vms: [0], methods: [], copyProtection }, { vms: [1], methods: [] }];
    return sc;
  };
  const locked: CopyProtection = { immutableSeconds: 30 * DAY, vault: null, offline: false, costPerYear: 0 };
  const attack = (vms: number[]): FailureEvent => ({ kind: 'ransomware', vms, compromisedAtSeconds: 3 * DAY, atSeconds: 20 * DAY, detectedAtSeconds: 21 * DAY, reinfectionDraw: 0.5 });
  const trial = (...events: FailureEvent[]) => ({ events: [{ kind: 'site-disaster' as const, site: 0, atSeconds: 2 * DAY }, ...events], horizonSeconds: 21 * DAY + 1 });

  test('an attack on VMs with a locked copy runs to its detection', () => {
    const sc = scenarioWith([locked]);
    expect(strategyHorizonSeconds(sc, sc.strategies[0], trial(attack([0, 1])))).toBe(21 * DAY + 1);
    expect(strategyHorizonSeconds(sc, sc.strategies[0], trial(attack([0])))).toBe(21 * DAY + 1);
  });

  test('an attack none of whose VMs has a copy that can survive stops at the horizon', () => {
    for (const cp of [undefined, [null], [{ ...locked, immutableSeconds: 0 }]]) {
      const sc = scenarioWith(cp);
      expect(strategyHorizonSeconds(sc, sc.strategies[0], trial(attack([0, 1])))).toBe(HORIZON);
    }
    // The locked copy protects a1 only; the attack hits b1.
    const sc = scenarioWith([locked]);
    expect(strategyHorizonSeconds(sc, sc.strategies[0], trial(attack([1])))).toBe(HORIZON);
  });

  test('a corruption runs to its detection whatever protects the copies; failures inside the horizon do not extend it', () => {
    const sc = scenarioWith(undefined);
    const corruption: FailureEvent = { kind: 'corruption', vms: [0], atSeconds: 5 * DAY, detectedAtSeconds: 12 * DAY };
    expect(strategyHorizonSeconds(sc, sc.strategies[0], trial(corruption, attack([0, 1])))).toBe(12 * DAY + 1);
    expect(strategyHorizonSeconds(sc, sc.strategies[0], trial())).toBe(HORIZON);
  });

  test('the trial horizon is the farthest any strategy can need', () => {
    const sc = { ...estate(), strategies: [scenarioWith([locked]).strategies[0]] };
    sc.failures = { ...sc.failures, ransomware: { perYear: 0.05, scope: 'estate', dwellSeconds: { kind: 'deterministic', value: 10 * DAY }, detectionSeconds: { kind: 'deterministic', value: 3600 }, signOffSeconds: { kind: 'deterministic', value: 0 }, cleanPoint: 'before-compromise', cleaningSeconds: { kind: 'deterministic', value: 0 }, reinfectionProbability: 0, identityApp: null } };
    sc.strategies[0].assignments = [{ vms: sc.vms.map((_, i) => i), methods: [], copyProtection: [locked] }];
    for (let t = 0; t < 20; t++) {
      const d = drawTrialFailures(sc, streams, t);
      expect(strategyHorizonSeconds(sc, sc.strategies[0], d)).toBe(d.horizonSeconds);
    }
  });
});
