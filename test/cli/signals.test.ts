/**
 * Issue 17, "signals": SIGTERM during the write left a new results.json beside an old report.html (and
 * .tmp files); Ctrl-C during `drsim report` left empty .tmp files; with one worker, Ctrl-C was ignored while
 * a long trial ran. Real child processes and real signals, at different moments (during the trials, during
 * the write, twice): the output directory holds the previous set exactly, never a mix, never temp files,
 * and the exit code is 128 + the signal (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResults } from '../report/fixtures/make-results.js';
import { ROOT, spawnCli, type SpawnedCli } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'drsim-signals-'));
const FLAGSHIP = join(ROOT, 'scenarios/flagship.yaml');

/** Polls until `ok` (not an assertion on time: the test's own timeout is the only limit); fails if the CLI ends first. */
async function waitFor(cli: SpawnedCli, what: string, ok: () => boolean): Promise<void> {
  while (!ok()) {
    if (cli.exited()) {
      const r = await cli.done;
      throw new Error(`the CLI ended (code ${r.code}) before ${what}:\n${r.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every entry under `dir`, recursively, with the start of each file. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix + entry.name;
      if (entry.isDirectory()) walk(join(d, entry.name), `${rel}/`);
      else out[rel] = readFileSync(join(d, entry.name), 'utf8').slice(0, 40);
    }
  };
  walk(dir, '');
  return out;
}

/** A previous report set (old content) plus a file of the user's. */
function previousSet(dir: string, files = ['results.json', 'report.html', 'summary.csv', 'charts/cdf-rpo.svg']): Record<string, string> {
  mkdirSync(join(dir, 'charts'), { recursive: true });
  for (const f of files) writeFileSync(join(dir, f), `OLD ${f}`);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  return snapshot(dir);
}

const staging = (dir: string) => existsSync(dir) && readdirSync(dir).some((n) => n.startsWith('.drsim-staging-'));

/** A report for 40 VMs and 4 strategies: its charts take a few seconds to render, time to be interrupted in. */
function resultsFile(dir: string): string {
  const results = join(dir, 'results.json');
  writeFileSync(results, JSON.stringify(makeResults({ vms: 40, strategies: 4 })));
  return results;
}

describe('signals', () => {
  test('SIGTERM while drsim run writes its reports: exit 143, the previous set untouched, no temp files', async () => {
    const out = tmp();
    const before = previousSet(out);
    const run = spawnCli(['run', FLAGSHIP, '--trials', '2', '--workers', '1', '--quiet', '--out', out]);
    await waitFor(run, 'the staging directory', () => staging(out));
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.stderr).toMatch(/interrupted by SIGTERM: nothing was written/);
    expect(r.code).toBe(143);
    expect(snapshot(out)).toEqual(before);
  }, 180_000);

  test('Ctrl-C while drsim report writes: exit 130, the previous reports untouched, no empty .tmp files', async () => {
    const dir = tmp();
    const results = resultsFile(dir);
    const out = join(dir, 'slides');
    const before = previousSet(out, ['report.html', 'summary.csv', 'charts/cdf-rpo.svg']);
    const report = spawnCli(['report', results, '--out', out]);
    await waitFor(report, 'the staging directory', () => staging(out));
    report.child.kill('SIGINT');
    const r = await report.done;
    expect(r.stderr).toMatch(/interrupted by SIGINT: nothing was written/);
    expect(r.code).toBe(130);
    expect(snapshot(out)).toEqual(before);
  }, 180_000);

  test('a second signal stops at once: exit 130, still no staging directory or temp file left', async () => {
    const dir = tmp();
    const results = resultsFile(dir);
    const before = previousSet(dir, ['report.html', 'charts/cdf-rpo.svg']);
    const report = spawnCli(['report', results]);
    await waitFor(report, 'the staging directory', () => staging(dir));
    report.child.kill('SIGINT');
    report.child.kill('SIGINT');
    const r = await report.done;
    expect(r.code).toBe(130);
    // Two signals sent at once may arrive as one (the kernel does not queue a pending signal twice).
    expect(r.stderr).toMatch(/interrupted again by SIGINT: stopped at once|interrupted by SIGINT: nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual({ ...before, 'results.json': readFileSync(results, 'utf8').slice(0, 40) });
  }, 180_000);

  test('Ctrl-C with one worker during a long trial: the worker thread is stopped, exit 130, nothing written', async () => {
    const dir = tmp();
    // One trial of the flagship over a year: tens of seconds of work for one core, in one trial.
    const file = join(dir, 'year.yaml');
    writeFileSync(file, readFileSync(FLAGSHIP, 'utf8').replace('simulation: { horizon: 7 days,', 'simulation: { horizon: 365 days,'));
    const out = join(dir, 'out');
    const run = spawnCli(['run', file, '--trials', '1', '--workers', '1', '--quiet', '--out', out]);
    // The output directory appears once the scenario is loaded, just before the trial starts.
    await waitFor(run, 'the output directory', () => existsSync(out));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.stderr).toMatch(/interrupted by SIGINT: nothing was written/);
    expect(r.code).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  }, 180_000);

  test('SIGHUP (a closed terminal) during a sweep\'s trials: exit 129, nothing written', async () => {
    const out = join(tmp(), 'sweep');
    const sweep = spawnCli(['sweep', FLAGSHIP, '--set', 'links.wan.bandwidth=100 Mbit/s,200 Mbit/s,500 Mbit/s,1 Gbit/s', '--trials', '50', '--workers', '1', '-q', '--out', out]);
    // The output directory appears once the grid is loaded, just before the trials start.
    await waitFor(sweep, 'the output directory', () => existsSync(out));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    sweep.child.kill('SIGHUP');
    const r = await sweep.done;
    expect(r.stderr).toMatch(/interrupted by SIGHUP: nothing was written/);
    expect(r.code).toBe(129);
    expect(readdirSync(out)).toEqual([]);
  }, 180_000);
});
