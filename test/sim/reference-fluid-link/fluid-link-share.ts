/**
 * Weighted max-min fair share (water-filling) for a fluid link.
 *
 * Elastic participants (bulk transfers, backlogged streams) take w·φ each; a capped participant
 * (a stream with an empty backlog) takes min(cap, w·φ). φ, the fair rate per unit weight, solves
 *   C = Σ_elastic w·φ + Σ_capped min(cap_j, w_j·φ).
 * Capped participants are few (tens), so an O(m log m) sort per event is cheap; the many elastic
 * transfers enter only through their total weight, which keeps each event O(log n) overall.
 */
export interface CappedDemand {
  readonly weight: number;
  readonly capBytesPerSecond: number;
}

/**
 * Returns φ in bytes per second per unit weight. Infinity means every participant is capped and
 * satisfied with capacity to spare (there is no elastic participant to absorb the rest).
 * `capped` must be sorted by cap/weight ascending (the link keeps its streams in that order, so
 * no sort is needed per event). Only the first `count` entries are read (the link reuses one scratch array).
 */
export function fairRatePerWeight(capacityBytesPerSecond: number, elasticWeight: number, capped: readonly CappedDemand[], count = capped.length): number {
  const m = count;
  if (m === 0) return elasticWeight > 0 ? capacityBytesPerSecond / elasticWeight : Infinity;
  let remainingBytesPerSecond = capacityBytesPerSecond;
  let cappedWeight = 0;
  for (let i = 0; i < m; i++) cappedWeight += capped[i].weight;
  for (let i = 0; i < m; i++) {
    const d = capped[i];
    const candidate = remainingBytesPerSecond / (elasticWeight + cappedWeight);
    // Satisfied at its cap: take the cap out and share what is left among the rest.
    if (d.capBytesPerSecond <= d.weight * candidate) {
      remainingBytesPerSecond = Math.max(0, remainingBytesPerSecond - d.capBytesPerSecond);
      cappedWeight -= d.weight;
    } else {
      return candidate;
    }
  }
  return elasticWeight > 0 ? remainingBytesPerSecond / elasticWeight : Infinity;
}

/** Comparator for the order fairRatePerWeight expects (stable sort keeps ties in insertion order). */
export function byCapPerWeight(a: CappedDemand, b: CappedDemand): number {
  return a.capBytesPerSecond / a.weight - b.capBytesPerSecond / b.weight;
}
