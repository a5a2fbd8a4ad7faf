/**
 * `drsim sensitivity FILE`: what drives the answer. Runs the scenario once as stated, then with each uncertain
 * input (failure rates, downtime and data-loss cost per hour, change rate, compression ratio, declaration time,
 * the outage charged when DR fails) at the low and high end of its range — the scenario's `sensitivity:`
 * block, or 50%–150% — all with the same seed and trials (common random numbers). Writes DIR/sensitivity.json (the numbers, as results.json's `sensitivity` section), DIR/sensitivity.csv,
 * DIR/break-even.csv, a tornado chart per strategy, break-even charts and DIR/report.html.
 */
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultWorkers } from '../experiment/runner.js';
import { prepareSensitivity, runSensitivity, sensitivityRuns } from '../experiment/sensitivity.js';
import { writeSensitivityReport } from '../report/capacity/sensitivity-report.js';
import { formatSensitivityText } from '../report/capacity/sensitivity-text.js';
import { SENSITIVITY_SET } from '../report/output-set.js';
import { openScenario, withEvaluator } from './capacity-common.js';
import { withInterrupts } from './interrupt.js';
import { outputDirName, prepareOutputDir, writeOutputSet } from './output.js';
import { chooseWorkers, workersFor } from './workers.js';
import { checkBudget } from './budget-check.js';
import { allowLargeOption, nonEmptyPath, parseNonNegativeInteger, parsePositiveInteger } from './options.js';
import { startProgress } from './progress.js';
import { DRSIM_VERSION } from './version.js';

interface SensitivityOptions {
  trials?: number;
  seed?: number;
  workers?: number;
  out?: string;
  charts: boolean;
  png: boolean;
  quiet?: boolean;
  allowLarge?: boolean;
}

export function registerSensitivity(program: Command): void {
  program
    .command('sensitivity')
    .description('what drives the answer: each uncertain input at its low and high value (tornado chart per strategy) and the break-even rates and costs at which the cheapest strategy changes')
    .argument('<file>', 'scenario YAML file', nonEmptyPath('FILE'))
    .option('-n, --trials <n>', 'trials per run (default: the scenario\'s simulation.trials)', parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed, the same in every run (default: the scenario\'s)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('-o, --out <dir>', 'output directory (default: reports/<scenario-name>-sensitivity/)', nonEmptyPath('--out'))
    .option('--no-charts', 'CSV files and report.html without charts')
    .option('--no-png', 'no PNG copies of the charts')
    .option('-q, --quiet', 'no progress bar, no table')
    .addOption(allowLargeOption())
    .addHelpText('after', '\nInputs varied (each from 50% to 150% of the scenario\'s value unless its `sensitivity:` block says otherwise):\n' +
      '  siteDisasterRate, hostFailureRate, storageFailureRate, corruptionRate, downtimeCost, dataLossCost,\n' +
      '  unrecoveredOutage, changeRate, compressionRatio, declarationTime\n' +
      'Runs: 1 + 2 × inputs, each with the scenario\'s trials. See docs/capacity-planning.md.\n\n' +
      'Examples:\n  drsim sensitivity scenarios/flagship.yaml --trials 50\n' +
      '  # in the scenario:\n  sensitivity:\n    siteDisasterRate: { low: 25%, high: 400% }\n    downtimeCost: { low: 50%, high: 200% }')
    .action(async (file: string, opts: SensitivityOptions) => {
      await withInterrupts((signal) => sensitivityCommand(file, opts, signal));
    });
}

export async function sensitivityCommand(file: string, opts: SensitivityOptions, signal: AbortSignal): Promise<void> {
  // --seed is applied while loading, so it governs template jitter too (one seed, every draw).
  const { scenario } = openScenario(file, { seed: opts.seed, allowLarge: opts.allowLarge });
  const prepared = prepareSensitivity(scenario, { trials: opts.trials, seed: opts.seed });
  const runs = sensitivityRuns(prepared);
  checkBudget(file, scenario, prepared.trials, { allowLarge: opts.allowLarge, workers: chooseWorkers(opts.workers, null).workers, times: runs });
  const outDir = resolve(opts.out ?? join('reports', `${outputDirName(scenario.name)}-sensitivity`));
  await prepareOutputDir(outDir);
  if (!opts.quiet) process.stderr.write(`${prepared.inputs.length} inputs × 2 + the base: ${runs} runs of ${prepared.trials} trials\n`);

  const progress = startProgress({ total: runs * prepared.trials, enabled: !opts.quiet, label: `trials (${runs} runs)` });
  const results = await withEvaluator(workersFor(opts.workers, prepared.trials, opts.quiet), signal, async (evaluator) => {
    try {
      return await runSensitivity(prepared, evaluator, file, progress.update);
    } finally {
      progress.stop();
    }
  });

  const source = { scenarioName: scenario.name, scenarioFile: file, version: DRSIM_VERSION, trials: prepared.trials, seed: prepared.seed };
  const written = await writeOutputSet(outDir, SENSITIVITY_SET, signal, (set) => writeSensitivityReport(results, set.staging, source, { charts: opts.charts, png: opts.png, signal }));
  if (!opts.quiet) {
    process.stdout.write(formatSensitivityText(results) + '\n\n');
    process.stdout.write(`wrote ${written.map((p) => relative(process.cwd(), p) || p).join(', ')}\n`);
  }
}
