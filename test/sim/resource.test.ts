import { describe, test, expect } from '@jest/globals';
import { Container, Resource, Simulation, SimulationError } from '../../src/sim/index.js';

/** Each user holds the resource for `hold` seconds; returns the order in which users got it. */
function grantOrder(sim: Simulation, res: Resource, users: { name: string; at: number; priority?: number }[], hold = 1): string[] {
  const order: string[] = [];
  for (const u of users) {
    sim.process(function* () {
      yield sim.timeout(u.at);
      const req = u.priority === undefined ? res.request() : res.request({ priority: u.priority });
      yield req;
      order.push(u.name);
      yield sim.timeout(hold);
      res.release(req);
    });
  }
  sim.run();
  return order;
}

describe('Resource', () => {
  test('FIFO: capacity units at once, the rest in arrival order', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 2);
    const order = grantOrder(sim, res, ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, at: i * 0.1 })));
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sim.now).toBeCloseTo(3); // a 0–1, b 0.1–1.1, c 1–2, d 1.1–2.1, e 2–3
    expect(res.inUse).toBe(0);
  });

  test('priority: lower number first, FIFO among equals, no preemption', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 1, { discipline: 'priority' });
    const order = grantOrder(sim, res, [
      { name: 'holder', at: 0, priority: 9 },
      { name: 'low1', at: 0.1, priority: 5 },
      { name: 'high1', at: 0.2, priority: 1 },
      { name: 'low2', at: 0.3, priority: 5 },
      { name: 'high2', at: 0.4, priority: 1 },
      { name: 'urgent', at: 0.5, priority: -3 },
    ]);
    expect(order).toEqual(['holder', 'urgent', 'high1', 'high2', 'low1', 'low2']);
  });

  test('inUse and queueLength track grants, releases and cancellations', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 1);
    const r1 = res.request();
    const r2 = res.request();
    const r3 = res.request();
    expect([res.inUse, res.queueLength]).toEqual([1, 2]);
    expect(r2.cancel()).toBe(true);
    expect(res.queueLength).toBe(1);
    expect(res.release(r1)).toBe(true);
    expect(res.release(r1)).toBe(false);
    expect([res.inUse, res.queueLength, r3.granted, r2.granted]).toEqual([1, 0, true, false]);
    expect(r3.cancel()).toBe(false); // granted: release it instead
    expect(res.release(r3)).toBe(true);
    expect(res.inUse).toBe(0);
    sim.run();
    expect(r1.value).toBe(r1);
  });

  test('many cancelled waiters are skipped (and compacted) without disturbing order', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 1, { discipline: 'priority' });
    const holder = res.request();
    const reqs = Array.from({ length: 300 }, (_, i) => res.request({ priority: i % 7 }));
    for (let i = 0; i < reqs.length; i++) if (i % 3 !== 0) reqs[i].cancel();
    const kept = reqs.filter((_, i) => i % 3 === 0);
    expect(res.queueLength).toBe(kept.length);
    const expected = [...kept].sort((a, b) => a.priority - b.priority || a._order - b._order);
    const got: typeof kept = [];
    res.release(holder);
    for (;;) {
      const granted = kept.find((r) => r.granted && !got.includes(r));
      if (granted === undefined) break;
      got.push(granted);
      res.release(granted);
    }
    expect(got).toEqual(expected);
  });

  test('bad arguments are errors', () => {
    const sim = new Simulation();
    expect(() => new Resource(sim, 0)).toThrow(SimulationError);
    expect(() => new Resource(sim, 1.5)).toThrow(SimulationError);
    expect(() => new Resource(sim, 1).request({ priority: 1 })).toThrow(/discipline: 'priority'/);
    expect(() => new Resource(sim, 1, { discipline: 'priority' }).request({ priority: NaN })).toThrow(SimulationError);
    const other = new Resource(sim, 1);
    expect(() => new Resource(sim, 1).release(other.request())).toThrow(/another resource/);
  });
});

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
