import { describe, expect, test } from '@jest/globals';
import { formatDuration, formatMoney } from '../../src/models/units/format.js';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSummaryTable, writeReport } from '../../src/report/index.js';
import { makeResults } from './fixtures/make-results.js';

describe('writeReport', () => {
  test('writes only the asked formats, returns every file, leaves no temp files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    const results = makeResults({ strategies: 2 });
    const written = await writeReport(results, dir, { formats: new Set(['png']) });
    const rel = written.map((p) => p.slice(dir.length + 1)).sort();
    expect(rel.filter((p) => p.endsWith('.png')).length).toBe(rel.filter((p) => p.endsWith('.vl.json')).length);
    expect(rel.every((p) => p.startsWith('charts/') && (p.endsWith('.png') || p.endsWith('.vl.json')))).toBe(true);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(rel.map((p) => p.slice('charts/'.length)).sort());
    expect(readdirSync(dir)).toEqual(['charts']);
  });

  test('vegaSpecs: false leaves out the .vl.json files; specs are the data-inlined Vega-Lite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    const written = await writeReport(makeResults({ strategies: 1 }), dir, { formats: new Set(['svg']), vegaSpecs: false });
    expect(written.some((p) => p.endsWith('.vl.json'))).toBe(false);
    const dir2 = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    await writeReport(makeResults({ strategies: 1 }), dir2, { formats: new Set(['svg']) });
    const spec = JSON.parse(readFileSync(join(dir2, 'charts', 'rpo-cdf.vl.json'), 'utf8')) as { $schema: string; layer: { data: { values: unknown[] } }[] };
    expect(spec.$schema).toMatch(/vega-lite/);
    expect(spec.layer[0]!.data.values.length).toBe(101);
  });
});

describe('writeReport with every format', () => {
  test('lists the files in a fixed order: CSV, then per chart its spec, SVG and PNG, then report.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    const written = await writeReport(makeResults({ strategies: 2 }), dir, { formats: new Set(['csv', 'svg', 'png', 'html']) });
    const rel = written.map((p) => p.slice(dir.length + 1));
    expect(rel.slice(0, 7)).toEqual(['summary.csv', 'tiers.csv', 'applications.csv', 'costs.csv', 'bom.csv', 'links.csv', 'vms.csv']);
    expect(rel[rel.length - 1]).toBe('report.html');
    const charts = rel.slice(7, -1);
    expect(charts.length % 3).toBe(0);
    for (let i = 0; i < charts.length; i += 3) {
      const stem = charts[i]!.replace(/\.vl\.json$/, '');
      expect(charts.slice(i, i + 3)).toEqual([`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`]);
    }
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(charts.map((p) => p.slice('charts/'.length)).sort());
  });

  test('a chart file that cannot be written fails the report, after the other writes have finished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    // A directory where the first chart's SVG should go: renaming the temp file onto it fails.
    mkdirSync(join(dir, 'charts', 'cost-vs-rpo-rto.svg'), { recursive: true });
    await expect(writeReport(makeResults({ strategies: 2 }), dir, { formats: new Set(['svg', 'png']) })).rejects.toThrow();
    const left = readdirSync(join(dir, 'charts'));
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Every chart's PNG and every other chart's SVG were still written (the failed SVG's name is the obstacle):
    // the same files as the same report written without it.
    const clean = mkdtempSync(join(tmpdir(), 'drsim-wr-'));
    await writeReport(makeResults({ strategies: 2 }), clean, { formats: new Set(['svg', 'png']) });
    const all = readdirSync(join(clean, 'charts')).filter((f) => !f.endsWith('.vl.json')).sort();
    expect(left.filter((f) => !f.endsWith('.vl.json')).sort()).toEqual(all);
  });
});

describe('formatSummaryTable', () => {
  test('verdict and money first (outlays apart from penalties), then targets by tier, then business services, within 120 columns', () => {
    const results = makeResults();
    const text = formatSummaryTable(results);
    const lines = text.split('\n');
    const header = lines[0]!;
    expect(header).toMatch(/^Strategy\s+Verdict\s+Outlays\/yr\s+Penalties\/yr\s+Total\/yr\s+Sustainable\s+DR hosts\s+WAN p95$/);
    const rows = lines.slice(2, 2 + results.strategies.length);
    results.strategies.forEach((s, i) => {
      expect(rows[i]!.replace(/^\* /, '').startsWith(s.name)).toBe(true);
      expect(rows[i]).toContain(formatMoney(s.cost.annualCapex + s.cost.annualOpex, 'USD'));
      expect(rows[i]).toContain(formatMoney(s.cost.expectedAnnualPenalty, 'USD'));
      expect(rows[i]).toContain(s.verdict.status);
    });
    // Right-aligned money columns end at the same position as their headers.
    const end = header.indexOf('Total/yr') + 'Total/yr'.length;
    for (const r of rows) expect(r.slice(end - 3, end)).toBe('USD');
    const tiers = lines.findIndex((l) => l.startsWith('Tier (RPO / RTO)'));
    expect(tiers).toBeGreaterThan(2 + results.strategies.length);
    for (const tier of results.scenario.tiers) expect(text).toContain(`tier ${tier.tier} (${formatDuration(tier.rpoTargetSeconds)} / ${formatDuration(tier.rtoTargetSeconds)})`);
    expect(text).toMatch(/Service \(RTO \/ RPO\)\s+/);
    expect(text).toMatch(/orders \(/);
    expect(text).toMatch(/Flags:\n(.*\n)* {2}\S.*not.sustainable/);
    expect(text).toMatch(/\* .*: the cheapest strategy that meets the targets/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  test('strategy columns split into blocks that fit the width', () => {
    const results = makeResults();
    const narrow = formatSummaryTable(results, 60).split('\n');
    const blocks = narrow.filter((l) => l.startsWith('Tier (RPO / RTO)')).length;
    expect(blocks).toBeGreaterThan(1);
  });
});
