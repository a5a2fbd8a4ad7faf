/**
 * The main job (issue: experiments): `drsim run` on the compiled build.
 * - flagship (≈100 VMs, 4 strategies), 1,000 trials on 2 workers: target under 5 s; also on 1 worker
 *   (the speed-up from 1 to 2 workers);
 * - synthetic 10,000 VMs: loading the scenario under 5 s; 4 strategies, 100 trials: target under 60 s and 2 GiB;
 * - how time grows with VMs (1k, 10k, 50k: the synthetic templates scaled) and with trials;
 * - the whole command as a user runs it (`drsim run -n 1000`, process start to exit), with and without the
 *   reports, and its fixed cost (`-n 4`).
 * `--quick` runs smaller sizes (for a smoke test of the benchmark itself).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Loader from '../src/models/scenario/loader.js';
import type * as Experiment from '../src/experiment/experiment.js';
import type { Scenario } from '../src/models/scenario/model.js';
import { compiled, peakRssMiB, scenarioPath } from './compiled.js';

export const description = 'drsim run: flagship 1,000 trials, synthetic 10k VMs × 100 trials, scaling with VMs and trials';

export async function run(args: string[]): Promise<Record<string, unknown>> {
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
