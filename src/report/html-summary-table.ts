/** The summary table of report.html: the console table's columns, as HTML, with the recommended strategy marked. */
import type { ResultsFile } from '../models/results.js';
import { strategyColorOf, strategyLabels } from './charts/spec-common.js';
import { cheapestMeetingTargets, meetsTargets } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { formatBitsPerSecond, formatCount, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function summaryTableHtml(results: ResultsFile): string {
  const labels = strategyLabels(results);
  const cheapest = cheapestMeetingTargets(results);
  const currency = results.scenario.currency;
  const head = ['Strategy', 'RPO p50', 'RPO p95', 'RPO max', 'RTO p50', 'RTO p95', 'RTO max', 'RPO met', 'RTO met', 'Not recovered',
    'WAN mean', 'WAN p95', 'WAN peak', 'Sustainable', 'DR hosts (max/avail.)', `Annual total (${currency})`, 'Meets targets'];
  const rows = results.strategies.map((s) => {
    const sum = s.summary;
    const link = busiestLink(s);
    const rpo = (v: number | null) => formatDurationStat(v, sum.rpoSeconds);
    const rto = (v: number | null) => formatDurationStat(v, sum.rtoSeconds);
    const wan = (v: number | undefined) => (link ? formatBitsPerSecond(v ?? 0) : '–');
    const cells = [
      rpo(sum.rpoSeconds.p50), rpo(sum.rpoSeconds.p95), rpo(sum.rpoSeconds.max),
      rto(sum.rtoSeconds.p50), rto(sum.rtoSeconds.p95), rto(sum.rtoSeconds.max),
      formatPercent(sum.rpoTargetMet), formatPercent(sum.rtoTargetMet), formatPercent(sum.notRecovered),
      wan(link?.meanBitsPerSecond), wan(link?.p95BitsPerSecond), wan(link?.peakBitsPerSecond),
      sum.sustainable.sustainable ? 'yes' : `no (${formatBitsPerSecond(sum.sustainable.shortfallBitsPerSecond)} short)`,
      `${formatCount(sum.drHostsUsed.max)} / ${formatCount(sum.drHostsUsed.available)}`,
      formatMoney(s.cost.annualTotal, currency).replace(` ${currency}`, ''),
      meetsTargets(s) ? (cheapest?.id === s.id ? 'yes, cheapest' : 'yes') : 'no',
    ];
    return `<tr${cheapest?.id === s.id ? ' class="recommended"' : ''}><td><span class="swatch" style="background:${strategyColorOf(results, s.id)}"></span>${esc(labels.get(s.id)!)}</td>` +
      cells.map((c) => `<td class="num">${esc(c)}</td>`).join('') + '</tr>';
  });
  return `<div class="table-wrap"><table class="summary"><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
<p class="muted">RPO and RTO over all VMs and ${results.trials} trials; WAN figures for each strategy's busiest link. Per-VM, per-tier and cost-item tables: vms.csv, tiers.csv, costs.csv.</p>`;
}
