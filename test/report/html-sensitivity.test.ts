/**
 * A run report with a sensitivity section (`drsim run --sensitivity`), in headless Chromium and in the
 * workbook: the section and a live tornado per strategy (each figure drawing its own spec, after the run's
 * charts), nothing wider than the screen or an A4 page, the printed page count sane; report.xlsx with the
 * Sensitivity and Break-even sheets holding the section's numbers as numbers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Evaluator } from '../../src/experiment/evaluator.js';
import { prepareSensitivity, runSensitivity } from '../../src/experiment/sensitivity.js';
import { withSensitivity, type ResultsFile } from '../../src/models/results.js';
import { loadScenario } from '../../src/models/scenario/loader.js';
import { buildCharts, writeReport } from '../../src/report/index.js';
import { sensitivityCharts } from '../../src/report/capacity/sensitivity-report.js';
import { PAGE_MARGIN_MM } from '../../src/report/html-style.js';
import { findChromium, openReport } from '../support/chromium.js';
import { makeResults } from './fixtures/make-results.js';

const FIXTURE = fileURLToPath(new URL('../experiment/fixtures/sensitivity.yaml', import.meta.url));
const PX_PER_MM = 96 / 25.4;
const A4 = { widthMm: 210, heightMm: 297 };

let results: ResultsFile;
let dir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const { scenario } = loadScenario(FIXTURE);
  const evaluator = new Evaluator({ workers: 1 });
  try {
    // The run's own part is the report fixture: the section stands on its own numbers.
    results = withSensitivity(makeResults(), await runSensitivity(prepareSensitivity(scenario, { trials: 2 }), evaluator, FIXTURE));
  } finally {
    await evaluator.close();
  }
  dir = mkdtempSync(join(tmpdir(), 'drsim-run-sensitivity-report-'));
  await writeReport(results, dir, { formats: new Set(['xlsx', 'html']) });
  browser = await chromium.launch((await findChromium()).launch);
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await openReport(page, pathToFileURL(join(dir, 'report.html')).href);
}, 600_000);
afterAll(async () => { await browser?.close(); });

// Page-side code as a string: the project's tsconfig has no DOM types.
const MEASURE = `(() => {
  const vw = document.documentElement.clientWidth;
  const overflowing = [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const scrolls = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
    return r.right > vw + 1 || scrolls;
  }).map((e) => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
  const visible = (e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
  const section = document.querySelector('section#sensitivity');
  return {
    viewport: vw,
    documentWidth: document.documentElement.scrollWidth,
    documentHeight: document.documentElement.scrollHeight,
    overflowing: overflowing.slice(0, 10),
    errors: window.drsimReport.errors,
    figures: document.querySelectorAll('figure.chart').length,
    live: [...document.querySelectorAll('figure.chart .vega-target')].filter(visible).length,
    fallback: [...document.querySelectorAll('figure.chart img.fallback')].filter(visible).length,
    tornados: [...section.querySelectorAll('figure.chart[id^="chart-tornado-"]')].map((f) => ({
      id: f.id, rendered: f.classList.contains('rendered'), text: f.querySelector('.vega-target').textContent,
    })),
    headings: [...document.querySelectorAll('main h2, body h2')].map((h) => h.textContent),
    breakEvenTables: section.querySelectorAll('table.break-even').length,
  };
})()`;

interface Measured {
  viewport: number; documentWidth: number; documentHeight: number; overflowing: string[]; errors: string[];
  figures: number; live: number; fallback: number; tornados: { id: string; rendered: boolean; text: string }[]; headings: string[]; breakEvenTables: number;
}

async function measure(width: number, media: 'screen' | 'print'): Promise<Measured> {
  await page.emulateMedia({ media });
  await page.setViewportSize({ width, height: 1000 });
  return (await page.evaluate(MEASURE)) as Measured;
}

describe('report.html with a sensitivity section', () => {
  test('on a 1,100 px screen: the section after the charts, a live tornado per strategy drawing its own strategy, no sideways scrolling', async () => {
    const m = await measure(1100, 'screen');
    expect(m.errors).toEqual([]);
    expect(m.headings.indexOf('What drives the answer')).toBe(m.headings.indexOf('Charts') + 1);
    const s = results.sensitivity!;
    expect(m.tornados.map((t) => t.id)).toEqual(s.strategies.map((x) => `chart-tornado-${x.id}`));
    // Each figure's live chart is its own spec (the index runs on after the run's charts): its title names its strategy.
    m.tornados.forEach((t, i) => {
      expect(t.rendered).toBe(true);
      expect(t.text).toContain(s.strategies[i]!.name);
    });
    expect(m.figures).toBe(buildCharts(results).length + sensitivityCharts(s).length);
    expect(m.breakEvenTables).toBe(s.breakEven.length > 0 ? 1 : 0);
    expect(m.live).toBe(m.figures);
    expect(m.overflowing).toEqual([]);
    expect(m.documentWidth).toBeLessThanOrEqual(m.viewport);
  });

  test('printed on A4: nothing wider than the page, every chart as its still image, sane page count', async () => {
    const width = Math.floor((A4.widthMm - 2 * PAGE_MARGIN_MM.horizontal) * PX_PER_MM);
    const height = Math.floor((A4.heightMm - 2 * PAGE_MARGIN_MM.vertical) * PX_PER_MM);
    const m = await measure(width, 'print');
    expect(m.overflowing).toEqual([]);
    expect(m.documentWidth).toBeLessThanOrEqual(width);
    expect(m.live).toBe(0);
    expect(m.fallback).toBe(m.figures);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    // As html-print.test.ts: at least the laid-out height over a page, at most a page more per (unsplittable) figure and one for tables.
    const least = Math.ceil(m.documentHeight / height);
    expect(pages).toBeGreaterThanOrEqual(least);
    expect(pages).toBeLessThanOrEqual(least + m.figures + 1);
  }, 240_000);
});

describe('report.xlsx with a sensitivity section', () => {
  test('Sensitivity and Break-even sheets after the costs, a row per strategy × input and per crossing, money as numbers equal to the section\'s', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'report.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(names.indexOf('Costs by part') + 1, names.indexOf('Costs by part') + 3)).toEqual(['Sensitivity', 'Break-even']);
    const s = results.sensitivity!;
    const sheet = wb.getWorksheet('Sensitivity')!;
    const headerRow = [...Array(sheet.rowCount).keys()].map((k) => k + 1).find((r) => sheet.getRow(r).getCell(1).value === 'Strategy')!;
    const header = (sheet.getRow(headerRow).values as unknown[]).map(String);
    const col = (h: string) => header.indexOf(h);
    const rows = [...Array(sheet.rowCount - headerRow).keys()].map((k) => sheet.getRow(headerRow + 1 + k));
    const bars = s.strategies.flatMap((x) => x.bars.map((b) => ({ strategy: x.name, b })));
    expect(rows).toHaveLength(bars.length);
    rows.forEach((row, k) => {
      const low = row.getCell(col('Annual total at low (USD)')).value;
      const high = row.getCell(col('Annual total at high (USD)')).value;
      expect([row.getCell(1).value, typeof low, typeof high]).toEqual([bars[k]!.strategy, 'number', 'number']);
      expect([low, high]).toEqual([bars[k]!.b.annualTotal.low, bars[k]!.b.annualTotal.high]);
      expect(row.getCell(col('Swing (USD)')).value).toBe(bars[k]!.b.swing);
    });
    const be = wb.getWorksheet('Break-even')!;
    const beHeader = [...Array(be.rowCount).keys()].map((k) => k + 1).find((r) => be.getRow(r).getCell(1).value === 'Input')!;
    expect(Math.max(0, be.rowCount - beHeader)).toBe(s.breakEven.length);
  });

  test('without the section the workbook has neither sheet', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'drsim-run-no-sensitivity-'));
    await writeReport(makeResults(), plain, { formats: new Set(['xlsx']) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(plain, 'report.xlsx'));
    expect(wb.worksheets.map((w) => w.name).filter((n) => n === 'Sensitivity' || n === 'Break-even')).toEqual([]);
  });
});
