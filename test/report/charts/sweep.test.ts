/**
 * The two-value sweep heatmap (issue 19): its value labels were black on every cell, unreadable on the
 * dark ones. Each label now takes black or white, whichever contrasts more with its own cell — checked on
 * the rendered SVG with the WCAG contrast ratio (AA asks 4.5:1 for text; the better of black and white
 * always reaches at least 4.58:1, where the two are equal).
 */
import { describe, expect, test } from '@jest/globals';
import { parseMetric } from '../../../src/experiment/metrics.js';
import type { SweepPoint } from '../../../src/experiment/sweep.js';
import { sweepChart } from '../../../src/report/charts/sweep.js';
import { renderSvg } from '../../../src/report/render.js';
import { makeResults } from '../fixtures/make-results.js';

/** WCAG relative luminance of an sRGB colour given as "#rrggbb", "rgb(r, g, b)", "white" or "black". */
function luminance(color: string): number {
  const named: Record<string, [number, number, number]> = { white: [255, 255, 255], black: [0, 0, 0] };
  const rgb = named[color] ?? (color.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number]
    : (color.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number]));
  const [r, g, b] = rgb.map((c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/** Fills of the items of each mark group of one kind, in order (vega's SVG: `<g class="mark-rect role-mark …">`). */
function fills(svg: string, mark: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<g class="mark-${mark} role-mark[^"]*"[^>]*>`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    const body = svg.slice(m.index + m[0].length, svg.indexOf('</g>', m.index + m[0].length));
    for (const item of body.match(/<(path|text)\b[^>]*>/g) ?? []) out.push(/fill="([^"]+)"/.exec(item)?.[1] ?? 'black');
  }
  return out;
}

function grid(): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const [i, bandwidth] of ['10 Mbit/s', '50 Mbit/s', '200 Mbit/s'].entries()) {
    for (const [j, interval] of ['5 min', '15 min', '1 h'].entries()) {
      const r = makeResults({ vms: 10, strategies: 2 });
      // Totals from light to dark across the grid.
      r.strategies.forEach((s, k) => { s.cost.annualTotal = 100_000 * (1 + i * 3 + j) * (k + 1); });
      points.push({ assignments: [{ path: 'links.wan.bandwidth', value: bandwidth }, { path: 'strategies.async.interval', value: interval }], quantities: [null, null], strategies: r.strategies, currency: 'USD' });
    }
  }
  return points;
}

describe('sweep heatmap', () => {
  test('every value label is readable on its cell, dark or light', async () => {
    const metric = parseMetric('cost.annualTotal', { links: ['wan'], tiers: [1, 2] });
    const chart = sweepChart(grid(), metric)!;
    const svg = await renderSvg(chart.spec);
    const cells = fills(svg, 'rect');
    const labels = fills(svg, 'text');
    expect(cells.length).toBe(18);
    expect(labels.length).toBe(cells.length);
    const ratios = cells.map((cell, i) => contrast(cell, labels[i]!));
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
    // Both kinds of cell occur: white text on the dark ones, black on the light ones.
    expect(new Set(labels)).toEqual(new Set(['white', 'black']));
    // Values in plain digits ("1,400"), not exponent notation ("1.4e+3").
    expect(svg).toContain('>1,400<');
    expect(svg).not.toMatch(/>\d(\.\d+)?e\+\d</);
    // The colour legend's title whole (Vega cuts titles at 180 px: it read "Annual total (thousan…").
    expect(svg).toContain('>Annual total (thousand USD)<');
    expect(svg).not.toContain('…');
  });
});
