/**
 * The page every drsim report shares — `drsim run`'s report.html and the sweep, size and optimize
 * reports: one self-contained HTML file (vega bundles, specs and fallback SVGs inlined, no network), the
 * same stylesheet, headings, figures and scripts. Charts render interactively through vega-embed, with
 * the pre-rendered SVG shown until they do, when scripts are off, and always on paper.
 */
import type { ChartDef } from './charts/spec-common.js';
import { escapeJsonForScript, vegaBundles } from './html-bundles.js';
import { HTML_STYLE } from './html-style.js';

export interface RenderedChart { def: ChartDef; svg: string }

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A verdict card: a coloured edge (the strategy's colour), a name, the verdict in bold, then details. Text, not HTML. */
export interface Card { color: string; title: string; headline: string; body?: string; note?: string }

export function cardHtml(c: Card): string {
  return `<article class="verdict" style="border-left-color:${escapeHtml(c.color)}">
<h3>${escapeHtml(c.title)}</h3>
<p class="headline">${escapeHtml(c.headline)}</p>
${c.body ? `<p>${escapeHtml(c.body)}</p>\n` : ''}${c.note ? `<p class="muted">${escapeHtml(c.note)}</p>\n` : ''}</article>`;
}

/**
 * The figures: heading, interactive target, fallback SVG (sized as rendered, scaled down to fit a page), caption.
 * `firstIndex`: the first chart's place among all the page's charts (htmlPage's `charts`), when a page has several chart sections.
 */
export function chartsHtml(charts: RenderedChart[], firstIndex = 0): string {
  return charts.map((c, k) => {
    const i = firstIndex + k;
    const size = /^<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(c.svg);
    const dims = size ? ` width="${Math.round(Number(size[1]))}" height="${Math.round(Number(size[2]))}"` : '';
    return `<figure class="chart" id="chart-${escapeHtml(c.def.name)}" data-chart-index="${i}">
<h3>${escapeHtml(c.def.title)}</h3>
<div class="vega-target"></div>
<img class="fallback" alt="${escapeHtml(c.def.title)}"${dims} src="data:image/svg+xml;base64,${Buffer.from(c.svg).toString('base64')}">
<figcaption>${escapeHtml(c.def.caption)}</figcaption>
</figure>`;
  }).join('\n');
}

const INIT_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('drsim-specs').textContent);
  var state = { done: false, errors: [] };
  window.drsimReport = state;
  var figures = document.querySelectorAll('figure.chart');
  var jobs = Array.prototype.map.call(figures, function (fig) {
    var spec = specs[Number(fig.getAttribute('data-chart-index'))];
    var target = fig.querySelector('.vega-target');
    return vegaEmbed(target, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function () { fig.classList.add('rendered'); })
      .catch(function (err) { state.errors.push(fig.id + ': ' + err); fig.classList.add('failed'); });
  });
  Promise.all(jobs).then(function () { state.done = true; });
})();
`;

export interface PageParts {
  /** <title>. */
  title: string;
  /** The page's heading. */
  heading: string;
  /** Paragraphs under the heading, already HTML. */
  intro: string[];
  /** The <main> content, already HTML (sections; charts go where chartsHtml puts them). */
  main: string;
  charts: RenderedChart[];
  version: string;
}

export function htmlPage(p: PageParts): string {
  const bundles = p.charts.length > 0 ? vegaBundles().map((code) => `<script>${code}</script>`).join('\n') : '';
  const scripts = p.charts.length > 0
    ? `${bundles}\n<script type="application/json" id="drsim-specs">${escapeJsonForScript(p.charts.map((c) => c.def.spec))}</script>\n<script>${INIT_SCRIPT}</script>`
    : '<script>window.drsimReport = { done: true, errors: [] };</script>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="drsim ${escapeHtml(p.version)}">
<title>${escapeHtml(p.title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(p.heading)}</h1>
${p.intro.map((x) => `<p>${x}</p>`).join('\n')}
</header>
<main>
${p.main}
</main>
${scripts}
</body>
</html>
`;
}
