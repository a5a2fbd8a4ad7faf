/**
 * The summary tables of report.html, as the console prints them (summary-table.ts): per strategy its
 * verdict and what it costs (outlays apart from expected penalties); per tier the share of VMs meeting
 * each target; per business service its p95 time down and updates lost, and its expected penalties.
 * Narrow tables (html-table.ts splits the per-strategy ones into blocks), so they fit a printed page.
 */
import type { ApplicationResult, ResultsFile, StrategyResult, TargetCheck } from '../models/results.js';
import { strategyColorOf, strategyLabels } from './charts/spec-common.js';
import { cheapestMeetingTargets, undecidedNote } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { strategyColumnsHtml, tableHtml } from './html-table.js';
import { escapeHtml } from './html-page.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';

const MARK: Record<TargetCheck['status'], string> = { meets: '✓', misses: '✗', undecided: '?' };

function checkMark(s: StrategyResult, scope: TargetCheck['scope'], name: string, which: 'rpo' | 'rto'): string {
  const c = s.verdict.checks.find((x) => x.scope === scope && x.name === name && x.which === which);
  return c ? ` ${MARK[c.status]}` : '';
}

export function summaryTableHtml(results: ResultsFile): string {
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const currency = results.scenario.currency;
  const strategies = results.strategies;
  const names = strategies.map((s) => labels.get(s.id)!);
  const bare = (x: number): string => formatMoney(x, currency).replace(` ${currency}`, '');

  const money = tableHtml('summary', [
    { header: 'Strategy' }, { header: 'Verdict' },
    { header: `Outlays/yr (${currency})`, numeric: true }, { header: `Expected penalties/yr (${currency})`, numeric: true }, { header: `Total/yr (${currency})`, numeric: true },
    { header: 'Sustainable', numeric: true, wrap: true }, { header: 'DR hosts (max / avail.)', numeric: true }, { header: 'WAN p95', numeric: true },
  ], strategies.map((s) => {
    const link = busiestLink(s);
    return {
      recommended: cheapest?.id === s.id,
      swatch: strategyColorOf(results, s.id),
      cells: [
        labels.get(s.id)!,
        s.verdict.status === 'undecided' ? undecidedNote(s) : s.verdict.status + (cheapest?.id === s.id ? ' (cheapest)' : ''),
        bare(s.cost.annualCapex + s.cost.annualOpex), bare(s.cost.expectedAnnualPenalty), bare(s.cost.annualTotal),
        s.summary.sustainable.sustainable ? 'yes' : `no (${formatBitsPerSecond(s.summary.sustainable.shortfallBitsPerSecond)} short)`,
        `${formatCount(s.summary.drHostsUsed.max)} / ${formatCount(s.summary.drHostsUsed.available)}`,
        link ? formatBitsPerSecond(link.p95BitsPerSecond) : '–',
      ],
    };
  }));

  const tiers = results.scenario.tiers;
  const byTier = strategyColumnsHtml('tiers', 'Tier (RPO / RTO target)', tiers.map((t) => `tier ${t.tier} (${formatDuration(t.rpoTargetSeconds)} / ${formatDuration(t.rtoTargetSeconds)})`), names, (k, r) => {
    const s = strategies[k]!;
    const t = tiers[r]!;
    const x = s.summary.byTier.find((y) => y.tier === t.tier);
    return x ? `${formatPercent(x.rpoTargetMet)}${checkMark(s, 'tier', String(t.tier), 'rpo')} / ${formatPercent(x.rtoTargetMet)}${checkMark(s, 'tier', String(t.tier), 'rto')}` : '–';
  });

  const appNames = strategies[0]?.applications.map((a) => a.name) ?? [];
  const app = (s: StrategyResult, name: string): ApplicationResult | undefined => s.applications.find((a) => a.name === name);
  // What the scenario says each service is (applications[].description), under the services' names.
  const described = (strategies[0]?.applications ?? []).filter((a) => (a.description ?? '') !== '');
  const descriptions = described.length === 0 ? '' : `<ul class="muted service-descriptions">${described.map((a) => `<li><strong>${escapeHtml(a.name)}</strong>: ${escapeHtml(a.description!)}</li>`).join('')}</ul>
`;
  const services = appNames.length === 0 ? '' : `<h3>Business services</h3>
${descriptions}<p class="muted">p95 time down / updates lost in a site disaster, against each service's targets; then its expected penalties a year.</p>
${strategyColumnsHtml('services', 'Service (RTO / RPO target)', appNames.map((n) => {
    const first = app(strategies[0]!, n)!;
    return `${n} (${formatDuration(first.rtoTargetSeconds)} / ${formatDuration(first.rpoTargetSeconds)})`;
  }), names, (k, r) => {
    const s = strategies[k]!;
    const n = appNames[r]!;
    const a = app(s, n);
    return a ? `${formatDurationStat(a.rtoSeconds.p95, a.rtoSeconds)}${checkMark(s, 'application', n, 'rto')} / ${formatDurationStat(a.rpoSeconds.p95, a.rpoSeconds)}${checkMark(s, 'application', n, 'rpo')}` : '–';
  })}
${strategyColumnsHtml('penalties', `Expected penalties/yr (${currency})`, appNames, names, (k, r) => {
    const a = app(strategies[k]!, appNames[r]!);
    return a ? bare(a.expectedPenaltyPerYear) : '–';
  })}`;

  return `${money}
<h3>Targets by tier</h3>
<p class="muted">Share of VMs meeting their RPO / RTO target (✓ meets, ✗ misses, ? undecided at 95% confidence).</p>
${byTier}
${services}`;
}
