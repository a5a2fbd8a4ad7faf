import { describe, test, expect } from '@jest/globals';
import { Resource, Simulation, SimulationError } from '../../src/sim/index.js';

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
