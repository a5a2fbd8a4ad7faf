/**
 * `drsim sweep`'s files: sweep.csv (one row per point × strategy), a chart per metric (Vega-Lite, SVG,
 * PNG) and report.html (the answer, the charts and the tables).
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { MetricDef } from '../../experiment/metrics.js';
import { sweepRows, type SweepPoint } from '../../experiment/sweep.js';
import { writeFileAtomic } from '../atomic-write.js';
import { sweepChart } from '../charts/sweep.js';
import type { ChartDef } from '../charts/spec-common.js';
import { renderCharts, type CapacitySource } from './capacity-page.js';
import { buildSweepHtml } from './sweep-html.js';

/** Writes sweep.csv, (with `charts`) the charts, and report.html into `outDir`; returns the paths written. */
export async function writeSweepReport(points: SweepPoint[], metrics: MetricDef[], outDir: string, src: CapacitySource, options: { charts: boolean; png: boolean }): Promise<string[]> {
  const { columns, rows } = sweepRows(points);
  const csvPath = join(outDir, 'sweep.csv');
  await writeFileAtomic(csvPath, stringify([columns, ...rows]));
  const written = [csvPath];
  const defs = options.charts ? metrics.map((m) => sweepChart(points, m)).filter((c): c is ChartDef => c !== null) : [];
  const rendered = await renderCharts(defs);
  for (const { def, svg } of rendered) {
    const stem = join(outDir, def.name);
    await writeFileAtomic(`${stem}.vl.json`, JSON.stringify(def.spec, null, 1) + '\n');
    await writeFileAtomic(`${stem}.svg`, svg);
    written.push(`${stem}.vl.json`, `${stem}.svg`);
    if (options.png) {
      const { renderPng } = await import('../render.js');
      await writeFileAtomic(`${stem}.png`, renderPng(svg));
      written.push(`${stem}.png`);
    }
  }
  const html = join(outDir, 'report.html');
  await writeFileAtomic(html, buildSweepHtml(points, metrics, src, rendered));
  written.push(html);
  return written;
}
