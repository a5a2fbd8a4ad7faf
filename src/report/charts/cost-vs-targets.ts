/**
 * cost-vs-rpo-rto: what each strategy costs a year against the p95 data loss and recovery time it
 * achieves, per tier — a row of two panels (RPO, RTO) for each tier, each with that tier's own target as
 * a dashed line, since a p95 over all VMs is dominated by the slowest tier and says nothing against the
 * tier-1 target. Points are told apart by colour (the legend), not by labels that print over each other;
 * crosses mark plans that are not sustainable; the cheapest strategy meeting every target is ringed.
 */
import type { ResultsFile } from '../../models/results.js';
import { formatDuration, moneyUnitFor } from '../../models/units/format.js';
import { cheapestMeetingTargets } from '../compliance.js';
import { plotWidthBesideLegend, strategyColor, strategyLabels, topLevel, type ChartDef, type VlSpec } from './spec-common.js';
import { timeAxis, type TimeAxis } from './time-axis.js';
import { maxOf } from '../../sim/array-extremes.js';

type Which = 'rpo' | 'rto';

/** A strategy in one tier; a p95 that falls among VMs not recovered is null and the point is left out (and said so). */
interface Point { strategy: string; tier: number; rpoP95Seconds: number | null; rtoP95Seconds: number | null; annualInUnit: number; plan: string; cheapest: boolean }

const NOT_SUSTAINABLE = 'not sustainable';
const WORDS: Record<Which, string> = { rpo: 'data lost, p95', rto: 'time to recover, p95' };

function panel(results: ResultsFile, points: Point[], tier: number, which: Which, axis: TimeAxis, moneyAxis: Record<string, unknown>, opts: { bottom: boolean; left: boolean; width: number; height: number }): VlSpec {
  const t = results.scenario.tiers.find((x) => x.tier === tier)!;
  const target = which === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds;
  const field = which === 'rpo' ? 'rpoP95Seconds' : 'rtoP95Seconds';
  const shown = points.filter((p) => p.tier === tier && p[field] !== null);
  const x = { field: 'x', type: 'quantitative', scale: axis.scale, axis: { ...axis.axis, title: opts.bottom ? axis.axis['title'] : null } };
  const y = { ...moneyAxis, axis: { ...(moneyAxis['axis'] as object), title: opts.left ? (moneyAxis['axis'] as { title: string }).title : null } };
  const anyUnsustainable = points.some((p) => p.plan === NOT_SUSTAINABLE);
  return {
    title: { text: `Tier ${tier}: ${WORDS[which]} (target ${formatDuration(target)})`, fontSize: 12, anchor: 'start', offset: 4 },
    width: opts.width,
    height: opts.height,
    layer: [
      {
        data: { values: [{ x: target }] },
        transform: [axis.transform('x', 'x')],
        mark: { type: 'rule', strokeDash: [6, 4], color: '#555' },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        data: { values: shown },
        transform: [axis.transform(field, 'x')],
        layer: [
          { mark: { type: 'point', size: 420, strokeWidth: 2.5, color: '#111', filled: false }, transform: [{ filter: 'datum.cheapest' }], encoding: { x, y } },
          {
            mark: { type: 'point', size: 110, filled: true, opacity: 1 },
            encoding: {
              x, y, color: strategyColor(results),
              shape: anyUnsustainable ? { field: 'plan', type: 'nominal', title: 'Plan', scale: { domain: ['sustainable', NOT_SUSTAINABLE], range: ['circle', 'cross'] } } : { value: 'circle' },
              tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'plan', title: 'Plan' }],
            },
          },
        ],
      },
    ],
  };
}

export function costVsTargetsChart(results: ResultsFile): ChartDef {
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const currency = results.scenario.currency;
  const unit = moneyUnitFor(maxOf(results.strategies.map((s) => Math.abs(s.cost.annualTotal))), currency);
  const tiers = results.scenario.tiers.map((t) => t.tier).sort((a, b) => a - b);
  const points: Point[] = results.strategies.flatMap((s) => s.summary.byTier.map((t) => ({
    strategy: labels.get(s.id)!,
    tier: t.tier,
    rpoP95Seconds: t.rpoSeconds.p95,
    rtoP95Seconds: t.rtoSeconds.p95,
    annualInUnit: s.cost.annualTotal / unit.factor,
    plan: s.summary.sustainable.sustainable ? 'sustainable' : NOT_SUSTAINABLE,
    cheapest: s.id === cheapest?.id,
  })));
  // Panels of a concat have scales of their own: give them one domain, so rows and columns compare.
  const maxInUnit = Math.max(maxOf(points.map((p) => p.annualInUnit)), 0);
  const moneyAxis = { field: 'annualInUnit', type: 'quantitative', scale: { domain: [0, maxInUnit], nice: true }, axis: { title: unit.name, tickCount: 3 } };
  // One time axis per column, shared by the tiers' rows so they compare; log when the values span orders of magnitude.
  const axisFor = (which: Which): TimeAxis => {
    const seconds = [
      ...points.map((p) => (which === 'rpo' ? p.rpoP95Seconds : p.rtoP95Seconds)).filter((v): v is number => v !== null),
      ...results.scenario.tiers.map((t) => (which === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds)),
    ];
    const axis = timeAxis(seconds, { title: which === 'rpo' ? 'Data lost, p95 (RPO)' : 'Time to recover, p95 (RTO)', spanForLog: 30 });
    return axis.scale['domain'] ? axis : { ...axis, scale: { ...axis.scale, domain: [0, axis.toPlot(Math.max(1, maxOf(seconds)))], nice: true } };
  };
  const axes = { rpo: axisFor('rpo'), rto: axisFor('rto') };
  const height = tiers.length <= 3 ? 100 : 75;
  // Two panels beside the legend within a slide: the room for one plot, less the second panel's axis and the gap, halved.
  const width = Math.max(220, Math.floor((plotWidthBesideLegend([...labels.values(), NOT_SUSTAINABLE], 60) - 90) / 2));
  const unplaced = points.filter((p) => p.rpoP95Seconds === null || p.rtoP95Seconds === null).map((p) => `${p.strategy} in tier ${p.tier}`);
  const verdict = cheapest
    ? `Ringed: ${labels.get(cheapest.id)}, the cheapest strategy that meets every target.`
    : 'No strategy meets every target.';
  const spec = {
    ...topLevel('What each strategy costs and what it buys, tier by tier', [
      'Annual total (amortized capex + opex + expected penalties, y) against the p95 data loss and recovery time of each tier\'s VMs (x); the dashed line is the tier\'s target: left of it and lower is better.',
      verdict + (unplaced.length > 0 ? ` Not placed (over 5% of the tier's VMs not recovered): ${unplaced.join(', ')}.` : ''),
    ], 'Annual cost against achieved p95 RPO and RTO per tier and strategy.'),
    vconcat: tiers.map((tier, row) => ({
      hconcat: (['rpo', 'rto'] as const).map((which, col) => panel(results, points, tier, which, axes[which], moneyAxis, { bottom: row === tiers.length - 1, left: col === 0, width, height })),
      spacing: 24,
    })),
    spacing: 14,
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  };
  return {
    name: 'cost-vs-rpo-rto',
    title: 'Cost against achieved RPO and RTO, per tier',
    caption: 'Each point is a strategy: its yearly cost against the data loss (left) and recovery time (right) that 95% of a tier\'s VMs stay within, beside that tier\'s target. ' + verdict,
    spec,
  };
}
