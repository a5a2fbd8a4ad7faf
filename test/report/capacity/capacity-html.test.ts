/**
 * The sweep, size and optimize reports, built from real (small) runs of the test estates: the answer
 * comes first and agrees with the numbers it summarizes, the charts carry what a reader needs (titles in
 * words, units with currency, the target, unsustainable points marked, the strategies' colours of the run
 * report), and each page renders in headless Chromium without errors or sideways overflow, on screen and
 * on A4.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { Evaluator } from '../../../src/experiment/evaluator.js';
import { trialRange } from '../../../src/experiment/evaluator.js';
import { parseMetric, type MetricDef } from '../../../src/experiment/metrics.js';
import { optimize, type OptimizeResult } from '../../../src/experiment/optimize.js';
import { parseSetOption, ScenarioDocument } from '../../../src/experiment/scenario-overrides.js';
import { size, type SizingResult } from '../../../src/experiment/size.js';
import { prepareSweep, runSweep, type SweepPoint } from '../../../src/experiment/sweep.js';
import { parseTarget, type Target } from '../../../src/experiment/targets.js';
import type { ResultsFile } from '../../../src/models/results.js';
import { formatMoney } from '../../../src/models/units/format.js';
import { writeCapacityHtml, type CapacitySource } from '../../../src/report/capacity/capacity-page.js';
import { buildOptimizeHtml } from '../../../src/report/capacity/optimize-html.js';
import { buildSizingHtml } from '../../../src/report/capacity/sizing-html.js';
import { writeSweepReport } from '../../../src/report/capacity/sweep-report.js';
import { buildCharts } from '../../../src/report/charts/index.js';
import { optimizeCharts } from '../../../src/report/charts/optimize.js';
import { sizingCharts } from '../../../src/report/charts/sizing.js';
import { sweepChart } from '../../../src/report/charts/sweep.js';
import { renderSvg } from '../../../src/report/render.js';
import { PAGE_MARGIN_MM } from '../../../src/report/html-style.js';
import { findChromium, openReport, OVERFLOWING_ELEMENTS, pageErrors } from '../../support/chromium.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../experiment/fixtures/${name}`, import.meta.url));
const SMALL = fixture('small-estate.yaml');
const CLOSED_FORM = fixture('closed-form.yaml');
const ctx = { links: ['wan'], tiers: [1, 2], currency: 'USD' };

let points: SweepPoint[];
let run: ResultsFile;
let sizing: SizingResult;
let sizingTargets: Target[];
let plan: OptimizeResult;
const pages: Record<'sweep' | 'size' | 'optimize', string> = { sweep: '', size: '', optimize: '' };
const metric = (id: string): MetricDef => parseMetric(id, ctx);
const source = (name: string, trials: number, seed: number): CapacitySource => ({ scenarioName: name, scenarioFile: `${name}.yaml`, version: 'test', trials, seed });

beforeAll(async () => {
  const evaluator = new Evaluator({ workers: 1 });
  try {
    const doc = ScenarioDocument.fromFile(SMALL);
    // 10 Mbit/s is too little for CDP's every-write stream: some points are not sustainable.
    const prepared = prepareSweep(doc, [parseSetOption('links.wan.bandwidth=10 Mbit/s,50 Mbit/s,200 Mbit/s')], { trials: 4 });
    points = await runSweep(prepared, evaluator, SMALL);
    // The run report of the same estate, for its colours.
    const { scenario } = doc.load([]);
    scenario.simulation.trials = 2;
    run = (await evaluator.evaluate(scenario, trialRange(2), SMALL)).results;

    sizingTargets = [parseTarget('rpo.mean <= 19.5 min', { links: ['wan'], tiers: [1], currency: 'USD' })];
    sizing = await size({ doc: ScenarioDocument.fromFile(CLOSED_FORM), path: 'links.wan.bandwidth', targets: sizingTargets, min: '2 Mbit/s', max: '200 Mbit/s', strategies: [], fixed: [], trials: 20, tolerance: 0.05, file: CLOSED_FORM }, evaluator);

    plan = await optimize({ doc, fixed: [], groupBy: 'tier', budget: null, required: 0.95, trials: 4, confirmTrials: 4, maxExhaustive: 128, file: SMALL }, evaluator);
  } finally {
    await evaluator.close();
  }
  const sweepDir = mkdtempSync(join(tmpdir(), 'drsim-sweep-html-'));
  await writeSweepReport(points, [metric('tier1.rpo.p95'), metric('cost.annualTotal')], sweepDir, source('small-estate', 4, 11), { charts: true, png: false });
  pages.sweep = join(sweepDir, 'report.html');
  const closedNames = ScenarioDocument.fromFile(CLOSED_FORM).load([]).scenario.strategies.map((s) => s.name);
  pages.size = await writeCapacityHtml(mkdtempSync(join(tmpdir(), 'drsim-size-html-')), sizingCharts(sizing, sizingTargets, 'USD', closedNames),
    (charts) => buildSizingHtml(sizing, sizingTargets, 'USD', closedNames, source('closed-form', 20, 1), charts));
  const smallNames = run.strategies.map((s) => s.name);
  pages.optimize = await writeCapacityHtml(mkdtempSync(join(tmpdir(), 'drsim-optimize-html-')), optimizeCharts(plan, smallNames),
    (charts) => buildOptimizeHtml(plan, null, smallNames, source('small-estate', 4, 11), charts));
}, 240_000);

/** The colour each strategy has in the run report's charts (its CDF's colour scale). */
function runColours(): Map<string, string> {
  const cdf = buildCharts(run).find((c) => c.name === 'rpo-cdf')!;
  const scale = (cdf.spec as { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] }).layer[0]!.encoding.color.scale;
  return new Map(scale.domain.map((d, i) => [d, scale.range[i]!]));
}

describe('sweep report', () => {
  test('the answer names the cheapest strategy and value meeting every target, or says none does', () => {
    const html = readFileSync(pages.sweep, 'utf8');
    let best: { strategy: string; value: string; total: number } | null = null;
    for (const p of points) {
      for (const s of p.strategies) {
        if (s.verdict.status === 'meets' && (best === null || s.cost.annualTotal < best.total)) best = { strategy: s.name, value: String(p.assignments[0]!.value), total: s.cost.annualTotal };
      }
    }
    const answer = html.slice(html.indexOf('id="answer"'), html.indexOf('id="charts"'));
    if (best === null) expect(answer).toContain('No strategy meets every target anywhere in the sweep');
    else expect(answer).toContain(`${best.strategy} with bandwidth of link wan at ${best.value}, ${formatMoney(best.total, 'USD')} a year`);
    // A card per strategy, before the charts.
    for (const s of points[0]!.strategies) expect(answer).toContain(`<h3>${s.name}</h3>`);
  });

  test('charts: titled in words, the cost axis in the currency, the tier target drawn, unsustainable points marked, the run report\'s colours', async () => {
    const cost = sweepChart(points, metric('cost.annualTotal'))!;
    const rpo = sweepChart(points, metric('tier1.rpo.p95'))!;
    for (const c of [cost, rpo]) expect(c.title).not.toContain('links.wan.bandwidth');
    expect(cost.title).toBe('Annual total against bandwidth of link wan');
    const costSvg = await renderSvg(cost.spec);
    expect(costSvg).toMatch(/thousand USD|>USD/);
    // Tier 1's RPO target (15 min) as a dashed rule with its label; none on the cost chart.
    const rpoSvg = await renderSvg(rpo.spec);
    expect(rpoSvg).toContain('RPO target of tier 1: 15 min');
    expect(rpoSvg).toMatch(/<g class="mark-rule role-mark/);
    expect(costSvg).not.toMatch(/<g class="mark-rule role-mark/);
    const unsustainable = points.flatMap((p) => p.strategies).filter((s) => !s.summary.sustainable.sustainable).length;
    expect(unsustainable).toBeGreaterThan(0);
    const drawn = (cost.spec as { layer: { data: { values: { state: string }[] } }[] }).layer[1]!.data.values;
    expect(drawn.filter((d) => d.state === 'not sustainable')).toHaveLength(unsustainable);
    // ...drawn as crosses, which the legend explains.
    expect(JSON.stringify(cost.spec)).toContain('"range":["circle","cross"]');
    expect(costSvg).toContain('>not sustainable<');
    // Same colours as the run report, strategy by strategy.
    const colours = runColours();
    const scale = (cost.spec as { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] }).layer[0]!.encoding.color.scale;
    scale.domain.forEach((name, i) => expect(scale.range[i]).toBe(colours.get(name)));
  });
});

describe('size report', () => {
  test('the answer per strategy comes first, with the value found', () => {
    const html = readFileSync(pages.size, 'utf8');
    const answer = html.slice(html.indexOf('id="answer"'), html.indexOf('id="charts"'));
    for (const s of sizing.strategies) {
      expect(s.outcome).toBe('found');
      expect(answer).toContain(`${s.strategy}: ${s.answer!.text}`);
    }
  });

  test('a chart per target with the target line, every probe drawn, the legend listing only the strategies sized', async () => {
    const names = ScenarioDocument.fromFile(CLOSED_FORM).load([]).scenario.strategies.map((s) => s.name);
    const charts = sizingCharts(sizing, sizingTargets, 'USD', names);
    expect(charts).toHaveLength(sizingTargets.length);
    const svg = await renderSvg(charts[0]!.spec);
    expect(svg).toContain('target: rpo.mean &lt;= 19.5 min');
    const probes = sizing.strategies.reduce((n, s) => n + s.trace.length, 0);
    expect(probes).toBe(sizing.strategies.reduce((n, s) => n + s.probes, 0));
    const symbols = [...svg.matchAll(/<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)].reduce((n, m) => n + (m[1]!.match(/<path/g) ?? []).length, 0);
    // Every probe a point, each answer ringed once more, plus one legend symbol per strategy sized (legend symbols are paths outside mark groups).
    expect(symbols).toBe(probes + sizing.strategies.length);
    const legend = svg.slice(svg.indexOf('role-legend'));
    for (const n of names) expect(legend.includes(`>${n}<`)).toBe(sizing.strategies.some((s) => s.strategy === n));
  });
});

describe('optimize report', () => {
  test('the answer states the chosen plan, its annual total and the saving against the best single strategy', () => {
    const html = readFileSync(pages.optimize, 'utf8');
    const answer = html.slice(html.indexOf('id="answer"'), html.indexOf('id="charts"'));
    const saving = plan.bestSingle.confirmed.annualTotal - plan.chosen.confirmed.annualTotal;
    expect(answer).toContain(formatMoney(plan.chosen.confirmed.annualTotal, 'USD'));
    expect(answer).toContain(`${saving >= 0 ? 'saves' : 'costs'} ${formatMoney(Math.abs(saving), 'USD')}`);
    expect(answer).toContain(plan.bestSingle.name);
    expect(html).toContain('<pre>- name: optimized');
  });
});

describe('capacity reports in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { launch } = await findChromium();
    browser = await chromium.launch(launch);
  });
  afterAll(async () => { await browser?.close(); });

  test.each(['sweep', 'size', 'optimize'] as const)('%s: every chart renders, no errors, nothing wider than a 1,100 px screen or an A4 page', async (which) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    try {
      const errors = pageErrors(page);
      await openReport(page, pathToFileURL(pages[which]).href);
      const overflow = OVERFLOWING_ELEMENTS;
      const state = (await page.evaluate(`({ errors: window.drsimReport.errors, figures: document.querySelectorAll('figure.chart').length,
        rendered: document.querySelectorAll('figure.chart.rendered').length })`)) as { errors: string[]; figures: number; rendered: number };
      expect(errors).toEqual([]);
      expect(state.errors).toEqual([]);
      expect(state.figures).toBeGreaterThan(0);
      expect(state.rendered).toBe(state.figures);
      expect(await page.evaluate(overflow)).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.floor((210 - 2 * PAGE_MARGIN_MM.horizontal) * 96 / 25.4), height: 1000 });
      expect(await page.evaluate(overflow)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
