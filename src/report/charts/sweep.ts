/**
 * Vega-Lite specs for sweeps: one swept value → the metric against it, one line per strategy; two swept
 * values → a heatmap per strategy. Rendered with the report floor's helpers (src/report/render.ts) so
 * fonts and styling match the run reports.
 */
import { displayUnit, type MetricDef } from '../../experiment/metrics.js';
import type { SweepPoint } from '../../experiment/sweep.js';
import { CONFIG, SLIDE_HEIGHT, topLevel, type VlSpec } from './spec-common.js';

/** An axis for a swept path: numeric in the first value's unit when every value is a quantity of one kind. */
interface Axis {
  title: string;
  type: 'quantitative' | 'ordinal';
  /** Plotted value of each point's value on this axis. */
  of: (point: SweepPoint) => number | string;
  /** The distinct plotted values as text, in the order the points give them. */
  order: string[];
}

function axisFor(path: string, points: SweepPoint[], i: number): Axis {
  const parsed = points.map((p) => p.quantities[i]);
  const first = parsed[0];
  const numeric = first !== null && parsed.every((p) => p !== null && (p.kind === first.kind || (['count', 'number'].includes(p.kind) && ['count', 'number'].includes(first.kind))));
  if (numeric && new Set(points.map((p) => p.assignments[i].value)).size > 1) {
    return {
      title: first.unit ? `${path} (${first.unit})` : path,
      type: 'quantitative',
      of: (p) => Number((p.quantities[i]!.value / first.perUnit).toPrecision(12)),
      order: [],
    };
  }
  return { title: path, type: 'ordinal', of: (p) => p.assignments[i].value, order: [] };
}

function withOrder(axis: Axis, points: SweepPoint[]): Axis {
  return { ...axis, order: [...new Set(points.map((p) => String(axis.of(p))))] };
}

function unitLabel(metric: MetricDef, unit: string): string {
  return unit === '' ? metric.label : metric.kind === 'money' ? `${metric.label} (${unit})` : `${metric.label} (${unit})`;
}

export function sweepChart(points: SweepPoint[], metric: MetricDef): VlSpec | null {
  const paths = points[0]?.assignments.map((a) => a.path) ?? [];
  if (paths.length === 0 || paths.length > 2) return null;
  const strategies = points[0].strategies.map((s) => s.name);
  const all = points.flatMap((p) => p.strategies.map((s) => metric.value(s)));
  const { divisor, unit } = displayUnit(metric.kind, all, points[0].currency);
  const axes = paths.map((path, i) => withOrder(axisFor(path, points, i), points));
  const data = points.flatMap((p) => p.strategies.map((s) => {
    const v = metric.value(s);
    const row: Record<string, unknown> = { strategy: s.name, value: Number.isFinite(v) ? Number((v / divisor).toPrecision(6)) : null };
    axes.forEach((axis, i) => { row[`x${i}`] = axis.of(p); });
    return row;
  }));
  const yTitle = unitLabel(metric, unit);
  const subtitle = `${points.length} points, the same seed and trials at every point (common random numbers).`;
  if (paths.length === 1) {
    const [x] = axes;
    return {
      ...topLevel(`${metric.label} against ${paths[0]}`, subtitle, `Line chart of ${metric.id} for each strategy as ${paths[0]} varies.`),
      width: 560,
      height: SLIDE_HEIGHT - 150,
      data: { values: data },
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'x0', type: x.type, title: x.title, ...(x.type === 'ordinal' ? { sort: x.order } : { scale: { zero: false } }) },
        y: { field: 'value', type: 'quantitative', title: yTitle },
        color: { field: 'strategy', type: 'nominal', title: 'Strategy', scale: { domain: strategies, scheme: 'tableau10' } },
        tooltip: [{ field: 'strategy' }, { field: 'x0', title: paths[0] }, { field: 'value', title: yTitle }],
      },
    };
  }
  const [a, b] = axes;
  const cell = Math.max(24, Math.min(60, Math.floor(340 / Math.max(a.order.length, b.order.length))));
  return {
    ...topLevel(`${metric.label}: ${paths[0]} × ${paths[1]}`, [subtitle, `Darker = higher ${metric.label}; ${metric.better} is better.`], `Heatmaps of ${metric.id} for each strategy over two swept values.`),
    data: { values: data.map((d) => ({ ...d, x0: String(d.x0), x1: String(d.x1) })) },
    facet: { field: 'strategy', type: 'nominal', title: null, sort: strategies },
    columns: 2,
    spec: {
      width: cell * a.order.length,
      height: cell * b.order.length,
      encoding: {
        x: { field: 'x0', type: 'ordinal', title: a.title, sort: a.order },
        y: { field: 'x1', type: 'ordinal', title: b.title, sort: b.order },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'value', type: 'quantitative', title: yTitle, scale: { scheme: 'blues' } } } },
        { mark: { type: 'text', fontSize: CONFIG.axis.labelFontSize - 2 }, encoding: { text: { field: 'value', type: 'quantitative', format: '.3~g' } } },
      ],
    },
    resolve: { scale: { color: 'shared' } },
  };
}
