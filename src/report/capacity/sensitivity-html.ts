/**
 * `drsim sensitivity`'s report.html: the answer first (per strategy, the inputs that move its annual total
 * most and the verdicts that change), then the tornado and break-even charts, then the tables behind them.
 */
import type { SensitivityResults, SensitivityStrategy } from '../../models/results.js';
import { formatMoney, formatPercent } from '../../models/units/format.js';
import { colorAt, labelsOf } from '../charts/spec-common.js';
import { inputRangeLabel } from '../charts/tornado.js';
import { cardHtml, chartsHtml, escapeHtml, htmlPage, type RenderedChart } from '../html-page.js';
import { tableHtml } from '../html-table.js';
import { sourceLine, type CapacitySource } from './capacity-page.js';
import { flipsText, flipText } from './sensitivity-text.js';

function strategyCard(r: SensitivityResults, s: SensitivityStrategy, i: number, name: string): string {
  const money = (x: number) => formatMoney(x, r.scenario.currency);
  const label = (input: string) => r.inputs.find((x) => x.input === input)!.label;
  const top = s.bars.filter((b) => b.swing > 0).slice(0, 3);
  const headline = top.length === 0
    ? 'No input moves its annual total within its range.'
    : `Most sensitive to ${label(top[0]!.input).toLowerCase()}: ${money(Math.min(top[0]!.annualTotal.low, top[0]!.annualTotal.high))} to ${money(Math.max(top[0]!.annualTotal.low, top[0]!.annualTotal.high))} a year.`;
  const flips = s.bars.filter((b) => b.flips.length > 0).map((b) => `${label(b.input).toLowerCase()} (${flipsText(b.flips, 2)})`);
  const body = [
    `Base: ${money(s.base.annualTotal)} a year, verdict ${s.base.verdict}.`,
    top.length > 1 ? `Next: ${top.slice(1).map((b) => `${label(b.input).toLowerCase()} (swing ${money(b.swing)})`).join(', ')}.` : '',
    flips.length > 0 ? `Verdicts change with ${flips.join('; ')}.` : 'No verdict changes within the ranges.',
  ].filter(Boolean).join(' ');
  return cardHtml({ color: colorAt(i), title: name, headline, body });
}

/** "2.5 times", "100 times". */
function timesText(x: number): string {
  return `${Number(x.toPrecision(x < 10 ? 2 : 3))} times`;
}

function breakEvenSentence(r: SensitivityResults): string {
  const changes = r.breakEven.filter((b) => b.changesCheapest);
  if (changes.length === 0) return 'Within any positive multiple of the linear inputs (failure rates, costs per hour), the cheapest strategy stays the same.';
  return changes.map((b) => {
    const input = r.inputs.find((x) => x.input === b.input)!;
    const multiple = b.factor > 1 ? `${timesText(b.factor)} the stated value` : `${formatPercent(b.factor)} of the stated value`;
    const at = b.valueText === null ? multiple : `${b.valueText}${b.withinRange ? '' : ` (${multiple})`}`;
    return `${input.label} at ${at}${b.withinRange ? ', inside the range studied' : ''}: ${b.cheaperAbove} becomes cheaper than ${b.cheaperBelow}.`;
  }).join(' ');
}

/** The answer: the break-even sentence and a card per strategy (its largest swings, its verdict changes). */
export function sensitivityAnswerHtml(r: SensitivityResults): string {
  const labels = labelsOf(r.strategies);
  return `<p class="verdict-sentence">${escapeHtml(breakEvenSentence(r))}</p>
${r.strategies.map((s, i) => strategyCard(r, s, i, labels.get(s.id)!)).join('\n')}`;
}

/** The tables behind the charts: inputs and ranges, break-even, annual total by input per strategy (h3 headings). */
export function sensitivityTablesHtml(r: SensitivityResults): string {
  const labels = labelsOf(r.strategies);
  const names = r.strategies.map((s) => labels.get(s.id)!);
  const money = (x: number) => formatMoney(x, r.scenario.currency);
  const byInput = new Map(r.inputs.map((i) => [i.input, i]));
  const inputTable = tableHtml('sensitivity-inputs', [
    { header: 'Input' }, { header: 'Low' }, { header: 'Base' }, { header: 'High' }, { header: 'Range from' },
  ], r.inputs.map((i) => ({ cells: [i.label, i.lowText ?? formatPercent(i.lowFactor), i.baseText ?? '100%', i.highText ?? formatPercent(i.highFactor), i.stated ? 'the scenario' : 'default (50%–150%)'] })));
  const strategyTables = r.strategies.map((s, k) => `<h3>${escapeHtml(names[k]!)}</h3>
${tableHtml('sensitivity-bars', [
    { header: 'Input (low – high)' }, { header: 'Annual total at low', numeric: true }, { header: 'at base', numeric: true }, { header: 'at high', numeric: true },
    { header: 'Swing', numeric: true }, { header: 'Verdict low / base / high', numeric: true, wrap: true }, { header: 'Checks that change' },
  ], s.bars.map((b) => ({
    cells: [
      inputRangeLabel(byInput.get(b.input)!), money(b.annualTotal.low), money(b.annualTotal.base), money(b.annualTotal.high), money(b.swing),
      `${b.verdict.low} / ${b.verdict.base} / ${b.verdict.high}`, b.flips.map(flipText).join('; ') || '—',
    ],
  })))}`).join('\n');
  const breakEvenTable = r.breakEven.length === 0
    ? '<p class="muted">No two strategies\' annual totals cross at any positive multiple of a linear input.</p>'
    : tableHtml('break-even', [
      { header: 'Input' }, { header: 'At' }, { header: 'Cheaper below' }, { header: 'Cheaper above' }, { header: 'Annual total there', numeric: true }, { header: 'Cheapest changes' }, { header: 'In range' },
    ], r.breakEven.map((b) => ({
      cells: [
        byInput.get(b.input)!.label, `${b.valueText ?? ''}${b.valueText ? ' (' : ''}${formatPercent(b.factor)}${b.valueText ? ')' : ''}${b.exact ? '' : ' ≈'}`,
        b.cheaperBelow, b.cheaperAbove, money(b.annualTotalAtCrossing), b.changesCheapest ? 'yes' : 'no', b.withinRange ? 'yes' : 'no',
      ],
      recommended: b.changesCheapest,
    })));
  const skipped = r.skipped.length > 0
    ? `<p class="muted">Not varied: ${escapeHtml(r.skipped.map((s) => `${s.label.toLowerCase()} (${s.reason})`).join('; '))}.</p>` : '';
  return `<h3>Inputs and their ranges</h3>
${inputTable}
${skipped}
<h3>Break-even</h3>
<p class="muted">Failure rates and costs per hour enter the annual total linearly (outlays + rate × consequence): each strategy's total is a line in the input's multiplier, through the runs at its low and high value; where two lines cross, their order changes. ≈: a strategy's base total is off its line (an application down more hours than a year has is capped), so the crossing is approximate.</p>
${breakEvenTable}
<h3>Annual total by input</h3>
${strategyTables}`;
}

/** What the runs were, in a sentence (common random numbers: why a bar is an effect, not luck). */
export function sensitivityMethodText(r: SensitivityResults): string {
  return `Each uncertain input at the low and high end of its range, every other input as the scenario states: ${sensitivityRunCount(r)} runs with the same seed and trials (common random numbers), so a bar's length is the input's effect, not luck.`;
}

export function sensitivityRunCount(r: SensitivityResults): number {
  return 1 + 2 * r.inputs.length;
}

export function buildSensitivityHtml(r: SensitivityResults, src: CapacitySource, charts: RenderedChart[]): string {
  const runs = sensitivityRunCount(r);
  return htmlPage({
    title: `Sensitivity: ${src.scenarioName}`,
    heading: `What drives the answer: ${src.scenarioName}`,
    intro: [
      escapeHtml(sensitivityMethodText(r)),
      sourceLine(src, `${runs} runs`),
    ],
    main: `<section id="answer"><h2>Answer</h2>
${sensitivityAnswerHtml(r)}
</section>
<section id="charts"><h2>Charts</h2>
${charts.length > 0 ? chartsHtml(charts) : '<p class="muted">No charts (--no-charts): the tables below and sensitivity.csv hold every number.</p>'}
</section>
<section id="tables"><h2>Tables</h2>
${sensitivityTablesHtml(r)}
</section>`,
    charts,
    version: src.version,
  });
}
