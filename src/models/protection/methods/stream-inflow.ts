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
   * Per breakpoint time, its slot: one event per distinct time, which touches only the followers with a
   * breakpoint then (each once, in the order they were followed). A slot's entries are a list in typed
   * arrays (follower, which breakpoint, next entry): no object per time or per breakpoint.
   */
  private readonly slotOf = new Map<number, number>();
  private slotHead: Int32Array<ArrayBuffer> = new Int32Array(256);
  private slotTail: Int32Array<ArrayBuffer> = new Int32Array(256);
  private slots = 0;
  private entryFollower: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private entryBreakpoint: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private entryNext: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private entries = 0;
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
      let slot = this.slotOf.get(t);
      if (slot === undefined) {
        slot = this.newSlot();
        this.slotOf.set(t, slot);
        this.sim.at(t, this.fireBound);
      } else if (this.entryFollower[this.slotTail[slot]] === index) {
        // A curve with two breakpoints at one time changes once, to the first one's rate.
        continue;
      }
      this.append(slot, index, i);
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

  private newSlot(): number {
    if (this.slots === this.slotHead.length) {
      this.slotHead = grown(this.slotHead);
      this.slotTail = grown(this.slotTail);
    }
    this.slotHead[this.slots] = -1;
    this.slotTail[this.slots] = -1;
    return this.slots++;
  }

  /** Adds (follower, breakpoint) at the end of a slot's list. */
  private append(slot: number, follower: number, breakpoint: number): void {
    if (this.entries === this.entryNext.length) {
      this.entryFollower = grown(this.entryFollower);
      this.entryBreakpoint = grown(this.entryBreakpoint);
      this.entryNext = grown(this.entryNext);
    }
    const e = this.entries++;
    this.entryFollower[e] = follower;
    this.entryBreakpoint[e] = breakpoint;
    this.entryNext[e] = -1;
    const tail = this.slotTail[slot];
    if (tail < 0) this.slotHead[slot] = e;
    else this.entryNext[tail] = e;
    this.slotTail[slot] = e;
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
    const now = this.sim.now;
    const slot = this.slotOf.get(now);
    if (slot === undefined) return;
    this.slotOf.delete(now);
    for (let e = this.slotHead[slot]; e >= 0; e = this.entryNext[e]) {
      const f = this.followers[this.entryFollower[e]];
      this.accrue(f);
      f.rate = f.rates[this.entryBreakpoint[e]] * f.factor;
      this.link.setInflow(f.source, this.inflow(f));
      f.onChange?.();
    }
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

export function followCurve(ctx: ProtectionContext, linkIndex: number, source: Source, curve: WriteCurve, factor: number, onChange?: () => void, capBytesPerSecond = Infinity): FollowedStream {
  const link = ctx.links[linkIndex];
  return ctx.shared(`inflow:${linkIndex}`, () => new InflowDriver(ctx.sim, link)).follow(source, curve, factor, onChange, capBytesPerSecond);
}
