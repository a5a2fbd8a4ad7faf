/**
 * report.html's "What drives the answer" section, for a run made with `--sensitivity`: the same answer,
 * tornado and break-even charts and tables as `drsim sensitivity`'s own report (sensitivity-html.ts), under
 * one heading of the run's page.
 */
import type { SensitivityResults } from '../models/results.js';
import { sensitivityAnswerHtml, sensitivityMethodText, sensitivityTablesHtml } from './capacity/sensitivity-html.js';
import { chartsHtml, escapeHtml, type RenderedChart } from './html-page.js';

/** `firstChartIndex`: where these charts start among the page's charts (after the run's own). */
export function sensitivitySectionHtml(r: SensitivityResults, charts: RenderedChart[], firstChartIndex: number): string {
  return `<section id="sensitivity"><h2>What drives the answer</h2>
<p>${escapeHtml(sensitivityMethodText(r))} <span class="muted">${r.trials} trials per run, seed ${r.seed}.</span></p>
${sensitivityAnswerHtml(r)}
${charts.length > 0 ? chartsHtml(charts, firstChartIndex) : ''}
${sensitivityTablesHtml(r)}
</section>`;
}
