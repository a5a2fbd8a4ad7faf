import { describe, test, expect } from '@jest/globals';
import { Interrupt, Resource, Simulation, SimulationError, type SimEvent } from '../../src/sim/index.js';

describe('processes', () => {
  test('timeouts resume the process with their value at the right time', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.process(function* () {
      const v: string = yield sim.timeout(2, 'x');
      log.push(`${v}@${sim.now}`);
      yield sim.timeout(0);
      log.push(`zero@${sim.now}`);
    });
    sim.run();
    expect(log).toEqual(['x@2', 'zero@2']);
  });

  test('a process starts at the current time, after the caller, and accepts a generator object', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.at(1, () => {
      function* body() { log.push(`body@${sim.now}`); }
      sim.process(body());
      log.push('caller');
    });
    sim.run();
    expect(log).toEqual(['caller', 'body@1']);
  });

  test('waiting on a process yields its return value; failure is thrown into the waiter', () => {
    const sim = new Simulation();
    const child = sim.process(function* () { yield sim.timeout(3); return 7; });
    const bad = sim.process(function* () { yield sim.timeout(5); throw new Error('disk full'); });
    const log: string[] = [];
    sim.process(function* () {
      const v: number = yield child;
      log.push(`child=${v}@${sim.now}`);
      try { yield bad; } catch (e) { log.push(`caught ${(e as Error).message}@${sim.now}`); }
      const again: number = yield child; // already processed: continues at once
      log.push(`again=${again}@${sim.now}`);
    });
    sim.run();
    expect(log).toEqual(['child=7@3', 'caught disk full@5', 'again=7@5']);
    expect(child.ok).toBe(true);
    expect(bad.ok).toBe(false);
  });

  test('manual events: succeed / fail, and double trigger is an error', () => {
    const sim = new Simulation();
    const ev = sim.event<number>();
    const broken = sim.event();
    const log: string[] = [];
    sim.process(function* () { log.push(`got ${yield ev}@${sim.now}`); });
    sim.process(function* () {
      try { yield broken; } catch (e) { log.push(`err ${(e as Error).message}`); }
    });
    sim.at(4, () => { ev.succeed(99); broken.fail(new Error('nope')); });
    sim.run();
    expect(log).toEqual(['got 99@4', 'err nope']);
    expect(() => ev.succeed(1)).toThrow(SimulationError);
  });

  test('an unhandled failure aborts run()', () => {
    const sim = new Simulation();
    sim.process(function* () { yield sim.timeout(1); throw new Error('crash'); });
    expect(() => sim.run()).toThrow('crash');
  });

  test('yielding something that is not an event throws into the process', () => {
    const sim = new Simulation();
    let message = '';
    sim.process(function* () {
      try { yield 42 as unknown as SimEvent; } catch (e) { message = (e as Error).message; }
    });
    sim.run();
    expect(message).toMatch(/must yield events/);
  });

  test('allOf waits for all and gives values in input order; anyOf gives the first', () => {
    const sim = new Simulation();
    const log: unknown[] = [];
    sim.process(function* () {
      const a = sim.timeout(3, 'a');
      const b = sim.timeout(1, 'b');
      const values: string[] = yield sim.allOf([a, b]);
      log.push(['all', values, sim.now]);
      const c = sim.timeout(5, 'c');
      const d = sim.timeout(2, 'd');
      const first: Map<SimEvent<string>, string> = yield sim.anyOf([c, d]);
      log.push(['any', [...first.values()], first.has(d), sim.now]);
      log.push(['empty', yield sim.allOf([]), sim.now]);
    });
    sim.run();
    expect(log).toEqual([['all', ['a', 'b'], 3], ['any', ['d'], true, 5], ['empty', [], 5]]);
  });

  test('allOf fails as soon as one event fails', () => {
    const sim = new Simulation();
    let caught = '';
    const failing = sim.event();
    sim.at(2, () => failing.fail(new Error('link down')));
    sim.process(function* () {
      try { yield sim.allOf([sim.timeout(10), failing]); } catch (e) { caught = `${(e as Error).message}@${sim.now}`; }
    });
    sim.run();
    expect(caught).toBe('link down@2');
  });

  test('interrupt: a host dies under a running restore; the process catches it and releases', () => {
    const sim = new Simulation();
    const restoreSlots = new Resource(sim, 1);
    const log: string[] = [];
    const restore = sim.process(function* () {
      const slot = restoreSlots.request();
      yield slot;
      try {
        yield sim.timeout(100); // restore in progress
        log.push('restored');
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(`interrupted by ${String(e.cause)}@${sim.now}`);
      } finally {
        restoreSlots.release(slot);
      }
      yield sim.timeout(1); // it may continue after catching
      return 'gave up';
    });
    const next = sim.process(function* () {
      const slot = restoreSlots.request();
      yield slot;
      log.push(`next got slot@${sim.now}`);
      restoreSlots.release(slot);
    });
    sim.at(10, () => restore.interrupt('host-7 died'));
    sim.process(function* () { log.push(`restore: ${yield restore}@${sim.now}`); });
    sim.run();
    expect(log).toEqual(['interrupted by host-7 died@10', 'next got slot@10', 'restore: gave up@11']);
    expect(restoreSlots.inUse).toBe(0);
    expect(next.ok).toBe(true);
  });

  test('interrupt: a waiting request is cancelled and leaves the queue', () => {
    const sim = new Simulation();
    const res = new Resource(sim, 1);
    const holder = sim.process(function* () { const r = res.request(); yield r; yield sim.timeout(10); res.release(r); });
    let queuedBefore = -1;
    const waiter = sim.process(function* () {
      const r = res.request();
      try { yield r; } catch (e) {
        queuedBefore = res.queueLength;
        expect(r.cancel()).toBe(true);
        expect(r.cancel()).toBe(false);
        return 'left';
      }
      return 'served';
    });
    const third = sim.process(function* () { yield sim.timeout(1); const r = res.request(); yield r; res.release(r); return sim.now; });
    sim.at(5, () => waiter.interrupt('timeout'));
    sim.run();
    expect(queuedBefore).toBe(2);
    expect(waiter.value).toBe('left');
    expect(third.value).toBe(10); // the cancelled request did not take the unit
    expect(holder.ok).toBe(true);
    expect(res.queueLength).toBe(0);
    expect(res.inUse).toBe(0);
  });

  test('an uncaught interrupt fails the process and the failure reaches its waiters', () => {
    const sim = new Simulation();
    const victim = sim.process(function* () { yield sim.timeout(50); });
    let seen: unknown;
    sim.process(function* () { try { yield victim; } catch (e) { seen = e; } });
    sim.at(3, () => victim.interrupt({ reason: 'power' }));
    sim.run();
    expect(seen).toBeInstanceOf(Interrupt);
    expect((seen as Interrupt).cause).toEqual({ reason: 'power' });
    expect(victim.ok).toBe(false);
    expect(victim.isAlive).toBe(false);
    expect(() => victim.interrupt()).toThrow(/finished/);
  });

  test('a process cannot interrupt itself', () => {
    const sim = new Simulation();
    let message = '';
    const p = sim.process(function* () {
      try { p.interrupt(); } catch (e) { message = (e as Error).message; }
      yield sim.timeout(1);
    });
    sim.run();
    expect(message).toMatch(/itself/);
  });
});
