/**
 * cost-vs-rpo-rto: what each strategy costs a year against the p95 RPO and RTO it achieves, one
 * labelled point per strategy in two panels; the cheapest strategy meeting every tier's targets is
 * ringed, because that is the line a budget proposal is written around.
 */
import type { ResultsFile } from '../../models/results.js';
import { cheapestMeetingTargets } from '../compliance.js';
import { formatDuration, moneyUnitFor } from '../../models/units/format.js';
import { SLIDE_HEIGHT, strategyColor, strategyLabels, topLevel, type ChartDef, type VlSpec } from './spec-common.js';
import { timeAxis } from './time-axis.js';

/** A strategy's point; a p95 that falls among VMs not recovered is null and the point is left out of that panel (and said so). */
interface Point { strategy: string; rpoP95Seconds: number | null; rtoP95Seconds: number | null; annualInUnit: number; label: string; cheapest: boolean }

function panel(results: ResultsFile, points: Point[], metric: 'rpo' | 'rto', moneyAxis: Record<string, unknown>): VlSpec {
  const field = metric === 'rpo' ? 'rpoP95Seconds' : 'rtoP95Seconds';
  const strictest = Math.min(...results.scenario.tiers.map((t) => (metric === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds)));
  const strictTier = results.scenario.tiers.find((t) => (metric === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds) === strictest);
  const shown = points.filter((p) => p[field] !== null);
  points = shown;
  const axis = timeAxis([...shown.map((p) => p[field]!), strictest], {
    title: metric === 'rpo' ? 'Data lost, p95 (RPO)' : 'Time to recover, p95 (RTO)', spanForLog: 30,
  });
  const x = { field: 'x', type: 'quantitative', scale: axis.scale, axis: axis.axis };
  const target = [{ x: strictest, label: `Tier ${strictTier?.tier ?? ''} target ${formatDuration(strictest)}` }];
  // Labels of points in the right half go to their left, so they stay inside the panel.
  const placed = points.map((p) => ({ ...p, leftLabel: axis.fractionAlong(p[field]!) > 0.5 }));
  const label = (left: boolean) => ({
    transform: [{ filter: left ? 'datum.leftLabel' : '!datum.leftLabel' }],
    mark: { type: 'text', align: left ? 'right' : 'left', dx: left ? -12 : 12, fontSize: 12 },
    encoding: { x, y: moneyAxis, text: { field: 'label' } },
  });
  return {
    width: 330,
    height: SLIDE_HEIGHT - 190,
    layer: [
      {
        data: { values: target },
        transform: [axis.transform('x', 'x')],
        layer: [
          { mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
          { mark: { type: 'text', angle: 270, align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11, color: '#555' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: SLIDE_HEIGHT - 190 }, text: { field: 'label' } } },
        ],
      },
      {
        data: { values: placed },
        transform: [axis.transform(field, 'x')],
        layer: [
          { mark: { type: 'point', size: 600, strokeWidth: 3, color: '#111', filled: false },
            transform: [{ filter: 'datum.cheapest' }], encoding: { x, y: moneyAxis } },
          { mark: { type: 'point', size: 140, filled: true, opacity: 1 },
            encoding: {
              x, y: moneyAxis, color: strategyColor(results, 'strategy', null),
              tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'label', title: 'Note' }],
            } },
          label(false),
          label(true),
        ],
      },
    ],
  };
}

export function costVsTargetsChart(results: ResultsFile): ChartDef {
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const currency = results.scenario.currency;
  const unit = moneyUnitFor(Math.max(...results.strategies.map((s) => Math.abs(s.cost.annualTotal))), currency);
  const points: Point[] = results.strategies.map((s) => ({
    strategy: labels.get(s.id)!,
    rpoP95Seconds: s.summary.rpoSeconds.p95,
    rtoP95Seconds: s.summary.rtoSeconds.p95,
    annualInUnit: s.cost.annualTotal / unit.factor,
    label: labels.get(s.id)! + (s.summary.sustainable.sustainable ? '' : ' (not sustainable)'),
    cheapest: s.id === cheapest?.id,
  }));
  const moneyAxis = {
    field: 'annualInUnit', type: 'quantitative', scale: { zero: true },
    axis: { title: `Annual total cost (${unit.name})`, format: ',.0f' },
  };
  const unrecovered = points.filter((p) => p.rpoP95Seconds === null || p.rtoP95Seconds === null).map((p) => p.strategy);
  const verdict = cheapest
    ? `Ringed: ${labels.get(cheapest.id)}, the cheapest strategy that meets every tier's targets.`
    : 'No strategy meets every tier\'s targets.';
  const spec = {
    ...topLevel('What each strategy costs and what it buys', [
      'Annual total (amortized capex + opex + expected penalties) against the p95 data loss and recovery time achieved; lower and further left is better.',
      verdict + (unrecovered.length > 0 ? ` Not placed where over 5% of VMs are not recovered: ${unrecovered.join(', ')}.` : ''),
    ], 'Annual cost against achieved p95 RPO and RTO per strategy.'),
    hconcat: [panel(results, points, 'rpo', moneyAxis), panel(results, points, 'rto', moneyAxis)],
    resolve: { scale: { color: 'shared' } },
  };
  return {
    name: 'cost-vs-rpo-rto',
    title: 'Cost against achieved RPO and RTO',
    caption: 'Each point is a strategy: its yearly cost against the data loss (left) and recovery time (right) that 95% of VMs stay within. ' + verdict,
    spec,
  };
}
