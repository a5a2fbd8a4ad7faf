/**
 * `drsim optimize`'s report.html: the chosen plan up front (what it costs against the best single
 * strategy, and whether it holds on fresh trials), then the charts, the plan per group beside the best
 * single strategy's, the costs, the targets out of reach and the YAML to paste.
 */
import type { OptimizeResult, PlanEvaluation } from '../../experiment/optimize.js';
import { spaceSize } from '../../experiment/optimize-plan.js';
import { formatMoney, formatPercent } from '../../models/units/format.js';
import { PLAN_COLOR, planLabels } from '../charts/optimize.js';
import { colorAt } from '../charts/spec-common.js';
import { cardHtml, chartsHtml, escapeHtml, htmlPage, type RenderedChart } from '../html-page.js';
import { tableHtml } from '../html-table.js';
import { sourceLine, type CapacitySource } from './capacity-page.js';
import { PLAN_HEADER, planRows, planVerdict, recoveryFrom } from './optimize-text.js';

function planTableHtml(r: OptimizeResult, e: PlanEvaluation): string {
  const columns = PLAN_HEADER.map((h, i) => ({ header: h.charAt(0).toUpperCase() + h.slice(1), numeric: i >= 2 }));
  return tableHtml('optimize-plan', columns, planRows(r, e, r.required).map((cells) => ({ cells }))) +
    `\n<p class="muted">Recovery (runbook, DR hosts) from ${escapeHtml(recoveryFrom(r, e))}.</p>`;
}

function costTableHtml(r: OptimizeResult): string {
  const money = (x: number): string => formatMoney(x, r.currency).replace(` ${r.currency}`, '');
  const names = planLabels(r);
  const columns = [
    { header: `Per year (${r.currency})` },
    { header: `${names.chosen}, confirmation trials`, numeric: true },
    { header: `${names.chosen}, search trials`, numeric: true },
    { header: `${names.single}, confirmation trials`, numeric: true },
  ];
  const line = (label: string, pick: (e: PlanEvaluation) => number) => ({ cells: [label, money(pick(r.chosen.confirmed)), money(pick(r.chosen.search)), money(pick(r.bestSingle.confirmed))] });
  return tableHtml('optimize-cost', columns, [
    line('Outlays (amortized capex + opex)', (e) => e.outlays),
    line('Expected penalties', (e) => e.penalties),
    line('Annual total', (e) => e.annualTotal),
  ]);
}

export function buildOptimizeHtml(r: OptimizeResult, budget: number | null, strategies: string[], src: CapacitySource, charts: RenderedChart[]): string {
  const money = (x: number): string => formatMoney(x, r.currency);
  const names = planLabels(r);
  const chosen = r.chosen.confirmed;
  const single = r.bestSingle.confirmed;
  const saving = single.annualTotal - chosen.annualTotal;
  const by = r.space.groups[0]?.tier !== null ? 'tier' : 'application';
  const sentence = `${r.chosen.missed.length === 0 ? 'Chosen plan' : 'Cheapest plan found (it misses targets)'}: ${r.chosen.description}, ${money(chosen.annualTotal)} a year — ` +
    `${saving >= 0 ? 'saves' : 'costs'} ${money(Math.abs(saving))} (${formatPercent(Math.abs(saving) / Math.max(1, single.annualTotal))}) a year against the best single strategy, ${r.bestSingle.name}.`;
  const plural = r.plansEvaluated === 1 ? 'plan' : 'plans';
  const cards = [
    cardHtml({
      color: PLAN_COLOR, title: names.chosen, headline: `${planVerdict(r.chosen, r).replace(/^./, (c) => c.toUpperCase())}.`,
      body: `Annual total ${money(chosen.annualTotal)} = outlays ${money(chosen.outlays)} + expected penalties ${money(chosen.penalties)} on fresh trials ${r.confirmTrials[0]}–${r.confirmTrials[1]} ` +
        `(${money(r.chosen.search.annualTotal)} on the search trials).` + (budget !== null ? ` Budget for outlays: ${money(budget)} a year.` : ''),
    }),
    cardHtml({
      color: colorAt(strategies.indexOf(r.bestSingle.name)), title: names.single,
      headline: r.bestSingle.missed.length === 0 ? 'Meets every enforced target on the same fresh trials.' : `Misses ${r.bestSingle.missed.join(', ')} on the same fresh trials.`,
      body: `Annual total ${money(single.annualTotal)} = outlays ${money(single.outlays)} + expected penalties ${money(single.penalties)}.`,
    }),
  ];
  const outOfReach = r.constraints.filter((c) => !c.enforced);
  const reach = outOfReach.length === 0 ? '' : `<h3>Targets out of reach (not enforced)</h3>
<p>No strategy in the scenario meets these, so the optimizer does not require them: ${escapeHtml(outOfReach.map((c) => `${r.space.groups[c.group]!.label} ${c.which.toUpperCase()} (best ${formatPercent(c.bestMet)}, by ${c.bestBy})`).join('; '))}.</p>`;
  return htmlPage({
    title: `Optimized protection plan: ${src.scenarioName}`,
    heading: `A protection method per ${by}: ${src.scenarioName}`,
    intro: [
      escapeHtml(`The methods the scenario's strategies give each ${by}, recombined into the plan with the lowest annual outlays + expected penalties that meets every reachable target ` +
        `(each ${by}'s RPO and RTO met in at least ${formatPercent(r.required)} of its VM-trials)${budget !== null ? `, with outlays within ${money(budget)} a year` : ''}. ` +
        `${spaceSize(r.space)} possible plans, ${r.method === 'exhaustive' ? 'all evaluated' : `${r.plansEvaluated} ${plural} evaluated by greedy coordinate descent`}; the best were re-run on fresh trials.`),
      sourceLine(src, `${r.plansEvaluated} ${plural}`),
    ],
    main: `<section id="answer"><h2>Answer</h2>
<p class="verdict-sentence">${escapeHtml(sentence)}</p>
${cards.join('\n')}
</section>
<section id="charts"><h2>Charts</h2>
${chartsHtml(charts)}
</section>
<section id="tables"><h2>Tables</h2>
<h3>${escapeHtml(names.chosen)} (confirmation trials)</h3>
${planTableHtml(r, chosen)}
<h3>${escapeHtml(names.single)} (confirmation trials)</h3>
${planTableHtml(r, single)}
<h3>Costs</h3>
${costTableHtml(r)}
${reach}
<h3>The plan as a strategy</h3>
<p class="muted">Paste under <code>strategies:</code> in the scenario, then <code>drsim run</code> it for the full report.</p>
<pre>${escapeHtml(r.chosen.yaml.trimEnd())}</pre>
</section>`,
    charts,
    version: src.version,
  });
}
