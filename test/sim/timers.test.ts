import { describe, test, expect } from '@jest/globals';
import fc from 'fast-check';
import { Simulation, SimulationError } from '../../src/sim/index.js';

describe('Simulation timers', () => {
  test('a timer fires at its time, re-arming moves it, clearing stops it', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const timer = sim.timer(() => fired.push(sim.now));
    expect(timer.timeSeconds).toBe(Infinity);
    timer.set(5);
    expect(sim.pendingEvents).toBe(1);
    sim.at(2, () => timer.set(7)); // later
    sim.at(3, () => timer.set(4)); // earlier again
    sim.run();
    expect(fired).toEqual([4]);
    expect(sim.pendingEvents).toBe(0);
    timer.set(9);
    timer.clear();
    timer.clear();
    sim.run();
    expect(fired).toEqual([4]);
    expect(timer.timeSeconds).toBe(Infinity);
  });

  test('ties: a timer armed after an at() for the same time fires after it, and before later ones', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const timer = sim.timer(() => log.push('timer'));
    sim.at(5, () => log.push('a'));
    timer.set(5);
    sim.at(5, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'timer', 'b']);
  });

  test('peek, step and run({ until }) see armed timers', () => {
    const sim = new Simulation();
    let fired = 0;
    const timer = sim.timer(() => fired++);
    timer.set(3);
    sim.at(6, () => {});
    expect(sim.peek()).toBe(3);
    sim.run({ until: 2 });
    expect(fired).toBe(0);
    expect(sim.step()).toBe(true);
    expect(fired).toBe(1);
    expect(sim.now).toBe(3);
    expect(sim.peek()).toBe(6);
  });

  test('rejects times in the past, NaN and Infinity like at()', () => {
    const sim = new Simulation();
    const timer = sim.timer(() => {});
    sim.at(2, () => {});
    sim.run();
    expect(() => timer.set(1)).toThrow(SimulationError);
    expect(() => timer.set(NaN)).toThrow(SimulationError);
    expect(() => timer.set(Infinity)).toThrow(SimulationError);
  });

  test.each(['heap', 'calendar'] as const)('property (%s queue): re-arming timers gives exactly the event order of cancel + at', (queue) => {
    // Ops: [kind, owner, delay]: schedule a plain event, or move one of three components' pending event.
    const op = fc.tuple(fc.constantFrom('event', 'move', 'clear'), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 }));
    fc.assert(fc.property(fc.array(fc.array(op, { maxLength: 4 }), { minLength: 1, maxLength: 40 }), (script) => {
      const run = (useTimers: boolean) => {
        const sim = new Simulation({ queue, onEvent: (t, seq) => trace.push(`${t}:${seq}`) });
        const trace: string[] = [];
        const handles = [-1, -1, -1];
        const timers = [0, 1, 2].map((i) => sim.timer(() => { trace.push(`owner${i}`); step(); }));
        let k = 0;
        // Every event runs the next line of the script, so both runs make the same calls at the same moments.
        const step = (): void => {
          const line = script[k++];
          if (line === undefined) return;
          for (const [kind, owner, delay] of line) {
            const fire = () => { trace.push(`owner${owner}`); step(); };
            if (kind === 'event') sim.after(delay, step);
            else if (useTimers) {
              if (kind === 'move') timers[owner].set(sim.now + delay);
              else timers[owner].clear();
            } else {
              if (handles[owner] >= 0) sim.cancel(handles[owner]);
              handles[owner] = kind === 'move' ? sim.after(delay, () => { handles[owner] = -1; fire(); }) : -1;
            }
          }
        };
        sim.at(0, step);
        sim.run();
        return trace;
      };
      expect(run(true)).toEqual(run(false));
    }), { numRuns: 300 });
  });
});
