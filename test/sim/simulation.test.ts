import { describe, test, expect } from '@jest/globals';
import { Simulation, SimulationError } from '../../src/sim/index.js';

describe('Simulation', () => {
  test('fires callbacks in time order, ties in scheduling order, and advances now', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.at(5, () => log.push(`b@${sim.now}`));
    sim.after(2, () => {
      log.push(`a@${sim.now}`);
      sim.after(3, () => log.push(`c@${sim.now}`)); // same time as b, scheduled later
    });
    sim.at(5, () => log.push(`b2@${sim.now}`));
    sim.run();
    expect(log).toEqual(['a@2', 'b@5', 'b2@5', 'c@5']);
    expect(sim.now).toBe(5);
    expect(sim.eventsProcessed).toBe(4);
    expect(sim.pendingEvents).toBe(0);
  });

  test('run({ until }) runs events at until, stops before later ones and sets now = until', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 4]) sim.at(t, () => seen.push(t));
    sim.run({ until: 2.5 });
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(2.5);
    sim.run({ until: 3 });
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    sim.run({ until: 10 }); // queue runs dry: the clock still moves to until
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(10);
  });

  test('cancel prevents a pending event and reports whether it did', () => {
    const sim = new Simulation();
    let fired = 0;
    const h = sim.after(1, () => fired++);
    const h2 = sim.after(2, () => fired++);
    expect(sim.cancel(h)).toBe(true);
    expect(sim.cancel(h)).toBe(false);
    sim.run();
    expect(fired).toBe(1);
    expect(sim.cancel(h2)).toBe(false); // already ran
  });

  test('stop() ends run after the current event; step() fires one event', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.at(1, () => { seen.push(1); sim.stop(); });
    sim.at(1, () => seen.push(11));
    sim.at(2, () => seen.push(2));
    sim.run();
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(1);
    expect(sim.step()).toBe(true);
    expect(seen).toEqual([1, 11]);
    sim.run();
    expect(seen).toEqual([1, 11, 2]);
    expect(sim.step()).toBe(false);
  });

  test('bad schedule times throw a SimulationError saying what was given and what now is', () => {
    const sim = new Simulation();
    sim.at(10, () => {
      expect(() => sim.at(5, () => {})).toThrow(SimulationError);
      expect(() => sim.at(5, () => {})).toThrow(/time 5.*now is 10/);
    });
    sim.run();
    expect(() => sim.at(NaN, () => {})).toThrow(/time NaN.*now is 10/);
    expect(() => sim.at(Infinity, () => {})).toThrow(SimulationError);
    expect(() => sim.after(-1, () => {})).toThrow(/delay of -1.*now is 10/);
    expect(() => sim.after(NaN, () => {})).toThrow(/delay of NaN/);
    expect(() => sim.after(Infinity, () => {})).toThrow(/delay of Infinity/);
    expect(() => sim.timeout(-2)).toThrow(/timeout of -2/);
    expect(() => sim.run({ until: 3 })).toThrow(/until must be >= now.*now is 10/);
    expect(() => sim.run({ until: NaN })).toThrow(SimulationError);
  });

  test('an exception in a callback propagates out of run and leaves the simulation usable', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.at(1, () => { throw new Error('boom'); });
    sim.at(2, () => seen.push(2));
    expect(() => sim.run()).toThrow('boom');
    sim.run();
    expect(seen).toEqual([2]);
  });

  test('onEvent sees every event with its time and seq', () => {
    const trace: [number, number][] = [];
    const sim = new Simulation({ onEvent: (t, s) => trace.push([t, s]) });
    sim.at(3, () => {});
    sim.at(1, () => {});
    sim.at(1, () => {});
    sim.run();
    expect(trace).toEqual([[1, 1], [1, 2], [3, 0]]);
  });
});
