/**
 * A value axis for a named metric (experiment/metrics.ts) in the units every report uses: times on a
 * time axis (a human unit, or log with "1 min", "1 h" ticks when they span orders of magnitude), money in
 * thousands or millions of the currency, rates and sizes in one unit, shares in percent.
 */
import { displayUnit, type MetricDef } from '../../experiment/metrics.js';
import { timeAxis } from './time-axis.js';
import { minOf } from '../../sim/array-extremes.js';

/** "Annual total" from "cost: annual total (outlays + expected penalties)": the axis says the unit, a subtitle the rest. */
export function metricShortLabel(metric: MetricDef): string {
  const bare = metric.label.replace(/^cost: /, '').replace(/\s*\(.*\)$/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** The metric's full label when it says more than the short one ("Annual total (outlays + expected penalties)"), else null. */
export function metricDetail(metric: MetricDef): string | null {
  const detail = metric.label.replace(/^cost: /, '');
  return detail.toLowerCase() === metricShortLabel(metric).toLowerCase() ? null : detail.charAt(0).toUpperCase() + detail.slice(1);
}

export interface MetricAxis {
  /** The plotted number for an internal value; null for one that cannot be drawn (+∞: not recovered). */
  plotted(value: number): number | null;
  scale: Record<string, unknown>;
  axis: Record<string, unknown>;
  /** The axis title, with its unit. */
  title: string;
}

/** `values` (internal units) are every value the axis must hold, targets included; `log` allows a log time axis. */
export function metricAxis(metric: MetricDef, values: number[], currency: string, opts: { log: boolean }): MetricAxis {
  const label = metricShortLabel(metric);
  const finite = values.filter(Number.isFinite);
  if (metric.kind === 'duration') {
    const time = timeAxis(finite, { title: label, spanForLog: opts.log ? 100 : Infinity });
    return { plotted: (v) => (Number.isFinite(v) ? time.toPlot(v) : null), scale: time.scale, axis: time.axis, title: time.axis['title'] as string };
  }
  const { divisor, unit } = displayUnit(metric.kind, finite, currency);
  const title = unit ? `${label} (${unit})` : label;
  return {
    plotted: (v) => (Number.isFinite(v) ? Number((v / divisor).toPrecision(6)) : null),
    // Money from zero (a bar's worth of honesty); shares from zero unless all are high (then 93% vs 97% shows).
    scale: { zero: metric.kind === 'money' || (metric.kind === 'fraction' && minOf(finite) < 0.5) },
    axis: { title },
    title,
  };
}
