/**
 * report.html: one self-contained page for a budget proposal — verdicts, the summary table, what each
 * strategy buys against ransomware (when simulated), every
 * chart (interactive through vega-embed, with the pre-rendered SVG shown until it renders or if
 * scripts are off), the scenario's key inputs and its assumptions. No network: bundles and data
 * are inlined.
 */
import type { ResultsFile } from '../models/results.js';
import { strategyColorOf, strategyLabels } from './charts/spec-common.js';
import { COMPLIANCE_RULE } from './compliance.js';
import { formatBitsPerSecond, formatCount, formatDuration } from '../models/units/format.js';
import { cardHtml, chartsHtml, escapeHtml, htmlPage, type RenderedChart } from './html-page.js';
import { sensitivitySectionHtml } from './html-sensitivity.js';
import { summaryTableHtml } from './html-summary-table.js';
import { ransomwareHtml } from './html-ransomware.js';
import { tableHtml } from './html-table.js';
import { BOM_HEADERS, BOM_LEGEND, bomCells, bomRows } from './bom.js';
import { verdictFor } from './verdict.js';

export { escapeHtml, type RenderedChart } from './html-page.js';

function verdictsHtml(results: ResultsFile): string {
  const labels = strategyLabels(results);
  return results.strategies.map((s) => {
    const v = verdictFor(results, s);
    return cardHtml({ color: strategyColorOf(results, s.id), title: labels.get(s.id)!, headline: v.headline, body: v.sentences.join(' '), note: s.description });
  }).join('\n');
}

/** One table per strategy: what it takes to build, needed vs available, one-off and yearly cost. */
function bomHtml(results: ResultsFile): string {
  const labels = strategyLabels(results);
  const columns = BOM_HEADERS.map((header, i) => ({ header, numeric: i > 0, wrap: i === 2 || i === 3 }));
  const tables = results.strategies.map((s) => {
    const rows = bomRows(results, s);
    const body = rows === null
      ? '<p class="muted">Not in this results file (written before results schema 2.5): run it again.</p>'
      : tableHtml('bom', columns, rows.map((r, i) => ({ cells: bomCells(r), total: i === rows.length - 1 })));
    return `<h3 class="bom-strategy">${escapeHtml(labels.get(s.id)!)}</h3>\n${body}`;
  }).join('\n');
  return `<section id="bom"><h2>Bill of materials</h2>
<p class="muted">${escapeHtml(BOM_LEGEND)}</p>
${tables}
</section>`;
}

function inputsHtml(results: ResultsFile): string {
  const sc = results.scenario;
  const c = sc.counts;
  const links = sc.links.map((l) => `<li>${escapeHtml(l.name)} (${escapeHtml(l.between.join(' – '))}): ${formatBitsPerSecond(l.bandwidthBitsPerSecond)}, ` +
    `${Math.round(l.efficiency * 100)}% usable, round trip ${formatDuration(l.rttSeconds)}</li>`).join('');
  const tiers = sc.tiers.map((t) => `<tr><td>Tier ${t.tier}</td><td class="num">${formatCount(t.vmCount)}</td><td class="num">${formatDuration(t.rpoTargetSeconds)}</td><td class="num">${formatDuration(t.rtoTargetSeconds)}</td></tr>`).join('');
  const assumptions = sc.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('');
  return `<section id="inputs"><h2>Key inputs</h2>
<p>${formatCount(c.sites)} sites, ${formatCount(c.hosts)} hosts, ${formatCount(c.drHosts)} DR hosts, ${formatCount(c.vms)} VMs, ${formatCount(c.strategies)} strategies compared.
${results.trials} trials per strategy (seed ${results.seed}), each simulating ${formatDuration(results.horizonSeconds)};
analysis: ${[results.analysis.conditional ? 'conditional (if a disaster strikes)' : '', results.analysis.annualized ? 'annualized (with failure frequencies)' : ''].filter(Boolean).join(' and ')};
failures: ${escapeHtml(results.analysis.failureKinds.join(', ') || 'none')}. Money in ${escapeHtml(sc.currency)}.</p>
${links ? `<h3>WAN links</h3><ul>${links}</ul>` : ''}
<h3>Targets per tier</h3>
<table class="compact"><thead><tr><th>Tier</th><th>VMs</th><th>RPO target</th><th>RTO target</th></tr></thead><tbody>${tiers}</tbody></table>
</section>
<section id="assumptions"><h2>Assumptions</h2>
<ul>${assumptions || '<li>None recorded in the results file.</li>'}</ul>
<h3>How to read this report</h3>
<ul>
<li>${escapeHtml(COMPLIANCE_RULE)}</li>
<li>RPO is the data lost (time since the newest recovery point available at the DR site); RTO is the time from the failure until the VM's application is back. Both are measured per VM in each trial; percentiles are over all VMs and trials.</li>
<li>"Not recovered" counts are expected numbers of VMs (the share of VM-trials not recovered times the tier's VM count).</li>
<li>Annual totals are amortized capex plus opex plus expected penalties; penalties are expectations (frequency × cost), not budget outlays.</li>
</ul>
</section>`;
}

/** `sensitivityCharts`: the tornado and break-even charts of `results.sensitivity`, shown in its own section. */
export function buildReportHtml(results: ResultsFile, charts: RenderedChart[], sensitivityCharts: RenderedChart[] = []): string {
  const sc = results.scenario;
  const sensitivity = results.sensitivity === undefined ? '' : `${sensitivitySectionHtml(results.sensitivity, sensitivityCharts, charts.length)}
`;
  return htmlPage({
    title: `DR strategies: ${sc.name}`,
    heading: `Disaster-recovery strategies for ${sc.name}`,
    intro: [escapeHtml(sc.description),
      `<span class="muted">From ${escapeHtml(sc.file)}, simulated by drsim ${escapeHtml(results.generatedBy.version)} (results schema ${escapeHtml(results.schemaVersion)}).</span>`],
    main: `<section id="verdicts"><h2>Verdict per strategy</h2>
${verdictsHtml(results)}
</section>
<section id="summary"><h2>Summary</h2>
${summaryTableHtml(results)}
</section>
${bomHtml(results)}
${ransomwareHtml(results)}
<section id="charts"><h2>Charts</h2>
${chartsHtml(charts)}
</section>
${sensitivity}${inputsHtml(results)}`,
    charts: [...charts, ...sensitivityCharts],
    version: results.generatedBy.version,
  });
}
