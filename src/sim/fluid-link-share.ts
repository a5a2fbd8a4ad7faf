/**
 * Weighted max-min fair share (water-filling) for a fluid link.
 *
 * Elastic participants (bulk transfers, backlogged streams) take w·φ each; a capped participant
 * (a stream with an empty backlog) takes min(cap, w·φ). φ, the fair rate per unit weight, solves
 *   C = Σ_elastic w·φ + Σ_capped min(cap_j, w_j·φ).
 * The many elastic transfers enter only through their total weight; the capped streams are visited in
 * the link's order (cap/weight ascending), which it keeps, so no event sorts.
 */

/**
 * Returns φ in bytes per second per unit weight. Infinity means every participant is capped and
 * satisfied with capacity to spare (there is no elastic participant to absorb the rest).
 * The capped participants are rows `cappedRows[0..count)` of `weights` and `caps`, in cap/weight ascending
 * order.
 */
export function fairRatePerWeight(capacityBytesPerSecond: number, elasticWeight: number, weights: Float64Array, caps: Float64Array, cappedRows: Int32Array, count: number): number {
  const m = count;
  if (m === 0) return elasticWeight > 0 ? capacityBytesPerSecond / elasticWeight : Infinity;
  let remainingBytesPerSecond = capacityBytesPerSecond;
  let cappedWeight = 0;
  for (let i = 0; i < m; i++) cappedWeight += weights[cappedRows[i]];
  for (let i = 0; i < m; i++) {
    const r = cappedRows[i];
    const w = weights[r];
    const cap = caps[r];
    const candidate = remainingBytesPerSecond / (elasticWeight + cappedWeight);
    // Satisfied at its cap: take the cap out and share what is left among the rest.
    if (cap <= w * candidate) {
      remainingBytesPerSecond = Math.max(0, remainingBytesPerSecond - cap);
      cappedWeight -= w;
    } else {
      return candidate;
    }
  }
  return elasticWeight > 0 ? remainingBytesPerSecond / elasticWeight : Infinity;
}

/** The order fairRatePerWeight expects, as a comparison of cap/weight (the sign of the difference). */
export function compareCapPerWeight(capA: number, weightA: number, capB: number, weightB: number): number {
  return capA / weightA - capB / weightB;
}
