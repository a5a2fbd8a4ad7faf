/**
 * `drsim run [FILE]`: the main job. Runs the scenario's trials (the bundled flagship example when no
 * FILE is given), prints the comparison table, and writes results.json (atomically) and the reports next
 * to it. With --shard i/n it runs one slice of the trials and writes a partial result for `drsim merge`.
 */
import { access, mkdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runExperiment, runShard, type Shard } from '../experiment/experiment.js';
import { defaultWorkers, Evaluator, RunAborted } from '../experiment/runner.js';
import type { ResultsFile } from '../models/results.js';
import type { Scenario } from '../models/scenario/model.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { formatSummaryTable, writeReport, type ReportFormat } from '../report/index.js';
import { UserError } from './errors.js';
import { startProgress } from './progress.js';
import { formatOption, parseNonNegativeInteger, parsePositiveInteger, parseShard } from './options.js';
import { loadScenarioForCli } from './validate.js';
import { DRSIM_VERSION } from './version.js';

export const FLAGSHIP_SCENARIO = fileURLToPath(new URL('../../scenarios/flagship.yaml', import.meta.url));

export interface RunOptions {
  trials?: number;
  seed?: number;
  workers?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  shard?: Shard;
  format: Set<ReportFormat>;
  report: boolean;
  precision?: boolean;
  maxTrials?: number;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate the scenario\'s strategies over many trials and compare their RPO, RTO, WAN, DR capacity and cost')
    .argument('[file]', 'scenario YAML file (default: the bundled flagship example)')
    .option('-n, --trials <n>', 'number of Monte Carlo trials (default: the scenario\'s simulation.trials)', parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed (default: the scenario\'s simulation.seed)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: the number of cores, ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('-o, --out <dir>', 'output directory (default: reports/<scenario-name>/)')
    .option('--json', 'print results.json on stdout instead of the table')
    .option('-q, --quiet', 'no progress bar, no table')
    .option('--shard <i/n>', 'run only the i-th of n slices of the trials and write a partial result for `drsim merge`', parseShard)
    .addOption(formatOption())
    .option('--no-report', 'write results.json only')
    .option('--precision', 'add trials until every verdict (meets / misses) is settled at 95% confidence, or --max-trials')
    .option('--max-trials <n>', 'the cap for --precision (default: 16 times the starting trials)', parsePositiveInteger('--max-trials'))
    .addHelpText('after', '\nExamples:\n  drsim run                          # the flagship example\n  drsim run scenarios/regional-bank.yaml --trials 500 --seed 7\n  drsim run big.yaml --shard 1/4 --out parts/   # then: drsim merge parts/*.json --out reports/big')
    .action(async (file: string | undefined, opts: RunOptions) => {
      await runCommand(file, opts);
    });
}

export async function runCommand(file: string | undefined, opts: RunOptions): Promise<void> {
  // Ctrl-C from the very start: an interrupted run writes nothing, whenever it comes.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    await runInterruptibly(file, opts, controller.signal);
  } catch (err) {
    if (err instanceof RunAborted) throw new UserError('interrupted: nothing was written', 130);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

async function runInterruptibly(file: string | undefined, opts: RunOptions, signal: AbortSignal): Promise<void> {
  const workers = opts.workers ?? defaultWorkers();
  // The worker threads boot while this thread reads and checks the scenario.
  const evaluator = new Evaluator({ workers, signal });
  evaluator.startWorkers();
  try {
    await runWithEvaluator(file, opts, signal, evaluator, workers);
  } finally {
    await evaluator.close();
  }
}

async function runWithEvaluator(file: string | undefined, opts: RunOptions, signal: AbortSignal, evaluator: Evaluator, workers: number): Promise<void> {
  const scenarioFile = file ?? FLAGSHIP_SCENARIO;
  const shownFile = file ?? relative(process.cwd(), FLAGSHIP_SCENARIO);
  // --seed is applied while loading: it governs template jitter as well as every trial's draws.
  const { scenario } = loadScenarioForCli(scenarioFile, undefined, { seed: opts.seed });
  if (scenario.vms.length === 0 || scenario.strategies.length === 0) {
    const missing = scenario.vms.length === 0 ? 'no VMs (a `vms:` section)' : 'no strategies to compare (a `strategies:` section)';
    throw new UserError(`${shownFile}: nothing to simulate: the scenario has ${missing}; \`drsim init\` writes a complete example`, 2);
  }
  applyOverrides(scenario, opts);
  const outDir = resolve(opts.out ?? join('reports', safeDirName(scenario.name)));
  await prepareOutputDir(outDir);

  const trials = scenario.simulation.trials;
  const progress = startProgress({ total: opts.shard ? Math.ceil(trials / opts.shard.count) : trials, enabled: !opts.quiet, label: 'trials' });
  try {
    if (opts.shard !== undefined) {
      const partial = await runShard(scenario, shownFile, DRSIM_VERSION, opts.shard, { workers, onProgress: progress.update, signal, evaluator });
      progress.stop();
      const path = join(outDir, `partial-${opts.shard.index + 1}-of-${opts.shard.count}.json`);
      await writeFileAtomic(path, JSON.stringify(partial));
      if (!opts.quiet) process.stderr.write(`wrote ${path} (trials of shard ${opts.shard.index + 1}/${opts.shard.count}); combine with \`drsim merge\`\n`);
      return;
    }
    const sequential = opts.precision ? {
      maxTrials: opts.maxTrials ?? 16 * trials,
      onRound: (done: number, total: number) => { if (!opts.quiet) process.stderr.write(`\nverdicts not settled after ${done} trials: running ${total - done} more\n`); },
    } : undefined;
    const results = await runExperiment(scenario, shownFile, DRSIM_VERSION, { workers, onProgress: progress.update, signal, evaluator, sequential });
    progress.stop();
    await writeResults(results, outDir, opts);
  } finally {
    progress.stop();
  }
}

/** Writes results.json and the reports, then prints the table (or the JSON). Shared with `drsim merge`. */
export async function writeResults(results: ResultsFile, outDir: string, opts: Pick<RunOptions, 'json' | 'quiet' | 'format' | 'report'>): Promise<void> {
  // Indented for people reading small results; compact for large estates (it would be hundreds of MB).
  const json = (results.scenario.counts.vms <= 1000 ? JSON.stringify(results, null, 2) : JSON.stringify(results)) + '\n';
  const resultsPath = join(outDir, 'results.json');
  await writeFileAtomic(resultsPath, json);
  const written = opts.report ? await writeReport(results, outDir, { formats: opts.format }) : [];
  if (opts.json) {
    process.stdout.write(json);
  } else if (!opts.quiet) {
    process.stdout.write(formatSummaryTable(results) + '\n');
    process.stdout.write(`\nwrote ${relative(process.cwd(), resultsPath) || resultsPath}${written.length > 0 ? ` and ${written.length} report files in ${relative(process.cwd(), outDir) || '.'}` : ''}\n`);
  }
}

function applyOverrides(scenario: Scenario, opts: RunOptions): void {
  if (opts.maxTrials !== undefined && !opts.precision) throw new UserError('--max-trials is the cap of --precision: give --precision too', 2);
  if (opts.precision && opts.shard !== undefined) throw new UserError('--precision decides the number of trials as it goes: it cannot be split into --shard slices', 2);
  if (opts.trials !== undefined) scenario.simulation.trials = opts.trials;
  if (opts.shard !== undefined && opts.shard.count > scenario.simulation.trials) {
    throw new UserError(`--shard ${opts.shard.index + 1}/${opts.shard.count}: more shards than trials (${scenario.simulation.trials})`, 2);
  }
}

function safeDirName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'scenario';
}

/** The output directory is created if its parent exists; a read-only or impossible one is a clear error. */
export async function prepareOutputDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing !== null && !existing.isDirectory()) throw new UserError(`output directory ${dir} is a file, not a directory`, 2);
  if (existing === null) {
    const parent = dirname(dir);
    const parentStat = await stat(parent).catch(() => null);
    // The default reports/<name>/ may create reports/ too; an explicit path must have its parent.
    const mayCreateParent = relative(process.cwd(), parent) === 'reports';
    if ((parentStat === null || !parentStat.isDirectory()) && !mayCreateParent) {
      throw new UserError(`output directory ${dir} cannot be created: its parent ${parent} does not exist`, 2);
    }
    try {
      // Not recursive unless needed: recursive mkdir can spin forever on pseudo file systems such as /proc.
      if (parentStat === null && mayCreateParent) await mkdir(parent);
      await mkdir(dir);
    } catch (e) {
      throw new UserError(`output directory ${dir} cannot be created: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
    }
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UserError(`output directory ${dir} is not writable`, 2);
  }
}
