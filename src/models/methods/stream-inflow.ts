/**
 * Drives link sources' inflow from write curves: a stream's inflow follows its workload's profile and
 * bursts exactly (no ticking). All streams on one link share one event per distinct breakpoint time (the
 * hour boundaries, mostly), and each such event updates them in one batch.
 */
import type { FluidLink, Source } from '../../sim/fluid-link.js';
import type { Simulation } from '../../sim/simulation.js';
import type { WriteCurve } from '../write-curve.js';
import type { ProtectionContext } from './method.js';

interface Change {
  source: Source;
  rate: number;
  onChange?: () => void;
}

class InflowDriver {
  private readonly changesAt = new Map<number, Change[]>();

  constructor(private readonly sim: Simulation, private readonly link: FluidLink) {}

  follow(source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
    const { times, ratesBytesPerSecond } = curve;
    // The last breakpoint closes the curve at the horizon; the first is time 0 (the source's initial inflow).
    for (let i = 1; i < times.length - 1; i++) {
      const t = times[i];
      let list = this.changesAt.get(t);
      if (list === undefined) {
        this.changesAt.set(t, (list = []));
        this.sim.at(t, () => this.fire(t));
      }
      list.push({ source, rate: ratesBytesPerSecond[i] * factor, onChange });
    }
  }

  private fire(t: number): void {
    const list = this.changesAt.get(t)!;
    this.changesAt.delete(t);
    this.link.batch(() => {
      for (const c of list) {
        this.link.setInflow(c.source, c.rate);
        c.onChange?.();
      }
    });
  }
}

export function followCurve(ctx: ProtectionContext, linkIndex: number, source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
  const link = ctx.links[linkIndex];
  ctx.shared(`inflow:${linkIndex}`, () => new InflowDriver(ctx.sim, link)).follow(source, curve, factor, onChange);
}
