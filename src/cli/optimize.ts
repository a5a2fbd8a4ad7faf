/**
 * `drsim optimize FILE [--budget X]`: recombines the methods the scenario's strategies give each tier (or
 * application) into the plan with the lowest annual outlays + expected penalties that meets every
 * reachable RPO/RTO target, confirms it on fresh trials, and prints it as a `strategies:` entry to paste;
 * report.html shows the plan against the best single strategy with charts and tables.
 */
import { join, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { optimize } from '../experiment/optimize.js';
import { PlanSpaceError, type GroupBy } from '../experiment/optimize-plan.js';
import { defaultWorkers } from '../experiment/runner.js';
import { parseSetOption } from '../experiment/scenario-overrides.js';
import { parseFraction, parseMoney } from '../models/units/parse.js';
import { writeCapacityHtml } from '../report/capacity/capacity-page.js';
import { buildOptimizeHtml } from '../report/capacity/optimize-html.js';
import { formatOptimize, optimizeJson } from '../report/capacity/optimize-text.js';
import { optimizeCharts } from '../report/charts/optimize.js';
import { CAPACITY_PAGE_SET } from '../report/output-set.js';
import { collect, inputErrors, openScenario, withEvaluator } from './capacity-common.js';
import { withInterrupts } from './interrupt.js';
import { checkOutputFile, outputDirName, prepareOutputDir, writeOutputFile, writeOutputSet } from './output.js';
import { UserError } from './errors.js';
import { allowLargeOption, nonEmptyPath, parseNonNegativeInteger, parsePositiveInteger } from './options.js';
import { chooseWorkers, workersFor } from './workers.js';
import { checkBudget } from './budget-check.js';
import { DRSIM_VERSION } from './version.js';

interface OptimizeOptions {
  budget?: string;
  trials?: number;
  confirmTrials?: number;
  seed?: number;
  workers?: number;
  groupBy: GroupBy;
  required: string;
  maxExhaustive: number;
  set?: string[];
  out?: string;
  json?: boolean;
  quiet?: boolean;
  allowLarge?: boolean;
  reportDir?: string;
  report: boolean;
}

export const DEFAULT_OPTIMIZE_TRIALS = 12;
export const DEFAULT_MAX_EXHAUSTIVE = 128;

function parseGroupBy(value: string): GroupBy {
  if (value !== 'tier' && value !== 'app') throw new InvalidArgumentError(`--group-by expects tier or app, got "${value}"`);
  return value;
}

export function registerOptimize(program: Command): void {
  program
    .command('optimize')
    .description('choose a protection method per tier (or app) from the scenario\'s strategies to minimize outlays + expected penalties under the RPO/RTO targets')
    .argument('<file>', 'scenario YAML file', nonEmptyPath('FILE'))
    .option('--budget <money>', 'limit on annual outlays (amortized capex + opex, penalties excluded), e.g. "$400k"')
    .option('-n, --trials <n>', `trials per plan in the search (default: ${DEFAULT_OPTIMIZE_TRIALS}, or fewer if the scenario has fewer)`, parsePositiveInteger('--trials'))
    .option('--confirm-trials <n>', 'fresh trials to confirm the best plans on (default: twice --trials)', parsePositiveInteger('--confirm-trials'))
    .option('-s, --seed <seed>', 'base random seed (default: the scenario\'s)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('--group-by <tier|app>', 'what gets one protection choice', parseGroupBy, 'tier' as GroupBy)
    .option('--required <fraction>', 'share of a group\'s VM-trials that must meet its RPO and RTO targets', '95%')
    .option('--max-exhaustive <n>', 'enumerate every plan up to this many; above, greedy coordinate descent', parsePositiveInteger('--max-exhaustive'), DEFAULT_MAX_EXHAUSTIVE)
    .option('--set <path=value>', 'a fixed change to the scenario (repeatable)', collect)
    .option('-o, --out <file>', 'also write the chosen strategy YAML to this file (replaced if it exists)', nonEmptyPath('--out'))
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress lines')
    .addOption(allowLargeOption())
    .option('--report-dir <dir>', 'where to write report.html (default: reports/<scenario-name>-optimize/)', nonEmptyPath('--report-dir'))
    .option('--no-report', 'no report.html')
    .addHelpText('after', '\nCandidates: the optimizer recombines the methods the scenario\'s strategies give each tier/app, and\n' +
      'the strategies\' recovery sections. See docs/capacity-planning.md.\n\n' +
      'Examples:\n  drsim optimize scenarios/flagship.yaml\n  drsim optimize scenarios/flagship.yaml --budget "$350k" --group-by app --out optimized.yaml')
    .action(async (file: string, opts: OptimizeOptions) => {
      await withInterrupts((signal) => optimizeCommand(file, opts, signal));
    });
}

export async function optimizeCommand(file: string, opts: OptimizeOptions, signal: AbortSignal): Promise<void> {
  // A bad --out is known before the search, not after it (the file itself may be replaced: force).
  if (opts.out !== undefined) checkOutputFile(opts.out, true, `--out ${opts.out}`);
  const { scenario, doc } = openScenario(file, { seed: opts.seed, allowLarge: opts.allowLarge });
  const currency = scenario.costs.currency;
  const budget = opts.budget === undefined ? null : inputErrors(() => parseMoney(opts.budget, { currency, per: 'year', what: '--budget', example: '"$400k"' }));
  const required = inputErrors(() => parseFraction(opts.required, { what: '--required', example: '"95%"' }));
  const fixed = inputErrors(() => (opts.set ?? []).map(parseSetOption).map((s) => {
    if (s.values.length !== 1) throw new UserError(`--set ${s.path}: optimize takes one value per --set`, 2);
    return { path: s.path, value: s.values[0] };
  }));
  const trials = opts.trials ?? Math.min(DEFAULT_OPTIMIZE_TRIALS, scenario.simulation.trials);
  checkBudget(file, scenario, Math.max(trials, opts.confirmTrials ?? 2 * trials), { allowLarge: opts.allowLarge, workers: chooseWorkers(opts.workers, null).workers });
  const request = { doc, fixed, groupBy: opts.groupBy, budget, required, trials, confirmTrials: opts.confirmTrials ?? 2 * trials, seed: opts.seed, maxExhaustive: opts.maxExhaustive, file };
  const outDir = opts.report ? resolve(opts.reportDir ?? join('reports', `${outputDirName(scenario.name)}-optimize`)) : null;
  if (outDir !== null) await prepareOutputDir(outDir);
  const started = Date.now();
  const log = opts.quiet || opts.json ? () => {} : (line: string) => process.stderr.write(`  ${line}\n`);
  const result = await withEvaluator(workersFor(opts.workers, trials, opts.quiet), signal, async (evaluator) => {
    try {
      return await optimize(request, evaluator, log);
    } catch (err) {
      if (err instanceof PlanSpaceError) throw new UserError(err.message, 2);
      throw err;
    }
  });
  const seconds = (Date.now() - started) / 1000;
  if (opts.out !== undefined) await writeOutputFile(opts.out, result.chosen.yaml, signal);
  let written: string | null = null;
  if (outDir !== null) {
    const names = scenario.strategies.map((s) => s.name);
    const source = { scenarioName: scenario.name, scenarioFile: file, version: DRSIM_VERSION, trials: result.trials, seed: result.seed };
    // The page replaces the directory's previous one whole, or not at all (interrupted, a full disk).
    [written] = await writeOutputSet(outDir, CAPACITY_PAGE_SET, signal, async (set) => [await writeCapacityHtml(set.staging, optimizeCharts(result, names), (charts) => buildOptimizeHtml(result, budget, names, source, charts))]);
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(optimizeJson(result), null, 2) + '\n');
    return;
  }
  process.stdout.write(formatOptimize(result, budget, required, seconds) + '\n');
  if (written !== null && !opts.quiet) process.stdout.write(`\nwrote ${relative(process.cwd(), written) || written}\n`);
}
