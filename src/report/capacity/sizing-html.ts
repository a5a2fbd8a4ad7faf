/**
 * `drsim size`'s report.html: the answer per strategy first (the value found, its 95% interval, whether
 * fresh trials confirm it), then a chart per target of what the search probed, and the tables: each
 * target's margin and confidence at the answer, and every probe.
 */
import { formatMetric } from '../../experiment/metrics.js';
import type { SizingResult, StrategySizing } from '../../experiment/size.js';
import { margin, type Target } from '../../experiment/targets.js';
import { colorAt } from '../charts/spec-common.js';
import { cardHtml, chartsHtml, escapeHtml, htmlPage, type RenderedChart } from '../html-page.js';
import { strategyColumnsHtml, tableHtml } from '../html-table.js';
import { sourceLine, type CapacitySource } from './capacity-page.js';
import { pathWords } from './path-words.js';

function answerText(r: SizingResult, s: StrategySizing): string {
  if (s.outcome === 'not-achievable') return `none between ${r.range[0]} and ${r.range[1]}`;
  const a = s.answer!;
  if (s.outcome === 'met-everywhere') return `${a.text} or beyond (every value tried meets the targets)`;
  return a.text + (s.answerInterval ? ` (95% interval ${s.answerInterval.low} – ${s.answerInterval.high})` : '');
}

function headline(r: SizingResult, s: StrategySizing, words: string): string {
  const word = s.direction === 'largest' ? 'Largest' : 'Smallest';
  if (s.outcome === 'not-achievable') return `No value between ${r.range[0]} and ${r.range[1]} meets every target.`;
  if (s.outcome === 'met-everywhere') {
    return `Every value between ${r.range[0]} and ${r.range[1]} meets the targets; the ${word.toLowerCase()} is ${s.answer!.text} (widen --${s.direction === 'smallest' ? 'min' : 'max'} to find the limit).`;
  }
  return `${word} ${words} meeting every target: ${answerText(r, s)}.`;
}

function details(s: StrategySizing, targets: Target[], currency: string): string {
  const show = (t: Target, v: number): string => formatMetric(t.metric.kind, v, currency);
  const room = (t: Target, v: number): string => {
    const m = margin(t, v);
    return m >= 0 ? `${show(t, Math.abs(m))} to spare` : `misses by ${show(t, Math.abs(m))}`;
  };
  if (s.outcome === 'not-achievable') {
    const [lo, hi] = s.ends;
    return targets.map((t, k) => `${t.text}: ${show(t, lo.metrics[k]!)} at ${lo.text}, ${show(t, hi.metrics[k]!)} at ${hi.text}.`).join(' ');
  }
  const a = s.answer!;
  const parts = targets.map((t, k) => `${t.text}: ${show(t, a.metrics[k]!)} at ${a.text} (${room(t, a.metrics[k]!)})` +
    (s.beyond ? `, ${show(t, s.beyond.metrics[k]!)} at ${s.beyond.text} (${room(t, s.beyond.metrics[k]!)})` : '') + '.');
  if (s.confirmation) {
    const ok = s.confirmation.holds.every(Boolean);
    parts.push(ok ? `Fresh trials ${s.confirmation.trials[0]}–${s.confirmation.trials[1]} confirm it.`
      : `On fresh trials ${s.confirmation.trials[0]}–${s.confirmation.trials[1]} a target misses: the answer is borderline, rerun with more --trials.`);
  }
  if (!a.sustainable) parts.push(`At ${a.text} the replication backlog grows without bound (not sustainable).`);
  return parts.join(' ');
}

/** Per target, strategies across: the metric at the answer, its margin, at the failing neighbour, and how sure. */
function targetTable(r: SizingResult, t: Target, k: number, currency: string): string {
  const show = (v: number): string => formatMetric(t.metric.kind, v, currency);
  const rows = ['At the answer', 'Margin to the target', 'At the failing neighbour', 'Holds, trial by trial', 'Mean, 95% CI', 'On fresh trials'];
  const cell = (i: number, row: number): string => {
    const s = r.strategies[i]!;
    const a = s.answer;
    if (a === null) return row === 0 ? 'not achievable' : '–';
    switch (row) {
      case 0: return `${show(a.metrics[k]!)} at ${a.text}`;
      case 1: { const m = margin(t, a.metrics[k]!); return `${m >= 0 ? '+' : '−'}${show(Math.abs(m))}`; }
      case 2: return s.beyond ? `${show(s.beyond.metrics[k]!)} at ${s.beyond.text}` : '–';
      case 3: { const c = s.confidence[k]; return c ? `${c.trialsHolding} of ${c.trials}` : '–'; }
      case 4: { const ci = s.confidence[k]?.ci; return ci ? `${show(ci[0])} – ${show(ci[1])}` : '–'; }
      default: return s.confirmation ? `${show(s.confirmation.metrics[k]!)} ${s.confirmation.holds[k] ? '✓' : '✗'}` : '–';
    }
  };
  return `<h3>${escapeHtml(t.text)}</h3>\n${strategyColumnsHtml('size-target', 'Target', rows, r.strategies.map((s) => s.strategy), cell, { wrap: true })}`;
}

function probesTable(s: StrategySizing, targets: Target[], currency: string, path: string): string {
  const rows = [...s.trace].sort((a, b) => a.value - b.value).map((p) => ({
    cells: [p.text, ...targets.map((t, k) => formatMetric(t.metric.kind, p.metrics[k]!, currency)), p.feasible ? 'yes ✓' : 'no ✗', p.sustainable ? 'yes' : 'no'],
  }));
  return `<h3>${escapeHtml(s.strategy)}</h3>\n${tableHtml('size-probes', [{ header: path }, ...targets.map((t) => ({ header: t.metric.id, numeric: true })), { header: 'Meets every target', numeric: true }, { header: 'Sustainable', numeric: true }], rows)}`;
}

/** `strategies`: every strategy of the scenario in its order (their colours). */
export function buildSizingHtml(r: SizingResult, targets: Target[], currency: string, strategies: string[], src: CapacitySource, charts: RenderedChart[]): string {
  const words = pathWords(r.path);
  const lower = words.charAt(0).toLowerCase() + words.slice(1);
  const sentence = r.strategies.map((s) => `${s.strategy}: ${answerText(r, s)}`).join('; ') + '.';
  const cards = r.strategies.map((s) => cardHtml({ color: colorAt(strategies.indexOf(s.strategy)), title: s.strategy, headline: headline(r, s, lower), body: details(s, targets, currency) }));
  return htmlPage({
    title: `Sizing ${r.path}: ${src.scenarioName}`,
    heading: `${words}: how much is needed for ${src.scenarioName}`,
    intro: [
      escapeHtml(`For each strategy, the value of ${r.path} between ${r.range[0]} and ${r.range[1]} at which every target holds: ${targets.map((t) => `"${t.text}"`).join(' and ')}. ` +
        `The search (bisection) simulates the same trials at every value, so two values differ only by the value.` + (r.purchasable ? ' The link is bought in sizes: only those were tried.' : '')),
      sourceLine(src, `${r.strategies.reduce((n, s) => n + s.probes, 0)} probes`),
    ],
    main: `<section id="answer"><h2>Answer</h2>
<p class="verdict-sentence">${escapeHtml(sentence)}</p>
${cards.join('\n')}
</section>
<section id="charts"><h2>Charts</h2>
${chartsHtml(charts)}
</section>
<section id="tables"><h2>Tables</h2>
<p class="muted">Margin: metric − target at the answer (+ is room to spare). "Holds, trial by trial": trials in which the target holds for that trial's disaster alone. The CI is the 95% interval of a mean over all trials. Fresh trials: the answer re-run on trials the search never saw.</p>
${targets.map((t, k) => targetTable(r, t, k, currency)).join('\n')}
<h2>Every probe</h2>
${r.strategies.map((s) => probesTable(s, targets, currency, r.path)).join('\n')}
</section>`,
    charts,
    version: src.version,
  });
}
