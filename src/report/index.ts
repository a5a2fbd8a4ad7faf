/**
 * The report floor's public API: everything is generated from a ResultsFile alone.
 * - readResults(path): load and check a results.json (ResultsFileError on any problem)
 * - writeReport(results, outDir, opts): CSV tables, report.xlsx, chart specs, SVG, PNG and report.html, each file atomically
 *   (with the `sensitivity` section of a `drsim run --sensitivity`: its CSVs, sheets, charts and a report section too)
 * - formatSummaryTable(results): the plain-text comparison table for the console
 * - formatBomText(results): the bills of materials for the console (`drsim run --bom`)
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ResultsFile } from '../models/results.js';
import { writeFileAtomic, writeStreamAtomic } from './atomic-write.js';
import { buildCharts, type ChartDef } from './charts/index.js';
import { applicationsCsv, bomCsv, costsCsv, linksCsv, ransomwareApplicationsCsv, ransomwareCsv, simulatesRansomware, tiersCsv } from './csv/small-tables-csv.js';
import { summaryCsv } from './csv/summary-csv.js';
import { vmsCsvStreams } from './csv/vms-csv.js';
import { buildReportHtml, type RenderedChart } from './html-report.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { sensitivityCharts, sensitivityCsvFiles } from './capacity/sensitivity-report.js';

export { readResults } from './read-results.js';
export { ResultsFileError } from './errors.js';
export { formatSummaryTable } from './summary-table.js';
export { formatBomText } from './bom.js';
export { buildCharts } from './charts/index.js';
export type { ChartDef } from './charts/index.js';

export type ReportFormat = 'csv' | 'xlsx' | 'svg' | 'png' | 'html';

export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'svg', 'png', 'html'];

/** Every entry writeReport may create in its directory: a new report set replaces all of them (output-set.ts). */
export const REPORT_ENTRIES: readonly string[] = ['summary.csv', 'tiers.csv', 'applications.csv', 'costs.csv', 'bom.csv', 'links.csv', 'ransomware.csv', 'ransomware-applications.csv', 'vms.csv', 'sensitivity.csv', 'break-even.csv', 'report.xlsx', 'charts', 'report.html'];

export interface ReportOptions {
  formats: Set<ReportFormat>;
  /** Write charts/NAME.vl.json (the Vega-Lite specs, data inlined). Default: whenever a chart format is asked for. */
  vegaSpecs?: boolean;
  /** Stops between charts once aborted (Ctrl-C): rendering a large report takes seconds. */
  signal?: AbortSignal;
}

/**
 * Starts loading what drawing the asked formats needs (Vega, Vega-Lite and resvg take ~0.3 s; the workbook
 * writer), so that a caller with other work in flight, such as trials running on workers, takes that cost
 * off the time the report is waited for. Errors are left for writeReport to meet and report.
 */
export function preloadReport(formats: Set<ReportFormat>): void {
  const loads: Promise<unknown>[] = [];
  if (formats.has('svg') || formats.has('png') || formats.has('html')) loads.push(import('./render.js'));
  if (formats.has('xlsx')) loads.push(import('./xlsx/workbook.js'));
  for (const l of loads) l.catch(() => {});
}

/**
 * Writes the report files into `outDir` (created if missing) and returns their paths, in a fixed order
 * (CSV tables; report.xlsx; per chart its spec, SVG and PNG; report.html). Each file appears complete or not at all
 * (temp file + rename).
 */
export async function writeReport(results: ResultsFile, outDir: string, opts: ReportOptions): Promise<string[]> {
  const written: string[] = [];
  const f = opts.formats;
  const chartsWanted = f.has('svg') || f.has('png') || f.has('html');
  const specsWanted = opts.vegaSpecs ?? chartsWanted;
  await mkdir(outDir, { recursive: true });
  // Chart files are written (and PNGs rasterized) in the background while the next chart renders; each
  // path is listed when its file is started, so the list keeps its order.
  const pending: Promise<void>[] = [];
  const start = (name: string, data: string | Uint8Array | Promise<Uint8Array>): void => {
    const path = join(outDir, name);
    written.push(path);
    const job = Promise.resolve(data).then((bytes) => writeFileAtomic(path, bytes));
    job.catch(() => {}); // handled below, once all are settled; not an unhandled rejection meanwhile
    pending.push(job);
  };
  const put = async (name: string, data: string | Uint8Array): Promise<void> => {
    const path = join(outDir, name);
    await writeFileAtomic(path, data);
    written.push(path);
  };

  if (f.has('csv')) {
    opts.signal?.throwIfAborted();
    await put('summary.csv', summaryCsv(results));
    await put('tiers.csv', tiersCsv(results));
    await put('applications.csv', applicationsCsv(results));
    await put('costs.csv', costsCsv(results));
    await put('bom.csv', bomCsv(results));
    await put('links.csv', linksCsv(results));
    // Only when the scenario simulates an attack (as the sensitivity tables: no empty files otherwise).
    if (simulatesRansomware(results)) {
      await put('ransomware.csv', ransomwareCsv(results));
      await put('ransomware-applications.csv', ransomwareApplicationsCsv(results));
    }
    const vms = join(outDir, 'vms.csv');
    const { rows, csv } = vmsCsvStreams(results);
    await writeStreamAtomic(vms, rows, csv);
    written.push(vms);
    // `drsim run --sensitivity`: drsim sensitivity's own CSVs.
    if (results.sensitivity !== undefined) for (const { name, csv } of sensitivityCsvFiles(results.sensitivity)) await put(name, csv);
  }
  if (f.has('xlsx')) {
    opts.signal?.throwIfAborted();
    const { writeWorkbook } = await import('./xlsx/workbook.js');
    const path = join(outDir, 'report.xlsx');
    await writeWorkbook(results, path);
    written.push(path);
  }

  if (!chartsWanted && !specsWanted) return written;
  const charts: ChartDef[] = buildCharts(results);
  // The sensitivity section's tornado and break-even charts come after the run's own (html-report.ts splits them).
  const allCharts = results.sensitivity === undefined ? charts : [...charts, ...sensitivityCharts(results.sensitivity)];
  if (chartsWanted || specsWanted) await mkdir(join(outDir, 'charts'), { recursive: true });
  const rendered: RenderedChart[] = [];
  // As many rasterizations at once as there are cores: more only add memory (~20 MB each).
  const rasterizing = concurrencyLimit(availableParallelism());
  try {
    // Vega, Vega-Lite and resvg take ~0.3 s to load: only when a chart is drawn (not for the specs alone).
    const render = chartsWanted ? await import('./render.js') : null;
    for (const def of allCharts) {
      opts.signal?.throwIfAborted();
      if (specsWanted) start(join('charts', `${def.name}.vl.json`), JSON.stringify(def.spec, null, 1) + '\n');
      if (render === null) continue;
      // The HTML report embeds the SVG as its no-script fallback, so render it whenever any chart output is wanted.
      const svg = await render.renderSvg(def.spec);
      if (f.has('svg')) start(join('charts', `${def.name}.svg`), svg);
      if (f.has('png')) start(join('charts', `${def.name}.png`), rasterizing(() => render.renderPngAsync(svg)));
      rendered.push({ def, svg });
    }
    if (f.has('html')) start('report.html', buildReportHtml(results, rendered.slice(0, charts.length), rendered.slice(charts.length)));
  } finally {
    await Promise.allSettled(pending); // whatever happened, no write is left running
  }
  await Promise.all(pending); // a failed write fails the report
  return written;
}
