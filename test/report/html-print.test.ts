/**
 * report.html on screen and on paper, in headless Chromium: nothing runs off the side (no horizontal
 * scrolling on a 1,100 px screen, nothing wider than the printable width of A4 or Letter portrait),
 * the summary's total and verdict columns are in view, the interactive parts are hidden in print, and
 * the PDF has a sane number of pages, and the bill of materials (a table per strategy) fits too. Two estates: the four-strategy fixture and one with eight
 * strategies, whose per-strategy tables must split into blocks.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ResultsFile } from '../../src/models/results.js';
import { writeReport } from '../../src/report/index.js';
import { PAGE_MARGIN_MM } from '../../src/report/html-style.js';
import { findChromium, openReport } from '../support/chromium.js';
import { makeResults } from './fixtures/make-results.js';

const PX_PER_MM = 96 / 25.4;
const PAPER = {
  A4: { widthMm: 210, heightMm: 297 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
} as const;
type Paper = keyof typeof PAPER;

/** CSS pixels available inside the page margins. */
function printable(paper: Paper): { width: number; height: number } {
  const p = PAPER[paper];
  return {
    width: Math.floor((p.widthMm - 2 * PAGE_MARGIN_MM.horizontal) * PX_PER_MM),
    height: Math.floor((p.heightMm - 2 * PAGE_MARGIN_MM.vertical) * PX_PER_MM),
  };
}

/** Eight strategies: the fixture's four and a dearer twin of each (same results, another name). */
function eightStrategies(): ResultsFile {
  const r = makeResults({ vms: 60, trials: 20 });
  const twins = r.strategies.map((s) => ({ ...s, id: `${s.id}-premium`, name: `${s.name} (premium support)` }));
  return { ...r, strategies: [...r.strategies, ...twins] };
}

async function reportFor(results: ResultsFile): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-print-'));
  await writeReport(results, dir, { formats: new Set(['html']) });
  return pathToFileURL(join(dir, 'report.html')).href;
}

interface Layout {
  viewport: number;
  documentWidth: number;
  /** Elements whose right edge lies beyond the viewport, or that scroll sideways. */
  overflowing: string[];
  /** Right edges of the summary table's total and verdict headers. */
  totalRight: number;
  verdictRight: number;
  summaryTables: number;
  perStrategyTables: number;
  /** Figures whose live (interactive) chart is visible. */
  liveCharts: number;
  fallbackCharts: number;
  documentHeight: number;
  figures: number;
  /** The bill of materials: its tables, the right edge of the widest, and how many end with a totals row. */
  bomTables: number;
  bomRight: number;
  bomTotals: number;
}

// Page-side code as a string: the project's tsconfig has no DOM types.
const MEASURE = `(() => {
  const vw = document.documentElement.clientWidth;
  const overflowing = [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const scrolls = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
    return r.right > vw + 1 || scrolls;
  }).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
  const th = (text) => [...document.querySelectorAll('table.summary th')].find((h) => h.textContent.startsWith(text));
  const visible = (e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
  return {
    viewport: vw,
    documentWidth: document.documentElement.scrollWidth,
    overflowing: overflowing.slice(0, 10),
    totalRight: th('Total/yr').getBoundingClientRect().right,
    verdictRight: th('Verdict').getBoundingClientRect().right,
    summaryTables: document.querySelectorAll('table.summary').length,
    perStrategyTables: document.querySelectorAll('table.tiers, table.services, table.penalties').length,
    liveCharts: [...document.querySelectorAll('figure.chart .vega-target')].filter(visible).length,
    fallbackCharts: [...document.querySelectorAll('figure.chart img.fallback')].filter(visible).length,
    documentHeight: document.documentElement.scrollHeight,
    figures: document.querySelectorAll('figure.chart').length,
    bomTables: document.querySelectorAll('#bom table.bom').length,
    bomRight: Math.max(0, ...[...document.querySelectorAll('#bom table.bom')].map((t) => t.getBoundingClientRect().right)),
    bomTotals: [...document.querySelectorAll('#bom table.bom')].filter((t) => t.querySelector('tbody tr:last-child')?.classList.contains('total')).length,
  };
})()`;

async function layout(page: Page, width: number, media: 'screen' | 'print'): Promise<Layout> {
  await page.emulateMedia({ media });
  await page.setViewportSize({ width, height: 1000 });
  return (await page.evaluate(MEASURE)) as Layout;
}

function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

let browser: Browser;
beforeAll(async () => {
  const { launch } = await findChromium();
  browser = await chromium.launch(launch);
});
afterAll(async () => { await browser?.close(); });

describe.each([
  ['four strategies', () => makeResults(), 4],
  ['eight strategies', eightStrategies, 8],
] as const)('report.html with %s', (_, build, strategies) => {
  let page: Page;
  beforeAll(async () => {
    const url = await reportFor(build());
    page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await openReport(page, url);
  });
  afterAll(async () => { await page?.close(); });

  test('on a 1,100 px screen: no sideways scrolling, total and verdict in view, charts live', async () => {
    const l = await layout(page, 1100, 'screen');
    expect(l.overflowing).toEqual([]);
    expect(l.documentWidth).toBeLessThanOrEqual(l.viewport);
    expect(l.totalRight).toBeLessThanOrEqual(l.viewport);
    expect(l.verdictRight).toBeLessThanOrEqual(l.viewport);
    expect(l.summaryTables).toBe(1);
    expect(l.liveCharts).toBe(l.figures);
    // A bill of materials per strategy, each ending with its totals, within the screen.
    expect([l.bomTables, l.bomTotals]).toEqual([strategies, strategies]);
    expect(l.bomRight).toBeLessThanOrEqual(l.viewport);
  });

  test.each(['A4', 'Letter'] as const)('printed on %s: nothing wider than the page, interactive charts hidden, sane page count', async (paper) => {
    const area = printable(paper);
    const l = await layout(page, area.width, 'print');
    expect(l.overflowing).toEqual([]);
    expect(l.documentWidth).toBeLessThanOrEqual(area.width);
    expect(l.totalRight).toBeLessThanOrEqual(area.width);
    expect(l.verdictRight).toBeLessThanOrEqual(area.width);
    expect(l.liveCharts).toBe(0);
    expect(l.fallbackCharts).toBe(l.figures);
    // The bills of materials wrap their item text to fit the page.
    expect([l.bomTables, l.bomTotals]).toEqual([strategies, strategies]);
    expect(l.bomRight).toBeLessThanOrEqual(area.width);
    // Eight strategies do not fit side by side in ~700 px: the per-strategy tables split into blocks.
    if (strategies === 8) expect(l.perStrategyTables).toBeGreaterThan(3);

    const pdf = await page.pdf({ format: paper, printBackground: true });
    const pages = pdfPageCount(pdf);
    // At least the laid-out height over the page's height; at most that plus a page per figure (a figure
    // is kept whole, so each can push at most one page break) and one for the tables' blocks.
    const least = Math.ceil(l.documentHeight / area.height);
    expect(pages).toBeGreaterThanOrEqual(least);
    expect(pages).toBeLessThanOrEqual(least + l.figures + 1);
  });
});
