/**
 * Output statistics: Tally (observations), TimeWeighted (a level held over time) and
 * Student-t confidence intervals. Plain numbers in, plain numbers out; `toJSON`/`fromJSON` let
 * per-worker statistics cross a worker boundary as data.
 */
import { studentTQuantile } from './student-t.js';

export interface TallyState {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean (Welford's M2). */
  m2: number;
  min: number;
  max: number;
  sum: number;
}

/**
 * Count, mean, variance, extremes of a stream of observations, in O(1) memory (Welford), and
 * mergeable (Chan et al.): merged partial tallies equal one pass over all the data, up to
 * rounding. Rounding still depends on grouping, so for byte-identical results whatever the number
 * of workers, merge per-trial tallies in a fixed (trial) order rather than per-worker partials.
 */
export class Tally {
  private n = 0;
  private mu = 0;
  private m2 = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private total = 0;

  add(x: number): void {
    if (x !== x) throw new RangeError('Tally.add: expected a number, got NaN');
    const n = ++this.n;
    const delta = x - this.mu;
    this.mu += delta / n;
    this.m2 += delta * (x - this.mu);
    this.total += x;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  get count(): number { return this.n; }
  /** NaN when empty. */
  get mean(): number { return this.n > 0 ? this.mu : NaN; }
  /** Sample variance (n − 1 denominator); NaN with fewer than two observations. */
  get variance(): number { return this.n > 1 ? this.m2 / (this.n - 1) : NaN; }
  get sd(): number { return Math.sqrt(this.variance); }
  get min(): number { return this.n > 0 ? this.lo : NaN; }
  get max(): number { return this.n > 0 ? this.hi : NaN; }
  get sum(): number { return this.total; }

  /** Adds `other`'s observations to this tally (other is unchanged). Returns this. */
  merge(other: Tally): this {
    const nb = other.n;
    if (nb === 0) return this;
    const na = this.n;
    const n = na + nb;
    const delta = other.mu - this.mu;
    this.mu += (delta * nb) / n;
    this.m2 += other.m2 + ((delta * delta * na) / n) * nb;
    this.n = n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  toJSON(): TallyState {
    return { count: this.n, mean: this.mu, m2: this.m2, min: this.lo, max: this.hi, sum: this.total };
  }

  static fromJSON(state: TallyState): Tally {
    const tally = new Tally();
    tally.n = state.count;
    tally.mu = state.mean;
    tally.m2 = state.m2;
    // JSON turns ±Infinity into null: an empty tally's extremes come back as null.
    tally.lo = state.count > 0 ? state.min : Infinity;
    tally.hi = state.count > 0 ? state.max : -Infinity;
    tally.total = state.sum;
    return tally;
  }
}

/**
 * A level that holds its value between updates (queue length, busy links, data at risk), averaged
 * over time. `min`/`max` cover every value ever set, including ones replaced at the same instant.
 */
export class TimeWeighted {
  private lastTime: number;
  private level: number;
  private area = 0;
  private lo: number;
  private hi: number;

  constructor(readonly startTime = 0, initialValue = 0) {
    this.lastTime = startTime;
    this.level = initialValue;
    this.lo = initialValue;
    this.hi = initialValue;
  }

  /** The level becomes `value` at `time` (time never goes backwards). */
  update(time: number, value: number): void {
    if (!(time >= this.lastTime)) {
      throw new RangeError(`TimeWeighted.update: expected time ≥ ${this.lastTime}, got ${time}`);
    }
    this.area += this.level * (time - this.lastTime);
    this.lastTime = time;
    this.level = value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** ∫ level dt from startTime to untilTime (default: the last update). */
  integral(untilTime = this.lastTime): number {
    if (!(untilTime >= this.lastTime)) {
      throw new RangeError(`TimeWeighted: expected untilTime ≥ last update (${this.lastTime}), got ${untilTime}`);
    }
    return this.area + this.level * (untilTime - this.lastTime);
  }

  /** Time average from startTime to untilTime; NaN over an empty interval. */
  mean(untilTime: number): number {
    const duration = untilTime - this.startTime;
    return duration > 0 ? this.integral(untilTime) / duration : NaN;
  }

  get current(): number { return this.level; }
  get lastUpdateTime(): number { return this.lastTime; }
  get min(): number { return this.lo; }
  get max(): number { return this.hi; }
}

export interface ConfidenceInterval {
  mean: number;
  low: number;
  high: number;
  halfWidth: number;
}

/**
 * Two-sided Student-t interval for a mean from n independent observations with sample sd:
 * mean ± t_{(1+level)/2, n−1}·sd/√n. With n < 2 the width is unknown: low, high, halfWidth are NaN.
 */
export function confidenceInterval(mean: number, sd: number, n: number, level = 0.95): ConfidenceInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level: expected a number in (0, 1), got ${level}`);
  if (!(sd >= 0)) throw new RangeError(`sd: expected a number ≥ 0, got ${sd}`);
  if (!(n >= 0)) throw new RangeError(`n: expected a count ≥ 0, got ${n}`);
  const halfWidth = n >= 2 ? (studentTQuantile((1 + level) / 2, n - 1) * sd) / Math.sqrt(n) : NaN;
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth };
}

/** Confidence interval for the mean of a tally's observations (assumed independent, e.g. one per trial). */
export function tallyConfidenceInterval(tally: Tally, level = 0.95): ConfidenceInterval {
  return confidenceInterval(tally.mean, tally.count >= 2 ? tally.sd : 0, tally.count, level);
}
