/**
 * `drsim sweep`'s files: sweep.csv (one row per point × strategy), a chart per metric (Vega-Lite, SVG,
 * PNG) and report.html (the answer, the charts and the tables).
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { MetricDef } from '../../experiment/metrics.js';
import { sweepRows, type SweepPoint } from '../../experiment/sweep.js';
import { writeFileAtomic } from '../atomic-write.js';
import { CSV_ROWS_OPTIONS } from '../csv/cast.js';
import { sweepChart } from '../charts/sweep.js';
import type { ChartDef } from '../charts/spec-common.js';
import { pushAll } from '../../sim/array-extremes.js';
import { renderCharts, writeChartFiles, type CapacitySource } from './capacity-page.js';
import { buildSweepHtml } from './sweep-html.js';

export interface SweepReportOptions {
  charts: boolean;
  png: boolean;
  /** Stops between files once aborted (Ctrl-C). */
  signal?: AbortSignal;
}

/** At most this many characters of a metric id name its chart file (a link name may be 255). */
const MAX_STEM = 64;

/**
 * Chart file names, one per metric: `sweep-` and the id's safe characters, cut to MAX_STEM; a metric given
 * twice, or two ids that meet once cut or made safe, get -2, -3 in order (never one file for two charts).
 */
export function chartStems(metrics: readonly MetricDef[]): string[] {
  const taken = new Set<string>();
  return metrics.map((m) => {
    const base = `sweep-${m.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`.slice(0, MAX_STEM).replace(/-+$/, '');
    let stem = base;
    for (let k = 2; taken.has(stem); k++) stem = `${base}-${k}`;
    taken.add(stem);
    return stem;
  });
}

/** Writes sweep.csv, (with `charts`) the charts, and report.html into `outDir`; returns the paths written. */
export async function writeSweepReport(points: SweepPoint[], metrics: MetricDef[], outDir: string, src: CapacitySource, options: SweepReportOptions): Promise<string[]> {
  const { signal } = options;
  const { columns, rows } = sweepRows(points);
  const csvPath = join(outDir, 'sweep.csv');
  await writeFileAtomic(csvPath, stringify([columns, ...rows], CSV_ROWS_OPTIONS));
  const written = [csvPath];
  const stems = chartStems(metrics);
  const defs = options.charts
    ? metrics.map((m, i): ChartDef | null => { const def = sweepChart(points, m); return def === null ? null : { ...def, name: stems[i]! }; }).filter((c): c is ChartDef => c !== null)
    : [];
  signal?.throwIfAborted();
  const rendered = await renderCharts(defs);
  pushAll(written, await writeChartFiles(rendered, outDir, options.png, signal));
  const html = join(outDir, 'report.html');
  await writeFileAtomic(html, buildSweepHtml(points, metrics, src, rendered));
  written.push(html);
  return written;
}
