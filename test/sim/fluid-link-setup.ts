/** Shared set-up of the fluid-link tests. */
import { FluidLink, type Transfer } from '../../src/sim/fluid-link.js';
import { Simulation } from '../../src/sim/simulation.js';

/** Absolute tolerance for hand-computed times and byte counts (all values here are O(1..1000)). */
export const DIGITS = 9;

export function setup(capacityBytesPerSecond: number, recordThroughput = false): { sim: Simulation; link: FluidLink } {
  const sim = new Simulation();
  return { sim, link: new FluidLink(sim, { capacityBytesPerSecond, recordThroughput }) };
}

/** Starts a transfer and records its completion time in `done` under `name`. */
export function start(link: FluidLink, done: Map<string, number>, name: string, bytes: number, weight = 1): Transfer {
  return link.startTransfer(bytes, { weight, onComplete: (t) => done.set(name, t) });
}
