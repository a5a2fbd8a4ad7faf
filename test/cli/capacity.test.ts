import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const CLOSED_FORM = 'test/experiment/fixtures/closed-form.yaml';
const SMALL = 'test/experiment/fixtures/small-estate.yaml';

describe('drsim sweep / size / optimize: input errors exit 2 with clear messages', () => {
  test('an unknown --set path names the closest existing path', async () => {
    const r = await runCli(['sweep', CLOSED_FORM, '--set', 'links.wan.bandwith=10 Mbit/s,20 Mbit/s', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/links\.wan has no "bandwith" \(closest existing path: links\.wan\.bandwidth\)/);
  });

  test('a bad value is reported by the loader, at the file\'s line', async () => {
    const r = await runCli(['sweep', CLOSED_FORM, '--set', 'links.wan.bandwidth=10 Mbit/s,fast', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/closed-form\.yaml \(with links\.wan\.bandwidth=fast\):19:\d+: links\[0\]\.bandwidth: expected a data rate/);
  });

  test('bad targets and metrics', async () => {
    const noOp = await runCli(['size', CLOSED_FORM, '--vary', 'links.wan.bandwidth', '--target', 'rpo.p95 15 min']);
    expect(noOp.code).toBe(2);
    expect(noOp.stderr).toMatch(/expected METRIC OP VALUE/);
    const badUnit = await runCli(['size', CLOSED_FORM, '--vary', 'links.wan.bandwidth', '--target', 'rpo.p95 <= 15 GB']);
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toMatch(/rpo\.p95 expected a duration like "15 min", found "15 GB" \(a data size\)/);
    const badMetric = await runCli(['sweep', CLOSED_FORM, '--set', 'links.wan.bandwidth=10 Mbit/s', '--metric', 'rpp.p95']);
    expect(badMetric.code).toBe(2);
    expect(badMetric.stderr).toMatch(/unknown metric "rpp\.p95" \(did you mean "rpo\.p95"\?\)/);
    const badVary = await runCli(['size', CLOSED_FORM, '--vary', 'links.wan.name', '--target', 'rpo.p95 <= 15 min']);
    expect(badVary.code).toBe(2);
    expect(badVary.stderr).toMatch(/not a number or a quantity with units/);
    const badBudget = await runCli(['optimize', SMALL, '--budget', 'lots']);
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toMatch(/--budget/);
  });
});

describe('drsim sweep / size / optimize: the happy paths', () => {
  test('sweep writes sweep.csv and a chart', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'drsim-sweep-')), 'out');
    const r = await runCli(['sweep', CLOSED_FORM, '--set', 'links.wan.bandwidth=10 Mbit/s;40 Mbit/s', '--trials', '5', '--workers', '1', '--out', out, '--no-png']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/RPO p95 \(rpo\.p95\)/);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^links\.wan\.bandwidth,strategy,rpo_mean_seconds/);
    expect(existsSync(join(out, 'sweep-rpo-p95.svg'))).toBe(true);
    // The report: the answer first, then a chart per metric and the annual total's.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.indexOf('id="answer"')).toBeLessThan(html.indexOf('id="charts"'));
    expect(html).toContain('id="chart-sweep-rpo-p95"');
    expect(html).toContain('id="chart-sweep-cost-annualTotal"');
  });

  test('size answers with a margin and a confidence', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'drsim-size-')), 'report');
    const r = await runCli(['size', CLOSED_FORM, '--vary', 'links.wan.bandwidth', '--target', 'rpo.mean <= 19.5 min', '--min', '2 Mbit/s', '--max', '200 Mbit/s', '--trials', '40', '--workers', '1', '-q', '--report-dir', dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/Smallest bandwidth of link wan meeting every target: [\d.]+ Mbit\/s/);
    expect(r.stdout).toMatch(/async: smallest links\.wan\.bandwidth meeting every target: [\d.]+ Mbit\/s/);
    expect(r.stdout).toMatch(/holds in \d+\/40 trials; mean 95% CI/);
  });

  test('optimize prints a plan and a strategies fragment', async () => {
    // With --no-report, the default report (reports/small-estate-optimize/report.html) is neither written nor touched.
    const html = join('reports', 'small-estate-optimize', 'report.html');
    const before = existsSync(html) ? statSync(html).mtimeMs : null;
    const r = await runCli(['optimize', SMALL, '--trials', '4', '--workers', '1', '--no-report']);
    expect(r.code).toBe(0);
    expect(existsSync(html) ? statSync(html).mtimeMs : null).toBe(before);
    expect(r.stdout).not.toContain('report.html');
    expect(r.stdout).toMatch(/Chosen plan — confirmed on fresh trials 4–11/);
    // The fragment names the chosen plan: the first of the best plans (optimized, optimized-2, …) that holds on fresh trials.
    expect(r.stdout).toMatch(/✓ meets every enforced target on the confirmation trials/);
    expect(r.stdout).toMatch(/- name: optimized(-\d+)?\n/);
    expect(r.stdout).toMatch(/Best single strategy: async/);
  });
});
