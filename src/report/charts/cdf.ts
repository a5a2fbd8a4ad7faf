/**
 * rpo-cdf and rto-cdf: for each strategy, the share of VMs (over all trials) whose data loss or
 * recovery time is at most x, drawn from the 101 quantiles in results.json; one dashed rule per
 * tier target so a reader sees at a glance which strategies clear which tier.
 */
import type { ResultsFile, Summary } from '../../models/results.js';
import { formatDuration } from '../../models/units/format.js';
import { plotWidthBesideLegend, SLIDE_HEIGHT, strategyColor, strategyLabels, topLevel, type ChartDef } from './spec-common.js';
import { textWidthPixels } from '../text-width.js';
import { timeAxis } from './time-axis.js';
import { maxOf } from '../../sim/array-extremes.js';

const LABEL_FONT_PIXELS = 11;
const ALL: Record<number, string> = { 2: 'both', 3: 'all three', 4: 'all four', 5: 'all five' };

/** Strategies whose curves are the same (every quantile within a millionth): drawn as one line, so the chart must say so. */
export function coincidingGroups(curves: { label: string; cdf: (number | null)[] }[]): string[][] {
  const same = (a: (number | null)[], b: (number | null)[]): boolean =>
    a.length === b.length && a.every((x, i) => { const y = b[i]; return x === y || (x !== null && y !== null && Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x))); });
  const groups: { cdf: (number | null)[]; labels: string[] }[] = [];
  for (const c of curves) {
    const g = groups.find((x) => same(x.cdf, c.cdf));
    if (g) g.labels.push(c.label); else groups.push({ cdf: c.cdf, labels: [c.label] });
  }
  return groups.filter((g) => g.labels.length > 1).map((g) => g.labels);
}

function listWords(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What a chart says of a group of coinciding lines ("A and B coincide (the same …): one line … shows both."). */
export function coincidingSentence(group: string[], same: string): string {
  return `${listWords(group)} coincide (${same}): one line, drawn in alternating dashes, shows ${ALL[group.length] ?? `all ${group.length}`}.`;
}

/** Dash patterns for coinciding lines: each later one of a group dashed over the first, so every colour shows. */
export function coincidingDashes(groups: string[][]): Map<string, number[]> {
  const dashOf = new Map<string, number[]>();
  for (const g of groups) g.forEach((label, i) => { if (i > 0) dashOf.set(label, [8, 8 * i]); });
  return dashOf;
}

/** Label positions above the plot (y < 0): each on the first row where it clears the labels already there. */
function placeAbove<T extends { label: string; px: number }>(labels: T[]): (T & { py: number })[] {
  const rowEnds: number[] = [];
  return [...labels].sort((a, b) => a.px - b.px).map((l) => {
    const half = textWidthPixels(l.label, LABEL_FONT_PIXELS) / 2 + 4;
    let row = rowEnds.findIndex((end) => end <= l.px - half);
    if (row < 0) { row = rowEnds.length; rowEnds.push(0); }
    rowEnds[row] = l.px + half;
    return { ...l, py: -4 - row * (LABEL_FONT_PIXELS + 3) };
  });
}

type Metric = 'rpo' | 'rto';

const WORDS: Record<Metric, { name: string; axis: string; what: string }> = {
  rpo: { name: 'RPO', axis: 'Data lost (RPO)', what: 'data loss' },
  rto: { name: 'RTO', axis: 'Time to recover (RTO)', what: 'recovery time' },
};

/** Tier target rules, merging tiers that share a target into one labelled rule. */
function targetRules(results: ResultsFile, metric: Metric): { targetSeconds: number; label: string }[] {
  const byTarget = new Map<number, number[]>();
  for (const t of results.scenario.tiers) {
    const s = metric === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds;
    byTarget.set(s, [...(byTarget.get(s) ?? []), t.tier]);
  }
  return [...byTarget.entries()].sort((a, b) => a[0] - b[0]).map(([targetSeconds, tiers]) => ({
    targetSeconds,
    label: `${tiers.length > 1 ? 'Tiers' : 'Tier'} ${tiers.join(', ')}: ${formatDuration(targetSeconds)}`,
  }));
}

export function cdfChart(results: ResultsFile, metric: Metric): ChartDef {
  const w = WORDS[metric];
  const labels = strategyLabels(results);
  const summaryOf = (id: string): Summary => {
    const s = results.strategies.find((x) => x.id === id)!.summary;
    return metric === 'rpo' ? s.rpoSeconds : s.rtoSeconds;
  };
  const points: { strategy: string; seconds: number; share: number }[] = [];
  const empty: string[] = [];
  for (const s of results.strategies) {
    const cdf = summaryOf(s.id).cdf;
    if (cdf.length === 0) { empty.push(labels.get(s.id)!); continue; }
    // The curve stops where the VMs not recovered begin (their share never reaches the top).
    cdf.forEach((seconds, i) => { if (seconds !== null) points.push({ strategy: labels.get(s.id)!, seconds, share: i / (cdf.length - 1) }); });
  }
  const rules = targetRules(results, metric);
  const allSeconds = [...points.map((p) => p.seconds), ...rules.map((r) => r.targetSeconds)];
  const axis = timeAxis(allSeconds, { title: w.axis, spanForLog: 100 });
  // A linear axis ends at the largest value exactly (no "nice" rounding), so labels can be placed along it.
  const scale = axis.scale['domain'] ? axis.scale : { ...axis.scale, domain: [0, axis.toPlot(Math.max(1, maxOf(allSeconds)))], nice: false };
  const width = plotWidthBesideLegend([...labels.values()]);
  const groups = coincidingGroups(results.strategies.filter((s) => summaryOf(s.id).cdf.length > 0).map((s) => ({ label: labels.get(s.id)!, cdf: summaryOf(s.id).cdf })));
  const subtitle = [
    `Share of VMs (all ${results.trials} trials) whose ${w.what} is at most the value on the x axis; higher and further left is better.`,
    `Dashed lines: ${w.name} targets per tier.` + (empty.length ? ` No recovered VMs to plot for: ${empty.join(', ')}.` : ''),
    ...groups.map((g) => coincidingSentence(g, `the same ${w.what} throughout`)),
  ];
  const dashOf = coincidingDashes(groups);
  const placed = placeAbove(rules.map((r) => ({ ...r, px: axis.fractionAlong(r.targetSeconds) * width })));
  const x = { field: 'x', type: 'quantitative', scale, axis: axis.axis };
  const spec = {
    ...topLevel(`${w.name} per strategy: how much ${w.what} to expect`, subtitle,
      `Cumulative distribution of ${w.what} per strategy with tier targets.`),
    width,
    height: SLIDE_HEIGHT - 150,
    layer: [
      {
        name: 'cdf',
        data: { values: points.map((p) => ({ ...p, dash: dashOf.get(p.strategy) ?? [1, 0] })) },
        transform: [axis.transform('seconds', 'x')],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5, clip: true },
        encoding: {
          x,
          strokeDash: { field: 'dash', type: 'nominal', scale: null, legend: null },
          y: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'Share of VMs (cumulative)', format: '.0%' } },
          color: strategyColor(results),
          tooltip: [
            { field: 'strategy', type: 'nominal', title: 'Strategy' },
            { field: 'share', type: 'quantitative', format: '.0%', title: 'Share of VMs' },
            { field: 'x', type: 'quantitative', format: '.3~r', title: `${w.name} (${axis.unitLabel === 'log scale' ? 'seconds' : axis.unitLabel})` },
          ],
        },
      },
      {
        name: 'targets',
        data: { values: rules },
        transform: [axis.transform('targetSeconds', 'x')],
        mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        // Above the plot, staggered where two would touch: inside it they would print over the curves.
        name: 'target_labels',
        data: { values: placed },
        mark: { type: 'text', align: 'center', baseline: 'bottom', fontSize: LABEL_FONT_PIXELS, color: '#333' },
        encoding: { x: { field: 'px', type: 'quantitative', scale: null }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' } },
      },
    ],
  };
  return {
    name: `${metric}-cdf`,
    title: `${w.name}: distribution per strategy`,
    caption: `Each line shows, for one strategy, what share of VMs get at most a given ${w.what}. Where a line crosses a tier's dashed target, read off the share meeting that target.`,
    spec,
  };
}
