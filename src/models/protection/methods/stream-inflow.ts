/**
 * Drives link sources' inflow from write curves: a stream's inflow follows its workload's profile and
 * bursts exactly (no ticking). All streams on one link share one event per distinct breakpoint time (the
 * hour boundaries, mostly), and each such event updates them in one batch.
 */
import type { FluidLink, Source } from '../../../sim/fluid-link.js';
import type { Simulation } from '../../../sim/simulation.js';
import type { WriteCurve } from '../write-curve.js';
import type { ProtectionContext } from './method.js';

/** A source following a curve: `next` is the index of its next breakpoint still to apply. */
interface Follower {
  source: Source;
  times: Float64Array;
  rates: Float64Array;
  factor: number;
  onChange: (() => void) | undefined;
  next: number;
}

class InflowDriver {
  private readonly followers: Follower[] = [];
  /** Breakpoint times with an event scheduled: one event per distinct time, whichever source brought it. */
  private readonly scheduled = new Set<number>();
  private readonly fireBound = (): void => this.fire();
  private readonly applyBound = (): void => this.apply();

  constructor(private readonly sim: Simulation, private readonly link: FluidLink) {}

  follow(source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
    const { times, ratesBytesPerSecond } = curve;
    // The last breakpoint closes the curve at the horizon; the first is time 0 (the source's initial inflow).
    for (let i = 1; i < times.length - 1; i++) {
      const t = times[i];
      if (this.scheduled.has(t)) continue;
      this.scheduled.add(t);
      this.sim.at(t, this.fireBound);
    }
    this.followers.push({ source, times, rates: ratesBytesPerSecond, factor, onChange, next: 1 });
  }

  /** At a breakpoint time: every source with a breakpoint now changes its inflow, in the order they were followed. */
  private fire(): void {
    this.link.batch(this.applyBound);
  }

  private apply(): void {
    const now = this.sim.now;
    for (const f of this.followers) {
      const last = f.times.length - 1;
      while (f.next < last && f.times[f.next] < now) f.next++;
      if (f.next < last && f.times[f.next] === now) {
        this.link.setInflow(f.source, f.rates[f.next] * f.factor);
        f.next++;
        f.onChange?.();
      }
    }
  }
}

export function followCurve(ctx: ProtectionContext, linkIndex: number, source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
  const link = ctx.links[linkIndex];
  ctx.shared(`inflow:${linkIndex}`, () => new InflowDriver(ctx.sim, link)).follow(source, curve, factor, onChange);
}
