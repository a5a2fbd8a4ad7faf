/**
 * wan-week: WAN traffic over a typical week, one line per strategy, per link; the link's raw and
 * usable capacity as rules, so a reader sees when a strategy saturates the link (flat tops) and how
 * much headroom the others leave.
 */
import type { ResultsFile } from '../../models/results.js';
import { formatBitsPerSecond, rateUnitFor } from '../../models/units/format.js';
import { plotWidthBesideLegend, SLIDE_HEIGHT, strategyColor, strategyLabels, topLevel, type ChartDef, type VlSpec } from './spec-common.js';
import { maxOf } from '../../sim/array-extremes.js';

const DAY_SECONDS = 86400;

function linkNames(results: ResultsFile): string[] {
  const names: string[] = [];
  for (const s of results.strategies) for (const w of s.wanWeek) if (!names.includes(w.link)) names.push(w.link);
  return names;
}

function linkPanel(results: ResultsFile, link: string, width: number, height: number, showTitle: boolean): VlSpec {
  const labels = strategyLabels(results);
  const rows: { strategy: string; day: number; bitsPerSecond: number }[] = [];
  for (const s of results.strategies) {
    for (const w of s.wanWeek.filter((x) => x.link === link)) {
      w.meanBitsPerSecond.forEach((bps, k) => rows.push({ strategy: labels.get(s.id)!, day: (k * w.stepSeconds) / DAY_SECONDS, bitsPerSecond: bps }));
    }
  }
  const info = results.scenario.links.find((l) => l.name === link);
  const capacity = info ? [
    { label: `${link} capacity ${formatBitsPerSecond(info.bandwidthBitsPerSecond)}`, bitsPerSecond: info.bandwidthBitsPerSecond, dash: 'capacity' },
    { label: `usable ${formatBitsPerSecond(info.bandwidthBitsPerSecond * info.efficiency)} (${Math.round(info.efficiency * 100)}% efficiency)`, bitsPerSecond: info.bandwidthBitsPerSecond * info.efficiency, dash: 'usable' },
  ] : [];
  const unit = rateUnitFor(Math.max(1, maxOf(rows.map((r) => r.bitsPerSecond)), maxOf(capacity.map((c) => c.bitsPerSecond))));
  const y = { field: 'rate', type: 'quantitative', axis: { title: `${showTitle ? link + ': ' : ''}traffic (${unit.name})`, format: ',.3~r' } };
  const rate = { calculate: `datum.bitsPerSecond / ${unit.bitsPerSecond}`, as: 'rate' };
  return {
    width,
    height,
    layer: [
      {
        data: { values: rows },
        transform: [rate],
        mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-after' },
        encoding: {
          x: {
            field: 'day', type: 'quantitative', scale: { domain: [0, 7], nice: false },
            axis: { title: 'Typical week (days since the start of the simulated week)', values: [0, 1, 2, 3, 4, 5, 6, 7], labelExpr: "datum.value < 7 ? 'day ' + (datum.value + 1) : ''", labelAlign: 'left', labelPadding: 4 },
          },
          y,
          color: strategyColor(results),
        },
      },
      ...(capacity.length ? [{
        data: { values: capacity },
        transform: [rate],
        layer: [
          { mark: { type: 'rule', color: '#222', strokeWidth: 1.5 },
            encoding: { y: { field: 'rate', type: 'quantitative' }, strokeDash: { field: 'dash', type: 'nominal', scale: { domain: ['capacity', 'usable'], range: [[1, 0], [6, 4]] }, legend: null } } },
          { mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11, color: '#222' },
            encoding: { y: { field: 'rate', type: 'quantitative' }, x: { value: width - 4 }, text: { field: 'label' } } },
        ],
      }] : []),
    ],
  };
}

export function wanWeekChart(results: ResultsFile): ChartDef {
  const links = linkNames(results);
  const width = plotWidthBesideLegend([...strategyLabels(results).values()]);
  const height = Math.max(120, Math.floor((SLIDE_HEIGHT - 150) / Math.max(1, links.length)) - (links.length > 1 ? 30 : 0));
  const panels = links.map((l) => linkPanel(results, l, width, height, links.length > 1));
  const head = topLevel('WAN traffic over a typical week', [
    'Mean traffic per link for each strategy, averaged over trials; solid line: link capacity, dashed: usable capacity after protocol overhead.',
  ], 'WAN bits per second over a week per strategy with link capacity.');
  const spec = panels.length === 1 ? { ...head, ...panels[0] } : { ...head, vconcat: panels, resolve: { scale: { color: 'shared' } } };
  if (links.length === 0) {
    Object.assign(spec, { ...head, data: { values: [] }, mark: 'point', title: { text: 'WAN traffic over a typical week', subtitle: ['No strategy sends traffic over a WAN link.'] } });
  }
  return {
    name: 'wan-week',
    title: 'WAN traffic over a typical week',
    caption: 'Where a line runs flat at the usable capacity, the strategy needs more bandwidth than the link has: changes queue up (async, CDP) or writes slow down (sync).',
    spec,
  };
}
