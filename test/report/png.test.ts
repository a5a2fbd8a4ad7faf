import { describe, expect, test } from '@jest/globals';
import { Resvg } from '@resvg/resvg-js';
import { DEJAVU_SANS_FILES } from '../../src/report/bundled-fonts.js';
import { FONT } from '../../src/report/charts/spec-common.js';
import { buildCharts } from '../../src/report/index.js';
import { rasterize, renderPng, renderPngAsync, renderSvg } from '../../src/report/render.js';
import { makeResults } from './fixtures/make-results.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Pixels darker than light grey in a rectangle: text and lines; 0 on an empty white area. */
function darkPixels(r: { width: number; pixels: Buffer }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * r.width + x) * 4;
      if (r.pixels[i]! + r.pixels[i + 1]! + r.pixels[i + 2]! < 3 * 160) n++;
    }
  }
  return n;
}

describe('PNG charts', () => {
  test('decodable PNG at twice the SVG size', async () => {
    const chart = buildCharts(makeResults())[0]!;
    const svg = await renderSvg(chart.spec);
    const png = renderPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    const svgW = Number(/width="(\d+)"/.exec(svg)![1]);
    const svgH = Number(/height="(\d+)"/.exec(svg)![1]);
    expect([w, h]).toEqual([2 * svgW, 2 * svgH]);
  });

  test('text is drawn (fonts found): the title area has ink, and removing the text changes the image', async () => {
    const chart = buildCharts(makeResults()).find((c) => c.name === 'rpo-cdf')!;
    const svg = await renderSvg(chart.spec);
    const withText = rasterize(svg, 1);
    // The title sits in the top-left ~30 px band, above the plot.
    const titleInk = darkPixels(withText, 0, 0, Math.min(400, withText.width), 30);
    if (titleInk < 200) {
      throw new Error(`title area nearly empty (${titleInk} dark pixels): resvg found no font (the bundled DejaVu Sans from the npm package dejavu-fonts-ttf should be used).`);
    }
    const noText = rasterize(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), 1);
    expect(darkPixels(noText, 0, 0, Math.min(400, noText.width), 30)).toBe(0);
    expect(withText.png.equals(noText.png)).toBe(false);
  });

  test('text comes from the bundled DejaVu Sans alone: the same image with system fonts off, and none without it', async () => {
    const chart = buildCharts(makeResults()).find((c) => c.name === 'rpo-cdf')!;
    const svg = await renderSvg(chart.spec);
    // What a machine with no fonts at all would draw: resvg sees only the files given to it.
    const only = (fontFiles: string[]) => new Resvg(svg, { background: 'white', font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT } }).render();
    const bundled = only([...DEJAVU_SANS_FILES]);
    const bundledPixels = bundled.pixels; // a getter that copies the whole image: read it once
    expect(darkPixels({ width: bundled.width, pixels: bundledPixels }, 0, 0, Math.min(400, bundled.width), 30)).toBeGreaterThan(200);
    // The product's rendering (bundled files plus system fonts) is that very image.
    expect(bundled.asPng().equals(rasterize(svg, 1).png)).toBe(true);
    // Control: with no font at all the title vanishes, so the check above can fail.
    const none = only([]);
    expect(darkPixels({ width: none.width, pixels: none.pixels }, 0, 0, Math.min(400, none.width), 30)).toBe(0);
  });
});

describe('renderPngAsync', () => {
  test('gives renderPng\'s bytes, also with several charts at once', async () => {
    const charts = buildCharts(makeResults({ strategies: 2 })).slice(0, 3);
    const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec)));
    const together = await Promise.all(svgs.map((svg) => renderPngAsync(svg)));
    svgs.forEach((svg, i) => expect(together[i]!.equals(renderPng(svg))).toBe(true));
    expect((await renderPngAsync(svgs[0]!, 1)).equals(renderPng(svgs[0]!, 1))).toBe(true);
  });
});
