/**
 * The classic "hold" benchmark of a pending-event set: keep P events pending; each operation pops
 * the minimum and pushes it back at t + Exp(1). Exp(1) draws are precomputed (2^20 of them,
 * cycled) so the number measures the queue, not the RNG. Flags: --ops=N (default 5,000,000).
 * Also reports the same loop through Simulation.after (queue + clock + callback dispatch).
 */
import seedrandom from 'seedrandom';
import { HeapEventQueue, type EventQueue } from '../src/sim/event-queue.js';
import { CalendarEventQueue } from '../src/sim/calendar-queue.js';
import { Simulation } from '../src/sim/simulation.js';

export const description = 'hold model: pop min + push t+Exp(1) with P = 100, 10k, 1M pending events';

const DRAWS = 1 << 20;

function expDraws(seed: string): Float64Array {
  const rng = seedrandom.xor4096(seed);
  const out = new Float64Array(DRAWS);
  for (let i = 0; i < DRAWS; i++) out[i] = -Math.log(1 - rng());
  return out;
}

function holdQueue(pending: number, ops: number, draws: Float64Array, make: (cap: number) => EventQueue<number> = (cap) => new HeapEventQueue<number>(cap)): number {
  const q = make(pending);
  let k = 0;
  for (let i = 0; i < pending; i++) q.push(draws[k++ & (DRAWS - 1)], i);
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    const item = q.pop() as number;
    q.push(q.lastTime + draws[k++ & (DRAWS - 1)], item);
  }
  return ops / ((performance.now() - start) / 1000);
}

function holdSimulation(pending: number, ops: number, draws: Float64Array, queue: 'heap' | 'calendar' = 'heap'): number {
  const sim = new Simulation({ initialQueueCapacity: pending, queue });
  let k = 0;
  let done = 0;
  const hold = (): void => {
    if (++done >= ops) sim.stop();
    sim.after(draws[k++ & (DRAWS - 1)], hold);
  };
  for (let i = 0; i < pending; i++) sim.after(draws[k++ & (DRAWS - 1)], hold);
  const start = performance.now();
  sim.run();
  return ops / ((performance.now() - start) / 1000);
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const opsFlag = args.find((a) => a.startsWith('--ops='));
  const ops = opsFlag === undefined ? 5_000_000 : Number(opsFlag.slice(6));
  const draws = expDraws('hold');
  const calendar = (cap: number) => new CalendarEventQueue<number>(cap);
  holdQueue(1000, 200_000, draws); // JIT warm-up
  holdQueue(1000, 200_000, draws, calendar);
  holdSimulation(1000, 200_000, draws);
  const results: Record<string, unknown> = {};
  for (const pending of [100, 10_000, 1_000_000]) {
    results[`P=${pending}`] = {
      queueOpsPerSecond: Math.round(holdQueue(pending, ops, draws)),
      calendarQueueOpsPerSecond: Math.round(holdQueue(pending, ops, draws, calendar)),
      simulationOpsPerSecond: Math.round(holdSimulation(pending, ops, draws)),
      simulationCalendarOpsPerSecond: Math.round(holdSimulation(pending, ops, draws, 'calendar')),
    };
  }
  return { ops, results, target: 'queue >= 2,500,000 ops/s at P = 1,000,000 (heap: the default; calendar: CalendarEventQueue)' };
}
