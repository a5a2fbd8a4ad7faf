/**
 * The main job (issue: experiments): `drsim run` on the compiled build.
 * - flagship (≈100 VMs, 4 strategies), 1,000 trials on 2 workers: target under 5 s; also on 1 worker
 *   (the speed-up from 1 to 2 workers);
 * - synthetic 10,000 VMs: loading the scenario under 5 s; 4 strategies, 100 trials: target under 60 s and 2 GiB;
 * - how time grows with VMs (1k, 10k, 50k: the synthetic templates scaled) and with trials;
 * - the whole command as a user runs it (`drsim run -n 1000`, process start to exit), with and without the
 *   reports, and its fixed cost (`-n 4`).
 * `--quick` runs smaller sizes (for a smoke test of the benchmark itself).
 *
 * `--only=command [--rounds=N]`: only the flagship at 1,000 trials, N rounds, each round the experiment
 * (`runExperiment` in this process, 2 workers) and the whole command with every report and without, in an
 * order that alternates between rounds; wall and CPU time (all threads) of each, the minimum over rounds
 * (other jobs only add time) and the command/experiment ratios of those minima, with the load average.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Loader from '../src/models/scenario/loader.js';
import type * as Experiment from '../src/experiment/experiment.js';
import type { Scenario } from '../src/models/scenario/model.js';
import { compiled, peakRssMiB, scenarioPath } from './compiled.js';

export const description = 'drsim run: flagship 1,000 trials, synthetic 10k VMs × 100 trials, scaling with VMs and trials';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  if (args.includes('--only=command')) return flagshipCommand(Math.max(1, Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3)));
  const quick = args.includes('--quick');
  const { loadScenario, parseScenario } = await compiled<typeof Loader>('models/scenario/loader');
  const { runExperiment } = await compiled<typeof Experiment>('experiment/experiment');
  const time = async (scenario: Scenario, trials: number, workers: number) => {
    const s = structuredClone(scenario);
    s.simulation.trials = trials;
    const t0 = performance.now();
    await runExperiment(s, 'bench', 'bench', { workers });
    return +((performance.now() - t0) / 1000).toFixed(2);
  };
  const out: Record<string, unknown> = {};

  const flagship = loadScenario(scenarioPath('flagship.yaml')).scenario;
  const flagshipTrials = quick ? 100 : 1000;
  const f2 = await time(flagship, flagshipTrials, 2);
  const f1 = await time(flagship, flagshipTrials, 1);
  out.flagship = { trials: flagshipTrials, seconds2Workers: f2, seconds1Worker: f1, speedUp: +(f1 / f2).toFixed(2), targetSeconds: 5 };
  out.flagshipTrialsScaling = [];
  for (const n of quick ? [10, 50] : [10, 100, 1000]) (out.flagshipTrialsScaling as unknown[]).push({ trials: n, seconds: await time(flagship, n, 2) });

  // Loading (parse, validate, expand templates with jitter) the 10,000-VM file: target under 5 s.
  const l0 = performance.now();
  loadScenario(scenarioPath('synthetic-10k.yaml'));
  out.synthetic10kLoad = { seconds: +((performance.now() - l0) / 1000).toFixed(2), targetSeconds: 5 };

  const text = readFileSync(scenarioPath('synthetic-10k.yaml'), 'utf8');
  const scaled = (factor: number): Scenario => parseScenario(text.replace(/count: (\d+)/g, (_, n: string) => `count: ${Math.max(1, Math.round(Number(n) * factor))}`), 'synthetic').scenario;
  const big = scaled(1);
  const bigTrials = quick ? 5 : 100;
  out.synthetic10k = { vms: big.vms.length, trials: bigTrials, seconds: await time(big, bigTrials, 2), targetSeconds: 60, peakRssMiB: peakRssMiB(), targetMiB: 2048 };

  // The command end to end: node start-up, module loading, worker start, trials, aggregation, writing.
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'drsim-bench-'));
  const command = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'run', ...args, '--quiet', '--workers', '2', '--out', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`drsim run ${args.join(' ')} failed: ${r.stderr}`);
    return +((performance.now() - t0) / 1000).toFixed(2);
  };
  try {
    out.command = {
      trials: flagshipTrials,
      secondsNoReport: command(['-n', String(flagshipTrials), '--no-report']),
      secondsWithReports: command(['-n', String(flagshipTrials)]),
      secondsFixedCost4Trials: command(['-n', '4', '--no-report']),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const perVms: unknown[] = [];
  for (const factor of quick ? [0.1, 1] : [0.1, 1, 5]) {
    const s = scaled(factor);
    const trials = 4;
    const seconds = await time(s, trials, 2);
    perVms.push({ vms: s.vms.length, trials, seconds, secondsPerTrial: +(seconds / trials).toFixed(3) });
  }
  out.vmScaling = perVms;
  out.peakRssMiB = peakRssMiB();
  return out;
}

interface Timing { seconds: number; cpuSeconds: number }
const load = (): number => +loadavg()[0].toFixed(1);

/** The flagship's 1,000 trials: experiment alone, the command with every report and without, `rounds` times. */
async function flagshipCommand(rounds: number): Promise<Record<string, unknown>> {
  const { loadScenario } = await compiled<typeof Loader>('models/scenario/loader');
  const { runExperiment } = await compiled<typeof Experiment>('experiment/experiment');
  const flagship = scenarioPath('flagship.yaml');
  const scenario = loadScenario(flagship).scenario;
  const trials = 1000;
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'drsim-bench-'));
  const experiment = async (): Promise<Timing> => {
    const s = structuredClone(scenario);
    s.simulation.trials = trials;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await runExperiment(s, 'bench', 'bench', { workers: 2 });
    const c = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
  };
  const command = (extra: string[]) => async (): Promise<Timing> => {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, cli, 'run', flagship, '-n', String(trials), '--workers', '2', '--quiet', '--out', dir, ...extra], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`drsim run ${extra.join(' ')} failed: ${r.stderr}`);
    const [seconds, user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return { seconds, cpuSeconds: user + system };
  };
  const jobs: [string, () => Promise<Timing>][] = [['experiment', experiment], ['commandWithReports', command([])], ['commandNoReport', command(['--no-report'])]];
  const runs: Record<string, Timing[]> = Object.fromEntries(jobs.map(([name]) => [name, []]));
  const loads: number[] = [load()];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, job] of round % 2 === 0 ? jobs : [...jobs].reverse()) {
        const t = await job();
        runs[name].push(t);
        loads.push(load());
        process.stderr.write(`experiment: ${name} ${t.seconds.toFixed(2)} s wall, ${t.cpuSeconds.toFixed(2)} s CPU, load ${loads[loads.length - 1]}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const round2 = (x: number) => +x.toFixed(2);
  const min = (name: string, key: keyof Timing) => Math.min(...runs[name].map((t) => t[key]));
  const best = Object.fromEntries(jobs.map(([name]) => [name, { seconds: round2(min(name, 'seconds')), cpuSeconds: round2(min(name, 'cpuSeconds')) }]));
  return {
    flagshipTrials: trials,
    workers: 2,
    rounds,
    runs,
    best,
    commandOverExperiment: {
      withReportsWall: round2(min('commandWithReports', 'seconds') / min('experiment', 'seconds')),
      noReportWall: round2(min('commandNoReport', 'seconds') / min('experiment', 'seconds')),
      withReportsCpu: round2(min('commandWithReports', 'cpuSeconds') / min('experiment', 'cpuSeconds')),
      noReportCpu: round2(min('commandNoReport', 'cpuSeconds') / min('experiment', 'cpuSeconds')),
    },
    targetSeconds: 5,
    loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
  };
}
