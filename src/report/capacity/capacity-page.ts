/**
 * What the sweep, size and optimize reports share: their charts rendered to SVG for the page (the same
 * renderer and page shell as report.html, html-page.ts) and a line saying where the numbers come from.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { ChartDef } from '../charts/spec-common.js';
import { escapeHtml, type RenderedChart } from '../html-page.js';

/** Where a capacity report's numbers come from. */
export interface CapacitySource {
  scenarioName: string;
  scenarioFile: string;
  version: string;
  trials: number;
  seed: number;
}

export async function renderCharts(defs: ChartDef[]): Promise<RenderedChart[]> {
  if (defs.length === 0) return [];
  // Vega, Vega-Lite and resvg take ~0.3 s to load: only when there is a chart to draw.
  const { renderSvg } = await import('../render.js');
  const out: RenderedChart[] = [];
  for (const def of defs) out.push({ def, svg: await renderSvg(def.spec) });
  return out;
}

/**
 * Writes each rendered chart as DIR/<name>.vl.json and .svg (and .png with `png`), stopping at `signal`;
 * returns the paths written, in order.
 */
export async function writeChartFiles(rendered: RenderedChart[], outDir: string, png: boolean, signal?: AbortSignal): Promise<string[]> {
  const written: string[] = [];
  for (const { def, svg } of rendered) {
    signal?.throwIfAborted();
    const stem = join(outDir, def.name);
    await writeFileAtomic(`${stem}.vl.json`, JSON.stringify(def.spec, null, 1) + '\n');
    await writeFileAtomic(`${stem}.svg`, svg);
    written.push(`${stem}.vl.json`, `${stem}.svg`);
    if (png) {
      const { renderPng } = await import('../render.js');
      await writeFileAtomic(`${stem}.png`, renderPng(svg));
      written.push(`${stem}.png`);
    }
  }
  return written;
}

/** The muted line under a capacity report's heading, as HTML. */
export function sourceLine(src: CapacitySource, what: string): string {
  return `<span class="muted">From ${escapeHtml(src.scenarioFile)}: ${escapeHtml(what)}, ${src.trials} trials each (seed ${src.seed}), by drsim ${escapeHtml(src.version)}.</span>`;
}

/** Renders `defs`, builds the page around them and writes DIR/report.html; returns its path. */
export async function writeCapacityHtml(outDir: string, defs: ChartDef[], page: (charts: RenderedChart[]) => string): Promise<string> {
  const path = join(outDir, 'report.html');
  await writeFileAtomic(path, page(await renderCharts(defs)));
  return path;
}
