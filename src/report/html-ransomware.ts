/**
 * report.html's Ransomware section (when the scenario simulates an attack): what each strategy buys — how
 * often a clean point survives, the data lost and the time until back, what held recovery back, what the
 * protection costs and the expected penalties — then, per application, the same per strategy.
 */
import type { ResultsFile, RansomwareLimit, RansomwareResult, StrategyResult } from '../models/results.js';
import { RANSOMWARE_LIMITS } from '../models/results.js';
import { formatDurationStat, formatMoney, formatPercent } from '../models/units/format.js';
import { strategyColorOf, strategyLabels } from './charts/spec-common.js';
import { escapeHtml } from './html-page.js';
import { tableHtml, type TableRow } from './html-table.js';

const LIMIT_WORDS: Record<RansomwareLimit, string> = {
  'sign-off': 'forensic sign-off', 'identity': 'identity rebuilt first', 'clean-room': 'clean-room capacity', 'scan': 'scanning',
  'restore': 'restore throughput', 'cleaning': 'cleaning', 'power-on': 'power-on', 'reinfection': 'reinfection',
};

const POLICY_WORDS: Record<RansomwareResult['cleanPoint'], string> = {
  'before-compromise': 'from before the compromise', 'before-encryption': 'from before the encryption, cleaned',
};

/** The stage that held most VM-trials back, and its share ("–" when nothing came back). */
function mainLimit(limitedBy: Record<RansomwareLimit, number>): string {
  let best: RansomwareLimit | null = null;
  for (const l of RANSOMWARE_LIMITS) if (limitedBy[l] > 0 && (best === null || limitedBy[l] > limitedBy[best])) best = l;
  return best === null ? '–' : `${LIMIT_WORDS[best]} (${formatPercent(limitedBy[best])})`;
}

/** One sentence per strategy: what it buys against the attack. */
function buysSentence(s: StrategyResult, label: string, currency: string): string {
  const r = s.ransomware!;
  const f = s.failures.find((x) => x.kind === 'ransomware')!;
  if (r.cleanPointExists === 0) return `${label}: no clean point survives — the attacker deletes every copy; nothing comes back from backups.`;
  const protection = r.protectionCostPerYear.copies + r.protectionCostPerYear.cleanRoom;
  // A median among the VMs not recovered: say so rather than "at most not recovered".
  const typical = f.rtoSeconds.p50 === null || f.rpoSeconds.p50 === null
    ? 'most VMs do not come back'
    : `half of the VMs lose at most ${formatDurationStat(f.rpoSeconds.p50, f.rpoSeconds)} of data and are back within ${formatDurationStat(f.rtoSeconds.p50, f.rtoSeconds)} of detection`;
  return `${label}: a clean point survives for ${formatPercent(r.cleanPointExists)} of the VMs; ${typical}; those that come back are mostly held back by ${mainLimit(r.limitedBy)}; ` +
    `protection ${formatMoney(protection, currency)}/yr, expected ransomware penalties ${formatMoney(r.expectedPenaltyPerYear, currency)}/yr.`;
}

export function ransomwareHtml(results: ResultsFile): string {
  const strategies = results.strategies.filter((s) => s.ransomware !== undefined);
  if (strategies.length === 0) return '';
  const labels = strategyLabels(results);
  const currency = results.scenario.currency;
  const first = strategies[0].ransomware!;
  const rows: TableRow[] = strategies.map((s) => {
    const r = s.ransomware!;
    const f = s.failures.find((x) => x.kind === 'ransomware')!;
    return {
      swatch: strategyColorOf(results, s.id),
      cells: [
        labels.get(s.id)!, formatPercent(r.cleanPointExists),
        formatDurationStat(f.rpoSeconds.p50, f.rpoSeconds), formatDurationStat(f.rpoSeconds.p95, f.rpoSeconds),
        formatDurationStat(f.rtoSeconds.p50, f.rtoSeconds), formatDurationStat(f.rtoSeconds.p95, f.rtoSeconds),
        mainLimit(r.limitedBy), formatPercent(r.reinfected),
        formatMoney(r.protectionCostPerYear.copies + r.protectionCostPerYear.cleanRoom, currency), formatMoney(r.expectedPenaltyPerYear, currency),
      ],
    };
  });
  const table = tableHtml('ransomware', [
    { header: 'Strategy' }, { header: 'Clean point', numeric: true }, { header: 'Data lost p50', numeric: true }, { header: 'Data lost p95', numeric: true },
    { header: 'Back p50', numeric: true }, { header: 'Back p95', numeric: true }, { header: 'Held back most by', wrap: true }, { header: 'Reinfected', numeric: true },
    { header: 'Protection/yr', numeric: true }, { header: 'Penalties/yr', numeric: true },
  ], rows);
  const apps = first.applications.map((a, j) => {
    const cells = strategies.map((s) => {
      const x = s.ransomware!.applications[j];
      return `${escapeHtml(labels.get(s.id)!)}: clean point ${formatPercent(x.cleanPointExists)}, loses ${formatDurationStat(x.rpoSeconds.p50, x.rpoSeconds)}, ` +
        `back in ${formatDurationStat(x.rtoSeconds.p50, x.rtoSeconds)} (p50), held back by ${escapeHtml(mainLimit(x.limitedBy))}`;
    });
    // An application with a policy of its own (applications[].ransomware, schema 2.7) says so.
    const own = a.cleanPoint !== undefined && a.cleanPoint !== first.cleanPoint ? ` (its own policy: ${POLICY_WORDS[a.cleanPoint]})` : '';
    return `<li><strong>${escapeHtml(a.name)}</strong>${own}<ul>${cells.map((c) => `<li>${c}</li>`).join('')}</ul></li>`;
  }).join('');
  return `<section id="ransomware"><h2>Ransomware: what each strategy buys</h2>
<p>An attacker inside for a dwell time encrypts every VM in scope (${escapeHtml(String(first.eventsPerYear))} attacks a year) and deletes every copy it can reach;
recovery trusts the newest surviving point ${POLICY_WORDS[first.cleanPoint]}, scans it, and restores through the clean room after the forensic sign-off.
Data lost and time until back are per VM, from detection; a VM without a clean point counts as not recovered.</p>
<ul>${strategies.map((s) => `<li>${escapeHtml(buysSentence(s, labels.get(s.id)!, currency))}</li>`).join('')}</ul>
${table}
${apps ? `<h3>Per application</h3><ul>${apps}</ul>` : ''}
</section>`;
}
