import { describe, expect, test, beforeAll } from '@jest/globals';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ResultsFile } from '../../src/models/results.js';
import { buildCharts, type ChartDef } from '../../src/report/index.js';
import { MAX_TIMELINE_VMS } from '../../src/report/charts/recovery-timeline.js';
import { renderSvg } from '../../src/report/render.js';
import { makeResults } from './fixtures/make-results.js';
import { formatDuration } from '../../src/models/units/format.js';
import { overlappingTexts, svgTexts } from '../support/svg-text.js';

const require = createRequire(import.meta.url);
// vega-lite's `exports` hide build/; the schema sits next to the resolved entry point (build/index.js).
const schema = JSON.parse(readFileSync(join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json'), 'utf8')) as Record<string, unknown>;
// The schema declares draft-07, ajv's default; its vega-specific keywords are annotations only.
const ajv = new (Ajv as unknown as typeof Ajv.default)({
  allErrors: false, strict: false,
  formats: { uri: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s), 'uri-reference': () => true, 'color-hex': (s: string) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(s) },
});
const validate = ajv.compile(schema);

/** The `<path` elements inside mark groups of one kind (vega's SVG: `<g class="mark-line role-mark ...">`). */
function markGroups(svg: string, mark: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<g class="mark-${mark} role-mark[^"]*"[^>]*>`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    // A mark group's items run until its closing </g>; mark items themselves contain no <g>.
    const end = svg.indexOf('</g>', m.index + m[0].length);
    out.push(svg.slice(m.index + m[0].length, end));
  }
  return out;
}
const count = (s: string, needle: string): number => s.split(needle).length - 1;

let results: ResultsFile;
let charts: ChartDef[];
const svgs = new Map<string, string>();

beforeAll(async () => {
  results = makeResults({ vms: 30, strategies: 4 });
  charts = buildCharts(results);
  for (const c of charts) svgs.set(c.name, await renderSvg(c.spec));
});

describe('chart specs', () => {
  test('every expected chart is built, per-strategy ones for each strategy', () => {
    const names = charts.map((c) => c.name);
    for (const n of ['rpo-cdf', 'rto-cdf', 'cost-vs-rpo-rto', 'cost-breakdown', 'wan-week', 'compliance-heatmap']) expect(names).toContain(n);
    for (const s of results.strategies) {
      expect(names).toContain(`recovery-timeline-${s.id}`);
      expect(names).toContain(`dr-host-utilization-${s.id}`);
    }
  });

  test('every spec validates against the Vega-Lite JSON schema', () => {
    for (const c of charts) {
      const ok = validate(c.spec);
      if (!ok) throw new Error(`${c.name}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  test('every chart renders to a non-empty SVG with a title', () => {
    for (const c of charts) {
      const svg = svgs.get(c.name)!;
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('role-title-text');
      const width = Number(/width="(\d+)"/.exec(svg)![1]);
      expect(width).toBeGreaterThan(500);
      expect(width).toBeLessThanOrEqual(900); // slide-sized
    }
  });

  test('CDFs: one line per strategy, one rule per distinct tier target', () => {
    for (const metric of ['rpo', 'rto'] as const) {
      const svg = svgs.get(`${metric}-cdf`)!;
      const lines = markGroups(svg, 'line');
      expect(lines.reduce((n, g) => n + count(g, '<path'), 0)).toBe(results.strategies.length);
      const targets = new Set(results.scenario.tiers.map((t) => (metric === 'rpo' ? t.rpoTargetSeconds : t.rtoTargetSeconds)));
      expect(markGroups(svg, 'rule').reduce((n, g) => n + count(g, '<line'), 0)).toBe(targets.size);
    }
  });

  test('cost vs RPO/RTO: a point per strategy in each tier\'s two panels (where its p95 is known), the cheapest compliant one ringed', () => {
    const svg = svgs.get('cost-vs-rpo-rto')!;
    const points = markGroups(svg, 'symbol').reduce((n, g) => n + count(g, '<path'), 0);
    const cheapest = results.strategies.filter((s) => s.verdict.status === 'meets').sort((a, b) => a.cost.annualTotal - b.cost.annualTotal)[0];
    const placed = (s: typeof results.strategies[0]) => s.summary.byTier.reduce((n, t) => n + (t.rpoSeconds.p95 !== null ? 1 : 0) + (t.rtoSeconds.p95 !== null ? 1 : 0), 0);
    expect(points).toBe(results.strategies.reduce((n, s) => n + placed(s), 0) + (cheapest ? placed(cheapest) : 0));
  });

  test('cost breakdown: outlays by part beside expected penalties, each bar once; the credit below zero', () => {
    const svg = svgs.get('cost-breakdown')!;
    const parts = results.strategies.reduce((n, s) => n + new Set(s.cost.items.filter((i) => i.annual !== 0 && i.category !== 'penalties').map((i) => i.category)).size, 0);
    const risks = results.strategies.filter((s) => s.cost.expectedAnnualPenalty !== 0).length;
    expect(markGroups(svg, 'rect').reduce((n, g) => n + count(g, '<path'), 0)).toBe(parts + risks);
    const spec = charts.find((c) => c.name === 'cost-breakdown')!.spec as { hconcat: { layer: { data: { values: { part: string; amount: number }[] } }[] }[] };
    expect(spec.hconcat[0]!.layer[0]!.data.values.filter((v) => v.part === 'Dev/test credit').every((v) => v.amount < 0)).toBe(true);
  });

  test('WAN week: a line per strategy and the link capacity as rules', () => {
    const svg = svgs.get('wan-week')!;
    expect(markGroups(svg, 'line').reduce((n, g) => n + count(g, '<path'), 0)).toBe(results.strategies.length);
    expect(markGroups(svg, 'rule').reduce((n, g) => n + count(g, '<line'), 0)).toBe(2);
    expect(svg).toContain('capacity 100 Mbit/s');
  });

  test('compliance heatmap: a cell per tier × strategy × target', () => {
    const svg = svgs.get('compliance-heatmap')!;
    expect(markGroups(svg, 'rect').reduce((n, g) => n + count(g, '<path'), 0)).toBe(results.strategies.length * 3 * 2);
  });

  test('recovery timeline: a bar per VM step, capped for big estates with a note', async () => {
    const s = results.strategies[0]!;
    const svg = svgs.get(`recovery-timeline-${s.id}`)!;
    const steps = s.timeline!.vms.reduce((n, v) => n + v.steps.length, 0);
    expect(markGroups(svg, 'rect').reduce((n, g) => n + count(g, '<path'), 0)).toBe(steps);
    expect(svg).toContain('not recovered');

    const big = makeResults({ vms: 300, strategies: 1, trials: 3, vmCdf: false });
    const chart = buildCharts(big).find((c) => c.name === 'recovery-timeline-backup-restore')!;
    const bigSvg = await renderSvg(chart.spec);
    const shownVms = new Set((chart.spec as { layer: { data: { values: { vm: string }[] } }[] }).layer[0]!.data.values.map((v) => v.vm));
    expect(shownVms.size).toBe(MAX_TIMELINE_VMS);
    expect(bigSvg).toContain(`Showing the first ${MAX_TIMELINE_VMS} of 300 VMs by priority`);
  });

  test('DR host utilization: CPU and RAM panels, a line per host; aggregated for many hosts', async () => {
    const s = results.strategies[1]!;
    const svg = svgs.get(`dr-host-utilization-${s.id}`)!;
    expect(markGroups(svg, 'line').reduce((n, g) => n + count(g, '<path'), 0)).toBe(2 * s.timeline!.hostUtilization.length);
    const big = makeResults({ vms: 300, strategies: 1, trials: 3, vmCdf: false });
    const chart = buildCharts(big).find((c) => c.name.startsWith('dr-host-utilization'))!;
    const bigSvg = await renderSvg(chart.spec);
    expect(markGroups(bigSvg, 'line').reduce((n, g) => n + count(g, '<path'), 0)).toBe(2);
    expect(markGroups(bigSvg, 'area').reduce((n, g) => n + count(g, '<path'), 0)).toBe(2);
  });

  test('strategy colours are the same in every chart', () => {
    const colourOf = (c: ChartDef): string[] | undefined => JSON.stringify(c.spec).match(/"domain":\["Nightly backup"[^\]]*\],"range":\[[^\]]*\]/)?.slice(0);
    const seen = new Set(charts.map(colourOf).filter((x) => x).map((x) => x![0]));
    expect(seen.size).toBe(1);
  });
});

describe('what a reader trips over (#19)', () => {
  test('no chart prints a text over another, for a small and a large estate', async () => {
    const big = makeResults({ vms: 300, strategies: 4, trials: 3, vmCdf: false });
    const bigCharts = buildCharts(big);
    for (const c of charts) expect([c.name, overlappingTexts(svgTexts(svgs.get(c.name)!))]).toEqual([c.name, []]);
    for (const c of bigCharts) expect([c.name, overlappingTexts(svgTexts(await renderSvg(c.spec)))]).toEqual([c.name, []]);
  });

  test('cost vs RPO/RTO: a panel per tier and target, each with its own tier\'s target; strategies told apart by colour, not labels', async () => {
    const svg = svgs.get('cost-vs-rpo-rto')!;
    const texts = svgTexts(svg);
    for (const t of results.scenario.tiers) {
      expect(texts.some((x) => x.text === `Tier ${t.tier}: data lost, p95 (target ${formatDuration(t.rpoTargetSeconds)})`)).toBe(true);
      expect(texts.some((x) => x.text === `Tier ${t.tier}: time to recover, p95 (target ${formatDuration(t.rtoTargetSeconds)})`)).toBe(true);
    }
    // One dashed target rule per panel.
    expect(markGroups(svg, 'rule').reduce((n, g) => n + count(g, '<line'), 0)).toBe(2 * results.scenario.tiers.length);
    // Strategy names appear once, in the legend.
    for (const s of results.strategies) expect(texts.filter((x) => x.text === s.name).map((x) => x.role)).toEqual([expect.stringContaining('role-legend-label')]);
  });

  test('cost breakdown: no dev/test credit in the legend or the axis when no strategy has one; tick labels distinct for a 10,000-VM budget', async () => {
    const noCredit = makeResults({ vms: 30, strategies: 4 });
    for (const s of noCredit.strategies) s.cost.items = s.cost.items.filter((i) => i.category !== 'dev-test-credit');
    const svg = await renderSvg(buildCharts(noCredit).find((c) => c.name === 'cost-breakdown')!.spec);
    expect(svg).not.toContain('Dev/test credit');
    expect(svg).not.toContain('credit below 0');
    // Outlays of millions (the 10,000-VM estate's): every tick says a different number.
    const large = makeResults({ vms: 30, strategies: 4 });
    for (const s of large.strategies) {
      for (const i of s.cost.items) i.annual *= 60;
      s.cost.annualCapex *= 60; s.cost.annualOpex *= 60; s.cost.expectedAnnualPenalty *= 60; s.cost.annualTotal *= 60;
    }
    const largeSvg = await renderSvg(buildCharts(large).find((c) => c.name === 'cost-breakdown')!.spec);
    // Along each line of x-axis labels (both panels' axes), no tick repeats its neighbour ("−1 −1 −1 0 0 0 1 1 2 2").
    const byLine = new Map<number, { x: number; text: string }[]>();
    for (const t of svgTexts(largeSvg).filter((x) => x.role.includes('role-axis-label') && /^[−-]?[\d,.]+$/.test(x.text))) {
      const line = Math.round(t.box.y1);
      byLine.set(line, [...(byLine.get(line) ?? []), { x: t.box.x0, text: t.text }]);
    }
    expect(byLine.size).toBeGreaterThanOrEqual(1);
    for (const ticks of byLine.values()) {
      const texts = ticks.sort((a, b) => a.x - b.x).map((t) => t.text);
      expect(texts.length).toBeGreaterThan(2);
      texts.slice(1).forEach((t, i) => expect(t).not.toBe(texts[i]));
    }
    expect(overlappingTexts(svgTexts(largeSvg))).toEqual([]);
  });

  test('CDFs: curves that coincide are said to, and dashed so each colour shows', async () => {
    const r = makeResults({ vms: 30, strategies: 4 });
    const [, a, b, c] = r.strategies as [unknown, typeof r.strategies[0], typeof r.strategies[0], typeof r.strategies[0]];
    b.summary.rtoSeconds = structuredClone(a.summary.rtoSeconds);
    c.summary.rtoSeconds = structuredClone(a.summary.rtoSeconds);
    const chart = buildCharts(r).find((x) => x.name === 'rto-cdf')!;
    const subtitle = ((chart.spec as { title: { subtitle: string[] } }).title.subtitle).join(' ');
    expect(subtitle).toContain(`${a.name}, ${b.name} and ${c.name} coincide`);
    expect(subtitle).toContain('shows all three');
    const rows = (chart.spec as { layer: { data: { values: { strategy: string; dash: number[] }[] } }[] }).layer[0]!.data.values;
    const dashes = new Set([a, b, c].map((s) => JSON.stringify(rows.find((x) => x.strategy === s.name)!.dash)));
    expect(dashes.size).toBe(3);
    // Strategies that do not coincide are not mentioned.
    expect(buildCharts(makeResults({ vms: 30, strategies: 4 })).find((x) => x.name === 'rpo-cdf')!.spec).not.toMatchObject({ title: { subtitle: expect.arrayContaining([expect.stringContaining('coincide')]) } });
  });

  test('CDFs: the tier targets are labelled above the plot, clear of the curves', () => {
    for (const metric of ['rpo', 'rto'] as const) {
      const texts = svgTexts(svgs.get(`${metric}-cdf`)!);
      const top = texts.find((t) => t.role.includes('role-axis-label') && t.text === '100%')!;
      const labels = texts.filter((t) => /^Tiers? \d/.test(t.text));
      expect(labels.length).toBeGreaterThan(0);
      // The plot starts at the top tick ("100%", centred on it): every label ends above.
      for (const l of labels) expect(l.box.y1).toBeLessThanOrEqual((top.box.y0 + top.box.y1) / 2);
    }
  });

  test('recovery timeline: the legend lists only the priority groups drawn', async () => {
    const big = makeResults({ vms: 300, strategies: 1, trials: 3, vmCdf: false });
    const chart = buildCharts(big).find((c) => c.name === 'recovery-timeline-backup-restore')!;
    const drawn = new Set((chart.spec as { layer: { data: { values: { priority: string }[] } }[] }).layer[0]!.data.values.map((v) => v.priority));
    const legend = svgTexts(await renderSvg(chart.spec)).filter((t) => t.role.includes('role-legend-label')).map((t) => t.text);
    expect(new Set(legend)).toEqual(drawn);
    expect(drawn.size).toBeLessThan(new Set(big.strategies[0]!.timeline!.vms.map((v) => v.priority)).size);
  });
});
