/**
 * What every chart shares: slide size, fonts, and one colour per strategy that stays the same in
 * every chart (the strategy's position in results.json picks it).
 */
import type { ResultsFile } from '../../models/results.js';
import { textWidthPixels } from '../text-width.js';
import { maxOf } from '../../sim/array-extremes.js';

/** A Vega-Lite spec as plain JSON. Specs are checked against the Vega-Lite JSON schema in the tests. */
export type VlSpec = Record<string, unknown>;

export interface ChartDef {
  /** File stem: charts/NAME.vl.json, .svg, .png. */
  name: string;
  /** Heading in the HTML report. */
  title: string;
  /** One or two sentences telling a reader what to look for. */
  caption: string;
  spec: VlSpec;
}

export const SLIDE_WIDTH = 800;
export const SLIDE_HEIGHT = 450;
export const FONT = 'DejaVu Sans';
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Tableau 10: distinguishable, colour-blind tolerable, prints on grey-scale with different lightness. */
const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];

/** Labels for strategies: their names, made unique with the id where two share a name. */
export function labelsOf(strategies: readonly { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of strategies) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  return new Map(strategies.map((s) => [s.id, (count.get(s.name) ?? 0) > 1 ? `${s.name} (${s.id})` : s.name]));
}

export function strategyLabels(results: ResultsFile): Map<string, string> {
  return labelsOf(results.strategies);
}

/** The colour of the strategy at `position` in its results (sweeps, sizings and plans use the same). */
export function colorAt(position: number): string {
  return PALETTE[Math.max(0, position) % PALETTE.length]!;
}

/** A colour scale for strategy labels listed in their results' order: the same colours in every chart of every report. */
export function strategyColorScale(labels: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...labels], range: labels.map((_, i) => colorAt(i)) };
}

/** The colour encoding for a `strategy` field holding strategy labels: same colours in every chart. */
export function strategyColor(results: ResultsFile, field = 'strategy', legend: Record<string, unknown> | null = { title: 'Strategy' }): Record<string, unknown> {
  return { field, type: 'nominal', scale: strategyColorScale([...strategyLabels(results).values()]), legend };
}

export function strategyColorOf(results: ResultsFile, id: string): string {
  return colorAt(results.strategies.findIndex((s) => s.id === id));
}

/** Readable at slide size and in print; DejaVu Sans so the PNG (resvg) and the browser agree. */
export const CONFIG = {
  font: FONT,
  background: 'white',
  padding: 12,
  title: { fontSize: 18, subtitleFontSize: 13, subtitleColor: '#444', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 8, labelLimit: 220 },
  legend: { labelFontSize: 12, titleFontSize: 13, symbolSize: 120, labelLimit: 260 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  view: { stroke: '#ddd' },
};

/** Splits text into lines of at most `maxChars`: ~100 characters of 13 px DejaVu Sans fit in a slide's 800 px. */
export function wrapText(text: string, maxChars = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The top level of every chart: schema, title, subtitle, config, description (for screen readers). */
export function topLevel(title: string, subtitle: string | string[], description: string): VlSpec {
  const lines = (Array.isArray(subtitle) ? subtitle : [subtitle]).flatMap((s) => wrapText(s));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: lines },
    description,
    config: CONFIG,
  };
}

/** Plot width that keeps the whole chart (y axis + plot + right-hand legend) near SLIDE_WIDTH. */
export function plotWidthBesideLegend(legendLabels: string[], yAxisPixels = 75): number {
  const longest = Math.max(0, maxOf(legendLabels.map((l) => textWidthPixels(l, CONFIG.legend.labelFontSize))));
  const legendPixels = Math.ceil(Math.min(longest, CONFIG.legend.labelLimit)) + 50;
  return Math.max(360, SLIDE_WIDTH - 2 * CONFIG.padding - yAxisPixels - legendPixels);
}
