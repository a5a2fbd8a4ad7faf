/**
 * Vega-Lite specs for sweeps: one swept value → the metric against it, a line per strategy in the
 * strategy's colour of every other report, crosses where the plan is not sustainable, and the target the
 * metric is judged against as a dashed line; two swept values → a heatmap per strategy, unsustainable
 * cells outlined. Axes say their units (models/units/format.ts); titles say what was swept in words.
 */
import { formatMetric, type MetricDef } from '../../experiment/metrics.js';
import type { SweepPoint } from '../../experiment/sweep.js';
import type { StrategyResult } from '../../models/results.js';
import { formatDuration, formatPercent } from '../../models/units/format.js';
import { REQUIRED_SHARE } from '../../models/verdicts.js';
import { pathWords } from '../capacity/path-words.js';
import { CONFIG, labelsOf, plotWidthBesideLegend, SLIDE_HEIGHT, strategyColorScale, topLevel, type ChartDef } from './spec-common.js';
import { metricAxis, metricDetail, metricShortLabel } from './metric-axis.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';
import { textWidthPixels } from '../text-width.js';

/** An axis for a swept path: numeric in the first value's unit when every value is a quantity of one kind. */
interface Axis {
  title: string;
  type: 'quantitative' | 'ordinal';
  /** Plotted value of each point's value on this axis. */
  of: (point: SweepPoint) => number | string;
  /** The distinct plotted values, in the order the points give them. */
  order: (number | string)[];
}

function axisFor(path: string, points: SweepPoint[], i: number): Axis {
  const parsed = points.map((p) => p.quantities[i]);
  const first = parsed[0];
  const numeric = first != null && parsed.every((p) => p != null && (p.kind === first.kind || (['count', 'number'].includes(p.kind) && ['count', 'number'].includes(first.kind))));
  const words = pathWords(path);
  const axis: Omit<Axis, 'order'> = numeric && new Set(points.map((p) => p.assignments[i]!.value)).size > 1
    ? { title: first.unit ? `${words} (${first.unit})` : words, type: 'quantitative', of: (p) => Number((p.quantities[i]!.value / first.perUnit).toPrecision(12)) }
    : { title: words, type: 'ordinal', of: (p) => String(p.assignments[i]!.value) };
  return { ...axis, order: [...new Set(points.map(axis.of))] };
}

export interface TargetLine { value: number; label: string }

/**
 * The target a metric is judged against, from the strategies' own verdict checks: a tier's RPO or RTO
 * target for that tier's times (or for all VMs' when every tier shares it), the required share for the
 * shares meeting a target. None for costs, bandwidth and times over tiers with different targets.
 */
export function targetLines(metric: MetricDef, strategy: StrategyResult | undefined): TargetLine[] {
  const t = metric.target;
  if (t === undefined || strategy === undefined) return [];
  if (metric.kind === 'fraction') return [{ value: REQUIRED_SHARE, label: `required ${formatPercent(REQUIRED_SHARE)}` }];
  const checks = strategy.verdict.checks.filter((c) => c.scope === 'tier' && c.which === t.which && (t.tier === null || c.name === String(t.tier)));
  const seconds = [...new Set(checks.map((c) => c.targetSeconds))];
  if (seconds.length !== 1) return [];
  const whose = t.tier === null ? 'every tier' : `tier ${t.tier}`;
  return [{ value: seconds[0]!, label: `${t.which.toUpperCase()} target of ${whose}: ${formatDuration(seconds[0]!)}` }];
}

const NOT_SUSTAINABLE = 'not sustainable';

/** True where a heatmap cell's colour (the shared `color` scale) contrasts more with white text than with black. */
const HEATMAP_WHITE_TEXT = "contrast('white', scale('color', datum.value)) > contrast('black', scale('color', datum.value))";

export function sweepChart(points: SweepPoint[], metric: MetricDef): ChartDef | null {
  const paths = points[0]?.assignments.map((a) => a.path) ?? [];
  if (paths.length === 0 || paths.length > 2) return null;
  const first = points[0]!;
  const labels = labelsOf(first.strategies);
  const names = [...labels.values()];
  const currency = first.currency;
  const axes = paths.map((path, i) => axisFor(path, points, i));
  const targets = targetLines(metric, first.strategies[0]);
  const raw = points.flatMap((p) => p.strategies.map((s) => metric.value(s)));
  // Durations on a time axis (log when they span orders of magnitude, except in heatmaps' colour scales).
  const y = metricAxis(metric, [...raw, ...targets.map((t) => t.value)], currency, { log: paths.length === 1 });
  const data = points.flatMap((p) => p.strategies.map((s) => {
    const v = metric.value(s);
    const row: Record<string, unknown> = {
      strategy: labels.get(s.id)!, value: y.plotted(v), shown: formatMetric(metric.kind, v, currency),
      state: s.summary.sustainable.sustainable ? 'sustainable' : NOT_SUSTAINABLE,
    };
    axes.forEach((axis, i) => { row[`x${i}`] = axis.of(p); });
    return row;
  }));
  const anyUnsustainable = data.some((d) => d['state'] === NOT_SUSTAINABLE);
  const label = metricShortLabel(metric);
  const detail = metricDetail(metric);
  const swept = paths.map(pathWords).join(' and ');
  const subtitle = [
    `${detail ? `${detail}; ` : ''}` +
      `${metric.better === 'lower' ? 'lower' : 'higher'} is better; ${points.length} points, the same seed and trials at each (common random numbers).`,
    ...(targets.length > 0 ? ['Dashed: the target it is judged against.'] : []),
    ...(anyUnsustainable ? [paths.length === 1 ? 'Crosses: the plan is not sustainable there (the replication backlog grows without bound).' : 'Red outline: not sustainable there.'] : []),
  ];
  const base = {
    name: `sweep-${metric.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`,
    title: `${label} against ${swept.charAt(0).toLowerCase()}${swept.slice(1)}`,
    caption: `${metric.label} (${metric.id}) for each strategy at each value of ${paths.join(' and ')}.`,
  };
  const tooltip = [{ field: 'strategy', title: 'Strategy' }, ...axes.map((a, i) => ({ field: `x${i}`, title: paths[i] })), { field: 'shown', title: metric.label }, { field: 'state', title: 'Plan' }];
  const color = { field: 'strategy', type: 'nominal', title: 'Strategy', scale: strategyColorScale(names) };

  if (paths.length === 1) {
    const x = axes[0]!;
    const numericX = x.type === 'quantitative' ? (x.order as number[]) : [];
    const logX = numericX.length > 2 && minOf(numericX) > 0 && maxOf(numericX) / minOf(numericX) >= 8;
    const xEncoding = x.type === 'ordinal'
      ? { field: 'x0', type: 'ordinal', title: x.title, sort: x.order }
      // Ticks at the swept values only: they are what was simulated.
      : { field: 'x0', type: 'quantitative', title: x.title, scale: logX ? { type: 'log' } : { zero: false }, axis: { values: x.order, format: '~g' } };
    return {
      ...base,
      spec: {
        ...topLevel(base.title, subtitle, `Line chart of ${metric.id} for each strategy as ${paths[0]} varies.`),
        width: plotWidthBesideLegend([...names, NOT_SUSTAINABLE]),
        height: SLIDE_HEIGHT - 170,
        layer: [
          {
            data: { values: data },
            mark: { type: 'line', strokeWidth: 2 },
            encoding: { x: xEncoding, y: { field: 'value', type: 'quantitative', scale: y.scale, axis: y.axis }, color },
          },
          {
            data: { values: data },
            mark: { type: 'point', filled: true, size: 70, opacity: 1 },
            encoding: {
              x: xEncoding, y: { field: 'value', type: 'quantitative' }, color,
              shape: anyUnsustainable
                ? { field: 'state', type: 'nominal', title: 'Plan', scale: { domain: ['sustainable', NOT_SUSTAINABLE], range: ['circle', 'cross'] } }
                : { value: 'circle' },
              size: anyUnsustainable ? { condition: { test: `datum.state == '${NOT_SUSTAINABLE}'`, value: 160 }, value: 70 } : { value: 70 },
              tooltip,
            },
          },
          ...(targets.length > 0 ? [
            {
              data: { values: targets.map((t) => ({ y: y.plotted(t.value), label: t.label })) },
              mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 },
              encoding: { y: { field: 'y', type: 'quantitative' } },
            },
            {
              data: { values: targets.map((t) => ({ y: y.plotted(t.value), label: t.label })) },
              // Shares meeting a target crowd the top of the plot: their bar's label goes below the line.
              mark: { type: 'text', align: 'right', baseline: metric.kind === 'fraction' ? 'top' : 'bottom', dy: metric.kind === 'fraction' ? 3 : -3, fontSize: 11, color: '#333' },
              encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 'width' }, text: { field: 'label' } },
            },
          ] : []),
        ],
      },
    };
  }
  const [a, b] = axes as [Axis, Axis];
  const cell = Math.max(24, Math.min(60, Math.floor(340 / Math.max(a.order.length, b.order.length))));
  return {
    ...base,
    spec: {
      ...topLevel(base.title, [...subtitle, `Darker = higher ${label.toLowerCase()}.`], `Heatmaps of ${metric.id} for each strategy over two swept values.`),
      data: { values: data.map((d) => ({ ...d, x0: String(d['x0']), x1: String(d['x1']) })) },
      facet: { field: 'strategy', type: 'nominal', title: null, sort: names },
      columns: 2,
      spec: {
        width: cell * a.order.length,
        height: cell * b.order.length,
        encoding: {
          x: { field: 'x0', type: 'ordinal', title: a.title, sort: a.order.map(String) },
          y: { field: 'x1', type: 'ordinal', title: b.title, sort: b.order.map(String) },
        },
        layer: [
          {
            mark: { type: 'rect', strokeWidth: 2.5 },
            encoding: {
              // The legend's title whole: Vega cuts titles at 180 px ("Annual total (thousan…").
              color: { field: 'value', type: 'quantitative', title: y.title, scale: { scheme: 'blues' }, legend: { titleLimit: Math.ceil(textWidthPixels(String(y.title), CONFIG.legend.titleFontSize, 'bold')) + 8 } },
              stroke: { condition: { test: `datum.state == '${NOT_SUSTAINABLE}'`, value: '#d62728' }, value: null },
              tooltip,
            },
          },
          {
            mark: { type: 'text', fontSize: CONFIG.axis.labelFontSize - 2 },
            encoding: {
              text: { field: 'value', type: 'quantitative', format: ',.3~r' }, // "1,400", not "1.4e+3"
              // Each label in whichever of black and white contrasts more with its own cell's colour (WCAG contrast).
              color: { condition: { test: HEATMAP_WHITE_TEXT, value: 'white' }, value: 'black' },
            },
          },
        ],
      },
      resolve: { scale: { color: 'shared' } },
    },
  };
}
