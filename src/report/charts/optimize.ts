/**
 * `drsim optimize`'s charts, both on the confirmation trials: what the chosen plan and the best single
 * strategy cost (outlays and risk side by side, as in the run report's cost breakdown), and the share of
 * each group's VM-trials meeting its RPO and RTO targets under each, against the required share.
 */
import type { OptimizeResult, PlanEvaluation } from '../../experiment/optimize.js';
import { formatPercent } from '../../models/units/format.js';
import { outlaysAndRiskSpec } from './cost-breakdown.js';
import { colorAt, SLIDE_HEIGHT, topLevel, type ChartDef } from './spec-common.js';

/** The chosen plan is not a strategy of the scenario: it gets a neutral colour of its own. */
export const PLAN_COLOR = '#333333';

export function planLabels(r: OptimizeResult): { chosen: string; single: string } {
  return { chosen: 'Chosen plan', single: `Best single: ${r.bestSingle.name}` };
}

export function optimizeCharts(r: OptimizeResult, strategies: string[]): ChartDef[] {
  const names = planLabels(r);
  const costs: ChartDef = {
    name: 'optimize-cost',
    title: 'What the chosen plan costs against the best single strategy',
    caption: `Both on the fresh confirmation trials ${r.confirmTrials[0]}–${r.confirmTrials[1]}. Outlays are budget lines; expected penalties are the risk left (frequency × cost of downtime and data loss).`,
    spec: outlaysAndRiskSpec([
      { label: names.chosen, cost: r.chosen.confirmed.result.cost },
      { label: names.single, cost: r.bestSingle.confirmed.result.cost },
    ], r.currency, 'The chosen plan against the best single strategy, a year', ['Left: outlays by part. Right: expected penalties. On the confirmation trials.']),
  };

  const rows: { row: string; plan: string; met: number; text: string }[] = [];
  const order: string[] = [];
  const add = (e: PlanEvaluation, plan: string): void => {
    r.space.groups.forEach((g, k) => {
      for (const which of ['rpo', 'rto'] as const) {
        const enforced = r.constraints.find((c) => c.group === k && c.which === which)?.enforced ?? true;
        const row = `${g.label} ${which.toUpperCase()}${enforced ? '' : ' (out of reach)'}`;
        if (!order.includes(row)) order.push(row);
        const met = which === 'rpo' ? e.groups[k]!.rpoMet : e.groups[k]!.rtoMet;
        rows.push({ row, plan, met, text: formatPercent(met) });
      }
    });
  };
  add(r.chosen.confirmed, names.chosen);
  add(r.bestSingle.confirmed, names.single);
  const singleColor = colorAt(strategies.indexOf(r.bestSingle.name));
  const y = { field: 'row', type: 'nominal', sort: order, axis: { title: null, labelFontSize: 12 } };
  const x = { field: 'met', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'Share of the group\'s VM-trials meeting the target', format: '.0%' } };
  const shares: ChartDef = {
    name: 'optimize-targets',
    title: 'Targets met per group: chosen plan and best single strategy',
    caption: `Each row is a group's RPO or RTO target; a dot is the share of its VM-trials (site disaster, confirmation trials) meeting it. The dashed line is the required ${formatPercent(r.required)}; "out of reach" targets no strategy in the scenario meets are not enforced.`,
    spec: {
      ...topLevel('Targets met per group', [`Share of each group's VM-trials meeting its target; dashed: the required ${formatPercent(r.required)}.`],
        'Share of VM-trials meeting each group target under the chosen plan and the best single strategy.'),
      width: 420,
      height: Math.min(SLIDE_HEIGHT - 130, 34 * order.length),
      layer: [
        {
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 110, opacity: 1 },
          encoding: {
            // Side by side within a row, so equal shares do not hide one another.
            y, x, yOffset: { field: 'plan', type: 'nominal', sort: [names.chosen, names.single] },
            color: { field: 'plan', type: 'nominal', title: null, scale: { domain: [names.chosen, names.single], range: [PLAN_COLOR, singleColor] }, legend: { orient: 'bottom' } },
            shape: { field: 'plan', type: 'nominal', scale: { domain: [names.chosen, names.single], range: ['circle', 'diamond'] } },
            tooltip: [{ field: 'row', title: 'Target' }, { field: 'plan', title: 'Plan' }, { field: 'text', title: 'Met' }],
          },
        },
        {
          data: { values: [{ met: r.required }] },
          mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 },
          encoding: { x: { field: 'met', type: 'quantitative' } },
        },
      ],
    },
  };
  return [costs, shares];
}
