/**
 * Drives link sources' inflow from write curves: a stream's inflow follows its workload's profile and
 * bursts exactly (no ticking). All streams on one link share one event per distinct breakpoint time (the
 * hour boundaries, mostly), and each such event updates them in one batch.
 */
import type { FluidLink, Source } from '../../../sim/fluid-link.js';
import type { Simulation } from '../../../sim/simulation.js';
import type { WriteCurve } from '../write-curve.js';
import type { ProtectionContext } from './method.js';

/** A source following a curve. */
interface Follower {
  source: Source;
  times: Float64Array;
  rates: Float64Array;
  factor: number;
  onChange: (() => void) | undefined;
}

class InflowDriver {
  private readonly followers: Follower[] = [];
  /**
   * Per breakpoint time, the followers with a breakpoint then (each once, in the order they were followed)
   * and which of their breakpoints: one event per distinct time, which touches only those streams.
   */
  private readonly due = new Map<number, { followers: number[]; breakpoints: number[] }>();
  private readonly fireBound = (): void => this.fire();
  private readonly applyBound = (): void => this.apply();

  constructor(private readonly sim: Simulation, private readonly link: FluidLink) {}

  follow(source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
    const { times, ratesBytesPerSecond } = curve;
    const index = this.followers.length;
    this.followers.push({ source, times, rates: ratesBytesPerSecond, factor, onChange });
    // The last breakpoint closes the curve at the horizon; the first is time 0 (the source's initial inflow).
    for (let i = 1; i < times.length - 1; i++) {
      const t = times[i];
      let at = this.due.get(t);
      if (at === undefined) {
        at = { followers: [], breakpoints: [] };
        this.due.set(t, at);
        this.sim.at(t, this.fireBound);
      }
      // A curve with two breakpoints at one time changes once, to the first one's rate.
      if (at.followers[at.followers.length - 1] === index) continue;
      at.followers.push(index);
      at.breakpoints.push(i);
    }
  }

  /** At a breakpoint time: every source with a breakpoint now changes its inflow, in the order they were followed. */
  private fire(): void {
    this.link.batch(this.applyBound);
  }

  private apply(): void {
    const at = this.due.get(this.sim.now);
    if (at === undefined) return;
    for (let k = 0; k < at.followers.length; k++) {
      const f = this.followers[at.followers[k]];
      this.link.setInflow(f.source, f.rates[at.breakpoints[k]] * f.factor);
      f.onChange?.();
    }
  }
}

export function followCurve(ctx: ProtectionContext, linkIndex: number, source: Source, curve: WriteCurve, factor: number, onChange?: () => void): void {
  const link = ctx.links[linkIndex];
  ctx.shared(`inflow:${linkIndex}`, () => new InflowDriver(ctx.sim, link)).follow(source, curve, factor, onChange);
}
