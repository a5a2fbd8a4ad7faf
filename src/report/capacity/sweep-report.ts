/** `drsim sweep`'s files: sweep.csv (one row per point × strategy) and a chart per metric (Vega-Lite, SVG, PNG). */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { MetricDef } from '../../experiment/metrics.js';
import { sweepRows, type SweepPoint } from '../../experiment/sweep.js';
import { writeFileAtomic } from '../atomic-write.js';
import { CSV_ROWS_OPTIONS } from '../csv/cast.js';
import { sweepChart } from '../charts/sweep.js';
import { pushAll } from '../../sim/array-extremes.js';

/** Writes sweep.csv and (with `charts`) the charts into `outDir`; returns the paths written. */
export async function writeSweepReport(points: SweepPoint[], metrics: MetricDef[], outDir: string, options: { charts: boolean; png: boolean }): Promise<string[]> {
  const { columns, rows } = sweepRows(points);
  const csvPath = join(outDir, 'sweep.csv');
  await writeFileAtomic(csvPath, stringify([columns, ...rows], CSV_ROWS_OPTIONS));
  const written = [csvPath];
  if (options.charts) pushAll(written, await writeCharts(points, metrics, outDir, options.png));
  return written;
}

async function writeCharts(points: SweepPoint[], metrics: MetricDef[], outDir: string, png: boolean): Promise<string[]> {
  const written: string[] = [];
  for (const m of metrics) {
    const spec = sweepChart(points, m);
    if (spec === null) continue;
    const stem = join(outDir, `sweep-${m.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`);
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
