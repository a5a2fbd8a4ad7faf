/**
 * A fluid link's reallocations in order: the time of each and the fair rate per weight φ it set. The link
 * keeps one such log (only once a stream records history), shared by all its streams: between a stream's
 * own changes every rate it had follows from φ, so its history can be replayed from the log with its own
 * arithmetic instead of being written at every event (see fluid-link-history.ts).
 */
export class ReallocationLog {
  /** Plain arrays: V8 keeps them unboxed and grows them on its own heap (see fluid-link-series.ts). */
  private readonly times: number[] = [];
  private readonly phis: number[] = [];

  get length(): number {
    return this.times.length;
  }

  push(timeSeconds: number, fairRatePerWeight: number): void {
    this.times.push(timeSeconds);
    this.phis.push(fairRatePerWeight);
  }

  timeAt(i: number): number {
    return this.times[i];
  }

  fairRatePerWeightAt(i: number): number {
    return this.phis[i];
  }
}
