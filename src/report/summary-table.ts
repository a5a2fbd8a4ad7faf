/**
 * The console summary `drsim run` and `drsim report` print: a plain-text table, one row per strategy,
 * in human units, with aligned columns (numbers right-aligned) and the strategy's flags.
 */
import type { ResultsFile } from '../experiment/results.js';
import { cheapestMeetingTargets, COMPLIANCE_RULE } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatMoney, formatPercent } from './human-units.js';

const HEADERS = ['Strategy', 'RPO p50', 'RPO p95', 'RPO max', 'RTO p50', 'RTO p95', 'RTO max', 'RPO met', 'RTO met',
  'WAN mean', 'WAN p95', 'WAN peak', 'DR hosts', 'Annual cost', 'Flags'];
const LEFT_ALIGNED = new Set([0, HEADERS.length - 1]);

export function formatSummaryTable(results: ResultsFile): string {
  const currency = results.scenario.currency;
  const cheapest = cheapestMeetingTargets(results);
  const rows = results.strategies.map((s) => {
    const sum = s.summary;
    const link = busiestLink(s);
    const flags = [...s.flags];
    if (!sum.sustainable.sustainable && !flags.some((f) => /sustainab/i.test(f))) flags.push('not-sustainable');
    if (sum.notRecovered > 0 && !flags.some((f) => /recover/i.test(f))) flags.push('vms-not-recovered');
    if (cheapest?.id === s.id) flags.unshift('* cheapest meeting targets');
    const wan = (bps: number | undefined) => (link ? formatBitsPerSecond(bps ?? 0) : '-');
    return [
      s.name,
      // No recovered VM-trial, no distribution: a dash, not a misleading 0 s.
      ...[sum.rpoSeconds, sum.rtoSeconds].flatMap((d) => [d.p50, d.p95, d.max].map((x) => (d.count ? formatDuration(x) : '-'))),
      formatPercent(sum.rpoTargetMet), formatPercent(sum.rtoTargetMet),
      wan(link?.meanBitsPerSecond), wan(link?.p95BitsPerSecond), wan(link?.peakBitsPerSecond),
      `${formatCount(sum.drHostsUsed.max)}/${formatCount(sum.drHostsUsed.available)}`,
      formatMoney(s.cost.annualTotal, currency),
      flags.join(', '),
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (LEFT_ALIGNED.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const multiLink = results.strategies.some((s) => s.summary.wanBitsPerSecond.length > 1);
  out.push('');
  out.push(`${results.scenario.name}: ${formatCount(results.scenario.counts.vms)} VM${results.scenario.counts.vms === 1 ? '' : 's'}, ${results.trials} trial${results.trials === 1 ? '' : 's'}. ` +
    `RPO/RTO over all VMs and trials; DR hosts: most used / available${multiLink ? '; WAN: busiest link' : ''}.`);
  out.push(`Targets met: ${COMPLIANCE_RULE}`);
  return out.join('\n') + '\n';
}
