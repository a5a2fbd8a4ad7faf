/**
 * Vega-Lite specs for `drsim sensitivity`: a tornado chart per strategy (each uncertain input a bar from the
 * annual total at its low value to the total at its high value, the base run's total a dashed line, largest
 * swing on top) in the strategy's colour of every other report; and a break-even chart per linear input (each
 * strategy's annual total as a line over the input's multiplier, crossings marked).
 */
import type { SensitivityInputInfo, SensitivityResults, SensitivityStrategy } from '../../models/results.js';
import { formatMoney, formatPercent, moneyUnitFor } from '../../models/units/format.js';
import { lineThrough } from '../../experiment/break-even.js';
import { colorAt, CONFIG, labelsOf, plotWidthBesideLegend, SLIDE_HEIGHT, SLIDE_WIDTH, strategyColorScale, topLevel, type ChartDef } from './spec-common.js';
import { textWidthPixels } from '../text-width.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';

/** "Site disaster rate (0.01/year – 0.03/year)" or "Downtime cost per hour (50% – 150%)". */
export function inputRangeLabel(i: SensitivityInputInfo): string {
  const range = i.lowText !== null && i.highText !== null ? `${i.lowText} – ${i.highText}` : `${formatPercent(i.lowFactor)} – ${formatPercent(i.highFactor)}`;
  return `${i.label} (${range})`;
}

/** A lighter tint of a #rrggbb colour (mixed with white): the low side of a bar. */
export function tint(hex: string, towardsWhite = 0.55): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * towardsWhite).toString(16).padStart(2, '0');
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

/** Input labels wider than this are cut (with …) so the bars keep at least 300 px. */
const MAX_LABEL_PIXELS = 440;

const LOW = 'input at its low value';
const HIGH = 'input at its high value';

export function tornadoChart(results: SensitivityResults, s: number): ChartDef {
  const strategy: SensitivityStrategy = results.strategies[s]!;
  const { currency } = results.scenario;
  const label = labelsOf(results.strategies).get(strategy.id)!;
  const byInput = new Map(results.inputs.map((i) => [i.input, i]));
  const all = strategy.bars.flatMap((b) => [b.annualTotal.low, b.annualTotal.high, b.annualTotal.base]);
  const unit = moneyUnitFor(Math.max(0, maxOf(all.map(Math.abs))), currency);
  const x = (v: number) => v / unit.factor;
  const rows = strategy.bars.map((b) => ({ b, name: inputRangeLabel(byInput.get(b.input)!) }));
  const order = rows.map((r) => r.name);
  const labelPixels = Math.ceil(Math.min(MAX_LABEL_PIXELS, maxOf([0, ...order.map((o) => textWidthPixels(o, CONFIG.axis.labelFontSize))])));
  const data = rows.flatMap(({ b, name }) => [
    { input: name, side: LOW, from: x(b.annualTotal.base), to: x(b.annualTotal.low), shown: formatMoney(b.annualTotal.low, currency), swing: formatMoney(b.swing, currency) },
    { input: name, side: HIGH, from: x(b.annualTotal.base), to: x(b.annualTotal.high), shown: formatMoney(b.annualTotal.high, currency), swing: formatMoney(b.swing, currency) },
  ]);
  const color = colorAt(s);
  const title = `${label}: what drives the annual total`;
  const subtitle = [
    `Each bar: one input from its low to its high value, every other input as the scenario states; ${results.trials} trials, the same seed in every run (common random numbers).`,
    `Dashed: the base run's annual total, ${formatMoney(strategy.base.annualTotal, currency)} a year. Largest swing on top.`,
  ];
  const xAxis = { field: 'from', type: 'quantitative', title: `Annual total (${unit.name} a year)`, scale: { zero: false }, axis: { tickCount: 6, labelOverlap: true } };
  return {
    name: `tornado-${strategy.id}`,
    title,
    caption: `Annual total of ${label} (outlays and expected penalties) with each uncertain input at the low and high end of its range; the bars are sorted by swing.`,
    spec: {
      ...topLevel(title, subtitle, `Tornado chart of the annual total of ${label} for each uncertain input.`),
      // The legend sits below: the plot takes what the input labels leave of the slide's width.
      width: Math.max(300, SLIDE_WIDTH - 2 * CONFIG.padding - labelPixels - 16),
      height: Math.max(120, 34 * rows.length),
      layer: [
        {
          data: { values: data },
          mark: { type: 'bar', height: 20 },
          encoding: {
            y: { field: 'input', type: 'nominal', sort: order, title: null, axis: { labelLimit: MAX_LABEL_PIXELS } },
            x: xAxis,
            x2: { field: 'to' },
            color: { field: 'side', type: 'nominal', title: 'Bar end', scale: { domain: [LOW, HIGH], range: [tint(color), color] }, legend: { orient: 'bottom', direction: 'horizontal' } },
            tooltip: [{ field: 'input', title: 'Input' }, { field: 'side', title: 'End' }, { field: 'shown', title: 'Annual total' }, { field: 'swing', title: 'Swing' }],
          },
        },
        {
          data: { values: [{ base: x(strategy.base.annualTotal) }] },
          mark: { type: 'rule', strokeDash: [6, 4], color: '#333', strokeWidth: 1.5 },
          encoding: { x: { field: 'base', type: 'quantitative' } },
        },
      ],
    },
  };
}

/** Crossings farther than this multiple of the scenario's value are listed, not drawn. */
const MAX_CHART_FACTOR = 100;

const ends = (lines: { line: { intercept: number; slope: number } }[], top: number) => lines.flatMap((l) => [l.line.intercept, l.line.intercept + l.line.slope * top]);

/** The multipliers [from, to] within [0, top] where intercept + slope × f ≤ yTop; null when nowhere. */
export function visibleSpan(line: { intercept: number; slope: number }, top: number, yTop: number): [number, number] | null {
  const { intercept: a, slope: b } = line;
  let from = 0;
  let to = top;
  if (b === 0) return a <= yTop ? [from, to] : null;
  const cut = (yTop - a) / b;
  if (b > 0) to = Math.min(to, cut);
  else from = Math.max(from, cut);
  return from <= to ? [from, to] : null;
}

/** Break-even chart of one linear input: each strategy's line over the multiplier, crossings as dashed rules. */
export function breakEvenChart(results: SensitivityResults, input: SensitivityInputInfo): ChartDef | null {
  const k = results.inputs.indexOf(input);
  const crossings = results.breakEven.filter((b) => b.input === input.input);
  if (k < 0 || !input.linear || crossings.length === 0) return null;
  const { currency } = results.scenario;
  const labels = labelsOf(results.strategies);
  const names = results.strategies.map((s) => labels.get(s.id)!);
  // Up to the last crossing that changes the cheapest strategy (or the range's top), with some room beyond;
  // crossings beyond 100 times the scenario's value are in the table only.
  const far = maxOf([input.highFactor, ...crossings.filter((c) => c.changesCheapest && c.factor <= MAX_CHART_FACTOR).map((c) => c.factor)]);
  const top = far * 1.25;
  const lines = results.strategies.map((s, i) => {
    const bar = s.bars.find((b) => b.input === input.input)!;
    return { name: names[i]!, line: lineThrough(names[i]!, input.lowFactor, bar.annualTotal.low, input.highFactor, bar.annualTotal.high)!, bar };
  });
  // The y axis fits the strategies that are ever cheapest on the chart (a strategy dearer by orders of
  // magnitude would flatten the others into the axis); the others leave through the top.
  const shown = crossings.filter((c) => c.factor <= top);
  const involved = new Set([...shown.filter((c) => c.changesCheapest).flatMap((c) => [c.cheaperBelow, c.cheaperAbove])]);
  const at = (l: (typeof lines)[number], f: number) => l.line.intercept + l.line.slope * f;
  const cheapest = (f: number) => lines.reduce((b, l) => (at(l, f) < at(b, f) ? l : b)).name;
  involved.add(cheapest(0)).add(cheapest(top));
  const yTop = 1.15 * maxOf(lines.filter((l) => involved.has(l.name)).flatMap((l) => [at(l, 0), at(l, top), l.bar.annualTotal.high, l.bar.annualTotal.low]));
  const off = lines.filter((l) => Math.min(at(l, 0), at(l, top)) > yTop).map((l) => l.name);
  const unit = moneyUnitFor(yTop, currency);
  const pct = (f: number) => Number((f * 100).toPrecision(6));
  // Each line cut where it leaves the top of the chart (done here: resvg fails on far-off clipped paths).
  const data = lines.flatMap((l) => {
    const span = visibleSpan(l.line, top, yTop);
    return span === null ? [] : span.map((f) => ({ strategy: l.name, x: pct(f), y: at(l, f) / unit.factor }));
  });
  const simulated = lines.flatMap((l) => [[input.lowFactor, l.bar.annualTotal.low], [1, l.bar.annualTotal.base], [input.highFactor, l.bar.annualTotal.high]]
    .filter(([, v]) => v! <= yTop)
    .map(([f, v]) => ({ strategy: l.name, x: pct(f!), y: v! / unit.factor, shown: formatMoney(v!, currency) })));
  if (shown.length === 0) return null;
  const rules = shown.map((c) => ({ x: pct(c.factor), label: `${c.valueText ?? formatPercent(c.factor)}: ${c.cheaperAbove} cheaper than ${c.cheaperBelow} above` }));
  const title = `Break-even: ${input.label.toLowerCase()}`;
  const base = input.baseText !== null ? `, ${input.baseText}` : '';
  const color = { field: 'strategy', type: 'nominal', title: 'Strategy', scale: strategyColorScale(names) };
  return {
    name: `break-even-${input.input}`,
    title,
    caption: `Annual total of each strategy as ${input.label.toLowerCase()} varies, the others as stated: straight lines through the simulated points (dots); where two cross, their order changes.`,
    spec: {
      ...topLevel(title, [
        `Annual total = outlays + rate × consequence: a straight line per strategy through the runs at ${formatPercent(input.lowFactor)}, 100% and ${formatPercent(input.highFactor)} (dots).`,
        `Dashed: where the cheapest strategy changes${shown.some((c) => !c.changesCheapest) ? ' (dotted: two others swap)' : ''}.${off.length > 0 ? ` Above the chart: ${off.join(', ')}.` : ''}`,
      ], `Line chart of each strategy's annual total against the multiplier of ${input.label}.`),
      width: plotWidthBesideLegend(names),
      height: SLIDE_HEIGHT - 170,
      layer: [
        {
          data: { values: data },
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: `${input.label} (% of the scenario's value${base})`, scale: { domain: [0, pct(top)] } },
            y: { field: 'y', type: 'quantitative', title: `Annual total (${unit.name} a year)`, scale: { domain: [Math.min(0, minOf(ends(lines, top))) / unit.factor, yTop / unit.factor] } },
            color,
          },
        },
        {
          data: { values: simulated },
          mark: { type: 'point', filled: true, size: 60, opacity: 1 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color, tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'x', title: '% of the value' }, { field: 'shown', title: 'Annual total' }] },
        },
        ...(rules.length > 0 ? [{
          data: { values: rules.map((r, i) => ({ ...r, changes: shown[i]!.changesCheapest })) },
          mark: { type: 'rule', color: '#333', strokeWidth: 1.2 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            strokeDash: { condition: { test: 'datum.changes', value: [6, 4] }, value: [2, 3] },
            tooltip: [{ field: 'label', title: 'Break-even' }],
          },
        }, {
          // Where the cheapest changes, its value written at the top of the rule.
          data: { values: rules.filter((_, i) => shown[i]!.changesCheapest).map((r, i) => ({ x: r.x, text: shown.filter((c) => c.changesCheapest)[i]!.valueText ?? formatPercent(shown.filter((c) => c.changesCheapest)[i]!.factor) })) },
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, fontSize: 12, color: '#333' },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'text' } },
        }] : []),
      ],
    },
  };
}
