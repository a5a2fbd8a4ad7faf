/**
 * Unique changes are bounded by the data there is: over any window a VM cannot change more distinct bytes
 * than it holds (its used bytes), however long the window and whatever its unique-update curve says
 * (the curve is flat beyond its last point, so unique bytes would otherwise grow without bound).
 *
 * A workload part of a group holds several VMs of one workload; VM i writes the share s_i/S of the part's
 * writes (its workloadScale over the part's sum — exact for the profile, an approximation while some
 * members burst and others do not). The part's unique bytes U are then capped VM by VM:
 *   capped(U) = Σ_i min(s_i/S · U, used_i),
 * a concave, piecewise-linear function: VM i saturates once U ≥ τ_i = used_i · S / s_i. With the τ sorted,
 * capped(U) = Σ_{τ_i ≤ U} used_i + U · Σ_{τ_i > U} s_i / S — one binary search per window.
 */
export class UsedBytesCap {
  /** τ_i ascending. */
  private readonly thresholds: Float64Array;
  /** usedBelow[k] = Σ used_i of the k smallest τ. */
  private readonly usedBelow: Float64Array;
  /** scaleAbove[k] = Σ s_i / S of the others. */
  private readonly shareAbove: Float64Array;

  constructor(scales: readonly number[], usedBytes: readonly number[]) {
    const total = scales.reduce((a, b) => a + b, 0);
    // A VM that never writes (scale 0) never saturates: τ = ∞ with share 0 changes nothing.
    const order = scales.map((_, i) => i).filter((i) => scales[i] > 0)
      .map((i) => ({ tau: (usedBytes[i] * total) / scales[i], used: usedBytes[i], share: scales[i] / total }))
      .sort((a, b) => a.tau - b.tau);
    const n = order.length;
    this.thresholds = Float64Array.from(order, (o) => o.tau);
    this.usedBelow = new Float64Array(n + 1);
    this.shareAbove = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) this.usedBelow[k + 1] = this.usedBelow[k] + order[k].used;
    for (let k = n - 1; k >= 0; k--) this.shareAbove[k] = this.shareAbove[k + 1] + order[k].share;
  }

  /** The part's unique bytes U (uncapped) → capped at each member's used bytes. */
  cap(uniqueBytes: number): number {
    const t = this.thresholds;
    // Most windows change far less than the smallest disk holds: nothing to cap (and the same bytes exactly).
    if (t.length === 0 || uniqueBytes <= t[0]) return uniqueBytes;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid] <= uniqueBytes) lo = mid + 1;
      else hi = mid;
    }
    return this.usedBelow[lo] + uniqueBytes * this.shareAbove[lo];
  }
}
