/**
 * report.html in a real headless Chromium: it must render every chart offline, with no console
 * errors and no request leaving the machine. The browser comes from test/support/chromium.ts (the
 * build shipped in the npm package @sparticuz/chromium, so `npm ci` is all it needs); when none can be
 * found the test fails, it does not skip.
 */
import { describe, expect, test, beforeAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../../src/report/index.js';
import { buildReportHtml } from '../../src/report/html-report.js';
import { textWidthPixels } from '../../src/report/text-width.js';
import { formatMoney } from '../../src/models/units/format.js';
import { findChromium, openReport, pageErrors } from '../support/chromium.js';
import { makeResults } from './fixtures/make-results.js';

const SCREENSHOT_DIR = join(process.cwd(), 'test-output');

let htmlPath: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-html-'));
  await writeReport(makeResults(), dir, { formats: new Set(['html']) });
  htmlPath = join(dir, 'report.html');
});

describe('report.html', () => {
  test('an 80 km link\'s round trip reads in milliseconds, not "0 s"', () => {
    const r = makeResults({ vms: 12, strategies: 1 });
    r.scenario.links[0]!.rttSeconds = 0.0008; // 80 km at ~200,000 km/s in fibre, both ways
    expect(buildReportHtml(r, [])).toContain('round trip 0.8 ms');
  });

  test('the bill of materials: a table per strategy with the results\' lines and totals', () => {
    const r = makeResults({ vms: 12 });
    const html = buildReportHtml(r, []);
    const section = html.slice(html.indexOf('<section id="bom">'), html.indexOf('<section id="charts">'));
    const tables = section.split('<table class="bom">').slice(1);
    expect(tables.length).toBe(r.strategies.length);
    r.strategies.forEach((s, k) => {
      const bom = s.billOfMaterials!;
      const cells = (row: string) => [...row.matchAll(/<td[^>]*>(?:<span[^>]*><\/span>)?([^<]*)<\/td>/g)].map((m) => m[1]);
      const rows = tables[k]!.split('<tr').slice(2).map(cells);
      expect(rows.length).toBe(bom.lines.length + 1);
      expect(rows[rows.length - 1]!.slice(-2)).toEqual([formatMoney(bom.oneOffTotal, 'USD'), formatMoney(bom.perYearTotal, 'USD')]);
      bom.lines.forEach((l, i) => {
        if (l.perYear !== 0) expect(rows[i]![5]).toBe(formatMoney(l.perYear, 'USD'));
        expect(rows[i]![0]!.startsWith(l.item)).toBe(true);
      });
    });
  });

  test('is self-contained: no external scripts, styles or images', () => {
    const html = readFileSync(htmlPath, 'utf8');
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
    expect(markup).not.toMatch(/<script[^>]+src=/i);
    expect(markup).not.toMatch(/<link[^>]+href=/i);
    expect(markup).not.toMatch(/<img[^>]+src="(?!data:)/i);
    expect(markup).toMatch(/<img[^>]+src="data:image\/svg\+xml;base64,/);
    // Exactly one closing tag per script element: nothing inlined closed one early.
    expect((html.match(/<\/script>/gi) ?? []).length).toBe((html.match(/<script[\s>]/gi) ?? []).length);
  });

  test('renders every chart in headless Chromium, offline, without console errors', async () => {
    const { launch } = await findChromium();
    const browser = await chromium.launch(launch);
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors = pageErrors(page);
      const external: string[] = [];
      page.on('request', (r) => { if (!/^(file|data|blob|about):/.test(r.url())) external.push(r.url()); });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (/^(file|data|blob|about):/.test(url)) return route.continue();
        external.push(url);
        return route.abort();
      });
      await openReport(page, pathToFileURL(htmlPath).href);
      // Page-side code as strings: the project's tsconfig has no DOM types.
      const state = (await page.evaluate(`(() => {
        const figures = [...document.querySelectorAll('figure.chart')];
        return {
          errors: window.drsimReport.errors,
          figures: figures.length,
          rendered: figures.filter((f) => f.querySelector('.vega-target svg, .vega-target canvas') !== null).map((f) => f.id),
          marks: figures.map((f) => f.querySelectorAll('.vega-target svg .role-mark').length),
          verdicts: document.querySelectorAll('.verdict').length,
          summaryRows: document.querySelectorAll('table.summary tbody tr').length,
        };
      })()`)) as { errors: string[]; figures: number; rendered: string[]; marks: number[]; verdicts: number; summaryRows: number };
      expect(state.errors).toEqual([]);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      expect(state.figures).toBeGreaterThanOrEqual(6 + 2 * 4);
      expect(state.rendered).toHaveLength(state.figures);
      expect(state.marks.every((n) => n > 0)).toBe(true);
      expect(state.verdicts).toBe(4);
      expect(state.summaryRows).toBe(4);
      // The page's font is the real DejaVu Sans (bundled for the packaged browser), whose widths the
      // PNG layout uses: a fallback font would measure differently, and no font at all would measure 0.
      const sample = 'Recovery time objective 0123456789';
      const width = (await page.evaluate(`(() => {
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = '20px "DejaVu Sans"';
        return ctx.measureText(${JSON.stringify(sample)}).width;
      })()`)) as number;
      const expected = textWidthPixels(sample, 20);
      expect(Math.abs(width - expected) / expected).toBeLessThan(0.02);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
