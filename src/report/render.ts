/**
 * Chart rendering without a browser: Vega-Lite → Vega → SVG string (vega's headless 'none'
 * renderer), and SVG → PNG with resvg. resvg drops every glyph when it finds no font, so it is given
 * DejaVu Sans from an npm package (the font text-width.ts was measured with) rather than relying on
 * the machine's fonts.
 */
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { DEJAVU_SANS_FILES } from './bundled-fonts.js';
import { FONT, type VlSpec } from './charts/spec-common.js';
import { textWidthPixels } from './text-width.js';

interface TextItem { fontSize?: number; fontWeight?: unknown }

// Replace vega's headless width guess (0.8 em per character) with DejaVu Sans metrics, once, for
// every chart rendered in this process. Only Node rendering is affected; browsers measure with canvas.
type WidthFn = (item: TextItem, text: unknown) => number;
const metrics = (vega as unknown as { textMetrics: { width: WidthFn; estimateWidth: WidthFn } }).textMetrics;
if (metrics.width === metrics.estimateWidth) {
  metrics.width = (item, text) => textWidthPixels(text == null ? '' : String(text), item.fontSize ?? 11, item.fontWeight);
}

export async function renderSvg(spec: VlSpec): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Raster { width: number; height: number; /** RGBA, row-major. */ pixels: Buffer; png: Buffer }

function resvgOptions(scale: number): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    // resvg-js loads fontFiles before system fonts and the first matching face wins, so DejaVu Sans
    // always comes from the bundled files; system fonts only supply glyphs DejaVu lacks (CJK, say).
    font: { fontFiles: [...DEJAVU_SANS_FILES], loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT },
  };
}

/** Rasterizes an SVG at `scale` × its size (2× keeps slides sharp on high-DPI projectors). */
export function rasterize(svg: string, scale = 2): Raster {
  const image = new Resvg(svg, resvgOptions(scale)).render();
  return { width: image.width, height: image.height, pixels: image.pixels, png: image.asPng() };
}

export function renderPng(svg: string, scale = 2): Buffer {
  return rasterize(svg, scale).png;
}

/**
 * renderPng's bytes, with text layout and rasterizing on libuv's thread pool: several charts render at
 * once, and alongside the main thread (only the PNG encoding runs on it).
 */
export async function renderPngAsync(svg: string, scale = 2): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions(scale))).asPng();
}
