/**
 * A plain-language verdict per strategy, generated from the numbers only, e.g. "Meets RPO targets
 * for 98% of VMs and RTO targets for 91%; 3 tier-3 VMs not recovered (no DR capacity); not
 * sustainable: the replication lag grows on the link wan (40 Mbit/s short by the long-run formula)."
 */
import type { ResultsFile, StrategyResult } from '../models/results.js';
import { NOT_RECOVERED_WORDS } from './charts/recovery-timeline.js';
import { cheapestMeetingTargets, meetsTargets, TARGET_MET_THRESHOLD, undecidedNote } from './compliance.js';
import { formatBitsPerSecond, formatCount, formatDuration, formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';
import { busiestLink } from './csv/summary-csv.js';

export interface Verdict { headline: string; sentences: string[] }

function notRecoveredSentence(s: StrategyResult): string | null {
  if (s.summary.notRecovered === 0) return null;
  // Tiers whose expected count rounds to 0 are left out ("0 tier-1 and 0.1 tier-3 VMs" reads as noise).
  const byTier = s.summary.byTier.filter((t) => t.notRecovered > 0 && formatCount(t.notRecovered * t.vmCount) !== '0')
    .map((t) => `${formatCount(t.notRecovered * t.vmCount)} tier-${t.tier}`);
  if (byTier.length === 0) return `Fewer than 0.05 VMs per disaster are not recovered on average.`;
  const reasons = Object.entries(s.summary.notRecoveredReasons).filter(([, f]) => f > 0).sort((a, b) => b[1] - a[1])
    .map(([r]) => NOT_RECOVERED_WORDS[r] ?? r);
  // notRecovered is a fraction of VM-trials: times the tier's VM count it is the expected number of VMs.
  return `${byTier.join(' and ')} VM${byTier.length === 1 && byTier[0]!.startsWith('1 ') ? ' is' : 's are'} not recovered on average` +
    (reasons.length ? ` (${reasons.join(', ')})` : '') + '.';
}

export function verdictFor(results: ResultsFile, s: StrategyResult): Verdict {
  const sum = s.summary;
  const currency = results.scenario.currency;
  const sentences: string[] = [];
  sentences.push(`Meets RPO targets for ${formatPercent(sum.rpoTargetMet)} of VMs and RTO targets for ${formatPercent(sum.rtoTargetMet)}.`);
  const short = sum.byTier.filter((t) => t.rpoTargetMet < TARGET_MET_THRESHOLD || t.rtoTargetMet < TARGET_MET_THRESHOLD);
  for (const t of short) {
    const parts: string[] = [];
    if (t.rpoTargetMet < TARGET_MET_THRESHOLD) parts.push(`${formatPercent(t.rpoTargetMet)} meet the ${formatDuration(t.rpoTargetSeconds)} RPO (p95 achieved: ${formatDurationStat(t.rpoSeconds.p95, t.rpoSeconds)})`);
    if (t.rtoTargetMet < TARGET_MET_THRESHOLD) parts.push(`${formatPercent(t.rtoTargetMet)} meet the ${formatDuration(t.rtoTargetSeconds)} RTO (p95 achieved: ${formatDurationStat(t.rtoSeconds.p95, t.rtoSeconds)})`);
    sentences.push(`Tier ${t.tier} falls short: ${parts.join('; ')}.`);
  }
  const nr = notRecoveredSentence(s);
  if (nr) sentences.push(nr);
  if (!sum.sustainable.sustainable) {
    // The links whose simulated lag grows (older files without them: the busiest link).
    const flagged = (sum.sustainable.links ?? []).filter((l) => !l.sustainable).map((l) => l.link);
    const busiest = busiestLink(s);
    const where = flagged.length > 0 ? `link${flagged.length > 1 ? 's' : ''} ${flagged.join(', ')}` : `WAN link${busiest ? ` ${busiest.link}` : ''}`;
    const gap = sum.sustainable.shortfallBitsPerSecond > 0 ? ` (${formatBitsPerSecond(sum.sustainable.shortfallBitsPerSecond)} short by the long-run formula)` : '';
    sentences.push(`Not sustainable: the replication lag grows on the ${where}${gap}.` + (sum.sustainable.details.length ? ` ${sum.sustainable.details.map((d) => (/[.!?]$/.test(d) ? d : `${d}.`)).join(' ')}` : ''));
  }
  const hosts = sum.drHostsUsed;
  sentences.push(`Uses up to ${formatCount(hosts.max)} of ${formatCount(hosts.available)} DR hosts.`);
  sentences.push(`Outlays ${formatMoney(s.cost.annualCapex + s.cost.annualOpex, currency)} a year; expected penalties ${formatMoney(s.cost.expectedAnnualPenalty, currency)} a year (risk, not a budget line).`);
  const cheapest = cheapestMeetingTargets(results);
  const why: string[] = [];
  if (short.length) why.push(`tier${short.length > 1 ? 's' : ''} ${short.map((t) => t.tier).join(', ')} short of target`);
  if (!sum.sustainable.sustainable) why.push('not sustainable');
  const missedApps = s.verdict.checks.filter((c) => c.scope === 'application' && c.status === 'misses').map((c) => c.name);
  if (missedApps.length) why.push(`${[...new Set(missedApps)].join(', ')} short of target`);
  const headline = cheapest?.id === s.id
    ? 'Recommended: the cheapest strategy that meets every target.'
    : meetsTargets(s) ? 'Meets every target, at a higher cost.'
      : s.verdict.status === 'undecided' ? `Not settled: ${undecidedNote(s)}.` : `Does not meet the targets: ${why.join('; ') || 'see the checks'}.`;
  return { headline, sentences };
}
