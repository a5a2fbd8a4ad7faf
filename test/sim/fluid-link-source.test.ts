import { describe, expect, test } from '@jest/globals';
import { DIGITS, setup, start } from './fluid-link-setup.js';

describe('FluidLink streams (sources)', () => {
  test('max-min: a 4 B/s stream keeps its 4 B/s, the transfer gets 6 (not 5/5)', () => {
    const { sim, link } = setup(10);
    const src = link.addSource({ weight: 1, inflowBytesPerSecond: 4, overflow: 'buffer' });
    const t = link.startTransfer(1000);
    expect(src.serviceRateBytesPerSecond).toBeCloseTo(4, DIGITS);
    expect(link.fairRatePerWeightBytesPerSecond).toBeCloseTo(6, DIGITS);
    sim.run({ until: 10 });
    expect(t.remainingBytes).toBeCloseTo(940, DIGITS);
    expect(src.backlogBytes).toBe(0);
    expect(src.cumulativeOutBytes).toBeCloseTo(40, DIGITS);
    expect(src.throttledBytes).toBe(0);
  });

  test("'buffer': an 8 B/s stream vs a transfer at 5/5 builds 3 B/s of backlog, then catches up", () => {
    // 0–20 s: 5 B/s each; the 100 B transfer ends at 20; backlog 3·20 = 60 B.
    // Then the stream alone gets 10 B/s: drains at 10 − 8 = 2 B/s, 60 / 2 = 30 s → t=50.
    const { sim, link } = setup(10);
    const src = link.addSource({ weight: 1, inflowBytesPerSecond: 8, overflow: 'buffer', recordHistory: true });
    const done = new Map<string, number>();
    start(link, done, 't', 100);
    sim.run({ until: 10 });
    expect(src.serviceRateBytesPerSecond).toBeCloseTo(5, DIGITS);
    expect(src.backlogBytes).toBeCloseTo(30, DIGITS);
    sim.run({ until: 20 });
    expect(done.get('t')).toBeCloseTo(20, DIGITS);
    expect(src.backlogBytes).toBeCloseTo(60, DIGITS);
    expect(src.serviceRateBytesPerSecond).toBeCloseTo(10, DIGITS);
    sim.run({ until: 49 });
    expect(src.backlogBytes).toBeCloseTo(2, DIGITS);
    expect(src.peakBacklogBytes).toBeCloseTo(60, DIGITS); // at t=20, when the transfer left
    sim.run({ until: 60 });
    expect(src.backlogBytes).toBe(0);
    expect(src.serviceRateBytesPerSecond).toBeCloseTo(8, DIGITS);
    expect(src.cumulativeInBytes).toBeCloseTo(480, DIGITS);
    expect(src.cumulativeOutBytes).toBeCloseTo(480, DIGITS);
    // The drain was one exact event at 50: the breakpoints show it.
    const h = src.history();
    expect(Array.from(h.timesSeconds).map((x) => +x.toFixed(9))).toEqual([0, 20, 50, 60]);
    expect(Array.from(h.cumulativeOutBytes).map((x) => +x.toFixed(9))).toEqual([0, 100, 400, 480]);

    // In(s) = 8 s. Out(t) = 5 t to 20, 100 + 10 (t − 20) to 50, then 8 t.
    // Recovery point s solves 8 s = Out(t).
    expect(src.recoveryPointAt(10)).toBeCloseTo(50 / 8, DIGITS); // 6.25
    expect(src.recoveryPointAt(20)).toBeCloseTo(100 / 8, DIGITS); // 12.5
    expect(src.lagAt(20)).toBeCloseTo(7.5, DIGITS);
    expect(src.recoveryPointAt(30)).toBeCloseTo(200 / 8, DIGITS); // 25
    expect(src.recoveryPointAt(50)).toBeCloseTo(50, DIGITS);
    expect(src.recoveryPointAt(55)).toBeCloseTo(55, DIGITS);
    expect(src.lagAt(60)).toBeCloseTo(0, DIGITS);
    expect(() => src.recoveryPointAt(61)).toThrow(RangeError);
  });

  test("'throttle': the same stream never buffers; the refused 3 B/s are throttled bytes", () => {
    const { sim, link } = setup(10);
    const src = link.addSource({ weight: 1, inflowBytesPerSecond: 8, overflow: 'throttle', recordHistory: true });
    const done = new Map<string, number>();
    start(link, done, 't', 100);
    sim.run({ until: 30 });
    // 0–20: 5 B/s served, 3 B/s throttled; 20–30: 8 B/s, nothing throttled.
    expect(done.get('t')).toBeCloseTo(20, DIGITS);
    expect(src.backlogBytes).toBe(0);
    expect(src.throttledBytes).toBeCloseTo(60, DIGITS);
    expect(src.cumulativeInBytes).toBeCloseTo(180, DIGITS);
    expect(src.cumulativeOutBytes).toBeCloseTo(180, DIGITS);
    // Synchronous: whatever was accepted has arrived, the recovery point is always now.
    expect(src.lagAt(10)).toBeCloseTo(0, DIGITS);
    expect(src.lagAt(25)).toBeCloseTo(0, DIGITS);
  });

  test('catch-up after an outage takes backlog / (bandwidth − change rate)', () => {
    // Inflow 2 B/s on 10 B/s; outage 10–110 s: backlog 200 B; catch-up 200 / (10 − 2) = 25 s → t=135.
    const { sim, link } = setup(10);
    const src = link.addSource({ inflowBytesPerSecond: 2, overflow: 'buffer', recordHistory: true });
    sim.at(10, () => link.setCapacity(0));
    sim.at(110, () => link.setCapacity(10));
    sim.run({ until: 109 });
    expect(src.peakBacklogBytes).toBeCloseTo(198, DIGITS); // still growing: the live value counts
    sim.run({ until: 110 });
    expect(src.backlogBytes).toBeCloseTo(200, DIGITS);
    sim.run({ until: 134 });
    expect(src.backlogBytes).toBeCloseTo(8, DIGITS);
    sim.run({ until: 200 });
    const h = src.history();
    expect(Array.from(h.timesSeconds).map((x) => +x.toFixed(9))).toEqual([0, 10, 110, 135, 200]);
    // In(s) = 2 s; Out = 20 until 110, then 20 + 10 (t − 110) until 135.
    expect(src.recoveryPointAt(5)).toBeCloseTo(5, DIGITS);
    expect(src.recoveryPointAt(60)).toBeCloseTo(10, DIGITS);
    expect(src.lagAt(110)).toBeCloseTo(100, DIGITS);
    expect(src.recoveryPointAt(120)).toBeCloseTo(60, DIGITS); // Out = 120 = 2 s
    expect(src.recoveryPointAt(135)).toBeCloseTo(135, DIGITS);
    expect(src.lagAt(150)).toBeCloseTo(0, DIGITS);
  });

  test('setInflow, removeSource and a residual backlog under throttle mode', () => {
    const { sim, link } = setup(10);
    const src = link.addSource({ inflowBytesPerSecond: 2, overflow: 'buffer' });
    sim.at(10, () => link.setCapacity(0)); // backlog grows 2 B/s
    sim.at(20, () => { link.setCapacity(10); link.setOverflow(src, 'throttle'); link.setInflow(src, 6); });
    sim.run({ until: 20 });
    expect(src.backlogBytes).toBeCloseTo(20, DIGITS);
    // The 20 B backlog still drains FIFO at 10 − 6 = 4 B/s → t=25; then throttling applies.
    sim.run({ until: 25 });
    expect(src.backlogBytes).toBeCloseTo(0, DIGITS);
    sim.at(26, () => link.setCapacity(4));
    sim.run({ until: 30 });
    expect(src.throttledBytes).toBeCloseTo(8, DIGITS); // 26–30: 6 − 4 = 2 B/s refused
    link.removeSource(src);
    expect(() => link.setInflow(src, 1)).toThrow();
    sim.run({ until: 40 });
    expect(src.cumulativeInBytes).toBeCloseTo(20 + 20 + 30 + 6 + 16, DIGITS); // 0–10, outage, drain at 6 B/s, 25–26, 26–30
    expect(link.rateBytesPerSecond).toBe(0);
  });

  test('utilization and the throughput recorder', () => {
    // Stream 4 B/s from 0; a 60 B transfer at 10 gets 6 B/s → ends at 20; outage 30–40; end at 50.
    // After the outage the 40 B backlog drains at 10 − 4 = 6 B/s: full link 40–46.667, then 4 B/s.
    // rate/capacity integrated over the 40 s with capacity (outage excluded):
    // 0.4·10 + 1·10 + 0.4·10 + 1·20/3 + 0.4·10/3 = 26.
    const { sim, link } = setup(10, true);
    const src = link.addSource({ inflowBytesPerSecond: 4, overflow: 'buffer' });
    sim.at(10, () => { link.startTransfer(60); });
    sim.at(30, () => link.setCapacity(0));
    sim.at(40, () => link.setCapacity(10));
    sim.run({ until: 50 });
    expect(link.utilization).toBeCloseTo(26 / 40, DIGITS);
    const tp = link.throughputBreakpoints();
    expect(Array.from(tp.timesSeconds).map((x) => +x.toFixed(9))).toEqual([0, 10, 20, 30, 40, 46.666666667]);
    expect(Array.from(tp.bytesPerSecond).map((x) => +x.toFixed(9))).toEqual([4, 10, 4, 0, 10, 4]);
    expect(link.bytesCarried).toBeCloseTo(40 + 100 + 40 + 0 + 200 / 3 + 40 / 3, DIGITS);
    expect(src.cumulativeOutBytes).toBeCloseTo(4 * 50, DIGITS);
  });
});
