/**
 * cost-breakdown: each strategy's annual cost as stacked parts (hosts, storage, WAN, licences, power,
 * courier, expected penalties); the dev/test credit stacks below zero, and a black tick marks the net
 * total so the credit is visibly subtracted rather than hidden.
 */
import type { CostItem, ResultsFile } from '../../models/results.js';
import { formatMoney, moneyUnitFor } from '../../models/units/format.js';
import { SLIDE_HEIGHT, SLIDE_WIDTH, strategyLabels, topLevel, type ChartDef } from './spec-common.js';

export const COST_CATEGORIES: { category: CostItem['category']; label: string; color: string }[] = [
  { category: 'hosts', label: 'DR hosts', color: '#4e79a7' },
  { category: 'storage', label: 'Storage', color: '#a0cbe8' },
  { category: 'wan', label: 'WAN', color: '#f28e2b' },
  { category: 'licences', label: 'Licences', color: '#ffbe7d' },
  { category: 'power', label: 'Power and space', color: '#59a14f' },
  { category: 'courier', label: 'Courier and vaulting', color: '#8cd17d' },
  { category: 'penalties', label: 'Expected penalties', color: '#e15759' },
  { category: 'dev-test-credit', label: 'Dev/test credit', color: '#bab0ac' },
];

export function costBreakdownChart(results: ResultsFile): ChartDef {
  const labels = strategyLabels(results);
  const currency = results.scenario.currency;
  const parts: { strategy: string; part: string; order: number; annual: number; text: string }[] = [];
  const totals: { strategy: string; annual: number; text: string }[] = [];
  let maxAbs = 0;
  for (const s of results.strategies) {
    COST_CATEGORIES.forEach((c, order) => {
      const annual = s.cost.items.filter((i) => i.category === c.category).reduce((sum, i) => sum + i.annual, 0);
      if (annual !== 0) parts.push({ strategy: labels.get(s.id)!, part: c.label, order, annual, text: formatMoney(annual, currency) });
    });
    const positive = s.cost.items.filter((i) => i.annual > 0).reduce((sum, i) => sum + i.annual, 0);
    maxAbs = Math.max(maxAbs, positive, Math.abs(s.cost.annualTotal));
    totals.push({ strategy: labels.get(s.id)!, annual: s.cost.annualTotal, text: `net ${formatMoney(s.cost.annualTotal, currency)}` });
  }
  const unit = moneyUnitFor(maxAbs, currency);
  const scaled = <T extends { annual: number }>(rows: T[]) => rows.map((r) => ({ ...r, amount: r.annual / unit.factor }));
  const y = { field: 'strategy', type: 'nominal', sort: [...labels.values()], axis: { title: null, labelFontSize: 13 } };
  const x = { field: 'amount', type: 'quantitative', axis: { title: `Annual cost (${unit.name}); below zero: credits`, format: ',.0f' } };
  const spec = {
    ...topLevel('What each strategy costs a year, part by part', [
      'Amortized capex and opex by part, plus expected penalties for downtime and data loss; the DR hosts\' dev/test work in normal times is a credit (below zero).',
      'Black tick: net annual total.',
    ], 'Stacked annual cost parts per strategy with net totals.'),
    width: SLIDE_WIDTH - 300,
    height: Math.min(SLIDE_HEIGHT - 150, 70 * results.strategies.length),
    layer: [
      {
        data: { values: scaled(parts) },
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          y, x: { ...x, stack: 'zero' },
          color: {
            field: 'part', type: 'nominal',
            scale: { domain: COST_CATEGORIES.map((c) => c.label), range: COST_CATEGORIES.map((c) => c.color) },
            legend: { title: null, orient: 'bottom', columns: 4, symbolType: 'square' },
          },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'part', title: 'Part' }, { field: 'text', title: 'Per year' }],
        },
      },
      {
        data: { values: scaled(totals) },
        layer: [
          { mark: { type: 'tick', color: '#111', thickness: 3, bandSize: 34 }, encoding: { y, x } },
          { mark: { type: 'text', align: 'left', dx: 6, dy: -22, fontSize: 11, fontWeight: 'bold' }, encoding: { y, x, text: { field: 'text' } } },
        ],
      },
    ],
  };
  return {
    name: 'cost-breakdown',
    title: 'Annual cost breakdown',
    caption: 'Where each strategy\'s money goes in a year. Penalties are expected values (frequency × cost of downtime and data loss), not outlays.',
    spec,
  };
}
