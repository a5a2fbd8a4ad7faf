import { describe, test, expect } from '@jest/globals';
import { Container, Simulation, SimulationError } from '../../src/sim/index.js';

describe('Container', () => {
  test('get blocks until enough is put; gets are served FIFO', () => {
    const sim = new Simulation();
    const ramGiB = new Container(sim, { capacity: 100, initial: 10 });
    const log: string[] = [];
    const take = (name: string, at: number, amount: number) => sim.process(function* () {
      yield sim.timeout(at);
      const got: number = yield ramGiB.get(amount);
      log.push(`${name} got ${got}@${sim.now}`);
    });
    take('big', 0, 40);
    take('small', 1, 5); // could fit, but waits behind 'big' (strict FIFO)
    sim.at(2, () => { expect(ramGiB.getQueueLength).toBe(2); ramGiB.put(30); });
    sim.at(3, () => ramGiB.put(5));
    sim.run();
    expect(log).toEqual(['big got 40@2', 'small got 5@3']);
    expect(ramGiB.level).toBe(0);
  });

  test('put blocks until there is room; puts are served FIFO', () => {
    const sim = new Simulation();
    const pool = new Container(sim, { capacity: 10, initial: 8 });
    const log: string[] = [];
    sim.process(function* () { yield pool.put(5); log.push(`p5@${sim.now}`); });
    sim.process(function* () { yield pool.put(1); log.push(`p1@${sim.now}`); }); // fits now, but waits behind p5
    sim.at(1, () => pool.get(3));
    sim.at(2, () => pool.get(1));
    sim.run();
    expect(log).toEqual(['p5@1', 'p1@2']);
    expect(pool.level).toBe(10);
  });

  test('floating-point puts fill the capacity exactly', () => {
    const sim = new Simulation();
    const c = new Container(sim, { capacity: 1 });
    for (let i = 0; i < 10; i++) c.put(0.1);
    expect(c.putQueueLength).toBe(0);
    expect(c.level).toBeCloseTo(1);
  });

  test('a waiting get can be cancelled, unblocking the ones behind it', () => {
    const sim = new Simulation();
    const c = new Container(sim, { capacity: 10, initial: 3 });
    const big = c.get(8);
    const small = c.get(2);
    expect(small.triggered).toBe(false);
    expect(big.cancel()).toBe(true);
    expect(small.triggered).toBe(true);
    expect(c.level).toBe(1);
    expect(big.cancel()).toBe(false);
  });

  test('amounts are validated', () => {
    const sim = new Simulation();
    const c = new Container(sim, { capacity: 10 });
    expect(() => c.get(-1)).toThrow(/get\(-1\)/);
    expect(() => c.put(11)).toThrow(/capacity = 10/);
    expect(() => c.put(NaN)).toThrow(SimulationError);
    expect(() => new Container(sim, { capacity: 5, initial: 6 })).toThrow(SimulationError);
    expect(() => new Container(sim, { capacity: 0 })).toThrow(SimulationError);
    expect(new Container(sim).capacity).toBe(Infinity);
  });
});
