/**
 * Determinism fingerprint (as in OMNeT++): a fixed model's event trace — (time, seq) of every
 * event — hashed with SHA-256. The constant below changes only if event ordering changes; if it
 * does on purpose, re-run and update it in the same commit, saying why. The bytes hashed are the
 * Float64Array's native (little-endian on every platform we run) representation.
 */
import { describe, test, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { Container, Resource, Simulation } from '../../src/sim/index.js';

const EXPECTED_FINGERPRINT = 'a38171cae61b82875ac642d34d79d8372a6a0330022a54eca7ec983f63149809';

function traceHash(seed: string, queue: 'heap' | 'calendar' = 'heap'): { hash: string; events: number } {
  let trace = new Float64Array(1 << 14);
  let n = 0;
  const sim = new Simulation({
    queue,
    onEvent: (time, seq) => {
      if (n + 2 > trace.length) {
        const bigger = new Float64Array(trace.length * 2);
        bigger.set(trace);
        trace = bigger;
      }
      trace[n++] = time;
      trace[n++] = seq;
    },
  });
  const rng = seedrandom.xor4096(seed);
  const exp = (rate: number) => -Math.log(1 - rng()) / rate;
  // M/M/1 front desk (1000 customers), then a priority pair of restore slots and a RAM pool.
  const desk = new Resource(sim, 1);
  const slots = new Resource(sim, 2, { discipline: 'priority' });
  const ramGiB = new Container(sim, { capacity: 64, initial: 32 });
  function* customer(index: number) {
    const d = desk.request();
    yield d;
    yield sim.timeout(exp(1.25));
    desk.release(d);
    const s = slots.request({ priority: index % 3 });
    yield s;
    const amount = 1 + Math.floor(rng() * 16);
    yield ramGiB.get(amount);
    yield sim.allOf([sim.timeout(exp(2)), sim.timeout(exp(3))]);
    yield ramGiB.put(amount);
    slots.release(s);
  }
  sim.process(function* () {
    for (let i = 0; i < 1000; i++) {
      yield sim.timeout(exp(1));
      sim.process(customer(i));
    }
  });
  sim.run();
  const hash = createHash('sha256').update(new Uint8Array(trace.buffer, 0, n * 8)).digest('hex');
  return { hash, events: sim.eventsProcessed };
}

describe('determinism fingerprint', () => {
  test('a fixed model and seed always give the same event-trace hash', () => {
    const first = traceHash('fingerprint-1');
    const second = traceHash('fingerprint-1');
    expect(second).toEqual(first);
    expect(first.events).toBeGreaterThan(5000);
    expect(first.hash).toBe(EXPECTED_FINGERPRINT);
  });

  test('the calendar queue gives exactly the heap\'s event trace', () => {
    expect(traceHash('fingerprint-1', 'calendar').hash).toBe(EXPECTED_FINGERPRINT);
  });

  test('a different seed gives a different trace', () => {
    expect(traceHash('fingerprint-2').hash).not.toBe(traceHash('fingerprint-1').hash);
  });
});
