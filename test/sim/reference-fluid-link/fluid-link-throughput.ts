/**
 * The total rate a fluid link carries over time, as breakpoints: kept only when asked for
 * (FluidLinkOptions.recordThroughput), for charts of a link's week.
 */
import { Float64Series } from './fluid-link-series.js';

export interface ThroughputBreakpoints {
  /** The rate bytesPerSecond[i] holds from timesSeconds[i] until the next breakpoint. */
  timesSeconds: Float64Array;
  bytesPerSecond: Float64Array;
}

export class ThroughputRecorder {
  private readonly times = new Float64Series();
  private readonly rates = new Float64Series();

  constructor(startSeconds: number) {
    this.times.push(startSeconds);
    this.rates.push(0);
  }

  /** The rate becomes `bytesPerSecond` at `nowSeconds`; a second change at the same time replaces the first. */
  record(nowSeconds: number, bytesPerSecond: number): void {
    if (this.times.last() === nowSeconds) this.rates.setLast(bytesPerSecond);
    else {
      this.times.push(nowSeconds);
      this.rates.push(bytesPerSecond);
    }
  }

  breakpoints(): ThroughputBreakpoints {
    return { timesSeconds: this.times.toArray(), bytesPerSecond: this.rates.toArray() };
  }
}
