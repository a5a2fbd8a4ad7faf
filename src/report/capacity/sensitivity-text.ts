/** `drsim sensitivity` for the console: per strategy, the inputs by swing; then the break-even points. */
import type { SensitivityResults, VerdictFlip } from '../../models/results.js';
import { formatMoney, formatPercent } from '../../models/units/format.js';
import { inputRangeLabel } from '../charts/tornado.js';
import { alignTable } from '../summary-table.js';

/** "tier 3 RTO: undecided → misses at high": a check's verdict as stated, and where it differs. */
export function flipText(f: VerdictFlip): string {
  const ends = [f.low !== f.base ? `${f.low} at low` : '', f.high !== f.base ? `${f.high} at high` : ''].filter(Boolean).join(', ');
  return `${f.check}: ${f.base} → ${ends}`;
}

/** The first `n` changes in words, and how many more there are. */
export function flipsText(flips: readonly VerdictFlip[], n: number): string {
  return flips.slice(0, n).map(flipText).join('; ') + (flips.length > n ? `; ${flips.length - n} more check${flips.length - n === 1 ? '' : 's'}` : '');
}

/** The checks that change, short enough for a console column: "overall: meets → misses at high; 3 more checks". */
function flipSummary(flips: readonly VerdictFlip[]): string {
  return flips.length === 0 ? '-' : flipsText(flips, 1);
}

export function formatSensitivityText(r: SensitivityResults): string {
  const money = (x: number) => formatMoney(x, r.scenario.currency);
  const byInput = new Map(r.inputs.map((i) => [i.input, i]));
  const blocks = r.strategies.map((s) => [
    `${s.name}: annual total ${money(s.base.annualTotal)}, verdict ${s.base.verdict}`,
    ...alignTable(['input (low – high)', 'at low', 'at high', 'swing', 'verdict changes'], s.bars.map((b) => [
      inputRangeLabel(byInput.get(b.input)!), money(b.annualTotal.low), money(b.annualTotal.high), money(b.swing),
      flipSummary(b.flips),
    ])),
  ].join('\n'));
  const changes = r.breakEven.filter((b) => b.changesCheapest);
  const breakEven = changes.length === 0
    ? 'Break-even: the cheapest strategy is the same at any positive multiple of the failure rates and costs per hour.'
    : ['Break-even (the cheapest strategy changes):', ...changes.map((b) =>
      `  ${byInput.get(b.input)!.label} at ${b.valueText ?? formatPercent(b.factor)}${b.valueText ? ` (${formatPercent(b.factor)})` : ''}: ${b.cheaperAbove} cheaper than ${b.cheaperBelow} above${b.withinRange ? ' (within the range)' : ''}${b.exact ? '' : ' (approximate)'}`)].join('\n');
  const skipped = r.skipped.length > 0 ? [`Not varied: ${r.skipped.map((s) => `${s.label.toLowerCase()} (${s.reason})`).join('; ')}.`] : [];
  return [...blocks, breakEven, ...skipped].join('\n\n');
}
