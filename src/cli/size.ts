/**
 * `drsim size FILE --target "rpo.p95 <= 15 min" --vary links.wan.bandwidth`: for each strategy, the
 * smallest value of the varied path that meets every target ("what link do we need", "how many DR
 * hosts"), with its margin and the confidence of meeting each target; the console and JSON say it, and
 * report.html shows it with a chart per target of what the search probed.
 */
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseSetOption } from '../experiment/scenario-overrides.js';
import { defaultWorkers } from '../experiment/runner.js';
import { size } from '../experiment/size.js';
import { parseTarget } from '../experiment/targets.js';
import { parseFraction } from '../models/units/parse.js';
import { writeCapacityHtml } from '../report/capacity/capacity-page.js';
import { buildSizingHtml } from '../report/capacity/sizing-html.js';
import { formatSizing, sizingJson } from '../report/capacity/sizing-text.js';
import { sizingCharts } from '../report/charts/sizing.js';
import { CAPACITY_PAGE_SET } from '../report/output-set.js';
import { collect, inputErrors, metricContext, openScenario, withEvaluator } from './capacity-common.js';
import { withInterrupts } from './interrupt.js';
import { UserError } from './errors.js';
import { allowLargeOption, nonEmptyPath, parseNonNegativeInteger, parsePositiveInteger } from './options.js';
import { outputDirName, prepareOutputDir, writeOutputSet } from './output.js';
import { chooseWorkers, workersFor } from './workers.js';
import { checkBudget } from './budget-check.js';
import { DRSIM_VERSION } from './version.js';

interface SizeOptions {
  target?: string[];
  vary: string;
  min?: string;
  max?: string;
  strategy?: string[];
  set?: string[];
  trials?: number;
  seed?: number;
  workers?: number;
  tolerance: string;
  json?: boolean;
  quiet?: boolean;
  allowLarge?: boolean;
  reportDir?: string;
  report: boolean;
}

/** Trials per probe unless --trials says otherwise: a sizing runs ~10 probes per strategy. */
export const DEFAULT_SIZE_TRIALS = 20;

export function registerSize(program: Command): void {
  program
    .command('size')
    .description('find, per strategy, the smallest bandwidth / DR host count / ... that meets RPO, RTO or cost targets')
    .argument('<file>', 'scenario YAML file', nonEmptyPath('FILE'))
    .requiredOption('-t, --target <target>', 'METRIC OP VALUE, repeatable: "rpo.p95 <= 15 min", "rto.p95 <= 4 h", "rpoTargetMet >= 95%", "cost.annualTotal < $1M"', collect)
    .requiredOption('--vary <path>', 'the scenario value to search: links.wan.bandwidth, hosts[model=r650].count, strategies.X.protect[0].methods[0].interval, ...')
    .option('--min <value>', 'lower end of the search (default: a tenth of the current value; 1 for counts)')
    .option('--max <value>', 'upper end of the search (default: ten times the current value; max(8, 4×) for counts)')
    .option('--strategy <name>', 'size only this strategy (repeatable; default: all, or the strategy the path belongs to)', collect)
    .option('--set <path=value>', 'a fixed change applied at every probe (repeatable)', collect)
    .option('-n, --trials <n>', `trials per probe (default: ${DEFAULT_SIZE_TRIALS}, or fewer if the scenario has fewer)`, parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed, the same at every probe (default: the scenario\'s)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('--tolerance <fraction>', 'resolution of the answer for continuous quantities, relative', '2%')
    .option('--json', 'print the answers as JSON')
    .option('-q, --quiet', 'no progress lines')
    .addOption(allowLargeOption())
    .option('--report-dir <dir>', 'where to write report.html (default: reports/<scenario-name>-size/)', nonEmptyPath('--report-dir'))
    .option('--no-report', 'no report.html')
    .addHelpText('after', '\nThe varied quantity must make the metrics monotone (more bandwidth or DR hosts never worse; a\n' +
      'longer interval never better). When the targets hold at --min and fail at --max the answer is the\n' +
      'largest value that meets them (e.g. the longest snapshot interval). See docs/capacity-planning.md.\n\n' +
      'Examples:\n  drsim size scenarios/flagship.yaml --vary links.wan.bandwidth --target "rpo.p95 <= 1 h" --min "50 Mbit/s" --max "2 Gbit/s"\n' +
      '  drsim size scenarios/flagship.yaml --vary hosts[model=r650].count --target "rto.p95 <= 8 h" --strategy async-15min')
    .action(async (file: string, opts: SizeOptions) => {
      await withInterrupts((signal) => sizeCommand(file, opts, signal));
    });
}

export async function sizeCommand(file: string, opts: SizeOptions, signal: AbortSignal): Promise<void> {
  const { scenario, doc } = openScenario(file, { seed: opts.seed, allowLarge: opts.allowLarge });
  const ctx = metricContext(scenario);
  const targets = inputErrors(() => (opts.target ?? []).map((t) => parseTarget(t, ctx)));
  const fixed = inputErrors(() => (opts.set ?? []).map(parseSetOption).map((s) => {
    if (s.values.length !== 1) throw new UserError(`--set ${s.path}: size takes one value per --set (use drsim sweep for several)`, 2);
    return { path: s.path, value: s.values[0] };
  }));
  const tolerance = inputErrors(() => parseFraction(opts.tolerance, { what: '--tolerance', example: '"2%"' }));
  if (!(tolerance > 0)) throw new UserError('--tolerance must be above 0%', 2);
  const trials = opts.trials ?? Math.min(DEFAULT_SIZE_TRIALS, scenario.simulation.trials);
  checkBudget(file, scenario, trials, { allowLarge: opts.allowLarge, workers: chooseWorkers(opts.workers, null).workers });
  const request = { doc, path: opts.vary, targets, min: opts.min, max: opts.max, strategies: opts.strategy ?? [], fixed, trials, seed: opts.seed, tolerance, file };
  // Check the path and the output directory before starting workers.
  inputErrors(() => doc.resolve(opts.vary));
  const outDir = opts.report ? resolve(opts.reportDir ?? join('reports', `${outputDirName(scenario.name)}-size`)) : null;
  if (outDir !== null) await prepareOutputDir(outDir);
  const started = Date.now();
  const result = await withEvaluator(workersFor(opts.workers, trials, opts.quiet), signal, (evaluator) =>
    size(request, evaluator, opts.quiet || opts.json ? undefined : (s, v) => process.stderr.write(`  probe ${s === 'all' ? 'all strategies' : s} at ${v}\n`)));
  const seconds = (Date.now() - started) / 1000;
  const currency = scenario.costs.currency;
  let written: string | null = null;
  if (outDir !== null) {
    const names = scenario.strategies.map((s) => s.name);
    const source = { scenarioName: scenario.name, scenarioFile: file, version: DRSIM_VERSION, trials: result.trials, seed: result.seed };
    // The page replaces the directory's previous one whole, or not at all (interrupted, a full disk).
    [written] = await writeOutputSet(outDir, CAPACITY_PAGE_SET, signal, async (set) => [await writeCapacityHtml(set.staging, sizingCharts(result, targets, currency, names), (charts) => buildSizingHtml(result, targets, currency, names, source, charts))]);
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(sizingJson(result, targets), null, 2) + '\n');
    return;
  }
  process.stdout.write(formatSizing(result, targets, currency, seconds) + '\n');
  if (written !== null && !opts.quiet) process.stdout.write(`wrote ${relative(process.cwd(), written) || written}\n`);
}
