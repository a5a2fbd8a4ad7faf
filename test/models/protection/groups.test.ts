/**
 * Auto-batching of loose VMs (protection-groups.ts) against its exact alternative, one flow per VM.
 *
 * The set-up makes both sides derivable by hand: N VMs with write rates s_i·c (flat profile, no bursts,
 * every write unique), async replication every T with no quiesce, one link of rate B, lag < T. Every
 * cycle, all deltas d_i = s_i·c·T start together at k·T, so under equal-weight processor sharing
 *   VM i (its own flow)        arrives after  t_i = Σ_j min(d_j, d_i) / B,
 *   bucket b (k_b VMs, weight k_b, D_b = Σ d_i, e_b = D_b / k_b) after t_b = Σ_b' k_b' · min(e_b', e_b) / B.
 * Batching moves VM i's lag from t_i to t_b(i); since e_b lies between the bucket's smallest and largest
 * d, |t_b(i) − t_i| ≤ N · (max d − min d in the bucket) / B — the tolerance, derived, not tuned.
 */
import { describe, expect, test } from '@jest/globals';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { AUTO_BATCH_BUCKETS, AUTO_BATCH_THRESHOLD, planGroups } from '../../../src/models/protection/groups.js';
import type { DiscretePointLog } from '../../../src/models/protection/recovery-points.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { scenario, vm, workload } from '../../support/scenario-builder.js';

const N = 300;
const T = 900;
const c = 1e5; // bytes/s per unit scale
const B = 40e6; // link: Σ d_i = Σ s_i · c · T ≈ 300 · 1 · 9e7 = 2.7e10 B per cycle → ~675 s at 40 MB/s (< T)
const scales = Array.from({ length: N }, (_, i) => 0.5 + ((i * 7919) % N) / N); // 0.5 … 1.5, shuffled

function estate() {
  const vms = scales.map((s, i) => vm(`vm${i}`, { workloadScale: s }));
  return scenario({
    vms,
    workloads: [workload({ averageWriteBytesPerSecond: c })],
    methods: [{ method: 'async-replication', intervalSeconds: T, quiesceSeconds: 0, retainedSnapshots: 4, compression: 0, link: 0, target: 1, promoteSeconds: 0 }],
    linkBytesPerSecond: B,
    horizonSeconds: 2 * 86400,
    warmupSeconds: 3600,
  });
}

function run(autoBatchThreshold: number) {
  const s = estate();
  const groups = planGroups(s, s.strategies[0], { autoBatchThreshold });
  const out = simulateProtection({ scenario: s, strategy: s.strategies[0], streams: new RandomStreams(1), trial: 0, linkOutages: [[]], groups });
  // Lag of each VM's snapshots (all cycles after the first, which are alike).
  const lags = out.vmProtection.map((p) => {
    const log = p.methods[0].log as DiscretePointLog;
    return log.pointTimes.slice(2).map((t, k) => log.offsiteAt[k + 2] - t);
  });
  return { groups, out, lags };
}

describe('auto-batching of loose VMs', () => {
  const unbatched = run(Infinity);
  const batched = run(AUTO_BATCH_THRESHOLD);
  const d = scales.map((s) => s * c * T);

  test(`above ${AUTO_BATCH_THRESHOLD} loose VMs they form ${AUTO_BATCH_BUCKETS} buckets; unbatched, one flow each`, () => {
    expect(unbatched.groups).toHaveLength(N);
    expect(batched.groups).toHaveLength(AUTO_BATCH_BUCKETS);
    expect(batched.groups.flatMap((g) => g.vms).sort((a, b) => a - b)).toEqual(scales.map((_, i) => i));
  });

  test('unbatched lags are the processor-sharing closed form Σ_j min(d_j, d_i) / B', () => {
    let worst = 0;
    unbatched.lags.forEach((lags, i) => {
      const expected = d.reduce((acc, dj) => acc + Math.min(dj, d[i]), 0) / B;
      expect(lags.length).toBeGreaterThan(100);
      for (const lag of lags) worst = Math.max(worst, Math.abs(lag - expected) / expected);
    });
    expect(worst).toBeLessThan(1e-6);
  });

  test('batched lags are the bucket GPS closed form Σ_b k_b · min(e_b, e_b(i)) / B', () => {
    const e = batched.groups.map((g) => g.vms.reduce((acc, v) => acc + d[v], 0) / g.vms.length);
    let worst = 0;
    batched.groups.forEach((g, b) => {
      const expected = batched.groups.reduce((acc, h, b2) => acc + h.vms.length * Math.min(e[b2], e[b]), 0) / B;
      for (const v of g.vms) for (const lag of batched.lags[v]) worst = Math.max(worst, Math.abs(lag - expected) / expected);
    });
    expect(worst).toBeLessThan(1e-6);
  });

  test('batching moves no VM\'s lag by more than N · (bucket spread of d) / B, and carries the same bytes', () => {
    let worst = 0;
    for (const g of batched.groups) {
      const ds = g.vms.map((v) => d[v]);
      const bound = (N * (Math.max(...ds) - Math.min(...ds))) / B;
      for (const v of g.vms) {
        const moved = Math.abs(batched.lags[v][0] - unbatched.lags[v][0]);
        expect(moved).toBeLessThanOrEqual(bound + 1e-6);
        worst = Math.max(worst, moved / unbatched.lags[v][0]);
      }
    }
    // With 16 buckets over a 3:1 spread of rates the lags move by a few per cent at most.
    expect(worst).toBeLessThan(0.1);
    const [lb, lu] = [batched.out.links[0], unbatched.out.links[0]];
    expect(Math.abs(lb.meanBytesPerSecond - lu.meanBytesPerSecond)).toBeLessThan(1e-9 * lu.meanBytesPerSecond);
    expect(lb.demandBytesPerSecond).toBeCloseTo(lu.demandBytesPerSecond, 6);
  });
});
