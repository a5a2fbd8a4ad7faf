/**
 * Synchronous replication over distance: each write waits the round trip, so a VM with W writes of size S in
 * flight writes at most W·S / (RTT + S/B) (Little's law); the writes above are throttled, and the production
 * they hold back is penalized at the slowdown cost (default the downtime cost) of each application slowed. Beyond ~300 km the plan is warned about and flagged.
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { syncReplication, type SyncReplicationMethod } from '../../../src/models/protection/methods/sync-replication.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const DAY = 86400;
const HOUR = 3600;
const streams = new RandomStreams(7);

const sync = (over: Partial<SyncReplicationMethod> = {}): SyncReplicationMethod =>
  ({ method: 'sync-replication', linkLossPolicy: 'halt', link: 0, target: 1, writeSizeBytes: 65536, outstandingWrites: 32, resyncCheckSeconds: 60, promoteSeconds: 0, ...over });

/** One VM writing 50 MB/s around the clock over a 1 GB/s link, `rttSeconds` away. */
function far(rttSeconds: number, method = sync(), outages: { startSeconds: number; endSeconds: number }[] = []) {
  const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 50e6 })], methods: [method], linkBytesPerSecond: 1e9, rttSeconds, horizonSeconds: 2 * DAY });
  return simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [outages] });
}

/** The trial's throttle penalty over every application slowed. */
const throttledCost = (impact: { throttledCosts: readonly { cost: number }[] }): number => impact.throttledCosts.reduce((a, c) => a + c.cost, 0);

describe('write throughput bounded by the round trip', () => {
  test('5,000 km (RTT 50 ms): 32 × 64 KiB in flight carry 41.9 MB/s; the rest of the 50 MB/s is throttled', () => {
    const ceiling = (32 * 65536) / (0.05 + 65536 / 1e9);
    expect(ceiling / 1e6).toBeCloseTo(41.888, 3);
    const out = far(0.05);
    expect(out.impact.throttledBytes / ((50e6 - ceiling) * 2 * DAY)).toBeCloseTo(1, 9);
    expect(out.impact.syncWriteLatencySeconds).toBeCloseTo(0.05 + 65536 / 1e9, 12);
  });

  test('80 km (RTT 0.8 ms): the ceiling (2.5 GB/s) is far above the writes: nothing throttled', () => {
    expect(far(0.0008).impact.throttledBytes).toBe(0);
  });

  test('throttling grows with distance and shrinks with more writes in flight', () => {
    const at = (rtt: number, outstanding = 32) => far(rtt, sync({ outstandingWrites: outstanding })).impact.throttledBytes;
    const rtts = [0.03, 0.05, 0.08, 0.12];
    const throttled = rtts.map((r) => at(r));
    for (let i = 1; i < throttled.length; i++) expect(throttled[i]).toBeGreaterThan(throttled[i - 1]);
    expect(at(0.05, 64)).toBeLessThan(at(0.05, 32));
    expect(at(0.05, 64)).toBe(0); // 64 × 64 KiB / 50 ms ≈ 83.8 MB/s > 50 MB/s
  });

  test('while halted by an outage the writers are stopped, not throttled: the ceiling counts only in sync', () => {
    const ceiling = (32 * 65536) / (0.05 + 65536 / 1e9);
    const out = far(0.05, sync(), [{ startSeconds: DAY, endSeconds: DAY + 2 * HOUR }]);
    expect(out.impact.throttledBytes / ((50e6 - ceiling) * (2 * DAY - 2 * HOUR))).toBeCloseTo(1, 9);
    expect(out.impact.haltedSeconds).toBe(2 * HOUR);
  });

  test('the throttled writes are production held back: the time, weighted by the share of writes refused, at the VM\'s slowdown cost', () => {
    const ceiling = (32 * 65536) / (0.05 + 65536 / 1e9);
    // A constant share 1 − ceiling/50 MB/s of the writes is held back for the whole 2 days.
    const heldBackSeconds = (1 - ceiling / 50e6) * 2 * DAY;
    const out = far(0.05);
    expect(out.impact.throttledVmSeconds / heldBackSeconds).toBeCloseTo(1, 9);
    // The builder's VM sets a slowdown cost of $1,000 an hour.
    expect(throttledCost(out.impact) / ((heldBackSeconds / HOUR) * 1000)).toBeCloseTo(1, 9);
  });

  test('a slowdown cost of its own prices the held-back hours; a link that carries half the burst holds back half of it', () => {
    // 2 MB/s writes over a 1 MB/s link near by: half of every write is refused all the time.
    const s = scenario({ workloads: [workload({ averageWriteBytesPerSecond: 2e6 })], methods: [sync()], linkBytesPerSecond: 1e6, rttSeconds: 0.001, horizonSeconds: DAY });
    s.vms[0].slowdownCostPerHour = 100;
    const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] });
    expect(out.impact.throttledVmSeconds / (0.5 * DAY)).toBeCloseTo(1, 9);
    expect(throttledCost(out.impact) / (12 * 100)).toBeCloseTo(1, 9);
  });

  test('an application slowed pays its rate once (the highest slowdown cost of its VMs), loose VMs each their own', () => {
    // Two VMs writing 1 MB/s each over a 1 MB/s link near by: half of all writes is refused all day, so
    // 12 h held back per VM. As one application (one replication unit) the service pays 12 h × $300;
    // as two loose VMs (two applications) 12 h × $100 + 12 h × $300.
    const run = (app: string | null) => {
      const vms = [vm('a', { app, slowdownCostPerHour: 100 }), vm('b', { app, slowdownCostPerHour: 300 })];
      const s = scenario({ vms, methods: [sync()], linkBytesPerSecond: 1e6, rttSeconds: 0.001, horizonSeconds: DAY });
      return simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] }).impact;
    };
    const app = run('orders');
    expect(app.throttledVmSeconds / (2 * 0.5 * DAY)).toBeCloseTo(1, 9);
    expect(app.throttledCosts).toHaveLength(1);
    expect(app.throttledCosts[0].cost / (12 * 300)).toBeCloseTo(1, 9);
    const loose = run(null);
    expect(loose.throttledVmSeconds / (2 * 0.5 * DAY)).toBeCloseTo(1, 9);
    // Each loose VM is its own application and is charged its own share.
    expect(loose.throttledCosts.map((c) => c.cost / 3600)).toEqual([expect.closeTo(12 * 100 / 3600, 9), expect.closeTo(12 * 300 / 3600, 9)]);
  });
});

describe('beyond the distances vendors support', () => {
  const yaml = (distance: string) => `
name: t
sites: [ { name: hq, role: primary }, { name: dr, role: dr } ]
clusters: [ { name: c, site: hq } ]
storage: [ { name: a1, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }, { name: a2, site: dr, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s } ]
links: [ { name: wan, between: [hq, dr], bandwidth: 1 Gbit/s, distance: ${distance} } ]
workloads: [ { name: w, averageWrite: 1 MB/s } ]
vms: [ { name: a, vcpus: 1, ram: 1 GiB, disk: 10 GB } ]
strategies: [ { name: s, protect: [ { select: all, methods: [ { method: sync-replication } ] } ] } ]
`;
  test('5,000 km warns at validation and flags the plan; 200 km does neither', () => {
    const far = parseScenario(yaml('5000 km'), 't.yaml');
    const messages = far.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/synchronous replication over link "wan" \(RTT 50 ms, ≈ 5000 km of fibre\) is beyond the ~100–300 km vendors support/);
    const m = far.scenario.strategies[0].assignments[0].methods[0];
    if (m.method !== 'sync-replication') throw new Error('sync');
    expect(syncReplication.planNotes!(m, far.scenario)).toHaveLength(1);
    const near = parseScenario(yaml('200 km'), 't.yaml');
    expect(near.warnings.map((w) => w.message).join('\n')).not.toMatch(/vendors support/);
    const n = near.scenario.strategies[0].assignments[0].methods[0];
    if (n.method !== 'sync-replication') throw new Error('sync');
    expect(syncReplication.planNotes!(n, near.scenario)).toEqual([]);
  });

  test('the defaults a run relies on are listed as assumptions', () => {
    expect(parseScenario(yaml('200 km'), 't.yaml').scenario.assumptions.join('\n')).toMatch(/Synchronous writes are 64 KiB each, 32 in flight per VM/);
  });
});
