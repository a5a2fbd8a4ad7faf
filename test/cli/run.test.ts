import { describe, expect, test, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDurationStat, formatMoney, formatPercent } from '../../src/models/units/format.js';
import type { ResultsFile } from '../../src/models/results.js';
import { scaledEstateYaml } from '../../bench/scaled-estate.js';
import { runCli } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'drsim-run-'));
const read = (dir: string): string => readFileSync(join(dir, 'results.json'), 'utf8');

describe('drsim run (end to end)', () => {
  let base: string;
  let baseOut: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    base = tmp();
    baseOut = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '6', '--workers', '1', '--out', base, '--format', 'csv', '--bom']);
  });

  test('the flagship runs, prints the comparison table and writes results.json and reports', () => {
    expect(baseOut.stderr).toBe('');
    expect(baseOut.code).toBe(0);
    const results = JSON.parse(read(base)) as ResultsFile;
    expect(results.trials).toBe(6);
    expect(results.strategies.map((s) => s.name)).toEqual(['backup-restore', 'async-15min', 'sync-degrade', 'cdp']);
    expect(readdirSync(base)).toEqual(expect.arrayContaining(['results.json', 'summary.csv', 'vms.csv']));
    // No temporary files left behind.
    expect(readdirSync(base).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('the table and the JSON agree', () => {
    const results = JSON.parse(read(base)) as ResultsFile;
    for (const s of results.strategies) {
      const line = baseOut.stdout.split('\n').find((l) => l.startsWith(s.name + ' ') || l.startsWith(s.name + '\t'));
      expect(line).toBeDefined();
      expect(line).toContain(s.verdict.status);
      expect(line).toContain(formatMoney(s.cost.annualCapex + s.cost.annualOpex, s.cost.items.length ? results.scenario.currency : 'USD'));
      expect(line).toContain(formatMoney(s.cost.expectedAnnualPenalty, results.scenario.currency));
      // Tier and service tables follow, with the shares and p95s of the JSON.
      for (const t of s.summary.byTier) expect(baseOut.stdout).toContain(`${formatPercent(t.rpoTargetMet)}`);
    }
    for (const a of results.strategies[0].applications) expect(baseOut.stdout).toContain(formatDurationStat(a.rtoSeconds.p95, a.rtoSeconds));
    for (const line of baseOut.stdout.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(120);
    }
  });

  test('--bom prints each strategy\'s bill of materials with the numbers of results.json and bom.csv', () => {
    const results = JSON.parse(read(base)) as ResultsFile;
    const cur = results.scenario.currency;
    const bom = baseOut.stdout.slice(baseOut.stdout.indexOf('Bill of materials per strategy'));
    expect(bom.length).toBeGreaterThan(0);
    const csv = readFileSync(join(base, 'bom.csv'), 'utf8');
    for (const s of results.strategies) {
      const section = bom.slice(bom.indexOf(`${s.name}:`));
      const total = section.split('\n').find((l) => l.trim().startsWith('Total outlays'))!;
      expect(total).toContain(formatMoney(s.billOfMaterials!.oneOffTotal, cur));
      expect(total).toContain(formatMoney(s.billOfMaterials!.perYearTotal, cur));
      for (const l of s.billOfMaterials!.lines) expect(csv).toContain(`${s.id},${s.name},${l.section},`);
    }
  });

  test('--workers 2 gives a byte-identical results.json; --json prints the same JSON', async () => {
    const out = tmp();
    const r = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '6', '--workers', '2', '--out', out, '--json', '--no-report']);
    expect(r.code).toBe(0);
    expect(read(out)).toBe(read(base));
    expect(r.stdout).toBe(read(base));
  });

  test('another seed gives other numbers', async () => {
    const out = tmp();
    const r = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '6', '--workers', '1', '--seed', '12345', '--out', out, '--quiet', '--no-report']);
    expect(r.code).toBe(0);
    expect(read(out)).not.toBe(read(base));
  });

  test('shards merge into exactly the unsharded results', async () => {
    const parts = tmp();
    for (const shard of ['1/3', '2/3', '3/3']) {
      const r = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '6', '--workers', '1', '--shard', shard, '--out', parts, '--quiet']);
      expect(r.code).toBe(0);
    }
    const out = tmp();
    const files = readdirSync(parts).map((f) => join(parts, f)).sort();
    const m = await runCli(['merge', ...files, '--out', out, '--quiet', '--no-report']);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expect(read(out)).toBe(read(base));
    const missing = await runCli(['merge', files[0], '--out', tmp(), '--quiet']);
    expect(missing.code).toBe(2);
    // 6 trials in 3 shards: shard 2 holds trials 2–3, shard 3 trials 4–5.
    expect(missing.stderr).toMatch(/missing shards 2\/3 \(trials 2–3\), 3\/3 \(trials 4–5\)/);
  });

  test('the synthetic estate scaled (as the scale bench runs it at 100,000 VMs, here 500) on 2 workers: 2 shards merge into exactly the whole run', async () => {
    const dir = tmp();
    const yaml = join(dir, 'synthetic-500.yaml');
    writeFileSync(yaml, scaledEstateYaml(500));
    const common = ['--trials', '3', '--workers', '2', '--quiet', '--no-report'];
    const whole = join(dir, 'whole');
    expect((await runCli(['run', yaml, ...common, '--out', whole])).code).toBe(0);
    const parts = join(dir, 'parts');
    for (const shard of ['1/2', '2/2']) expect((await runCli(['run', yaml, ...common, '--shard', shard, '--out', parts])).code).toBe(0);
    const merged = join(dir, 'merged');
    const files = readdirSync(parts).map((f) => join(parts, f)).sort();
    const m = await runCli(['merge', ...files, '--out', merged, '--quiet', '--no-report']);
    expect(m.stderr).toBe('');
    expect(read(merged)).toBe(read(whole));
    expect((JSON.parse(read(whole)) as ResultsFile).scenario.counts.vms).toBe(500);
  });

  test('a bad scenario exits 2 with the validator\'s errors and writes nothing', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nsites:\n  - { name: a, role: primary }\nvms: 12\n');
    const out = join(dir, 'out');
    const r = await runCli(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  test('a scenario with nothing to simulate is refused with exit 2', async () => {
    const dir = tmp();
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, 'name: empty\nsites:\n  - { name: a, role: primary }\n');
    const r = await runCli(['run', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to simulate: the scenario has no VMs/);
  });

  test('an output directory that cannot be made or written is a clear error', async () => {
    const dir = tmp();
    const r1 = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '1', '--out', join(dir, 'no', 'such', 'parent')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/cannot be created: its parent .* does not exist/);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r2 = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '1', '--out', file]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/is a file, not a directory/);
    const r3 = await runCli(['run', 'scenarios/flagship.yaml', '--trials', '1', '--out', '/proc/drsim-cannot-write-here']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/cannot be created|not writable/);
  });

  test('bad flags exit 2 and say what was expected', async () => {
    for (const [flag, value, pattern] of [['--trials', '0', /--trials expects a whole number ≥ 1/], ['--shard', '4/3', /--shard expects i\/n/], ['--format', 'pdf', /unknown: pdf/]] as const) {
      const r = await runCli(['run', 'scenarios/flagship.yaml', flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
  });
});

describe('every example scenario runs', () => {
  const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
  test.each(scenarios)('%s', async (file) => {
    const out = tmp();
    const trials = file.includes('10k') ? '1' : '2';
    const r = await runCli(['run', join('scenarios', file), '--trials', trials, '--workers', '1', '--out', out, '--quiet', '--no-report']);
    expect(r.stderr.split('\n').filter((l) => l.length > 0 && !l.startsWith('warning:'))).toEqual([]);
    expect(r.code).toBe(0);
    const results = JSON.parse(read(out)) as ResultsFile;
    // A site disaster hits every VM (all are at the primary site) once per trial: each VM-trial is either in the
    // RPO/RTO distributions or counted as not recovered (a fraction rounded to 6 decimals, hence the rounding).
    const vmTrials = Number(trials) * results.scenario.counts.vms;
    expect(results.trials).toBe(Number(trials));
    for (const s of results.strategies) {
      // Every VM-trial is counted; the ones not recovered are censored, not dropped.
      expect(s.summary.rpoSeconds.count).toBe(vmTrials);
      expect(s.summary.rpoSeconds.censored).toBe(Math.round(vmTrials * s.summary.notRecovered));
      expect(s.summary.rtoSeconds.censored).toBe(s.summary.rpoSeconds.censored);
    }
  });
});

describe('interrupting a run', () => {
  test('Ctrl-C (SIGINT) stops cleanly with exit 130 and leaves no output behind', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(tmp(), 'out');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', 'scenarios/flagship.yaml', '--trials', '10000', '--workers', '2', '--out', out], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    // The run creates its output directory just before the trials start (its Ctrl-C handler is in place by
    // then): interrupt as soon as it appears, plus a moment for the workers to get going.
    for (let waited = 0; !existsSync(out) && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/interrupted by SIGINT: nothing was written/);
    expect(code).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  });
});
