/** `drsim sweep`'s files: sweep.csv (one row per point × strategy) and a chart per metric (Vega-Lite, SVG, PNG). */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { MetricDef } from '../../experiment/metrics.js';
import { sweepRows, type SweepPoint } from '../../experiment/sweep.js';
import { writeFileAtomic } from '../atomic-write.js';
import { CSV_ROWS_OPTIONS } from '../csv/cast.js';
import { sweepChart } from '../charts/sweep.js';
import { pushAll } from '../../sim/array-extremes.js';

export interface SweepReportOptions {
  charts: boolean;
  png: boolean;
  /** Stops between charts once aborted (Ctrl-C). */
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

/** Writes sweep.csv and (with `charts`) the charts into `outDir`; returns the paths written. */
export async function writeSweepReport(points: SweepPoint[], metrics: MetricDef[], outDir: string, options: SweepReportOptions): Promise<string[]> {
  const { columns, rows } = sweepRows(points);
  const csvPath = join(outDir, 'sweep.csv');
  await writeFileAtomic(csvPath, stringify([columns, ...rows], CSV_ROWS_OPTIONS));
  const written = [csvPath];
  if (options.charts) pushAll(written, await writeCharts(points, metrics, outDir, options));
  return written;
}

async function writeCharts(points: SweepPoint[], metrics: MetricDef[], outDir: string, { png, signal }: SweepReportOptions): Promise<string[]> {
  const written: string[] = [];
  const stems = chartStems(metrics);
  for (const [i, m] of metrics.entries()) {
    signal?.throwIfAborted();
    const spec = sweepChart(points, m);
    if (spec === null) continue;
    const stem = join(outDir, stems[i]!);
    await writeFileAtomic(`${stem}.vl.json`, JSON.stringify(spec, null, 1) + '\n');
    // Loaded only when a chart is drawn: Vega and resvg take ~0.3 s to load.
    const { renderPng, renderSvg } = await import('../render.js');
    const svg = await renderSvg(spec);
    await writeFileAtomic(`${stem}.svg`, svg);
    written.push(`${stem}.vl.json`, `${stem}.svg`);
    if (png) {
      await writeFileAtomic(`${stem}.png`, renderPng(svg));
      written.push(`${stem}.png`);
    }
  }
  return written;
}
