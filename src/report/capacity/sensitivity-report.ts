/**
 * `drsim sensitivity`'s files: sensitivity.json (SensitivityResults, every number machine-readable), sensitivity.csv, break-even.csv, sensitivity.xlsx, a tornado chart per strategy and a
 * break-even chart per linear input with crossings (Vega-Lite, SVG, PNG), and report.html.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SensitivityResults } from '../../models/results.js';
import { writeFileAtomic } from '../atomic-write.js';
import { CSV_ROWS_OPTIONS } from '../csv/cast.js';
import { breakEvenChart, tornadoChart } from '../charts/tornado.js';
import type { ChartDef } from '../charts/spec-common.js';
import { pushAll } from '../../sim/array-extremes.js';
import { renderCharts, writeChartFiles, type CapacitySource } from './capacity-page.js';
import { breakEvenRows, sensitivityRows } from './sensitivity-csv.js';
import { buildSensitivityHtml } from './sensitivity-html.js';
import { sensitivitySheets } from './sensitivity-xlsx.js';
import { writeTablesWorkbook } from '../xlsx/workbook.js';

export interface SensitivityReportOptions {
  charts: boolean;
  png: boolean;
  signal?: AbortSignal;
}

/** The charts of a sensitivity report: tornados (one per strategy), then break-even charts. */
export function sensitivityCharts(r: SensitivityResults): ChartDef[] {
  return [
    ...r.strategies.map((_, s) => tornadoChart(r, s)),
    ...r.inputs.map((i) => breakEvenChart(r, i)).filter((c): c is ChartDef => c !== null),
  ];
}

/** sensitivity.csv and break-even.csv: names and contents (also written beside a `--sensitivity` run's CSVs). */
export function sensitivityCsvFiles(r: SensitivityResults): { name: string; csv: string }[] {
  const csv = (t: ReturnType<typeof sensitivityRows>) => stringify([t.columns, ...t.rows], CSV_ROWS_OPTIONS);
  return [{ name: 'sensitivity.csv', csv: csv(sensitivityRows(r)) }, { name: 'break-even.csv', csv: csv(breakEvenRows(r)) }];
}

export async function writeSensitivityReport(r: SensitivityResults, outDir: string, src: CapacitySource, options: SensitivityReportOptions): Promise<string[]> {
  const { signal } = options;
  const written: string[] = [];
  const json = join(outDir, 'sensitivity.json');
  await writeFileAtomic(json, JSON.stringify(r, null, 2) + '\n');
  written.push(json);
  for (const { name, csv } of sensitivityCsvFiles(r)) {
    const path = join(outDir, name);
    await writeFileAtomic(path, csv);
    written.push(path);
  }
  const xlsx = join(outDir, 'sensitivity.xlsx');
  await writeTablesWorkbook(sensitivitySheets(r), xlsx, { title: `Sensitivity: ${r.scenario.name}`, creator: `drsim ${src.version}` });
  written.push(xlsx);
  signal?.throwIfAborted();
  const rendered = await renderCharts(options.charts ? sensitivityCharts(r) : []);
  pushAll(written, await writeChartFiles(rendered, outDir, options.png, signal));
  const html = join(outDir, 'report.html');
  await writeFileAtomic(html, buildSensitivityHtml(r, src, rendered));
  written.push(html);
  return written;
}
