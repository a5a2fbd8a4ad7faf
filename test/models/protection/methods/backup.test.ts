/**
 * The backup schedule's seeded start and its first slots (methods/backup.ts), against hand calculation.
 *
 * Set-up: one VM with 50 GB used, writing 0.1 MB/s (every write unique, no compression); a local backup
 * target writing 1 GB/s; the WAN copy at 10 MB/s. A full then takes 50 GB / 1 GB/s = 50 s to write and
 * 50 GB / 10 MB/s = 5,000 s to copy: offsite 5,050 s after its slot. An incremental over one day holds
 * 0.1 MB/s × 86,400 s = 8.64 GB: 8.64 s + 864 s = 872.64 s.
 */
import { describe, expect, test } from '@jest/globals';
import { simulateProtection } from '../../../../src/models/protection/simulate.js';
import type { BackupMethod } from '../../../../src/models/protection/methods/registry.js';
import { newestPoint, type DiscretePointLog } from '../../../../src/models/protection/recovery-points.js';
import { coverProtectionCycles, WEEK_SECONDS } from '../../../../src/models/scenario/resolvers/simulation.js';
import { RandomStreams } from '../../../../src/sim/random.js';
import { scenario, workload } from '../../../support/scenario-builder.js';

const H = 3600;
const DAY = 86400;
const FULL_OFFSITE = 50 + 5000;
const INCR_OFFSITE = 8.64 + 864;

function backup(over: Partial<BackupMethod>): BackupMethod {
  return {
    method: 'backup', schedule: { kind: 'full-incremental', fullEverySeconds: DAY, incrementalEverySeconds: DAY }, windowStartSeconds: 22 * H,
    mode: 'proxy', target: 0, offsite: { kind: 'wan', link: 0, store: null }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0, restoreStreams: 4, guestRebuildSeconds: 0, ...over,
  };
}

function run(method: BackupMethod, horizonDays = 15): DiscretePointLog {
  const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 1e5 })], methods: [method], linkBytesPerSecond: 10e6, horizonSeconds: horizonDays * DAY });
  const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] });
  return out.vmProtection[0].methods[0].log as DiscretePointLog;
}

/** Seconds from each scheduled backup's start (slots 1.., after the seed) until it is offsite. */
const copyTimes = (log: DiscretePointLog) => log.pointTimes.slice(1).map((p, i) => log.offsiteAt[i + 1] - p);

describe('backup: the seeded start and the first scheduled backups', () => {
  test('daily fulls: the first night is a full, like every night', () => {
    const log = run(backup({}));
    // The seed is the previous slot's backup (22:00 the day before time 0), at DR at time 0.
    expect(log.pointTimes.slice(0, 3)).toEqual([-2 * H, 22 * H, DAY + 22 * H]);
    expect(log.offsiteAt[0]).toBe(0);
    for (const d of copyTimes(log)) expect(d).toBeCloseTo(FULL_OFFSITE, 6);
  });

  test('weekly fulls, daily incrementals: fulls on the first window of each week (Monday 22:00), incrementals between', () => {
    const log = run(backup({ schedule: { kind: 'full-incremental', fullEverySeconds: 7 * DAY, incrementalEverySeconds: DAY } }));
    // Slot k at 22 h + k days lies in week ⌊k/7 + 22/168⌋: a new week at k = 0, 7, 14.
    copyTimes(log).forEach((d, k) => expect(d).toBeCloseTo(k % 7 === 0 ? FULL_OFFSITE : INCR_OFFSITE, 6));
    expect(copyTimes(log)).toHaveLength(15);
  });

  test('weekly fulls with a 00:00 window: the seed is Monday\'s full, Tuesday\'s incremental holds exactly the day\'s changes, chains restore whole', () => {
    // The window at 00:00: slots at k days (k = 1, 2, …); the seed is the slot before the first, Monday 00:00 = time 0,
    // which opens the week: it is the full. Slot 7 (next Monday 00:00) opens the next week: a full (50 GB, 5,050 s to
    // DR); slots 1–6 and 8–14 are incrementals of 0.1 MB/s × 1 day = 8.64 GB (872.64 s), Tuesday's included — the
    // seed is at 0, so nothing is missed.
    const log = run(backup({ schedule: { kind: 'full-incremental', fullEverySeconds: 7 * DAY, incrementalEverySeconds: DAY }, windowStartSeconds: 0 }));
    expect(log.pointTimes.slice(0, 3)).toEqual([0, DAY, 2 * DAY]);
    expect(log.offsiteAt[0]).toBe(0);
    copyTimes(log).forEach((d, i) => expect(d).toBeCloseTo((i + 1) % 7 === 0 ? FULL_OFFSITE : INCR_OFFSITE, 6));
    // Restore chain: each point is usable at DR once it and every earlier point of its chain are there. The copies
    // here never overtake each other (each is done within its day), so usable = arrived, and in order.
    for (let k = 1; k < log.offsiteAt.length; k++) expect(log.offsiteAt[k]).toBeGreaterThan(log.offsiteAt[k - 1]);
    expect(newestPoint(log, DAY + INCR_OFFSITE + 1, 'offsite')).toBe(DAY);
    expect(newestPoint(log, 7 * DAY + 1, 'offsite')).toBe(6 * DAY); // Monday's full still on the wire at +1 s
  });

  test('forever incremental: the first slot ships the changes since the seeded full (22 h of writes: none before time 0 are simulated)', () => {
    const log = run(backup({ schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY } }));
    expect(copyTimes(log)[0]).toBeCloseTo((0.1e6 * 22 * H) / 1e9 + (0.1e6 * 22 * H) / 10e6, 6);
    expect(copyTimes(log)[1]).toBeCloseTo(INCR_OFFSITE, 6);
  });

  test('tapes: the seeded full ships by the same rule (next 09:00 pickup + transit), and the warm-up outlasts it', () => {
    // Weekly pickups at 09:00 + 7k days, 1 day in transit. The seed (written by 0) leaves at 09:00 on day 0 and
    // arrives at 33 h; nightly backups of days 0–6 leave at 7 d 09:00 and arrive at 8 d 09:00.
    const method = backup({ schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, offsite: { kind: 'tape', shipEverySeconds: 7 * DAY, transitSeconds: DAY, costPerShipment: 0, pricePerTB: 50, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 } });
    const log = run(method, 20);
    expect(log.offsiteAt[0]).toBe(9 * H + DAY);
    for (let k = 0; k < 7; k++) expect(log.offsiteAt[k + 1]).toBe(8 * DAY + 9 * H);
    expect(log.offsiteAt[8]).toBe(15 * DAY + 9 * H);
    // Warm-up = first window 22 h + one day for the copy + 7 days to the pickup + 1 day transit = 9 d 22 h:
    // by then the newest point at DR is the backup of day 6 (6 d 22 h), not the seed.
    const s = scenario({ methods: [method], horizonSeconds: 7 * DAY });
    const w = coverProtectionCycles(s.simulation, s.strategies, WEEK_SECONDS).warmupSeconds;
    expect(w).toBe(9 * DAY + 22 * H);
    expect(newestPoint(log, w, 'offsite')).toBe(6 * DAY + 22 * H);
  });

  test('the seed is in phase with the schedule: a full slower than a day leaves the same lag at both ends of the span', () => {
    // Weekly fulls (Monday 22:00), daily incrementals, the WAN at 0.25 MB/s: a 50 GB full takes 200,000 s (55.6 h)
    // to copy, an 8.64 GB incremental 34,560 s (9.6 h) alone. Warm-up = first window 22 h + one day = 46 h
    // (Tuesday 22:00): the Monday full is still on the wire, so the newest point at DR is the seed, the slot
    // before it (Sunday 22:00, −2 h): lag 48 h. A week later (214 h, Tuesday 22:00) the Monday full is again on
    // the wire and the newest point at DR is Sunday's incremental (166 h, copied by ~176 h): lag 48 h. Growth 0
    // (a seed at time 0 would have made the first lag 46 h and the growth 2 h).
    const method = backup({ schedule: { kind: 'full-incremental', fullEverySeconds: 7 * DAY, incrementalEverySeconds: DAY } });
    const warmup = 46 * H;
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 1e5 })], methods: [method], linkBytesPerSecond: 0.25e6, horizonSeconds: warmup + 7 * DAY, warmupSeconds: warmup });
    expect(coverProtectionCycles(s.simulation, s.strategies, WEEK_SECONDS).warmupSeconds).toBe(warmup);
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] });
    const log = out.vmProtection[0].methods[0].log as DiscretePointLog;
    expect(newestPoint(log, warmup, 'offsite')).toBe(-2 * H);
    expect(newestPoint(log, warmup + 7 * DAY, 'offsite')).toBe(6 * DAY + 22 * H);
    expect(out.links[0].lagGrowthSeconds).toBe(0);
  });
});
