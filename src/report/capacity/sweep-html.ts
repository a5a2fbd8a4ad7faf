/**
 * `drsim sweep`'s report.html: the answer first (the cheapest strategy and value that meet every target,
 * and per strategy where in the sweep it meets them), then a chart per metric and the tables behind them.
 * The verdicts are the ones `drsim run` gives each point (models/verdicts.ts).
 */
import { formatMetric, type MetricDef } from '../../experiment/metrics.js';
import type { SweepPoint } from '../../experiment/sweep.js';
import type { StrategyResult } from '../../models/results.js';
import { formatMoney } from '../../models/units/format.js';
import { colorAt, labelsOf } from '../charts/spec-common.js';
import { cardHtml, chartsHtml, escapeHtml, htmlPage, type RenderedChart } from '../html-page.js';
import { strategyColumnsHtml } from '../html-table.js';
import { sourceLine, type CapacitySource } from './capacity-page.js';
import { pathWords } from './path-words.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';

const MARK = { meets: '✓', misses: '✗', undecided: '?' } as const;

/** "200 Mbit/s", or "200 Mbit/s, 4" for a grid over two values. */
export function pointLabel(p: SweepPoint): string {
  return p.assignments.map((a) => String(a.value)).join(', ');
}

function verdictCell(s: StrategyResult): string {
  const v = s.verdict.status;
  return `${v} ${MARK[v]}${s.summary.sustainable.sustainable ? '' : ' (not sustainable)'}`;
}

/** Where along the sweep a strategy meets every target: "at every value", "from X on", "up to X", or a list. */
function whereItMeets(meeting: boolean[], labels: string[]): string {
  const at = labels.filter((_, k) => meeting[k]);
  if (at.length === labels.length) return 'at every value swept';
  const first = meeting.indexOf(true);
  const last = meeting.lastIndexOf(true);
  const contiguous = at.length === last - first + 1;
  if (contiguous && last === labels.length - 1 && labels.length > 2) return `from ${labels[first]} on`;
  if (contiguous && first === 0 && labels.length > 2) return `up to ${labels[last]}`;
  return `at ${at.join('; ')}`;
}

interface Cheapest { strategy: number; point: number; total: number }

function cheapest(points: SweepPoint[], pick: (s: StrategyResult) => boolean): Cheapest | null {
  let best: Cheapest | null = null;
  points.forEach((p, k) => p.strategies.forEach((s, i) => {
    if (pick(s) && (best === null || s.cost.annualTotal < best.total)) best = { strategy: i, point: k, total: s.cost.annualTotal };
  }));
  return best;
}

function answerHtml(points: SweepPoint[], names: string[], labels: string[], swept: string): string {
  const currency = points[0]!.currency;
  const money = (x: number): string => formatMoney(x, currency);
  const meets = cheapest(points, (s) => s.verdict.status === 'meets');
  const lowest = cheapest(points, () => true)!;
  const sentence = meets !== null
    ? `Cheapest that meets every target: ${names[meets.strategy]} with ${swept} at ${labels[meets.point]}, ${money(meets.total)} a year (outlays and expected penalties).`
    : `No strategy meets every target anywhere in the sweep. Lowest annual total: ${names[lowest.strategy]} at ${labels[lowest.point]}, ${money(lowest.total)} a year.`;
  const cards = names.map((name, i) => {
    const at = points.map((p) => p.strategies[i]!);
    const meeting = at.map((s) => s.verdict.status === 'meets');
    const own = at.reduce<number | null>((b, s, k) => (meeting[k] && (b === null || s.cost.annualTotal < at[b]!.cost.annualTotal) ? k : b), null);
    const undecided = labels.filter((_, k) => at[k]!.verdict.status === 'undecided');
    const unsustainable = labels.filter((_, k) => !at[k]!.summary.sustainable.sustainable);
    const settle = 'more --trials would decide';
    const headline = meeting.some(Boolean) ? `Meets every target ${whereItMeets(meeting, labels)}.`
      : undecided.length === labels.length ? `Not settled at any value swept: ${settle}.`
        : undecided.length > 0 ? `Misses the targets, except at ${undecided.join('; ')}, where it is not settled (${settle}).`
          : 'Misses the targets at every value swept.';
    const body = [
      own !== null ? `Cheapest where it meets them: ${labels[own]}, ${money(at[own]!.cost.annualTotal)} a year.` : '',
      own !== null && undecided.length > 0 ? `Not settled at ${undecided.join('; ')} (${settle}).` : '',
      unsustainable.length > 0 ? `Not sustainable at ${unsustainable.join('; ')} (the replication backlog grows without bound).` : '',
      `Annual total from ${money(minOf(at.map((s) => s.cost.annualTotal)))} to ${money(maxOf(at.map((s) => s.cost.annualTotal)))}.`,
    ].filter(Boolean).join(' ');
    return cardHtml({ color: colorAt(i), title: name, headline, body });
  });
  return `<p class="verdict-sentence">${escapeHtml(sentence)}</p>\n${cards.join('\n')}`;
}

export function buildSweepHtml(points: SweepPoint[], metrics: MetricDef[], src: CapacitySource, charts: RenderedChart[]): string {
  const first = points[0]!;
  const paths = first.assignments.map((a) => a.path);
  const swept = paths.map(pathWords).join(' and ');
  const names = [...labelsOf(first.strategies).values()];
  const labels = points.map(pointLabel);
  const rowHeader = paths.join(', ');
  const verdicts = strategyColumnsHtml('sweep-verdicts', rowHeader, labels, names, (i, k) => verdictCell(points[k]!.strategies[i]!), { wrap: true });
  const tables = metrics.map((m) => `<h3>${escapeHtml(m.label)} (${escapeHtml(m.id)})</h3>
${strategyColumnsHtml('sweep-metric', rowHeader, labels, names, (i, k) => formatMetric(m.kind, m.value(points[k]!.strategies[i]!), first.currency))}`).join('\n');
  return htmlPage({
    title: `Sweep of ${paths.join(', ')}: ${src.scenarioName}`,
    heading: `${swept} swept: ${src.scenarioName}`,
    intro: [
      escapeHtml(`${points.length} values of ${paths.join(' × ')} (${labels[0]} … ${labels[labels.length - 1]}), every strategy simulated at each with the same seed and trials, so differences come from the swept values, not from luck.`),
      sourceLine(src, `${points.length} points`),
    ],
    main: `<section id="answer"><h2>Answer</h2>
${answerHtml(points, names, labels, swept.charAt(0).toLowerCase() + swept.slice(1))}
</section>
<section id="charts"><h2>Charts</h2>
${charts.length > 0 ? chartsHtml(charts) : '<p class="muted">No charts (more than two swept values, or --no-charts): the tables below and sweep.csv hold every number.</p>'}
</section>
<section id="tables"><h2>Tables</h2>
<h3>Verdict at each value</h3>
<p class="muted">As drsim run judges a strategy: every tier's and application's RPO and RTO targets met by at least 95% (on the 95% confidence interval), and the plan sustainable.</p>
${verdicts}
${tables}
</section>`,
    charts,
    version: src.version,
  });
}
