/**
 * peakWrite: the fastest a workload writes. A burst rises to at most the peak (never below the hour's own rate,
 * so the profile keeps its average); peaks are what synchronous replication must carry or throttle.
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { buildWriteCurve, drawBursts } from '../../../src/models/protection/write-curve.js';
import { materializeGroup, planGroups } from '../../../src/models/protection/groups.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import type { SyncReplicationMethod } from '../../../src/models/protection/methods/registry.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { scenario, workload } from '../../support/scenario-builder.js';

const DAY = 86400;
const HOUR = 3600;
const burst = { multiplier: 4, meanDurationSeconds: 600, perDay: 6 };

describe('bursts capped at the peak write rate', () => {
  test('flat 1 MB/s, bursts ×4, peak 2.5 MB/s: bursts write 2.5 MB/s, so the horizon writes 1 MB/s · H + 1.5 MB/s · (burst time)', () => {
    const w = workload({ burst, peakWriteBytesPerSecond: 2.5e6 });
    const episodes = drawBursts(w, 7 * DAY, new RandomStreams(3).stream('b', 0));
    const burstSeconds = episodes.reduce((a, [s, e]) => a + (e - s), 0);
    expect(burstSeconds).toBeGreaterThan(0);
    const curve = buildWriteCurve({ workload: w, scale: 2 }, 7 * DAY, episodes);
    // Scale 2: both the rate and the peak double.
    expect(curve.writtenBy(7 * DAY) / (2 * (1e6 * 7 * DAY + 1.5e6 * burstSeconds))).toBeCloseTo(1, 12);
    expect(Math.max(...curve.ratesBytesPerSecond)).toBe(5e6);
  });

  test('a peak above the surge changes nothing; a peak below the busiest hour leaves the hour as it is', () => {
    const profile = Array.from({ length: 168 }, (_, h) => (h % 24 === 12 ? 3 : 1));
    const episodes: Array<[number, number]> = [[2 * HOUR, 2 * HOUR + 600], [12 * HOUR + 60, 12 * HOUR + 660]];
    const rates = (peak: number) => buildWriteCurve({ workload: workload({ burst, weeklyProfile: profile, peakWriteBytesPerSecond: peak }), scale: 1 }, DAY, episodes);
    const high = rates(20e6);
    const low = rates(2e6);
    // Without a binding peak: the noon burst is 3 × 4 = 12 MB/s, the 02:00 burst 4 MB/s.
    expect(high.rateAt(12 * HOUR + 100)).toBe(12e6);
    expect(high.rateAt(2 * HOUR + 100)).toBe(4e6);
    // Peak 2 MB/s: the noon hour stays 3 MB/s (the profile stands), the 02:00 burst is clipped to 2 MB/s.
    expect(low.rateAt(12 * HOUR + 100)).toBe(3e6);
    expect(low.rateAt(2 * HOUR + 100)).toBe(2e6);
    expect(low.rateAt(5 * HOUR)).toBe(1e6);
  });
});

describe('peaks drive synchronous replication', () => {
  // No ceiling from distance here (outstandingWrites unbounded): the link alone throttles.
  const sync: SyncReplicationMethod = { method: 'sync-replication', linkLossPolicy: 'halt', link: 0, target: 1, writeSizeBytes: 65536, outstandingWrites: Infinity, resyncCheckSeconds: 60, promoteSeconds: 0 };

  test('writes above the link are throttled: exactly ∫ (rate − link)⁺ over the capped write curve', () => {
    const throttled = (peak: number) => {
      const s = scenario({ workloads: [workload({ burst, peakWriteBytesPerSecond: peak })], methods: [sync], linkBytesPerSecond: 2e6 });
      const streams = new RandomStreams(11);
      const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 4, linkOutages: [[]] });
      // The group's own write curve (same bursts: the trial's stream), integrated by hand.
      const group = materializeGroup(s, planGroups(s, s.strategies[0])[0], streams, 4, s.simulation.horizonSeconds);
      const { times, ratesBytesPerSecond } = group.writes;
      let excess = 0;
      for (let i = 0; i + 1 < times.length; i++) excess += Math.max(0, ratesBytesPerSecond[i] - 2e6) * (times[i + 1] - times[i]);
      expect(Math.abs(out.impact.throttledBytes - excess)).toBeLessThanOrEqual(1e-9 * Math.max(1, excess));
      return out.impact.throttledBytes;
    };
    const atPeak4 = throttled(4e6);
    const atPeak3 = throttled(3e6);
    // Bursts at 4 MB/s overflow the 2 MB/s link by 2 MB/s, at 3 MB/s by 1 MB/s: half the throttling.
    expect(atPeak3 / atPeak4).toBeCloseTo(0.5, 9);
    expect(throttled(2e6)).toBe(0);
  });
});

describe('the scenario language reports a peak the model cannot reach', () => {
  const yaml = (workloadLine: string) => `
name: t
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
clusters: [ { name: c, site: hq } ]
storage: [ { name: a1, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s } ]
workloads: [ ${workloadLine} ]
vms: [ { name: a, vcpus: 1, ram: 1 GiB, disk: 10 GB } ]
strategies: [ { name: s, protect: [ { select: all, methods: [] } ] } ]
`;
  test('a peak above busiest hour × burst is a warning naming the multiplier that would reach it', () => {
    const { warnings } = parseScenario(yaml('{ name: w, averageWrite: 1 MB/s, peakWrite: 10 MB/s, burst: { multiplier: 2, duration: 5 min, perDay: 4 } }'), 't.yaml');
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/peakWrite 10 MB\/s is never reached: the busiest hour in a burst writes 2 MB\/s; a burst multiplier of 10.0 would reach it/);
  });
  test('a peak without bursts above the busiest hour says bursts are needed; a consistent peak is silent', () => {
    expect(parseScenario(yaml('{ name: w, averageWrite: 1 MB/s, peakWrite: 3 MB/s }'), 't.yaml').warnings.map((w) => w.message).join('\n')).toMatch(/give `burst:`/);
    expect(parseScenario(yaml('{ name: w, averageWrite: 1 MB/s, peakWrite: 2 MB/s, burst: { multiplier: 3, duration: 5 min, perDay: 4 } }'), 't.yaml').warnings.filter((w) => /peakWrite/.test(w.message))).toEqual([]);
  });
});
