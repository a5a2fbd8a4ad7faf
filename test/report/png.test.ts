import { describe, expect, test } from '@jest/globals';
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
      throw new Error(`title area nearly empty (${titleInk} dark pixels): resvg found no font. Install Debian's fonts-dejavu-core (apt-get install -y fonts-dejavu-core).`);
    }
    const noText = rasterize(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), 1);
    expect(darkPixels(noText, 0, 0, Math.min(400, noText.width), 30)).toBe(0);
    expect(withText.png.equals(noText.png)).toBe(false);
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
