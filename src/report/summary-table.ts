/**
 * The console summary `drsim run` and `drsim report` print, in the order a budget holder reads it:
 * 1. per strategy, its verdict (meets / misses / undecided) and what it costs — outlays (what the company
 *    pays) apart from expected penalties (risk) — with sustainability, DR hosts and the WAN;
 * 2. per tier, the share of VMs meeting each target, with the check's status (✓ ✗ ?);
 * 3. per named application (business service), its p95 time down and updates lost, and its expected
 *    penalties a year;
 * 4. the flags, and how to read it. Tables fit the terminal (120 columns when it is not one): strategy
 *    columns are split into blocks that fit.
 */
import type { ApplicationResult, ResultsFile, StrategyResult, TargetCheck } from '../models/results.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';
import { cheapestMeetingTargets, cheaperUndecided, COMPLIANCE_RULE, undecidedNote } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { pushAll } from '../sim/array-extremes.js';

const DEFAULT_WIDTH = 120;

/** Aligned plain-text columns: the first left-aligned, the others right-aligned. */
export function alignTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** A table with a label column and one column per strategy, split into blocks no wider than `width`. */
function strategyColumns(label: string, rowLabels: string[], strategies: StrategyResult[], cell: (s: StrategyResult, row: number) => string, width: number): string[] {
  const labelWidth = rowLabels.reduce((w, r) => Math.max(w, r.length), label.length);
  const cells = strategies.map((s) => rowLabels.map((_, r) => cell(s, r)));
  const colWidth = strategies.map((s, k) => cells[k].reduce((w, c) => Math.max(w, c.length), s.name.length));
  const out: string[] = [];
  let k = 0;
  while (k < strategies.length) {
    let used = labelWidth;
    const block: number[] = [];
    while (k < strategies.length && (block.length === 0 || used + 2 + colWidth[k] <= width)) {
      used += 2 + colWidth[k];
      block.push(k++);
    }
    if (out.length > 0) out.push('');
    pushAll(out, alignTable([label, ...block.map((j) => strategies[j].name)], rowLabels.map((r, i) => [r, ...block.map((j) => cells[j][i])])));
  }
  return out;
}

const MARK: Record<TargetCheck['status'], string> = { meets: ' ✓', misses: ' ✗', undecided: ' ?' };

function checkOf(s: StrategyResult, scope: TargetCheck['scope'], name: string, which: 'rpo' | 'rto'): TargetCheck | undefined {
  return s.verdict.checks.find((c) => c.scope === scope && c.name === name && c.which === which);
}

function verdictWord(s: StrategyResult): string {
  return s.verdict.status === 'undecided' ? 'undecided' : s.verdict.status;
}

/** Prose wrapped at word boundaries to `width`, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line.trim() === '' ? line + word : `${line} ${word}`;
    }
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

/** Applications listed in the console: the costliest at risk first, at most this many. */
const MAX_APPLICATIONS = 12;

export function formatSummaryTable(results: ResultsFile, width = DEFAULT_WIDTH): string {
  const currency = results.scenario.currency;
  const strategies = results.strategies;
  const cheapest = cheapestMeetingTargets(results);
  const out: string[] = [];

  // 1. Verdict and money.
  // Expected penalties are risk, not a budget line: their own column, apart from the outlays.
  const headers = ['Strategy', 'Verdict', 'Outlays/yr', 'Penalties/yr', 'Total/yr', 'Sustainable', 'DR hosts', 'WAN p95'];
  const rows = strategies.map((s) => {
    const link = busiestLink(s);
    const outlays = s.cost.annualCapex + s.cost.annualOpex;
    return [
      `${cheapest?.id === s.id ? '* ' : ''}${s.name}`,
      verdictWord(s),
      formatMoney(outlays, currency),
      formatMoney(s.cost.expectedAnnualPenalty, currency),
      formatMoney(s.cost.annualTotal, currency),
      // The shortfall and its cause are in the flags below.
      s.summary.sustainable.sustainable ? 'yes' : 'no',
      `${formatCount(s.summary.drHostsUsed.max)}/${formatCount(s.summary.drHostsUsed.available)}`,
      link ? formatBitsPerSecond(link.p95BitsPerSecond) : '-',
    ];
  });
  pushAll(out, alignTable(headers, rows));

  // 2. Targets per tier.
  const tiers = results.scenario.tiers;
  if (tiers.length > 0) {
    pushAll(out, ['', ...wrap('Share of VMs meeting their targets, by tier (RPO / RTO; ✓ meets, ✗ misses, ? undecided at 95% confidence):', width)]);
    const labels = tiers.map((t) => `tier ${t.tier} (${formatDuration(t.rpoTargetSeconds)} / ${formatDuration(t.rtoTargetSeconds)})`);
    pushAll(out, strategyColumns('Tier (RPO / RTO)', labels, strategies, (s, r) => {
      const t = s.summary.byTier.find((x) => x.tier === tiers[r].tier);
      if (!t) return '-';
      const rpo = checkOf(s, 'tier', String(t.tier), 'rpo');
      const rto = checkOf(s, 'tier', String(t.tier), 'rto');
      return `${formatPercent(t.rpoTargetMet)}${rpo ? MARK[rpo.status] : ''} / ${formatPercent(t.rtoTargetMet)}${rto ? MARK[rto.status] : ''}`;
    }, width));
  }

  // 3. Business services.
  const appNames = strategies[0]?.applications.map((a) => a.name) ?? [];
  if (appNames.length > 0) {
    const risk = (name: string) => strategies.reduce((m, s) => Math.max(m, s.applications.find((a) => a.name === name)?.expectedPenaltyPerYear ?? 0), 0);
    const shown = [...appNames].sort((a, b) => risk(b) - risk(a) || a.localeCompare(b)).slice(0, MAX_APPLICATIONS);
    const app = (s: StrategyResult, name: string): ApplicationResult | undefined => s.applications.find((a) => a.name === name);
    const first = (name: string) => app(strategies[0], name)!;
    pushAll(out, ['', ...wrap('Business services: p95 time down / updates lost in a site disaster (✓ ✗ ? against their targets), then expected penalties a year:', width)]);
    const labels = shown.map((n) => `${n} (${formatDuration(first(n).rtoTargetSeconds)} / ${formatDuration(first(n).rpoTargetSeconds)})`);
    pushAll(out, strategyColumns('Service (RTO / RPO)', labels, strategies, (s, r) => {
      const a = app(s, shown[r]);
      if (!a) return '-';
      const rto = checkOf(s, 'application', a.name, 'rto');
      const rpo = checkOf(s, 'application', a.name, 'rpo');
      return `${formatDurationStat(a.rtoSeconds.p95, a.rtoSeconds)}${rto ? MARK[rto.status] : ''} / ${formatDurationStat(a.rpoSeconds.p95, a.rpoSeconds)}${rpo ? MARK[rpo.status] : ''}`;
    }, width));
    out.push('');
    pushAll(out, strategyColumns('Expected penalties/yr', shown, strategies, (s, r) => {
      const a = app(s, shown[r]);
      return a ? formatMoney(a.expectedPenaltyPerYear, currency) : '-';
    }, width));
    if (appNames.length > shown.length) out.push(`(${appNames.length - shown.length} more services in applications.csv)`);
  }

  // 4. Flags and how to read it.
  const flagged = strategies.filter((s) => s.flags.length > 0 || s.verdict.status === 'undecided');
  if (flagged.length > 0) {
    out.push('', 'Flags:');
    for (const s of flagged) {
      if (s.verdict.status === 'undecided') pushAll(out, wrap(`  ${s.name}: ${undecidedNote(s)}`, width, '    '));
      for (const f of s.flags) pushAll(out, wrap(`  ${s.name}: ${f}`, width, '    '));
    }
  }
  out.push('');
  pushAll(out, wrap(`${results.scenario.name}: ${formatCount(results.scenario.counts.vms)} VM${results.scenario.counts.vms === 1 ? '' : 's'}, ${results.trials} trial${results.trials === 1 ? '' : 's'}; ` +
    'outlays = amortized capex + opex (net of dev/test credit); expected penalties = failure rates × business impact; DR hosts: most used / available; WAN: busiest link.', width));
  if (cheapest !== null) {
    const provisional = cheaperUndecided(results, cheapest);
    pushAll(out, wrap(`* ${cheapest.name}: the cheapest strategy that meets the targets` +
      (provisional.length > 0 ? ` (provisional: ${provisional.map((s) => s.name).join(', ')} is cheaper and still undecided)` : '') + '.', width));
  } else {
    out.push('No strategy meets every target' + (strategies.some((s) => s.verdict.status === 'undecided') ? ' yet (some are undecided: add trials)' : '') + '.');
  }
  pushAll(out, wrap(`Targets met: ${COMPLIANCE_RULE}`, width));
  return out.join('\n') + '\n';
}
