import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { FluidLink } from '../../src/sim/fluid-link.js';
import { Simulation } from '../../src/sim/simulation.js';
import { setup } from './fluid-link-setup.js';

describe('passive completions run ahead', () => {
  const wave = (passive: boolean, capacityChangeAt?: number) => {
    const sim = new Simulation();
    const link = new FluidLink(sim, { capacityBytesPerSecond: 10, recordThroughput: true });
    const done: number[] = [];
    sim.at(1, () => link.batch(() => {
      for (const [bytes, weight] of [[10, 1], [40, 2], [90, 1], [200, 3]] as const) {
        link.startTransfer(bytes, { weight, passive, onComplete: (t) => done.push(t) });
      }
    }));
    if (capacityChangeAt !== undefined) sim.at(capacityChangeAt, () => link.setCapacity(5));
    sim.run();
    return { done, events: sim.eventsProcessed, carried: link.bytesCarried, throughput: Array.from(link.throughputBreakpoints().bytesPerSecond) };
  };

  test('the same completion times, rates and bytes as one event per completion, in fewer events', () => {
    const active = wave(false);
    const passive = wave(true);
    expect(passive.done).toEqual(active.done);
    expect(passive.carried).toBe(active.carried);
    expect(passive.throughput).toEqual(active.throughput);
    expect(passive.events).toBeLessThan(active.events);
  });

  test('never past another scheduled event: a capacity change mid-wave still applies', () => {
    const active = wave(false, 12);
    const passive = wave(true, 12);
    expect(passive.done).toEqual(active.done);
    // The change is felt: completions after t = 12 are later than without it.
    expect(passive.done[passive.done.length - 1]).toBeGreaterThan(wave(true).done.at(-1)!);
  });

  test('never past the end of the run: a stream sharing the link is read as of `until`, and the run can go on', () => {
    // 10 B/s; a throttling stream wanting 8 B/s (weight 1) beside a passive 100-byte transfer (weight 1): each
    // gets 5 B/s, so the stream is refused 3 B/s and the transfer ends at 20 s. Run until 10 s: by then 30 bytes
    // were refused — not the 60 a run-ahead to 20 s would have counted — and the transfer is still going.
    const sim = new Simulation();
    const link = new FluidLink(sim, { capacityBytesPerSecond: 10 });
    const stream = link.addSource({ inflowBytesPerSecond: 8, overflow: 'throttle' });
    const done: number[] = [];
    link.startTransfer(100, { passive: true, onComplete: (t) => done.push(t) });
    sim.run({ until: 10 });
    expect(stream.throttledBytes).toBeCloseTo(30, 9);
    expect(done).toEqual([]);
    // The caller changes the link after the run: the rest of the transfer sees it (5 B/s left at 10 s, now the
    // whole link once the stream stops: 50 / 10 = 5 s more).
    link.setInflow(stream, 0);
    sim.run();
    expect(done).toEqual([15]);
    expect(stream.throttledBytes).toBeCloseTo(30, 9);
  });

  test('random workloads that keep the rule: passive and active transfers complete at the same times', () => {
    // Transfers start, capacities change and streams' inflows move from ordinary events; passive callbacks
    // only record. Running completions ahead must not move any of them.
    type Op =
      | { kind: 'start'; dt: number; sizeBytes: number; weight: number }
      | { kind: 'capacity'; dt: number; bytesPerSecond: number }
      | { kind: 'inflow'; dt: number; bytesPerSecond: number };
    const dt = fc.double({ min: 0, max: 4, noNaN: true });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('start' as const), dt, sizeBytes: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 400, noNaN: true })), weight: fc.integer({ min: 1, max: 4 }) }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('capacity' as const), dt, bytesPerSecond: fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 40, noNaN: true })) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('inflow' as const), dt, bytesPerSecond: fc.double({ min: 0, max: 15, noNaN: true }) }), weight: 1 },
    );
    const run = (ops: Op[], withStream: boolean, passive: boolean) => {
      const sim = new Simulation();
      const link = new FluidLink(sim, { capacityBytesPerSecond: 10, recordThroughput: true });
      const stream = withStream ? link.addSource({ inflowBytesPerSecond: 2, overflow: 'buffer', recordHistory: true }) : null;
      const done: [number, number][] = [];
      let t = 0;
      ops.forEach((o, i) => {
        t += o.dt;
        sim.at(t, () => {
          if (o.kind === 'start') link.startTransfer(o.sizeBytes, { weight: o.weight, passive, onComplete: (at) => done.push([i, at]) });
          else if (o.kind === 'capacity') link.setCapacity(o.bytesPerSecond);
          else if (stream !== null) link.setInflow(stream, o.bytesPerSecond);
        });
      });
      sim.at(t, () => { link.setCapacity(10); if (stream !== null) link.setInflow(stream, 0); });
      sim.run();
      return { done, carried: link.bytesCarried, events: sim.eventsProcessed };
    };
    let ranAhead = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), fc.boolean(), (ops, withStream) => {
        const active = run(ops, withStream, false);
        const passive = run(ops, withStream, true);
        // Same arithmetic in fewer events: equal to the last bit (completion order included).
        expect(passive.done).toEqual(active.done);
        expect(passive.carried).toBe(active.carried);
        expect(passive.events).toBeLessThanOrEqual(active.events);
        if (passive.events < active.events) ranAhead++;
      }),
      { numRuns: 300, seed: 20261203 },
    );
    // The comparison means something only if completions did run ahead in many of the cases.
    expect(ranAhead).toBeGreaterThan(30);
  });

  describe('refuses a passive callback that breaks the rule', () => {
    const waveWith = (misbehave: (sim: Simulation, link: FluidLink, other: FluidLink) => void) => {
      const sim = new Simulation();
      const link = new FluidLink(sim, { capacityBytesPerSecond: 10 });
      const other = new FluidLink(sim, { capacityBytesPerSecond: 10 });
      sim.at(1, () => link.batch(() => {
        link.startTransfer(10, { passive: true, onComplete: () => {} });
        link.startTransfer(40, { passive: true, onComplete: () => misbehave(sim, link, other) });
      }));
      return () => sim.run();
    };
    test.each([
      ['schedules an event', (sim: Simulation) => { sim.at(sim.now + 1, () => {}); }, /scheduled an event/],
      ['schedules after a delay', (sim: Simulation) => { sim.after(0, () => {}); }, /scheduled an event/],
      ['starts a transfer on its own link', (_sim: Simulation, link: FluidLink) => { link.startTransfer(5); }, /changed a link/],
      ['changes its own link\'s capacity', (_sim: Simulation, link: FluidLink) => { link.setCapacity(1); }, /changed a link/],
      ['starts a transfer on another link', (_sim: Simulation, _link: FluidLink, other: FluidLink) => { other.startTransfer(5); }, /changed a link/],
      ['uses send() on another link', (_sim: Simulation, _link: FluidLink, other: FluidLink) => { other.send(5, 1, () => {}); }, /changed a link/],
    ] as const)('one that %s throws a SimulationError', (_what, misbehave, message) => {
      expect(waveWith(misbehave)).toThrow(message);
    });
    test('the same callbacks on ordinary transfers are fine', () => {
      const sim = new Simulation();
      const link = new FluidLink(sim, { capacityBytesPerSecond: 10 });
      const done: number[] = [];
      link.startTransfer(10, { onComplete: (t) => { done.push(t); link.startTransfer(5, { onComplete: (u) => done.push(u) }); sim.after(1, () => done.push(sim.now)); } });
      sim.run();
      expect(done).toEqual([1, 1.5, 2]);
    });
  });
});

describe('send(): passive transfers without a handle', () => {
  /**
   * Waves of transfers, each restarted one second after its previous one completed (as snapshot deltas
   * are, by the next schedule tick): the callbacks only record, and a ticking event starts what is due.
   */
  const waves = (useSend: boolean) => {
    const sim = new Simulation();
    const link = new FluidLink(sim, { capacityBytesPerSecond: 10, recordThroughput: true });
    const rng = seedrandom('send');
    const done: [number, number][] = [];
    const completedAt = new Map<number, number>();
    const go = (id: number, bytes: number, weight: number): void => {
      const onComplete = (t: number): void => {
        done.push([id, t]);
        completedAt.set(id, t);
      };
      if (useSend) link.send(bytes, weight, onComplete);
      else link.startTransfer(bytes, { weight, onComplete, passive: true });
    };
    const tick = (t: number): void => {
      link.batch(() => {
        for (const [id, at] of [...completedAt]) {
          if (at + 1 <= t) {
            completedAt.delete(id);
            go(id, 1 + rng() * 50, 1 + (id % 3));
          }
        }
      });
      if (t < 200) sim.at(t + 0.25, () => tick(t + 0.25));
    };
    sim.at(0, () => link.batch(() => { for (let i = 0; i < 6; i++) go(i, 5 + 10 * i, 1 + (i % 3)); }));
    sim.at(0.25, () => tick(0.25));
    sim.run();
    return { done, carried: link.bytesCarried, throughput: Array.from(link.throughputBreakpoints().bytesPerSecond) };
  };

  test('gives exactly the completions, bytes and rates of startTransfer({ passive: true }), recycling its state', () => {
    const viaStart = waves(false);
    const viaSend = waves(true);
    expect(viaSend.done.length).toBeGreaterThan(50);
    expect(viaSend.done).toEqual(viaStart.done);
    expect(viaSend.carried).toBe(viaStart.carried);
    expect(viaSend.throughput).toEqual(viaStart.throughput);
  });

  test('rejects what startTransfer rejects', () => {
    const { link } = setup(10);
    expect(() => link.send(-1, 1, () => {})).toThrow(/size/);
    expect(() => link.send(1, 0, () => {})).toThrow(/weight/);
  });
});
