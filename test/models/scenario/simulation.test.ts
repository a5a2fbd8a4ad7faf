/**
 * The simulation settings a run uses (resolvers/simulation.ts): the warm-up covers every method's settle
 * time, the span after it is whole weeks covering every method's longest cycle; extensions are said.
 * Expected values are worked out by hand from the methods' schedules below; then, end to end on the
 * protection simulation, a 10-day async interval is no longer cut off by a 7-day horizon: its worst RPO
 * reaches the closed form T + L instead of being capped at the horizon.
 */
import { describe, expect, test } from '@jest/globals';
import { coverProtectionCycles, profilePeriodSeconds, WEEK_SECONDS } from '../../../src/models/scenario/resolvers/simulation.js';
import type { AsyncReplicationMethod, BackupMethod } from '../../../src/models/protection/methods/registry.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { newestPoint } from '../../../src/models/protection/recovery-points.js';
import type { ProtectionMethod, SimulationSettings } from '../../../src/models/scenario/model.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const H = 3600;
const DAY = 86400;
const requested = (horizonDays: number, warmupDays: number): SimulationSettings => ({ horizonSeconds: horizonDays * DAY, warmupSeconds: warmupDays * DAY, trials: 1, seed: 1, adjustments: [] });
const asyncEvery = (seconds: number): AsyncReplicationMethod => ({ method: 'async-replication', intervalSeconds: seconds, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 });
const tapes = (every: number, transit: number): BackupMethod => ({
  method: 'backup', schedule: { kind: 'full-incremental', fullEverySeconds: 7 * DAY, incrementalEverySeconds: DAY }, windowStartSeconds: 22 * H, mode: 'proxy', target: 0,
  offsite: { kind: 'tape', shipEverySeconds: every, transitSeconds: transit, costPerShipment: 0, pricePerTB: 50, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, retentionSeconds: 90 * DAY, agentCpuOverhead: 0, restoreStreams: 4, guestRebuildSeconds: 0,
});
const strategiesWith = (...methods: ProtectionMethod[]) => scenario({ methods }).strategies;

describe('the horizon and warm-up cover every protection cycle', () => {
  test('15-min async with 8 days and a day of warm-up: nothing to extend, nothing said', () => {
    expect(coverProtectionCycles(requested(8, 1), strategiesWith(asyncEvery(900)), WEEK_SECONDS)).toEqual(requested(8, 1));
  });

  test('a 7-day horizon after a day of warm-up becomes one whole week after it (8 days), and says so', () => {
    const s = coverProtectionCycles(requested(7, 1), strategiesWith(asyncEvery(900)), WEEK_SECONDS);
    expect([s.warmupSeconds, s.horizonSeconds]).toEqual([DAY, 8 * DAY]);
    expect(s.adjustments).toEqual([expect.stringMatching(/extended from 6 days to 1 week: .*every hour of the week/)]);
  });

  test('the span is whole profile periods: a week when weekdays differ, a day when only hours do, an hour when flat', () => {
    const flat = { weeklyProfile: new Array(168).fill(1) };
    const daily = { weeklyProfile: Array.from({ length: 168 }, (_, h) => (h % 24 >= 8 && h % 24 < 18 ? 2 : 0.5)) };
    const weekly = { weeklyProfile: Array.from({ length: 168 }, (_, h) => (h < 120 ? 1.2 : 0.5)) };
    expect(profilePeriodSeconds([flat])).toBe(H);
    expect(profilePeriodSeconds([flat, daily])).toBe(DAY);
    expect(profilePeriodSeconds([daily, weekly, flat])).toBe(WEEK_SECONDS);
    // Flat writes: a 2-day span of 15-min slots stays as asked (whole hours); daily profiles round 2.5 days up to 3.
    expect(coverProtectionCycles(requested(3, 1), strategiesWith(asyncEvery(900)), H)).toEqual(requested(3, 1));
    const d = coverProtectionCycles(requested(3.5, 1), strategiesWith(asyncEvery(900)), DAY);
    expect(d.horizonSeconds - d.warmupSeconds).toBe(3 * DAY);
    expect(d.adjustments).toEqual([expect.stringMatching(/from 2.5 days to 3 days: .*multiples of 24 h/)]);
    // Flat writes but a daily backup window: whole days (lcm of 1 h and the 1-day cycle), 2.5 → 3 days.
    const nightly = strategiesWith({ ...tapes(DAY, 0), schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, offsite: { kind: 'wan', link: 0, store: null } });
    const b = coverProtectionCycles(requested(3.5, 2), nightly, H);
    expect([b.warmupSeconds, b.horizonSeconds - b.warmupSeconds]).toEqual([2 * DAY, 2 * DAY]);
    expect(coverProtectionCycles(requested(4.5, 2), nightly, H).horizonSeconds - 2 * DAY).toBe(3 * DAY);
  });

  test('async every 10 days: warm-up 2 intervals (20 days), then 2 weeks ≥ the 10-day cycle; the phase note (14 mod 10 = 4 days)', () => {
    const s = coverProtectionCycles(requested(7, 1), strategiesWith(asyncEvery(10 * DAY)), WEEK_SECONDS);
    expect(s.warmupSeconds).toBe(20 * DAY);
    expect(s.horizonSeconds - s.warmupSeconds).toBe(2 * WEEK_SECONDS);
    expect(s.adjustments).toEqual([
      expect.stringMatching(/warm-up was extended from 24 h to 20 days: async-replication in strategy "s"/),
      expect.stringMatching(/extended from 6 days to 2 weeks: it must cover the longest protection cycle \(10 days/),
      expect.stringMatching(/does not divide the span of 2 weeks: failures see 4 days of its phase once more/),
    ]);
  });

  test('weekly fulls at 22:00, monthly tapes (30 days, 1 day in transit): warm-up 22 h + 1 day + 30 + 1 days, span 5 weeks', () => {
    const s = coverProtectionCycles(requested(7, 1), strategiesWith(tapes(30 * DAY, DAY)), WEEK_SECONDS);
    expect(s.warmupSeconds).toBe(22 * H + DAY + 30 * DAY + DAY);
    expect(s.horizonSeconds - s.warmupSeconds).toBe(5 * WEEK_SECONDS); // ⌈30 / 7⌉ = 5 weeks
    expect(s.adjustments.at(-1)).toMatch(/30 days cycle of backup in strategy "s" does not divide the span of 5 weeks: failures see 5 days/);
  });

  test('every period of a schedule counts, not only its longest: flat writes, weekly fulls under monthly tapes → whole weeks', () => {
    // Cycles 1 day (incrementals), 7 days (fulls), 30 days (tapes): the unit is lcm(1 h, 1 d, 7 d) = 1 week, the span
    // ⌈30 / 7⌉ = 5 weeks (with the longest cycle alone it would be 30 days: failures would see 2 of the 7 weekdays' fulls
    // phases once more than the others).
    const s = coverProtectionCycles(requested(7, 1), strategiesWith(tapes(30 * DAY, DAY)), H);
    expect(s.horizonSeconds - s.warmupSeconds).toBe(5 * WEEK_SECONDS);
    // Forever-incremental nightly on 10-day tapes, flat writes: whole days (lcm of 1 h and 1 day), ⌈10⌉ = 10 days.
    const nightly = { ...tapes(10 * DAY, DAY), schedule: { kind: 'forever-incremental' as const, incrementalEverySeconds: DAY } };
    const n = coverProtectionCycles(requested(7, 1), strategiesWith(nightly), H);
    expect(n.horizonSeconds - n.warmupSeconds).toBe(10 * DAY);
  });

  test('a rule that selects no VM does not stretch the run', () => {
    const strategies = strategiesWith(asyncEvery(900));
    strategies[0].assignments.push({ vms: [], methods: [tapes(30 * DAY, DAY)] });
    expect(coverProtectionCycles(requested(8, 1), strategies, WEEK_SECONDS)).toEqual(requested(8, 1));
  });

  test('end to end: a 10-day async interval is no longer capped by the horizon — worst RPO T + L, WAN load carried', () => {
    // 1 MB/s of unique writes to a 10 TB disk, 10 MB/s link: a 10-day delta (864 GB) takes L = 1 day. Slots at 10, 20, 30 days
    // arrive at 11, 21, 31 days; failures strike in [20, 34] days. By hand:
    //   t ∈ [20, 21): newest point 10 d → RPO t − 10 d ∈ [10, 11) d; [21, 31): 20 d; [31, 34): 30 d.
    // Worst RPO → 11 days = T + L (a 7-day horizon gave at most 6 days: t − 0 from the seed).
    const T = 10 * DAY;
    const base = scenario({ vms: [vm('vm1', { usedBytes: 10e12 })], workloads: [workload({ averageWriteBytesPerSecond: 1e6 })], methods: [asyncEvery(T)], linkBytesPerSecond: 10e6, horizonSeconds: 7 * DAY, warmupSeconds: DAY });
    base.simulation = coverProtectionCycles(base.simulation, base.strategies, WEEK_SECONDS);
    const { warmupSeconds: w, horizonSeconds: h } = base.simulation;
    const out = simulateProtection({ scenario: base, strategy: base.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log;
    const rpo = (t: number) => t - newestPoint(log, t, 'offsite')!;
    expect(rpo(21 * DAY - 1)).toBeCloseTo(11 * DAY - 1, 3);
    expect(rpo(21 * DAY + 1)).toBeCloseTo(DAY + 1, 3);
    expect(rpo(31 * DAY - 1)).toBeCloseTo(11 * DAY - 1, 3);
    expect(rpo(h - 1)).toBeCloseTo(4 * DAY - 1, 3);
    // WAN after warm-up: the deltas of 20 d and 30 d, 864 GB each, over the 14 measured days.
    expect(out.links[0].meanBytesPerSecond).toBeCloseTo((2 * 864e9) / (h - w), 0);
  });
});
