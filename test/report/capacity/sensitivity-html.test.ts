/**
 * The sensitivity report from a real (small) run: tornado charts in the strategies' colours with the money
 * unit in the axis title, break-even charts with their crossings, the answer agreeing with the numbers, and
 * the page rendering in headless Chromium without errors or sideways overflow, on screen and on A4.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Evaluator } from '../../../src/experiment/evaluator.js';
import { prepareSensitivity, runSensitivity } from '../../../src/experiment/sensitivity.js';
import type { SensitivityResults } from '../../../src/models/results.js';
import { loadScenario } from '../../../src/models/scenario/loader.js';
import { formatMoney } from '../../../src/models/units/format.js';
import { sensitivityCharts, writeSensitivityReport } from '../../../src/report/capacity/sensitivity-report.js';
import { colorAt } from '../../../src/report/charts/spec-common.js';
import { tint } from '../../../src/report/charts/tornado.js';
import { PAGE_MARGIN_MM } from '../../../src/report/html-style.js';
import { findChromium, openReport, OVERFLOWING_ELEMENTS, pageErrors } from '../../support/chromium.js';
import { overlappingTexts, svgTexts } from '../../support/svg-text.js';
import { renderSvg } from '../../../src/report/render.js';

const FIXTURE = fileURLToPath(new URL('../../experiment/fixtures/sensitivity.yaml', import.meta.url));
let results: SensitivityResults;
let page: string;
let outDir: string;

beforeAll(async () => {
  const { scenario } = loadScenario(FIXTURE);
  const evaluator = new Evaluator({ workers: 1 });
  try {
    results = await runSensitivity(prepareSensitivity(scenario, { trials: 2 }), evaluator, FIXTURE);
  } finally {
    await evaluator.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'drsim-sensitivity-html-'));
  await writeSensitivityReport(results, dir, { scenarioName: scenario.name, scenarioFile: 'sensitivity.yaml', version: 'test', trials: 2, seed: 11 }, { charts: true, png: false });
  outDir = dir;
  page = join(dir, 'report.html');
}, 600_000);

const require = createRequire(import.meta.url);
const vegaLiteSchema = JSON.parse(readFileSync(join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json'), 'utf8')) as Record<string, unknown>;

describe('sensitivity charts', () => {
  test('every spec validates against the Vega-Lite JSON schema, and no two texts of a rendered chart overlap', async () => {
    const ajv = new (Ajv as unknown as typeof Ajv.default)({
      allErrors: false, strict: false,
      formats: { uri: (x: string) => /^[a-z][a-z0-9+.-]*:/i.test(x), 'uri-reference': () => true, 'color-hex': (x: string) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(x) },
    });
    const validate = ajv.compile(vegaLiteSchema);
    for (const c of sensitivityCharts(results)) {
      if (!validate(c.spec)) throw new Error(`${c.name}: ${ajv.errorsText(validate.errors)}`);
      expect([c.name, overlappingTexts(svgTexts(await renderSvg(c.spec)))]).toEqual([c.name, []]);
    }
  }, 300_000);

  test('a tornado per strategy: its colour (lighter at the low end), money unit and currency in the axis title, bars in swing order', () => {
    const charts = sensitivityCharts(results);
    results.strategies.forEach((s, i) => {
      const chart = charts.find((c) => c.name === `tornado-${s.id}`)!;
      const layer = (chart.spec['layer'] as Record<string, any>[])[0]!;
      expect(layer['encoding'].color.scale.range).toEqual([tint(colorAt(i)), colorAt(i)]);
      expect(layer['encoding'].x.title).toMatch(/^Annual total \((thousand |million )?USD a year\)$/);
      const order = layer['encoding'].y.sort as string[];
      expect(order).toHaveLength(s.bars.length);
      expect(order[0]).toMatch(new RegExp(`^${results.inputs.find((x) => x.input === s.bars[0]!.input)!.label}`));
      expect(JSON.stringify(chart.spec['title'])).toContain(formatMoney(s.base.annualTotal, 'USD'));
    });
  });

  test('break-even charts only for linear inputs with a crossing on the chart, the crossings drawn', () => {
    for (const c of sensitivityCharts(results).filter((x) => x.name.startsWith('break-even-'))) {
      const input = results.inputs.find((i) => `break-even-${i.input}` === c.name)!;
      expect(input.linear).toBe(true);
      const layers = c.spec['layer'] as Record<string, any>[];
      expect(layers.some((l) => l['mark'].type === 'rule')).toBe(true);
      expect(layers[0]!['encoding'].x.title).toContain(input.label);
    }
  });

  test('the answer names each strategy\'s biggest driver with its range of totals', () => {
    const html = readFileSync(page, 'utf8');
    for (const s of results.strategies) {
      const top = s.bars[0]!;
      if (top.swing === 0) continue;
      const label = results.inputs.find((i) => i.input === top.input)!.label.toLowerCase();
      expect(html).toContain(`Most sensitive to ${label}: ${formatMoney(Math.min(top.annualTotal.low, top.annualTotal.high), 'USD')} to ${formatMoney(Math.max(top.annualTotal.low, top.annualTotal.high), 'USD')} a year.`);
    }
  });
});

describe('sensitivity.xlsx', () => {
  test('a Sensitivity and a Break-even sheet, money as numbers (read back with exceljs), one row per strategy × input', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(outDir, 'sensitivity.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sensitivity', 'Break-even']);
    const ws = wb.getWorksheet('Sensitivity')!;
    // Row 1: the preamble; row 2: the header.
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(headers).toContain('Annual total at high (USD)');
    const at = (h: string) => headers.indexOf(h) + 1;
    const rows = results.strategies.flatMap((s) => s.bars.map((b) => ({ s, b })));
    expect(ws.rowCount).toBe(2 + rows.length);
    rows.forEach(({ s, b }, k) => {
      const row = ws.getRow(3 + k);
      expect(row.getCell(at('Strategy')).value).toBe(s.name);
      expect(row.getCell(at('Annual total at high (USD)')).value).toBe(b.annualTotal.high);
      expect(row.getCell(at('Swing (USD)')).value).toBe(b.swing);
    });
    expect(wb.getWorksheet('Break-even')!.rowCount).toBe(2 + results.breakEven.length);
  });
});

describe('sensitivity report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { launch } = await findChromium();
    browser = await chromium.launch(launch);
  });
  afterAll(async () => { await browser?.close(); });

  test('every chart renders, no errors, nothing wider than a 1,100 px screen or an A4 page', async () => {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    try {
      const errors = pageErrors(tab);
      await openReport(tab, pathToFileURL(page).href);
      const overflow = OVERFLOWING_ELEMENTS;
      const state = (await tab.evaluate(`({ errors: window.drsimReport.errors, figures: document.querySelectorAll('figure.chart').length,
        rendered: document.querySelectorAll('figure.chart.rendered').length })`)) as { errors: string[]; figures: number; rendered: number };
      expect(errors).toEqual([]);
      expect(state.errors).toEqual([]);
      expect(state.figures).toBeGreaterThanOrEqual(results.strategies.length);
      expect(state.rendered).toBe(state.figures);
      expect(await tab.evaluate(overflow)).toEqual([]);
      await tab.emulateMedia({ media: 'print' });
      await tab.setViewportSize({ width: Math.floor((210 - 2 * PAGE_MARGIN_MM.horizontal) * 96 / 25.4), height: 1000 });
      expect(await tab.evaluate(overflow)).toEqual([]);
    } finally {
      await tab.close();
    }
  }, 600_000);
});
