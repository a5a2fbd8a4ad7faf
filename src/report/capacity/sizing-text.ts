/**
 * `drsim size` answers for people (the console) and for scripts (JSON): per strategy the value found,
 * each target's margin there and at the failing neighbour, and how sure the answer is.
 */
import { formatMetric } from '../../experiment/metrics.js';
import type { ProbeDetail, SizingResult, StrategySizing } from '../../experiment/size.js';
import { margin, type Target } from '../../experiment/targets.js';
import { pushAll } from '../../sim/array-extremes.js';

/** The answers as JSON (`drsim size --json`). */
export function sizingJson(r: SizingResult, targets: Target[]): unknown {
  const probe = (p: ProbeDetail | null) => p && { value: p.text, sustainable: p.sustainable, metrics: Object.fromEntries(targets.map((t, k) => [t.metric.id, p.metrics[k]])) };
  return {
    path: r.path, range: r.range, trials: r.trials, seed: r.seed, targets: targets.map((t) => t.text),
    strategies: r.strategies.map((s) => ({ strategy: s.strategy, outcome: s.outcome, direction: s.direction, answer: probe(s.answer), answerInterval: s.answerInterval, beyond: probe(s.beyond), confidence: s.confidence, confirmation: s.confirmation, probes: s.probes })),
  };
}

export function formatSizing(r: SizingResult, targets: Target[], currency: string, seconds: number): string {
  const lines = [`Sizing ${r.path} over ${r.range[0]} – ${r.range[1]} for ${targets.map((t) => `"${t.text}"`).join(' and ')}`,
    `(${r.trials} trials per probe, seed ${r.seed}, the same trials at every probe; ${seconds.toFixed(1)} s)`, ''];
  for (const s of r.strategies) pushAll(lines, formatStrategy(r, s, targets, currency)).push('');
  lines.push('Margins are metric − target at the answer and at its failing neighbour; "holds in k/n trials" counts trials in which the');
  lines.push('target holds for that trial alone (one disaster), the CI is the 95% interval of a mean over all trials.');
  return lines.join('\n');
}

function formatStrategy(r: SizingResult, s: StrategySizing, targets: Target[], currency: string): string[] {
  const show = (t: Target, v: number) => formatMetric(t.metric.kind, v, currency);
  const marginText = (t: Target, v: number) => {
    const m = margin(t, v);
    return m >= 0 ? `${show(t, Math.abs(m))} to spare` : `misses by ${show(t, Math.abs(m))}`;
  };
  if (s.outcome === 'not-achievable') {
    const [lo, hi] = s.ends;
    return [`${s.strategy}: no value in ${r.range[0]} – ${r.range[1]} meets every target (${s.probes} probes)`,
      ...targets.map((t, k) => `  ${t.text}: ${show(t, lo.metrics[k])} at ${lo.text}, ${show(t, hi.metrics[k])} at ${hi.text}`)];
  }
  const a = s.answer!;
  const word = s.direction === 'smallest' ? 'smallest' : 'largest';
  const head = s.outcome === 'met-everywhere'
    ? `${s.strategy}: every value in the range meets the targets; the ${word} is ${a.text} (widen --${s.direction === 'smallest' ? 'min' : 'max'} to find the limit)`
    : `${s.strategy}: ${word} ${r.path} meeting every target: ${a.text}` +
      (s.answerInterval ? `, 95% CI ${s.answerInterval.low} – ${s.answerInterval.high}` : '') + ` (${s.probes} probes; ${s.beyond!.text} fails)`;
  const out = [head];
  targets.forEach((t, k) => {
    const c = s.confidence[k];
    const beyond = s.beyond ? `; ${show(t, s.beyond.metrics[k])} at ${s.beyond.text} (${marginText(t, s.beyond.metrics[k])})` : '';
    const ci = c.ci ? `; mean 95% CI ${show(t, c.ci[0])} – ${show(t, c.ci[1])}` : '';
    out.push(`  ${t.text}: ${show(t, a.metrics[k])} at ${a.text} (${marginText(t, a.metrics[k])})${beyond}; holds in ${c.trialsHolding}/${c.trials} trials${ci}`);
  });
  if (s.confirmation !== null) {
    const c = s.confirmation;
    const ok = c.holds.every((h) => h);
    out.push(`  confirmed on fresh trials ${c.trials[0]}–${c.trials[1]}: ${targets.map((t, k) => `${t.text}: ${show(t, c.metrics[k])} ${c.holds[k] ? '✓' : '✗'}`).join('; ')}` +
      (ok ? '' : ' — the answer is borderline: rerun with more --trials'));
  }
  if (!a.sustainable) out.push(`  note: at ${a.text} the simulated replication lag keeps growing (not sustainable): see drsim run's sustainability details`);
  return out;
}
