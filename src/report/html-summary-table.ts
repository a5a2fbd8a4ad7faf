/**
 * The summary tables of report.html, as the console prints them (summary-table.ts): per strategy its
 * verdict and what it costs (outlays apart from expected penalties); per tier the share of VMs meeting
 * each target; per business service its p95 time down and updates lost, and its expected penalties.
 * Narrow tables (a handful of columns each), so they fit a page.
 */
import type { ApplicationResult, ResultsFile, StrategyResult, TargetCheck } from '../models/results.js';
import { strategyColorOf, strategyLabels } from './charts/spec-common.js';
import { cheapestMeetingTargets, undecidedNote } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const MARK: Record<TargetCheck['status'], string> = { meets: '✓', misses: '✗', undecided: '?' };

function table(cls: string, head: string[], rows: { cells: string[]; recommended?: boolean; swatch?: string }[]): string {
  return `<div class="table-wrap"><table class="${cls}"><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr${r.recommended ? ' class="recommended"' : ''}><td>${r.swatch ? `<span class="swatch" style="background:${r.swatch}"></span>` : ''}${esc(r.cells[0]!)}</td>` +
    r.cells.slice(1).map((c) => `<td class="num">${esc(c)}</td>`).join('') + '</tr>').join('\n')}</tbody></table></div>`;
}

function checkMark(s: StrategyResult, scope: TargetCheck['scope'], name: string, which: 'rpo' | 'rto'): string {
  const c = s.verdict.checks.find((x) => x.scope === scope && x.name === name && x.which === which);
  return c ? ` ${MARK[c.status]}` : '';
}

export function summaryTableHtml(results: ResultsFile): string {
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const currency = results.scenario.currency;
  const strategies = results.strategies;

  const money = table('summary', ['Strategy', 'Verdict', `Outlays/yr (${currency})`, `Expected penalties/yr (${currency})`, `Total/yr (${currency})`, 'Sustainable', 'DR hosts (max/avail.)', 'WAN p95'],
    strategies.map((s) => {
      const link = busiestLink(s);
      const bare = (x: number) => formatMoney(x, currency).replace(` ${currency}`, '');
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
  const byTier = table('tiers', ['Tier (RPO / RTO target)', ...strategies.map((s) => labels.get(s.id)!)], tiers.map((t) => ({
    cells: [`tier ${t.tier} (${formatDuration(t.rpoTargetSeconds)} / ${formatDuration(t.rtoTargetSeconds)})`, ...strategies.map((s) => {
      const r = s.summary.byTier.find((x) => x.tier === t.tier);
      return r ? `${formatPercent(r.rpoTargetMet)}${checkMark(s, 'tier', String(t.tier), 'rpo')} / ${formatPercent(r.rtoTargetMet)}${checkMark(s, 'tier', String(t.tier), 'rto')}` : '–';
    })],
  })));

  const names = strategies[0]?.applications.map((a) => a.name) ?? [];
  const app = (s: StrategyResult, name: string): ApplicationResult | undefined => s.applications.find((a) => a.name === name);
  const services = names.length === 0 ? '' : `<h3>Business services</h3>
<p class="muted">p95 time down / updates lost in a site disaster, against each service's targets; then its expected penalties a year.</p>
${table('services', ['Service (RTO / RPO target)', ...strategies.map((s) => labels.get(s.id)!)], names.map((n) => {
    const first = app(strategies[0], n)!;
    return {
      cells: [`${n} (${formatDuration(first.rtoTargetSeconds)} / ${formatDuration(first.rpoTargetSeconds)})`, ...strategies.map((s) => {
        const a = app(s, n);
        return a ? `${formatDurationStat(a.rtoSeconds.p95, a.rtoSeconds)}${checkMark(s, 'application', n, 'rto')} / ${formatDurationStat(a.rpoSeconds.p95, a.rpoSeconds)}${checkMark(s, 'application', n, 'rpo')}` : '–';
      })],
    };
  }))}
${table('penalties', [`Expected penalties/yr (${currency})`, ...strategies.map((s) => labels.get(s.id)!)], names.map((n) => ({
    cells: [n, ...strategies.map((s) => { const a = app(s, n); return a ? formatMoney(a.expectedPenaltyPerYear, currency).replace(` ${currency}`, '') : '–'; })],
  })))}`;

  return `${money}
<h3>Targets by tier</h3>
<p class="muted">Share of VMs meeting their RPO / RTO target (✓ meets, ✗ misses, ? undecided at 95% confidence).</p>
${byTier}
${services}`;
}
