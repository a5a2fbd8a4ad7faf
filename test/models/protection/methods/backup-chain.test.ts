/**
 * Backup chains (methods/backup-chain.ts): an incremental is usable where its full and every incremental
 * between are. Against the definition — usable[i] = max of arrived[j] over the chain up to i — with arrivals
 * in any order, and by hand in a run where a daily incremental overtakes its weekly full on the WAN.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { ChainArrivals } from '../../../../src/models/protection/methods/backup-chain.js';
import type { BackupMethod } from '../../../../src/models/protection/methods/registry.js';
import type { DiscretePointLog } from '../../../../src/models/protection/recovery-points.js';
import { simulateProtection } from '../../../../src/models/protection/simulate.js';
import { RandomStreams } from '../../../../src/sim/random.js';
import { scenario, vm, workload } from '../../../support/scenario-builder.js';

const H = 3600;
const DAY = 86400;

describe('a chain is usable once all of it has arrived', () => {
  test('by hand: a full, two incrementals overtaking it, a new full', () => {
    const usable = [0];
    const chain = new ChainArrivals(usable);
    for (const full of [true, false, false, true]) { usable.push(Infinity); chain.push(full); }
    chain.arrive(2, 50); // the first incremental, before its full
    expect(usable).toEqual([0, Infinity, Infinity, Infinity, Infinity]);
    chain.arrive(4, 60); // the new full stands alone
    chain.arrive(3, 70);
    expect(usable).toEqual([0, Infinity, Infinity, Infinity, 60]);
    chain.arrive(1, 100); // the full: its incrementals become usable with it
    expect(usable).toEqual([0, 100, 100, 100, 60]);
  });

  test('property: usable[i] = max(arrived[j]) over j from the chain\'s full to i, whatever the arrival order', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ full: fc.boolean(), at: fc.integer({ min: 0, max: 1000 }) }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      (points, shuffle) => {
        const usable = [0];
        const chain = new ChainArrivals(usable);
        for (const p of points) { usable.push(Infinity); chain.push(p.full); }
        const order = points.map((_, i) => i + 1).sort((a, b) => ((a * 7919 + shuffle) % 101) - ((b * 7919 + shuffle) % 101));
        for (const i of order) chain.arrive(i, points[i - 1].at);
        let running = 0;
        points.forEach((p, k) => {
          running = p.full ? p.at : Math.max(running, p.at);
          expect(usable[k + 1]).toBe(running);
        });
      },
    ), { numRuns: 300, seed: 15 });
  });
});

test('a daily incremental that overtakes its weekly full on the WAN is usable at DR only with the full', () => {
  // 100 GB used, 0.1 MB/s of unique writes, a local target at 1 GB/s, the WAN at 1 MB/s. Monday 22:00: the full,
  // written in 100 s, copies from 22:00 + 100 s. Tuesday 22:00: 8.64 GB, copied from + 8.64 s beside the full
  // (processor sharing: it overtakes the full). The link is never idle from 22:00 + 100 s until both are across:
  // the full, last, at 22:00 + 100 s + (100 + 8.64) GB / 1 MB/s = 22:00 + 108,740 s — when both become usable.
  // Wednesday's incremental copies alone after that: 22:00 + 2 days + 8.64 s + 8,640 s.
  const method: BackupMethod = {
    method: 'backup', schedule: { kind: 'full-incremental', fullEverySeconds: 7 * DAY, incrementalEverySeconds: DAY }, windowStartSeconds: 22 * H,
    mode: 'proxy', target: 0, offsite: { kind: 'wan', link: 0, store: null }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0, restoreStreams: 4, guestRebuildSeconds: 0,
  };
  const s = scenario({ vms: [vm('db', { usedBytes: 100e9 })], workloads: [workload({ averageWriteBytesPerSecond: 1e5 })], methods: [method], linkBytesPerSecond: 1e6, horizonSeconds: 4 * DAY });
  const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]] });
  const log = out.vmProtection[0].methods[0].log as DiscretePointLog;
  expect(log.pointTimes.slice(1, 4)).toEqual([22 * H, 22 * H + DAY, 22 * H + 2 * DAY]);
  expect(log.offsiteAt[1]).toBeCloseTo(22 * H + 108_740, 6);
  expect(log.offsiteAt[2]).toBeCloseTo(22 * H + 108_740, 6);
  expect(log.offsiteAt[3]).toBeCloseTo(22 * H + 2 * DAY + 8.64 + 8640, 6);
});
