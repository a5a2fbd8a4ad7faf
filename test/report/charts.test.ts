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

  test('cost vs RPO/RTO: a labelled point per strategy in each panel, the cheapest compliant one ringed', () => {
    const svg = svgs.get('cost-vs-rpo-rto')!;
    const points = markGroups(svg, 'symbol').reduce((n, g) => n + count(g, '<path'), 0);
    // Two panels × (a point per strategy + one ring).
    expect(points).toBe(2 * (results.strategies.length + 1));
    for (const s of results.strategies) expect(svg).toContain(s.name);
  });

  test('cost breakdown: a bar per strategy and non-zero cost part, the credit below zero', () => {
    const svg = svgs.get('cost-breakdown')!;
    const parts = results.strategies.reduce((n, s) => n + new Set(s.cost.items.filter((i) => i.annual !== 0).map((i) => i.category)).size, 0);
    // Bars are rects, and so are the net-total ticks (one per strategy).
    expect(markGroups(svg, 'rect').reduce((n, g) => n + count(g, '<path'), 0)).toBe(parts + results.strategies.length);
    const spec = charts.find((c) => c.name === 'cost-breakdown')!.spec as { layer: { data: { values: { part: string; amount: number }[] } }[] };
    expect(spec.layer[0]!.data.values.filter((v) => v.part === 'Dev/test credit').every((v) => v.amount < 0)).toBe(true);
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
