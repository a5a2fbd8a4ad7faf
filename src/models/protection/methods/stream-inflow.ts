/**
 * Drives link sources' inflow from write curves: a stream's inflow follows its workload's profile and
 * bursts exactly (no ticking). All streams on one link share one event per distinct breakpoint time (the
 * hour boundaries, mostly), and each such event updates them in one batch.
 *
 * A stream may be capped (synchronous writes that the writers cannot issue faster, see sync-replication.ts):
 * its inflow is min(rate, cap) while the cap is on, and the writes above the cap are counted exactly.
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
  /** Inflow ceiling while `capped` (Infinity: none). */
  cap: number;
  capped: boolean;
  /** The curve's rate × factor now, and the bytes above the cap so far (up to `since`). */
  rate: number;
  aboveCapBytes: number;
  /** ∫ (rate − cap) / rate dt while capped: how long writes were held back, weighted by the share held. */
  aboveCapShareSeconds: number;
  since: number;
}

/** Handle on a followed stream: switch its cap on and off, and read the writes refused by the cap. */
export interface FollowedStream {
  setCapped(capped: boolean): void;
  /** Writes above the cap while it was on, up to now. */
  aboveCapBytes(): number;
  /** ∫ (rate − cap) / rate dt while capped, up to now. */
  aboveCapShareSeconds(): number;
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

  follow(source: Source, curve: WriteCurve, factor: number, onChange: (() => void) | undefined, cap: number): FollowedStream {
    const { times, ratesBytesPerSecond } = curve;
    const index = this.followers.length;
    const f: Follower = { source, times, rates: ratesBytesPerSecond, factor, onChange, cap, capped: cap < Infinity, rate: ratesBytesPerSecond[0] * factor, aboveCapBytes: 0, aboveCapShareSeconds: 0, since: this.sim.now };
    this.followers.push(f);
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
    if (f.capped && f.rate > cap) this.link.setInflow(source, cap);
    return {
      setCapped: (capped) => {
        if (f.capped === capped || f.cap === Infinity) return;
        this.accrue(f);
        f.capped = capped;
        this.link.setInflow(f.source, this.inflow(f));
      },
      aboveCapBytes: () => {
        this.accrue(f);
        return f.aboveCapBytes;
      },
      aboveCapShareSeconds: () => {
        this.accrue(f);
        return f.aboveCapShareSeconds;
      },
    };
  }

  private inflow(f: Follower): number {
    return f.capped && f.rate > f.cap ? f.cap : f.rate;
  }

  /** Adds the writes above the cap since the last change. */
  private accrue(f: Follower): void {
    const now = this.sim.now;
    if (f.capped && f.rate > f.cap) {
      f.aboveCapBytes += (f.rate - f.cap) * (now - f.since);
      f.aboveCapShareSeconds += ((f.rate - f.cap) / f.rate) * (now - f.since);
    }
    f.since = now;
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
      this.accrue(f);
      f.rate = f.rates[at.breakpoints[k]] * f.factor;
      this.link.setInflow(f.source, this.inflow(f));
      f.onChange?.();
    }
  }
}

export function followCurve(ctx: ProtectionContext, linkIndex: number, source: Source, curve: WriteCurve, factor: number, onChange?: () => void, capBytesPerSecond = Infinity): FollowedStream {
  const link = ctx.links[linkIndex];
  return ctx.shared(`inflow:${linkIndex}`, () => new InflowDriver(ctx.sim, link)).follow(source, curve, factor, onChange, capBytesPerSecond);
}
