/**
 * Sweep chart file names (issue 17, "ids are unique; long names are shortened safely for file names"): a
 * metric id holds a link name of up to 255 characters, and two ids can meet once made safe.
 */
import { describe, expect, test } from '@jest/globals';
import type { MetricDef } from '../../../src/experiment/metrics.js';
import { chartStems } from '../../../src/report/capacity/sweep-report.js';
import { SWEEP_SET } from '../../../src/report/output-set.js';

const metric = (id: string): MetricDef => ({ id, kind: 'number', better: 'lower', label: id, value: () => 0 });

describe('chartStems', () => {
  test('the usual ids keep their names', () => {
    expect(chartStems(['rpo.p95', 'cost.annualTotal'].map(metric))).toEqual(['sweep-rpo-p95', 'sweep-cost-annualTotal']);
  });

  test('a repeated metric, or ids that meet once made safe, get -2, -3 in order: one file per chart', () => {
    expect(chartStems(['rpo.p95', 'rpo.p95', 'wan.a b.p95', 'wan.a-b.p95', 'wan.a/b.p95'].map(metric)))
      .toEqual(['sweep-rpo-p95', 'sweep-rpo-p95-2', 'sweep-wan-a-b-p95', 'sweep-wan-a-b-p95-2', 'sweep-wan-a-b-p95-3']);
  });

  test('a 255-character link name is cut to 64 characters, still unique, and still a sweep file drsim owns', () => {
    const long = 'x'.repeat(255);
    const stems = chartStems([`wan.${long}.p95`, `wan.${long}.mean`].map(metric));
    expect(stems.map((s) => s.length)).toEqual([64, 66]);
    expect(new Set(stems).size).toBe(2);
    for (const s of stems) expect(SWEEP_SET(`${s}.vl.json`)).toBe(true);
  });
});
