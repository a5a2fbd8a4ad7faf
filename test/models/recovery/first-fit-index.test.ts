/**
 * Placement through the free-capacity index must choose exactly the host the scan in index order chose
 * (the rule before the index: the first live host where the unit fits now, dev/test counted while it runs;
 * else the first where it fits once dev/test is gone). The scan is kept here as the reference; random
 * pools (hosts of several sizes, with and without dev/test, RAM reservations) go through random sequences
 * of placements at increasing times, preemptions, releases, moves and host failures.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { FirstFitIndex } from '../../../src/models/recovery/first-fit-index.js';
import { DrHostPool } from '../../../src/models/recovery/placement.js';
import { fits } from '../../../src/models/recovery/primary-placement.js';
import { addHosts, det, GiB, makeScenario } from '../../support/recovery-factories.js';

/** The placement rule as a scan, on the pool's own numbers: [slot, ready at] or [-1, NaN]. */
function scan(pool: DrHostPool, vcpus: number, ramBytes: number, now: number): [number, number] {
  for (let s = 0; s < pool.size; s++) {
    if (pool.alive[s] === 0) continue;
    const running = pool.shutdownEndSeconds[s] > now;
    const dv = running ? pool.devTestVcpus[s] : 0;
    const dr = running ? pool.devTestRam[s] : 0;
    if (fits(pool.usedVcpus[s] + dv, vcpus, pool.capVcpus[s]) && fits(pool.usedRam[s] + dr, ramBytes, pool.capRam[s])) return [s, now];
  }
  for (let s = 0; s < pool.size; s++) {
    if (pool.alive[s] === 0) continue;
    if (fits(pool.usedVcpus[s], vcpus, pool.capVcpus[s]) && fits(pool.usedRam[s], ramBytes, pool.capRam[s])) return [s, Math.max(now, pool.shutdownEndSeconds[s])];
  }
  return [-1, NaN];
}

type Op =
  | { kind: 'place'; vcpus: number; ramGiB: number; dt: number }
  | { kind: 'preempt'; slot: number; shutdown: number }
  | { kind: 'release'; pick: number }
  | { kind: 'move'; pick: number; to: number }
  | { kind: 'fail'; slot: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('place' as const), vcpus: fc.constantFrom(0, 1, 2, 4, 8, 16, 6.4), ramGiB: fc.constantFrom(0, 1, 4, 6.4, 16, 64, 200), dt: fc.constantFrom(0, 0, 10, 300) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('preempt' as const), slot: fc.nat(200), shutdown: fc.constantFrom(0, 60, 600) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(1000), to: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const), slot: fc.nat(200) }) },
);
const hostGroup = fc.record({
  count: fc.integer({ min: 1, max: 12 }),
  cores: fc.constantFrom(8, 16, 64),
  ramGiB: fc.constantFrom(64, 256, 1024),
  devTest: fc.option(fc.record({ cpu: fc.constantFrom(0.25, 0.5), ram: fc.constantFrom(0, 0.5) }), { nil: null }),
});

describe('first fit through the free-capacity index', () => {
  test('random pools and operations: the same host and ready time as the scan, every time', () => {
    fc.assert(fc.property(fc.array(hostGroup, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 0.2), fc.array(op, { maxLength: 300 }), (groups, reservation, ops) => {
      const s = makeScenario();
      s.clusters[1].ramReservationFraction = reservation;
      for (const g of groups) {
        const devTest = g.devTest === null ? null : { cpuFraction: g.devTest.cpu, ramFraction: g.devTest.ram, shutdownSeconds: det(0), valuePerYear: 0 };
        addHosts(s, g.count, { cores: g.cores, ramBytes: g.ramGiB * GiB, devTest });
      }
      const pool = new DrHostPool(s, 1, 0, [], false);
      const placed: { slot: number; vcpus: number; ram: number }[] = [];
      let now = 0;
      for (const o of ops) {
        if (o.kind === 'place') {
          now += o.dt;
          const ram = o.ramGiB * GiB;
          const [slot, readyAt] = scan(pool, o.vcpus, ram, now);
          expect(pool.place(o.vcpus, ram, now)).toBe(slot);
          if (slot >= 0) {
            expect(pool.placedReadyAtSeconds).toBe(readyAt);
            placed.push({ slot, vcpus: o.vcpus, ram });
          }
        } else if (o.kind === 'preempt') {
          const slot = o.slot % pool.size;
          if (pool.hasDevTest(slot)) pool.preempt(slot, now + o.shutdown);
        } else if (o.kind === 'release' && placed.length > 0) {
          const [p] = placed.splice(o.pick % placed.length, 1);
          if (pool.alive[p.slot] === 1) pool.unreserve(p.slot, p.vcpus, p.ram);
        } else if (o.kind === 'move' && placed.length > 0) {
          const p = placed[o.pick % placed.length];
          const to = o.to % pool.size;
          if (pool.alive[p.slot] === 1 && pool.alive[to] === 1 && to !== p.slot) {
            pool.move(p.slot, to, p.vcpus, p.ram);
            p.slot = to;
          }
        } else if (o.kind === 'fail') {
          pool.fail(o.slot % pool.size, now);
        }
      }
    }), { numRuns: 300 });
  });

  test('the index alone: the first host at or after `from` whose bounds both reach the need', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -1, max: 20 }), fc.integer({ min: -1, max: 20 })), { minLength: 1, maxLength: 70 }), fc.nat(20), fc.nat(20), fc.nat(80), (free, v, r, from) => {
      const index = new FirstFitIndex(free.length);
      free.forEach(([fv, fr], i) => index.set(i, fv < 0 ? -Infinity : fv, fr < 0 ? -Infinity : fr));
      let expected = -1;
      for (let i = from; i < free.length; i++) if (free[i][0] >= v && free[i][1] >= r) { expected = i; break; }
      expect(index.firstCandidate(v, r, from)).toBe(expected);
    }), { numRuns: 500 });
  });
});
