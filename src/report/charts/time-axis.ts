/**
 * A time axis in human units. Values stay in seconds in the data; a linear axis converts them to
 * one unit (minutes, hours...) chosen by the range; when the values span orders of magnitude
 * (CDP's seconds next to backup's day), a symlog axis with ticks at human round numbers
 * ("1 min", "1 h", "1 day") keeps every strategy readable.
 */
import { timeUnitFor } from '../../models/units/format.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';

export interface TimeAxis {
  /** Calculate transform adding `as` (the plotted value) from the field holding seconds. */
  transform(fieldSeconds: string, as: string): Record<string, unknown>;
  scale: Record<string, unknown>;
  axis: Record<string, unknown>;
  /** E.g. "hours" or "log scale"; goes into the axis title. */
  unitLabel: string;
  /** Converts seconds to the plotted value (for domains and annotations). */
  toPlot(seconds: number): number;
  /** Roughly where along the axis (0 = left, 1 = right) a value lands: to place labels inside the plot. */
  fractionAlong(seconds: number): number;
}

const HUMAN_TICKS: [number, string][] = [
  [0, '0'], [1, '1 s'], [10, '10 s'], [60, '1 min'], [600, '10 min'], [3600, '1 h'], [6 * 3600, '6 h'],
  [86400, '1 day'], [7 * 86400, '1 week'], [30 * 86400, '30 days'], [365 * 86400, '1 year'],
];

/** Linear in one unit, or symlog when the positive values span more than `spanForLog` times. */
export function timeAxis(valuesSeconds: number[], opts: { spanForLog?: number; title: string } ): TimeAxis {
  const positive = valuesSeconds.filter((v) => v > 0);
  const max = Math.max(1, maxOf(valuesSeconds));
  const min = positive.length ? minOf(positive) : max;
  if (max / min > (opts.spanForLog ?? Infinity)) {
    const all = HUMAN_TICKS.filter(([t], i) => t <= max || HUMAN_TICKS[i - 1]![0] < max);
    const end = Math.log1p(all[all.length - 1]![0]);
    // Near zero a log axis crowds 0 and 1 s together; drop ticks closer than 6% of the axis to the last kept.
    const kept: [number, string][] = [];
    for (const tick of all) {
      const last = kept[kept.length - 1];
      if (!last || Math.log1p(tick[0]) / end - Math.log1p(last[0]) / end >= 0.06) kept.push(tick);
    }
    // The last tick is the domain's end: keep it, dropping its too-close neighbour instead.
    if (kept[kept.length - 1] !== all[all.length - 1]) kept[kept.length - 1] = all[all.length - 1]!;
    const ticks = kept.map(([t]) => t);
    const labelExpr = kept.map(([t, label]) => `datum.value == ${t} ? '${label}' : `).join('') + "''";
    return {
      transform: (field, as) => ({ calculate: `datum['${field}']`, as }),
      scale: { type: 'symlog', constant: 1, domain: [0, ticks[ticks.length - 1]!], nice: false },
      axis: { title: `${opts.title} (log scale)`, values: ticks, labelExpr, grid: true },
      unitLabel: 'log scale',
      toPlot: (s) => s,
      // vega's symlog with constant 1 is sign(x)·log1p(|x|).
      fractionAlong: (s) => Math.log1p(s) / Math.log1p(ticks[ticks.length - 1]!),
    };
  }
  const unit = timeUnitFor(max);
  return {
    transform: (field, as) => ({ calculate: `datum['${field}'] / ${unit.seconds}`, as }),
    scale: { type: 'linear', zero: true },
    axis: { title: `${opts.title} (${unit.name})`, grid: true },
    unitLabel: unit.name,
    toPlot: (s) => s / unit.seconds,
    fractionAlong: (s) => s / max,
  };
}
