/**
 * Drives a link source's inflow from a write curve: one event per rate breakpoint, so a stream's
 * inflow follows the workload's profile and bursts exactly (no ticking).
 */
import type { FluidLink, Source } from '../../sim/fluid-link.js';
import type { Simulation } from '../../sim/simulation.js';
import type { WriteCurve } from '../write-curve.js';

export function followCurve(sim: Simulation, link: FluidLink, source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
  const { times, ratesBytesPerSecond } = curve;
  let i = 1;
  const step = (): void => {
    link.setInflow(source, ratesBytesPerSecond[i] * factor);
    onChange?.();
    i++;
    if (i < times.length - 1) sim.at(times[i], step);
  };
  if (times.length > 2) sim.at(times[1], step);
}
