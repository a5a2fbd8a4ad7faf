import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { FluidLink, type Transfer } from '../../src/sim/fluid-link.js';
import { Simulation } from '../../src/sim/simulation.js';
import { DIGITS, setup, start } from './fluid-link-setup.js';

describe('FluidLink bulk transfers', () => {
  test('one transfer of 100 B at 10 B/s completes at t=10, remaining bytes exact in between', () => {
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    const a = start(link, done, 'a', 100);
    sim.run({ until: 4 });
    expect(a.remainingBytes).toBeCloseTo(60, DIGITS);
    expect(a.done).toBe(false);
    sim.run();
    expect(done.get('a')).toBeCloseTo(10, DIGITS);
    expect(a.done).toBe(true);
    expect(a.remainingBytes).toBe(0);
    expect(link.bytesCarried).toBeCloseTo(100, DIGITS);
  });

  test('two equal transfers started together both complete at t=20, in insertion order', () => {
    const { sim, link } = setup(10);
    const order: string[] = [];
    const times: number[] = [];
    for (const name of ['first', 'second', 'third']) {
      link.startTransfer(100, { onComplete: (t) => { order.push(name); times.push(t); } });
    }
    sim.run();
    // Three transfers: 300 B at 10 B/s, all equal, all finish together at 30.
    expect(order).toEqual(['first', 'second', 'third']);
    for (const t of times) expect(t).toBeCloseTo(30, DIGITS);

    const two = setup(10);
    const done = new Map<string, number>();
    start(two.link, done, 'a', 100);
    start(two.link, done, 'b', 100);
    two.sim.run();
    expect(done.get('a')).toBeCloseTo(20, DIGITS);
    expect(done.get('b')).toBeCloseTo(20, DIGITS);
  });

  test('weights 1 and 3: the heavy one finishes first, then the light one gets the whole link', () => {
    // φ = 10 / (1 + 3) = 2.5 B/s per unit weight: heavy gets 7.5 B/s, light 2.5 B/s.
    // Heavy: 100 / 7.5 = 13.333… s. Light by then: 2.5 · 40/3 = 33.333… B, 66.666… B left
    // at the full 10 B/s: 6.666… s more, so t = 20 (the link is work-conserving: 200 B / 10 B/s).
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    const light = start(link, done, 'light', 100, 1);
    start(link, done, 'heavy', 100, 3);
    expect(link.fairRatePerWeightBytesPerSecond).toBeCloseTo(2.5, DIGITS);
    sim.run({ until: 40 / 3 });
    expect(done.get('heavy')).toBeCloseTo(40 / 3, DIGITS);
    expect(light.remainingBytes).toBeCloseTo(200 / 3, DIGITS);
    sim.run();
    expect(done.get('light')).toBeCloseTo(20, DIGITS);
  });

  test('a transfer started half-way through another', () => {
    // A alone 0–5 s: 50 B done. Then 5 B/s each: A's other 50 B take 10 s → t=15;
    // B has 50 B left at 15 and the full link: t=20.
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    start(link, done, 'a', 100);
    sim.at(5, () => { start(link, done, 'b', 100); });
    sim.run();
    expect(done.get('a')).toBeCloseTo(15, DIGITS);
    expect(done.get('b')).toBeCloseTo(20, DIGITS);
  });

  test('cancel: the cancelled bytes stop counting and the survivor speeds up', () => {
    // 0–4 s: 5 B/s each, 20 B each. Cancel B (80 B left). A has 80 B at 10 B/s → t=12.
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    start(link, done, 'a', 100);
    const b = start(link, done, 'b', 100);
    sim.at(4, () => { expect(link.cancel(b)).toBe(true); });
    sim.run();
    expect(done.get('a')).toBeCloseTo(12, DIGITS);
    expect(done.has('b')).toBe(false);
    expect(b.cancelled).toBe(true);
    expect(b.remainingBytes).toBeCloseTo(80, DIGITS);
    expect(link.cancel(b)).toBe(false);
    expect(link.bytesCarried).toBeCloseTo(120, DIGITS);
  });

  test('capacity halved at t=5 stretches the rest', () => {
    // 50 B at 10 B/s by t=5, the other 50 B at 5 B/s: t=15.
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    start(link, done, 'a', 100);
    sim.at(5, () => link.setCapacity(5));
    sim.run();
    expect(done.get('a')).toBeCloseTo(15, DIGITS);
  });

  test('an outage (capacity 0) delays completion by exactly its length and schedules nothing', () => {
    const { sim, link } = setup(10);
    const done = new Map<string, number>();
    const a = start(link, done, 'a', 100);
    let pendingDuringOutage = -1;
    sim.at(3, () => link.setCapacity(0));
    sim.at(5, () => { pendingDuringOutage = sim.pendingEvents; });
    sim.at(7, () => link.setCapacity(10));
    sim.run({ until: 6 });
    expect(a.remainingBytes).toBeCloseTo(70, DIGITS);
    sim.run();
    expect(pendingDuringOutage).toBe(1); // only the test's own restore event
    expect(done.get('a')).toBeCloseTo(14, DIGITS); // 10 s of work + 4 s outage
    // Utilization counts only time with capacity: 10 s busy out of 10 s up.
    expect(link.utilization).toBeCloseTo(1, DIGITS);
  });

  test('an empty transfer completes at once, even during an outage', () => {
    const { sim, link } = setup(0);
    const done = new Map<string, number>();
    sim.at(2, () => { start(link, done, 'empty', 0); });
    sim.run();
    expect(done.get('empty')).toBe(2);
  });
});


describe('FluidLink as a processor-sharing queue', () => {
  test('M/M/1-PS mean sojourn time is 1/(μ − λ) within a 99% Student-t interval', () => {
    const capacityBytesPerSecond = 10;
    const meanSizeBytes = 1; // μ = 10 /s
    const lambda = 7; // ρ = 0.7: expected mean sojourn 1/(10 − 7) = 1/3 s
    const warmupSeconds = 200;
    const arrivalsUntilSeconds = 2200;
    const replications = 20;
    const means: number[] = [];
    for (let r = 0; r < replications; r++) {
      const rng = seedrandom.xor4096(`fluid-link-mm1ps-${r}`);
      const exp = (rate: number): number => -Math.log(1 - rng()) / rate;
      const sim = new Simulation();
      const link = new FluidLink(sim, { capacityBytesPerSecond });
      let sum = 0;
      let n = 0;
      const arrive = (): void => {
        const arrival = sim.now;
        const counted = arrival >= warmupSeconds;
        link.startTransfer(exp(1 / meanSizeBytes), {
          onComplete: (t) => { if (counted) { sum += t - arrival; n++; } },
        });
        const next = arrival + exp(lambda);
        if (next < arrivalsUntilSeconds) sim.at(next, arrive);
      };
      sim.at(exp(lambda), arrive);
      sim.run(); // runs until every counted customer has left: no censoring
      means.push(sum / n);
    }
    const mean = means.reduce((a, b) => a + b, 0) / replications;
    const variance = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (replications - 1);
    const tQuantile = 2.860935; // Student t, 0.995 quantile, 19 degrees of freedom (tables)
    const halfWidth = (tQuantile * Math.sqrt(variance)) / Math.sqrt(replications);
    const expected = 1 / (capacityBytesPerSecond / meanSizeBytes - lambda);
    expect(Math.abs(mean - expected)).toBeLessThan(halfWidth);
    expect(halfWidth / expected).toBeLessThan(0.05); // the interval is informative
  });
});

describe('FluidLink properties', () => {
  type Op =
    | { kind: 'start'; dt: number; sizeBytes: number; weight: number }
    | { kind: 'cancel'; dt: number; pick: number }
    | { kind: 'capacity'; dt: number; bytesPerSecond: number };
  const dt = fc.double({ min: 0, max: 5, noNaN: true });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('start' as const), dt, sizeBytes: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1000, noNaN: true })), weight: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('cancel' as const), dt, pick: fc.nat() }),
    fc.record({ kind: fc.constant('capacity' as const), dt, bytesPerSecond: fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 50, noNaN: true })) }),
  );

  test('bytes are conserved and completions come in time order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const sim = new Simulation();
        const link = new FluidLink(sim, { capacityBytesPerSecond: 10 });
        const transfers: Transfer[] = [];
        const completions: { t: number; transfer: Transfer }[] = [];
        let maxCapacity = 10;
        let t = 0;
        for (const o of ops) {
          t += o.dt;
          sim.at(t, () => {
            if (o.kind === 'start') {
              const tr: Transfer = link.startTransfer(o.sizeBytes, { weight: o.weight, onComplete: (at) => completions.push({ t: at, transfer: tr }) });
              transfers.push(tr);
            } else if (o.kind === 'cancel') {
              if (transfers.length > 0) link.cancel(transfers[o.pick % transfers.length]);
            } else {
              maxCapacity = Math.max(maxCapacity, o.bytesPerSecond);
              link.setCapacity(o.bytesPerSecond);
            }
          });
        }
        sim.at(t, () => link.setCapacity(10));
        sim.run();
        let expectedCarried = 0;
        for (const tr of transfers) {
          expect(tr.done || tr.cancelled).toBe(true);
          expectedCarried += tr.sizeBytes - tr.remainingBytes;
        }
        const total = transfers.reduce((a, tr) => a + tr.sizeBytes, 0);
        expect(Math.abs(link.bytesCarried - expectedCarried)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
        expect(completions.length).toBe(transfers.filter((tr) => tr.done).length);
        for (let i = 1; i < completions.length; i++) expect(completions[i].t).toBeGreaterThanOrEqual(completions[i - 1].t);
        for (const c of completions) {
          expect(c.t).toBe(c.transfer.completionTimeSeconds);
          // No transfer can beat the fastest the link ever ran.
          expect(c.t - c.transfer.startTimeSeconds).toBeGreaterThanOrEqual(c.transfer.sizeBytes / maxCapacity - 1e-9);
        }
        expect(link.activeTransferCount).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  test('with streams: rates stay within capacity and work-conserving, stream bytes add up, recovery points are monotone', () => {
    type StreamOp =
      | { kind: 'start'; dt: number; sizeBytes: number; weight: number }
      | { kind: 'inflow'; dt: number; pick: number; bytesPerSecond: number }
      | { kind: 'mode'; dt: number; pick: number; throttle: boolean }
      | { kind: 'capacity'; dt: number; bytesPerSecond: number };
    const rate = fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 20, noNaN: true }));
    const streamOp: fc.Arbitrary<StreamOp> = fc.oneof(
      fc.record({ kind: fc.constant('start' as const), dt, sizeBytes: fc.double({ min: 0, max: 300, noNaN: true }), weight: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('inflow' as const), dt, pick: fc.nat(), bytesPerSecond: rate }),
      fc.record({ kind: fc.constant('mode' as const), dt, pick: fc.nat(), throttle: fc.boolean() }),
      fc.record({ kind: fc.constant('capacity' as const), dt, bytesPerSecond: rate }),
    );
    const streamSpec = fc.record({ weight: fc.integer({ min: 1, max: 3 }), inflow: rate, throttle: fc.boolean() });
    fc.assert(
      fc.property(fc.array(streamSpec, { minLength: 1, maxLength: 3 }), fc.array(streamOp, { maxLength: 40 }), (specs, ops) => {
        const sim = new Simulation();
        const link = new FluidLink(sim, { capacityBytesPerSecond: 10 });
        const sources = specs.map((sp) => link.addSource({ weight: sp.weight, inflowBytesPerSecond: sp.inflow, overflow: sp.throttle ? 'throttle' : 'buffer', recordHistory: true }));
        // The test integrates the offered inflow itself: offered = accepted + throttled.
        const offered = sources.map(() => 0);
        const since = sources.map(() => 0);
        const transfers: Transfer[] = [];
        const close = (i: number): void => {
          offered[i] += sources[i].inflowBytesPerSecond * (sim.now - since[i]);
          since[i] = sim.now;
        };
        const checkRates = (): void => {
          const c = link.capacityBytesPerSecond;
          expect(link.rateBytesPerSecond).toBeLessThanOrEqual(c * (1 + 1e-12) + 1e-12);
          const demandLeft = link.activeTransferCount > 0 || sources.some((s) => s.backlogBytes > 0 || s.serviceRateBytesPerSecond < s.inflowBytesPerSecond);
          // Work-conserving: capacity is left idle only when nobody wants more.
          if (demandLeft) expect(link.rateBytesPerSecond).toBeCloseTo(c, 9);
        };
        let t = 0;
        for (const o of ops) {
          t += o.dt;
          sim.at(t, () => {
            if (o.kind === 'start') transfers.push(link.startTransfer(o.sizeBytes, { weight: o.weight }));
            else if (o.kind === 'inflow') {
              const i = o.pick % sources.length;
              close(i);
              link.setInflow(sources[i], o.bytesPerSecond);
            } else if (o.kind === 'mode') link.setOverflow(sources[o.pick % sources.length], o.throttle ? 'throttle' : 'buffer');
            else link.setCapacity(o.bytesPerSecond);
            checkRates();
          });
        }
        sim.run({ until: t + 1 });
        checkRates();
        sources.forEach((_, i) => close(i));
        let expectedCarried = 0;
        for (const tr of transfers) expectedCarried += tr.sizeBytes - tr.remainingBytes;
        for (let i = 0; i < sources.length; i++) {
          const s = sources[i];
          expectedCarried += s.cumulativeOutBytes;
          const scale = Math.max(1, offered[i]);
          expect(Math.abs(s.cumulativeInBytes + s.throttledBytes - offered[i])).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(s.cumulativeInBytes - s.cumulativeOutBytes - s.backlogBytes)).toBeLessThanOrEqual(1e-9 * scale);
          expect(s.peakBacklogBytes).toBeGreaterThanOrEqual(s.backlogBytes);
          let previous = -Infinity;
          for (let k = 0; k <= 20; k++) {
            const at = ((t + 1) * k) / 20;
            const rp = s.recoveryPointAt(at);
            expect(rp).toBeLessThanOrEqual(at);
            expect(rp).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = rp;
          }
        }
        expect(Math.abs(link.bytesCarried - expectedCarried)).toBeLessThanOrEqual(1e-9 * Math.max(1, expectedCarried));
      }),
      { numRuns: 200 },
    );
  });
});

describe('batched changes', () => {
  test('starts and inflow changes inside batch() give exactly the unbatched completions', () => {
    const run = (batched: boolean) => {
      const { sim, link } = setup(10);
      const done = new Map<string, number>();
      const src = link.addSource({ inflowBytesPerSecond: 1, overflow: 'buffer', recordHistory: true });
      sim.at(2, () => {
        const changes = () => {
          start(link, done, 'a', 100, 1);
          start(link, done, 'b', 50, 3);
          link.setInflow(src, 4);
        };
        if (batched) link.batch(changes);
        else changes();
      });
      sim.run();
      return { a: done.get('a'), b: done.get('b'), rp: src.recoveryPointAt(sim.now) };
    };
    const plain = run(false);
    const batched = run(true);
    expect(batched.a).toBeCloseTo(plain.a!, DIGITS);
    expect(batched.b).toBeCloseTo(plain.b!, DIGITS);
    expect(batched.rp).toBeCloseTo(plain.rp, DIGITS);
  });
});
