/**
 * `drsim run [FILE]`: the main job. Runs the scenario's trials (the bundled flagship example when no
 * FILE is given), prints the comparison table, and writes results.json and the reports next to it, as one
 * set swapped in whole (output.ts). With --shard i/n it runs one slice of the trials and writes a partial
 * result for `drsim merge`.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runExperiment, shardBounds, type Shard } from '../experiment/experiment.js';
import { runShard } from '../experiment/partials.js';
import { defaultWorkers, Evaluator } from '../experiment/runner.js';
import type { ResultsFile } from '../models/results.js';
import type { Scenario } from '../models/scenario/model.js';
import { formatBomText, formatSummaryTable, preloadReport, writeReport, type ReportFormat } from '../report/index.js';
import { jsonPieces } from '../report/json-pieces.js';
import { RESULTS_SET } from '../report/output-set.js';
import { UserError } from './errors.js';
import { withInterrupts } from './interrupt.js';
import { outputDirName, prepareOutputDir, writeOutputFile, writeOutputSet } from './output.js';
import { startProgress } from './progress.js';
import { allowLargeOption, formatOption, nonEmptyPath, parseNonNegativeInteger, parsePositiveInteger, parseShard } from './options.js';
import { checkBudget } from './budget-check.js';
import { chooseWorkers } from './workers.js';
import { addSensitivity, planRunSensitivity, SENSITIVITY_TRIALS_CAP, type RunSensitivityOptions } from './run-sensitivity.js';
import { loadScenarioForCli } from './validate.js';
import { DRSIM_VERSION } from './version.js';

export const FLAGSHIP_SCENARIO = fileURLToPath(new URL('../../scenarios/flagship.yaml', import.meta.url));

export interface RunOptions extends RunSensitivityOptions {
  trials?: number;
  seed?: number;
  workers?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  shard?: Shard;
  format: Set<ReportFormat>;
  report: boolean;
  allowLarge?: boolean;
  precision?: boolean;
  maxTrials?: number;
  /** Print each strategy's bill of materials after the table. */
  bom?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('simulate the scenario\'s strategies over many trials and compare their RPO, RTO, WAN, DR capacity and cost')
    .argument('[file]', 'scenario YAML file (default: the bundled flagship example)', nonEmptyPath('FILE'))
    .option('-n, --trials <n>', 'number of Monte Carlo trials (default: the scenario\'s simulation.trials)', parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed (default: the scenario\'s simulation.seed)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: the number of cores, ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('-o, --out <dir>', 'output directory (default: reports/<scenario-name>/)', nonEmptyPath('--out'))
    .option('--json', 'print results.json on stdout instead of the table')
    .option('--bom', 'also print each strategy\'s bill of materials (DR hosts, storage, WAN, licences, courier: needed vs available, one-off and yearly cost)')
    .option('-q, --quiet', 'no progress bar, no table')
    .option('--shard <i/n>', 'run only the i-th of n slices of the trials and write a partial result for `drsim merge`', parseShard)
    .addOption(formatOption())
    .option('--no-report', 'write results.json only')
    .addOption(allowLargeOption())
    .option('--precision', 'add trials until every verdict (meets / misses) is settled at 95% confidence, or --max-trials')
    .option('--max-trials <n>', 'the cap for --precision (default: 16 times the starting trials)', parsePositiveInteger('--max-trials'))
    .option('--sensitivity', 'then vary each uncertain input from low to high, as `drsim sensitivity` does (1 + 2 × inputs more runs, common random numbers): a "What drives the answer" section in report.html, Sensitivity and Break-even sheets in report.xlsx, sensitivity.csv and break-even.csv, and `sensitivity` in results.json')
    .option('--sensitivity-trials <n>', `trials per sensitivity run (default: the run's trials, at most ${SENSITIVITY_TRIALS_CAP})`, parsePositiveInteger('--sensitivity-trials'))
    .addHelpText('after', '\nExamples:\n  drsim run                          # the flagship example\n  drsim run scenarios/regional-bank.yaml --trials 500 --seed 7\n  drsim run --sensitivity --sensitivity-trials 50   # and what drives the answer\n  drsim run big.yaml --shard 1/4 --out parts/   # then: drsim merge parts/*.json --out reports/big')
    .action(async (file: string | undefined, opts: RunOptions) => {
      await runCommand(file, opts);
    });
}

export async function runCommand(file: string | undefined, opts: RunOptions): Promise<void> {
  // Signals from the very start: an interrupted run writes nothing, whenever it comes.
  await withInterrupts((signal) => runInterruptibly(file, opts, signal));
}

async function runInterruptibly(file: string | undefined, opts: RunOptions, signal: AbortSignal): Promise<void> {
  // At most one worker per core; the trials' own cap is known once the scenario is loaded.
  const { workers, notes } = chooseWorkers(opts.workers, null);
  if (!opts.quiet) for (const n of notes) process.stderr.write(`note: ${n}\n`);
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
  const { scenario } = loadScenarioForCli(scenarioFile, { seed: opts.seed, allowLarge: opts.allowLarge });
  if (scenario.vms.length === 0 || scenario.strategies.length === 0) {
    const missing = scenario.vms.length === 0 ? 'no VMs (a `vms:` section)' : 'no strategies to compare (a `strategies:` section)';
    throw new UserError(`${shownFile}: nothing to simulate: the scenario has ${missing}; \`drsim init\` writes a complete example`, 2);
  }
  applyOverrides(scenario, opts);
  const { start, end } = shardBounds(scenario.simulation.trials, opts.shard ?? null);
  // --precision may go up to its cap: that is the run the budget must allow.
  const maxTrials = opts.precision ? opts.maxTrials ?? 16 * scenario.simulation.trials : end - start;
  checkBudget(shownFile, scenario, maxTrials, { allowLarge: opts.allowLarge, workers });
  const sensitivity = planRunSensitivity(scenario, shownFile, opts, workers);
  if (!opts.quiet && opts.workers !== undefined && opts.workers > end - start && workers > end - start) {
    process.stderr.write(`note: --workers ${opts.workers}: only ${end - start} trial${end - start === 1 ? '' : 's'} to run; using ${end - start}\n`);
  }
  const outDir = resolve(opts.out ?? join('reports', outputDirName(scenario.name)));
  await prepareOutputDir(outDir);

  const trials = scenario.simulation.trials;
  const progress = startProgress({ total: opts.shard ? Math.ceil(trials / opts.shard.count) : trials, enabled: !opts.quiet, label: 'trials' });
  try {
    if (opts.shard !== undefined) {
      const partial = await runShard(scenario, shownFile, DRSIM_VERSION, opts.shard, { workers, onProgress: progress.update, signal, evaluator });
      progress.stop();
      await evaluator.close();
      const path = join(outDir, `partial-${opts.shard.index + 1}-of-${opts.shard.count}.json`);
      // One file among the other shards' partials: replaced atomically, not as a set.
      await writeOutputFile(path, jsonPieces(partial), signal);
      if (!opts.quiet) process.stderr.write(`wrote ${path} (trials of shard ${opts.shard.index + 1}/${opts.shard.count}); combine with \`drsim merge\`\n`);
      return;
    }
    const sequential = opts.precision ? {
      maxTrials,
      onRound: (done: number, total: number) => { if (!opts.quiet) process.stderr.write(`\nverdicts not settled after ${done} trials: running ${total - done} more\n`); },
    } : undefined;
    const running = runExperiment(scenario, shownFile, DRSIM_VERSION, { workers, onProgress: progress.update, signal, evaluator, sequential });
    // The chart libraries load on this thread while the workers run trials, not after them.
    if (opts.report) preloadReport(opts.format);
    const main = await running;
    progress.stop();
    const results = sensitivity === null ? main : await addSensitivity(main, sensitivity, evaluator, shownFile, opts.quiet);
    // The workers are done: their heaps go before results.json and the reports are built.
    await evaluator.close();
    await writeResults(results, outDir, opts, signal);
  } finally {
    progress.stop();
  }
}

/**
 * Writes results.json and the reports as one set (a previous set in `outDir` is replaced whole, or kept
 * if this fails or `signal` aborts first), then prints the table (or the JSON). Shared with `drsim merge`.
 */
export async function writeResults(results: ResultsFile, outDir: string, opts: Pick<RunOptions, 'json' | 'quiet' | 'format' | 'report' | 'bom'>, signal?: AbortSignal): Promise<void> {
  // Indented for people reading small results; compact for large estates, in pieces (hundreds of MB: more
  // than one string may hold).
  const json = (): Iterable<string> => (results.scenario.counts.vms <= 1000 ? [JSON.stringify(results, null, 2) + '\n'] : jsonPieces(results, '\n'));
  const [resultsPath, ...written] = await writeOutputSet(outDir, RESULTS_SET, signal, async (set) => {
    const path = set.path('results.json');
    await writeFile(path, json());
    return [path, ...(opts.report ? await writeReport(results, set.staging, { formats: opts.format, signal }) : [])];
  });
  if (opts.json) {
    for (const piece of json()) process.stdout.write(piece);
  } else if (!opts.quiet) {
    process.stdout.write(formatSummaryTable(results) + '\n');
    if (opts.bom) process.stdout.write(formatBomText(results) + '\n');
    process.stdout.write(`\nwrote ${relative(process.cwd(), resultsPath) || resultsPath}${written.length > 0 ? ` and ${written.length} report files in ${relative(process.cwd(), outDir) || '.'}` : ''}\n`);
  }
}

function applyOverrides(scenario: Scenario, opts: RunOptions): void {
  if (opts.maxTrials !== undefined && !opts.precision) throw new UserError('--max-trials is the cap of --precision: give --precision too', 2);
  if (opts.sensitivity && opts.shard !== undefined) throw new UserError('--sensitivity needs the whole run: it cannot be split into --shard slices', 2);
  if (opts.precision && opts.shard !== undefined) throw new UserError('--precision decides the number of trials as it goes: it cannot be split into --shard slices', 2);
  if (opts.trials !== undefined) scenario.simulation.trials = opts.trials;
  if (opts.shard !== undefined && opts.shard.count > scenario.simulation.trials) {
    throw new UserError(`--shard ${opts.shard.index + 1}/${opts.shard.count}: more shards than trials (${scenario.simulation.trials})`, 2);
  }
}
