/**
 * rpo-cdf and rto-cdf: for each strategy, the share of VMs (over all trials) whose data loss or
 * recovery time is at most x, drawn from the 101 quantiles in results.json; one dashed rule per
 * tier target so a reader sees at a glance which strategies clear which tier.
 */
import type { ResultsFile, Summary } from '../../models/results.js';
import { formatDuration } from '../../models/units/format.js';
import { plotWidthBesideLegend, SLIDE_HEIGHT, strategyColor, strategyLabels, topLevel, type ChartDef } from './spec-common.js';
import { timeAxis } from './time-axis.js';

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
  const axis = timeAxis([...points.map((p) => p.seconds), ...rules.map((r) => r.targetSeconds)], { title: w.axis, spanForLog: 100 });
  const subtitle = [
    `Share of VMs (all ${results.trials} trials) whose ${w.what} is at most the value on the x axis; higher and further left is better.`,
    `Dashed lines: ${w.name} targets per tier.` + (empty.length ? ` No recovered VMs to plot for: ${empty.join(', ')}.` : ''),
  ];
  const x = { field: 'x', type: 'quantitative', scale: axis.scale, axis: axis.axis };
  const spec = {
    ...topLevel(`${w.name} per strategy: how much ${w.what} to expect`, subtitle,
      `Cumulative distribution of ${w.what} per strategy with tier targets.`),
    width: plotWidthBesideLegend([...labels.values()]),
    height: SLIDE_HEIGHT - 150,
    layer: [
      {
        name: 'cdf',
        data: { values: points },
        transform: [axis.transform('seconds', 'x')],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5, clip: true },
        encoding: {
          x,
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
        name: 'target_labels',
        data: { values: rules },
        transform: [axis.transform('targetSeconds', 'x')],
        mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -3, fontSize: 11, color: '#333' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
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
