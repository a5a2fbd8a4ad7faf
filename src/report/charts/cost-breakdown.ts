/**
 * cost-breakdown: outlays and risk side by side. Left, each strategy's yearly outlays as stacked parts
 * (hosts, storage, WAN, licences, power, courier; a dev/test credit stacks below zero, only when there is
 * one); right, its expected penalties (downtime and data loss: a risk, not a budget line), each panel on
 * its own scale so the outlays are not drowned by penalties ten times their size; the annual total (their
 * sum) in a column of its own. The optimizer's report draws its plans with the same panels.
 */
import type { CostBreakdown, CostItem, ResultsFile } from '../../models/results.js';
import { formatMoney, moneyUnitFor } from '../../models/units/format.js';
import { textWidthPixels } from '../text-width.js';
import { SLIDE_HEIGHT, strategyLabels, topLevel, type ChartDef, type VlSpec } from './spec-common.js';
import { maxOf } from '../../sim/array-extremes.js';

export const COST_CATEGORIES: { category: CostItem['category']; label: string; color: string }[] = [
  { category: 'hosts', label: 'DR hosts', color: '#4e79a7' },
  { category: 'storage', label: 'Storage', color: '#a0cbe8' },
  { category: 'wan', label: 'WAN', color: '#f28e2b' },
  { category: 'licences', label: 'Licences', color: '#ffbe7d' },
  { category: 'power', label: 'Power and space', color: '#59a14f' },
  { category: 'courier', label: 'Courier and vaulting', color: '#8cd17d' },
  { category: 'ransomware-protection', label: 'Ransomware protection', color: '#b07aa1' },
  { category: 'penalties', label: 'Expected penalties', color: '#e15759' },
  { category: 'dev-test-credit', label: 'Dev/test credit', color: '#bab0ac' },
];

const PENALTIES = COST_CATEGORIES.find((c) => c.category === 'penalties')!;

/** One bar per row: a strategy, or a plan. */
export interface CostRow { label: string; cost: CostBreakdown }

/** Panel widths that leave room on a slide for the y labels (~110 px), the amounts written after the bars and the totals column. */
const OUTLAYS_PIXELS = 210;
const RISK_PIXELS = 120;
const TOTALS_PIXELS = 95;

/** The two panels for `rows`, in their order, money in the unit that suits the largest bar. */
export function outlaysAndRiskSpec(rows: CostRow[], currency: string, title: string, subtitle: string[]): VlSpec {
  const parts: { row: string; part: string; order: number; annual: number; text: string }[] = [];
  const outlays: { row: string; annual: number; end: number; text: string }[] = [];
  const totals: { row: string; text: string }[] = [];
  const risk: { row: string; annual: number; text: string }[] = [];
  let maxOutlay = 0;
  let maxRisk = 0;
  const credit = (r: CostRow): boolean => r.cost.items.some((i) => i.category !== 'penalties' && i.annual < 0);
  for (const r of rows) {
    COST_CATEGORIES.forEach((c, order) => {
      if (c.category === 'penalties') return;
      const annual = r.cost.items.filter((i) => i.category === c.category).reduce((sum, i) => sum + i.annual, 0);
      if (annual !== 0) parts.push({ row: r.label, part: c.label, order, annual, text: formatMoney(annual, currency) });
    });
    const outlay = r.cost.annualCapex + r.cost.annualOpex;
    const positive = r.cost.items.filter((i) => i.annual > 0 && i.category !== 'penalties').reduce((sum, i) => sum + i.annual, 0);
    maxOutlay = Math.max(maxOutlay, positive, Math.abs(outlay));
    maxRisk = Math.max(maxRisk, r.cost.expectedAnnualPenalty);
    // The net is written after the positive parts' end, where the bar stops (a credit shortens it to the left).
    outlays.push({ row: r.label, annual: outlay, end: positive, text: credit(r) ? `net ${formatMoney(outlay, currency)}` : formatMoney(outlay, currency) });
    risk.push({ row: r.label, annual: r.cost.expectedAnnualPenalty, text: formatMoney(r.cost.expectedAnnualPenalty, currency) });
    totals.push({ row: r.label, text: formatMoney(r.cost.annualTotal, currency) });
  }
  // Each panel has its own scale, so each its own unit (a million of outlays beside thousands of risk).
  const unit = moneyUnitFor(maxOutlay, currency);
  const riskUnit = moneyUnitFor(maxRisk, currency);
  const scaled = <T extends { annual: number }>(list: T[], factor = unit.factor) => list.map((x) => ({ ...x, amount: x.annual / factor }));
  const present = COST_CATEGORIES.filter((c) => parts.some((p) => p.part === c.label));
  const anyCredit = parts.some((p) => p.annual < 0);
  const y = { field: 'row', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null, labelFontSize: 13 } };
  // Long strategy names take their room from the outlays panel, so the chart stays slide-sized.
  const labelPixels = maxOf(rows.map((r) => textWidthPixels(r.label, 13)));
  const outlaysPixels = Math.max(140, OUTLAYS_PIXELS - Math.max(0, Math.ceil(labelPixels) - 110));
  const bandPixels = 56;
  const height = Math.min(SLIDE_HEIGHT - 150, bandPixels * rows.length);
  const totalText = { mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, fontWeight: 'bold' }, encoding: { y, x: { field: 'amount', type: 'quantitative' }, text: { field: 'text' } } };
  return {
    ...topLevel(title, subtitle, 'Annual outlays by part and expected penalties, side by side, per strategy.'),
    hconcat: [
      {
        title: { text: 'Outlays a year', fontSize: 14, anchor: 'start' },
        width: outlaysPixels,
        height,
        layer: [
          {
            data: { values: scaled(parts) },
            mark: { type: 'bar', height: { band: 0.6 } },
            encoding: {
              y,
              x: { field: 'amount', type: 'quantitative', stack: 'zero', axis: { title: `${unit.name}${anyCredit ? ' (credit below 0)' : ''}`, tickCount: 3, labelOverlap: true } },
              color: {
                field: 'part', type: 'nominal',
                scale: { domain: present.map((c) => c.label), range: present.map((c) => c.color) },
                legend: { title: null, orient: 'bottom', direction: 'horizontal', columns: 3, symbolType: 'square' },
              },
              order: { field: 'order', type: 'quantitative' },
              tooltip: [{ field: 'row', title: 'Strategy' }, { field: 'part', title: 'Part' }, { field: 'text', title: 'Per year' }],
            },
          },
          { data: { values: scaled(outlays) }, ...totalText, transform: [{ calculate: `datum.end / ${unit.factor}`, as: 'amount' }] },
        ],
      },
      {
        title: { text: 'Expected penalties a year (risk)', fontSize: 14, anchor: 'start' },
        width: RISK_PIXELS,
        height,
        data: { values: scaled(risk, riskUnit.factor) },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.6 }, color: PENALTIES.color },
            encoding: {
              y: { ...y, axis: null },
              x: { field: 'amount', type: 'quantitative', axis: { title: riskUnit.name, tickCount: 4, labelOverlap: true } },
              tooltip: [{ field: 'row', title: 'Strategy' }, { field: 'text', title: 'Expected penalties per year' }],
            },
          },
          totalText,
        ],
      },
      {
        title: { text: 'Annual total', fontSize: 14, anchor: 'end' },
        width: TOTALS_PIXELS,
        height,
        view: { stroke: null },
        data: { values: totals },
        mark: { type: 'text', align: 'right', fontSize: 12, fontWeight: 'bold' },
        encoding: { y: { ...y, axis: null }, x: { value: TOTALS_PIXELS }, text: { field: 'text' } },
      },
    ],
    spacing: 16,
    resolve: { scale: { x: 'independent' } },
  };
}

export function costBreakdownChart(results: ResultsFile): ChartDef {
  const labels = strategyLabels(results);
  const rows = results.strategies.map((s) => ({ label: labels.get(s.id)!, cost: s.cost }));
  return {
    name: 'cost-breakdown',
    title: 'Annual cost breakdown',
    caption: 'Where each strategy\'s money goes in a year (left) and the risk it leaves (right): expected penalties are frequency × cost of downtime and data loss, not outlays. Each panel has its own scale.',
    spec: outlaysAndRiskSpec(rows, results.scenario.currency, 'What each strategy costs a year, and the risk it leaves', [
      'Left: amortized capex and opex by part. Right: expected penalties for downtime and data loss. The annual total is their sum.',
    ]),
  };
}
