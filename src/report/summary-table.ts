/**
 * The console summary `drsim run` and `drsim report` print: a plain-text table, one row per strategy,
 * in human units, with aligned columns (numbers right-aligned) and the strategy's flags.
 */
import type { ResultsFile, Summary } from '../models/results.js';
import { cheapestMeetingTargets, COMPLIANCE_RULE } from './compliance.js';
import { busiestLink } from './csv/summary-csv.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';

const HEADERS = ['Strategy', 'RPO p50', 'RPO p95', 'RPO max', 'RTO p50', 'RTO p95', 'RTO max', 'RPO met', 'RTO met',
  'WAN mean', 'WAN p95', 'WAN peak', 'DR hosts', 'Annual cost'];

/** Aligned plain-text columns: the first left-aligned, numbers right-aligned. */
function alignTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const meanWithCi = (d: Summary): string => (d.mean !== null && d.ciLow !== null && d.ciHigh !== null
  ? `${formatDuration(d.mean)} [${formatDuration(d.ciLow)}, ${formatDuration(d.ciHigh)}]`
  : formatDurationStat(d.mean, d));

export function formatSummaryTable(results: ResultsFile): string {
  const currency = results.scenario.currency;
  const cheapest = cheapestMeetingTargets(results);
  const rows = results.strategies.map((s) => {
    const sum = s.summary;
    const link = busiestLink(s);
    const wan = (bps: number | undefined) => (link ? formatBitsPerSecond(bps ?? 0) : '-');
    return [
      `${cheapest?.id === s.id ? '* ' : ''}${s.name}`,
      // Not recovered is "not recovered", no data is a dash: never a misleading 0 s.
      ...[sum.rpoSeconds, sum.rtoSeconds].flatMap((d) => [d.p50, d.p95, d.max].map((x) => formatDurationStat(x, d))),
      formatPercent(sum.rpoTargetMet), formatPercent(sum.rtoTargetMet),
      wan(link?.meanBitsPerSecond), wan(link?.p95BitsPerSecond), wan(link?.peakBitsPerSecond),
      `${formatCount(sum.drHostsUsed.max)}/${formatCount(sum.drHostsUsed.available)}`,
      formatMoney(s.cost.annualTotal, currency),
    ];
  });
  const out = alignTable(HEADERS, rows);

  // Means with their confidence intervals, and targets met tier by tier.
  const tiers = [...new Set(results.strategies.flatMap((s) => s.summary.byTier.map((t) => t.tier)))].sort((a, b) => a - b);
  const detailHeaders = ['Strategy', 'RPO mean [95% CI]', 'RTO mean [95% CI]', ...tiers.map((t) => `Tier ${t} RPO/RTO met`), 'Not recovered',
    'Capex/yr', 'Opex/yr', 'Penalties/yr'];
  const detailRows = results.strategies.map((s) => [
    `${cheapest?.id === s.id ? '* ' : ''}${s.name}`,
    meanWithCi(s.summary.rpoSeconds),
    meanWithCi(s.summary.rtoSeconds),
    ...tiers.map((tier) => {
      const t = s.summary.byTier.find((x) => x.tier === tier);
      return t ? `${formatPercent(t.rpoTargetMet)} / ${formatPercent(t.rtoTargetMet)}` : '-';
    }),
    formatPercent(s.summary.notRecovered),
    // The annual total's parts: amortized capex, opex (net of the dev/test credit), expected penalties.
    formatMoney(s.cost.annualCapex, currency), formatMoney(s.cost.annualOpex, currency), formatMoney(s.cost.expectedAnnualPenalty, currency),
  ]);
  out.push('', ...alignTable(detailHeaders, detailRows));

  const flagged = results.strategies.filter((s) => s.flags.length > 0 || !s.summary.sustainable.sustainable);
  if (flagged.length > 0) {
    out.push('', 'Flags:');
    for (const s of flagged) {
      const flags = [...s.flags];
      if (!s.summary.sustainable.sustainable && !flags.some((f) => /sustainab/i.test(f))) flags.push('not sustainable');
      for (const f of flags) out.push(`  ${s.name}: ${f}`);
    }
  }
  const multiLink = results.strategies.some((s) => s.summary.wanBitsPerSecond.length > 1);
  out.push('');
  out.push(`${results.scenario.name}: ${formatCount(results.scenario.counts.vms)} VM${results.scenario.counts.vms === 1 ? '' : 's'}, ${results.trials} trial${results.trials === 1 ? '' : 's'}. ` +
    `RPO/RTO over all VMs and trials (site disaster at a random moment); DR hosts: most used / available${multiLink ? '; WAN: busiest link' : ''}.`);
  if (cheapest !== null) out.push(`* ${cheapest.name}: the cheapest strategy that meets the targets.`);
  out.push(`Targets met: ${COMPLIANCE_RULE}`);
  return out.join('\n') + '\n';
}
