/**
 * `drsim size`'s charts, one per target: the target's metric at every value the search probed, a line per
 * strategy (in its colour of every report), filled where every target held and hollow where one missed,
 * the target as a dashed line and each strategy's answer ringed — so a reader sees how the answer was
 * closed in on and how much room there is on either side of it. Strategies whose lines coincide (the same
 * metric at the same values) are said to, and dashed so each colour shows, as the CDFs do.
 */
import type { SizingResult } from '../../experiment/size.js';
import type { Target } from '../../experiment/targets.js';
import { pathWords } from '../capacity/path-words.js';
import { metricAxis, metricDetail, metricShortLabel } from './metric-axis.js';
import { plotWidthBesideLegend, SLIDE_HEIGHT, strategyColorScale, topLevel, type ChartDef } from './spec-common.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';
import { coincidingDashes, coincidingGroups, coincidingSentence } from './cdf.js';

/** `strategies`: every strategy of the scenario in its order, so colours match the other reports even when only some were sized. */
export function sizingCharts(r: SizingResult, targets: Target[], currency: string, strategies: string[]): ChartDef[] {
  const words = pathWords(r.path);
  const xTitle = r.scale.unit ? `${words} (${r.scale.unit})` : words;
  const xs = r.strategies.flatMap((s) => s.trace.map((p) => p.value / r.scale.perUnit));
  const positive = xs.filter((x) => x > 0);
  const logX = positive.length === xs.length && xs.length > 2 && r.scale.kind !== 'count' && r.scale.kind !== 'fraction' && maxOf(xs) / minOf(xs) >= 8;
  // Ticks at the values probed: they are what was simulated.
  const probed = [...new Set(xs.map((v) => Number(v.toPrecision(12))))].sort((a, b) => a - b);
  const x = { field: 'x', type: 'quantitative', title: xTitle, scale: logX ? { type: 'log' } : { zero: false }, axis: { values: probed, format: '~g', labelOverlap: 'greedy' } };
  // The scale holds every strategy (their colours in the other reports); the legend only those sized.
  const sized = r.strategies.map((s) => s.strategy);
  const color = { field: 'strategy', type: 'nominal', title: 'Strategy', scale: strategyColorScale(strategies), legend: { values: sized, symbolOpacity: 1 } };
  return targets.map((t, k) => {
    const y = metricAxis(t.metric, [...r.strategies.flatMap((s) => s.trace.map((p) => p.metrics[k]!)), t.value], currency, { log: true });
    // Lines that coincide: the same metric at the same probed values (in value order).
    const groups = coincidingGroups(r.strategies.map((s) => ({
      label: s.strategy,
      cdf: [...s.trace].sort((a, b) => a.value - b.value).flatMap((p) => [p.value, p.metrics[k]!]),
    })));
    const dashOf = coincidingDashes(groups);
    const rows = r.strategies.flatMap((s) => s.trace.map((p) => ({
      strategy: s.strategy, x: Number((p.value / r.scale.perUnit).toPrecision(12)), y: y.plotted(p.metrics[k]!), probed: p.text, meets: p.feasible,
      answer: s.answer !== null && s.answer.text === p.text, dash: dashOf.get(s.strategy) ?? [1, 0],
    }))).sort((a, b) => a.x - b.x);
    const label = metricShortLabel(t.metric);
    const detail = metricDetail(t.metric);
    const title = `${label} against ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
    const subtitle = [
      `${detail ? `${detail}. ` : ''}Each point is a value the search tried (${r.trials} trials, the same at every value): filled where every target holds, hollow where one misses.`,
      `Dashed: the target (${t.text}). Ringed: each strategy's answer.`,
      ...groups.map((g) => coincidingSentence(g, `the same ${label} at every value tried`)),
    ];
    const point = (filled: boolean) => ({
      transform: [{ filter: filled ? 'datum.meets' : '!datum.meets' }],
      mark: { type: 'point', filled, size: 80, strokeWidth: 2, opacity: 1, ...(filled ? {} : { fill: 'white' }) },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color, tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'probed', title: r.path }, { field: 'meets', title: 'Meets every target' }] },
    });
    return {
      name: `size-${t.metric.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`,
      title,
      caption: `The search for the ${r.strategies.every((s) => s.direction === 'largest') ? 'largest' : 'smallest'} ${r.path} meeting ${targets.map((x) => `"${x.text}"`).join(' and ')}: ${t.metric.id} at each probe.`,
      spec: {
        ...topLevel(title, subtitle, `${t.metric.id} at each value of ${r.path} probed by the sizing search, per strategy, with the target.`),
        width: plotWidthBesideLegend(sized),
        height: SLIDE_HEIGHT - 170,
        layer: [
          {
            data: { values: rows },
            layer: [
              { mark: { type: 'line', strokeWidth: 1.5, opacity: 0.6 }, encoding: { x, y: { field: 'y', type: 'quantitative', scale: y.scale, axis: y.axis }, color, order: { field: 'x' }, strokeDash: { field: 'dash', type: 'nominal', scale: null, legend: null } } },
              { transform: [{ filter: 'datum.answer' }], mark: { type: 'point', size: 420, strokeWidth: 2.5, color: '#111', filled: false }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
              point(true),
              point(false),
            ],
          },
          {
            data: { values: [{ y: y.plotted(t.value), label: `target: ${t.text}` }] },
            layer: [
              { mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
              // Shares meeting a target crowd the top of the plot: their target's label goes below the line.
              { mark: { type: 'text', align: 'right', ...(t.metric.kind === 'fraction' ? { baseline: 'top', dy: 3 } : { baseline: 'bottom', dy: -3 }), fontSize: 11, color: '#333' },
                encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 'width' }, text: { field: 'label' } } },
            ],
          },
        ],
      },
    };
  });
}
