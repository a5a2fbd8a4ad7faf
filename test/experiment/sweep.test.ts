import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { Evaluator } from '../../src/experiment/evaluator.js';
import { metricCatalog, parseMetric } from '../../src/experiment/metrics.js';
import { ScenarioDocument, parseSetOption } from '../../src/experiment/scenario-overrides.js';
import { metricSeries, prepareSweep, runSweep, sweepRows } from '../../src/experiment/sweep.js';
import { closedFormInstants, meanAsyncRpo } from './closed-form-rpo.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('sweep', () => {
  test('more bandwidth never increases RPO p95 (common random numbers), one row per point × strategy', async () => {
    const doc = ScenarioDocument.fromFile(fixture('small-estate.yaml'));
    const prepared = prepareSweep(doc, [parseSetOption('links.wan.bandwidth=10 Mbit/s,20 Mbit/s,50 Mbit/s,200 Mbit/s')], { trials: 6 });
    expect(prepared.points).toHaveLength(4);
    const evaluator = new Evaluator({ workers: 1 });
    const progress: number[] = [];
    const points = await runSweep(prepared, evaluator, 'x', (done) => progress.push(done));
    await evaluator.close();
    expect(progress.at(-1)).toBe(24);
    const { columns, rows } = sweepRows(points);
    expect(rows).toHaveLength(4 * 3);
    expect(columns.slice(0, 2)).toEqual(['links.wan.bandwidth', 'strategy']);
    expect(columns).toContain('wan_wan_p95_bits_per_second');
    expect(columns).toContain('annual_total_usd');
    const metric = parseMetric('rpo.p95', { links: ['wan'], tiers: [1, 2] });
    const series = metricSeries(points, metric);
    for (const strategy of ['backup', 'async', 'cdp']) {
      const values = series.filter((s) => s.strategy === strategy).map((s) => s.value);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1] + 1e-6);
    }
    // The slowest link really hurts async replication of tier 1 (5-min snapshots of a bursty OLTP load).
    const asyncRpo = series.filter((s) => s.strategy === 'async').map((s) => s.value);
    expect(asyncRpo[0]).toBeGreaterThan(asyncRpo[3]);
  });

  test('the same point twice gives the same numbers (seeded), a two-path grid has every combination', async () => {
    const doc = ScenarioDocument.fromFile(fixture('closed-form.yaml'));
    const prepared = prepareSweep(doc, [parseSetOption('links.wan.bandwidth=20 Mbit/s;20 Mbit/s'), parseSetOption('strategies.async.protect[0].methods[0].interval=5 min,15 min')], { trials: 5, seed: 3 });
    expect(prepared.points.map((p) => p.assignments.map((a) => a.value).join('|'))).toEqual(['20 Mbit/s|5 min', '20 Mbit/s|15 min', '20 Mbit/s|5 min', '20 Mbit/s|15 min']);
    const evaluator = new Evaluator({ workers: 1 });
    const points = await runSweep(prepared, evaluator, 'x');
    await evaluator.close();
    expect(points[2].strategies[0].summary).toEqual(points[0].strategies[0].summary);
    // 20 Mbit/s = 2.5 MB/s: L = T/2.5. The means are the closed form at the 5 drawn instants (seed 3).
    const ts = closedFormInstants(5, 3);
    expect(points[0].strategies[0].summary.rpoSeconds.mean).toBeCloseTo(meanAsyncRpo(ts, 300, 2.5e6), 5);
    expect(points[1].strategies[0].summary.rpoSeconds.mean).toBeCloseTo(meanAsyncRpo(ts, 900, 2.5e6), 5);
  });

  test('metric catalog: per link and per tier, with did-you-mean', () => {
    const ids = metricCatalog({ links: ['wan'], tiers: [1] }).map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['rpo.p95', 'rto.max', 'cost.annualTotal', 'wan.wan.p95', 'tier1.rpoTargetMet', 'drHosts.max']));
    expect(() => parseMetric('rpp.p95', { links: [], tiers: [] })).toThrow(/did you mean "rpo.p95"/);
  });
});
