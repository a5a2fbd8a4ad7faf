/** `drsim sweep` for the console: the metric at every point (down) for every strategy (across). */
import { formatMetric, type MetricDef } from '../../experiment/metrics.js';
import { metricSeries, type SweepPoint } from '../../experiment/sweep.js';
import { maxOf } from '../../sim/array-extremes.js';

/** Points down, strategies across: the metric in human units. */
export function formatSweepTable(points: SweepPoint[], metric: MetricDef): string {
  const strategies = points[0].strategies.map((s) => s.name);
  const series = metricSeries(points, metric);
  const header = [points[0].assignments.map((a) => a.path).join(' | '), ...strategies];
  const rows = points.map((p, k) => [
    p.assignments.map((a) => a.value).join(' | '),
    ...strategies.map((_, s) => formatMetric(metric.kind, series[k * strategies.length + s].value, p.currency)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, maxOf(rows.map((r) => r[c].length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [`${metric.label} (${metric.id})`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
