/**
 * `drsim sweep FILE --set PATH=V1,V2,... [--set ...]`: runs the scenario at every combination of the
 * values (same seed and trials everywhere: common random numbers), writes DIR/sweep.csv (one row per
 * point × strategy), charts of each --metric and of the annual total against the swept values (SVG, PNG,
 * Vega-Lite JSON) and DIR/report.html (which strategy and value meet the targets for least, charts, tables).
 */
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultWorkers } from '../experiment/runner.js';
import { parseMetric } from '../experiment/metrics.js';
import { parseSetOption } from '../experiment/scenario-overrides.js';
import { prepareSweep, runSweep } from '../experiment/sweep.js';
import { formatSweepTable } from '../report/capacity/sweep-text.js';
import { writeSweepReport } from '../report/capacity/sweep-report.js';
import { SWEEP_SET } from '../report/output-set.js';
import { collect, inputErrors, metricContext, openScenario, withEvaluator } from './capacity-common.js';
import { withInterrupts } from './interrupt.js';
import { outputDirName, prepareOutputDir, writeOutputSet } from './output.js';
import { chooseWorkers, workersFor } from './workers.js';
import { checkBudget, checkGrid } from './budget-check.js';
import { UserError } from './errors.js';
import { allowLargeOption, nonEmptyPath, parseNonNegativeInteger, parsePositiveInteger } from './options.js';
import { startProgress } from './progress.js';
import { DRSIM_VERSION } from './version.js';

interface SweepOptions {
  set?: string[];
  trials?: number;
  seed?: number;
  workers?: number;
  out?: string;
  metric?: string[];
  charts: boolean;
  png: boolean;
  quiet?: boolean;
  allowLarge?: boolean;
}

/** Grids larger than this get a note: the progress bar shows the ETA, but a smaller grid may answer sooner. */
const MANY_POINTS = 200;

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run the scenario over a grid of values (bandwidth, DR hosts, intervals, ...) and chart a metric against them')
    .argument('<file>', 'scenario YAML file', nonEmptyPath('FILE'))
    .requiredOption('--set <path=v1,v2,...>', 'a scenario value and the values to try (repeat for a grid); separate values with ";" when one contains a comma', collect)
    .option('-n, --trials <n>', 'trials per point (default: the scenario\'s simulation.trials)', parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed, the same at every point (default: the scenario\'s)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('-o, --out <dir>', 'output directory (default: reports/<scenario-name>-sweep/)', nonEmptyPath('--out'))
    .option('-m, --metric <metric>', 'metric to chart, repeatable: rpo.p95, rto.p95, cost.annualTotal, wan.<link>.p95, tier1.rpoTargetMet, ... (default: rpo.p95)', collect)
    .option('--no-charts', 'write sweep.csv only')
    .option('--no-png', 'no PNG copies of the charts')
    .option('-q, --quiet', 'no progress bar, no table')
    .addOption(allowLargeOption())
    .addHelpText('after', '\nPaths address the YAML by names: links.wan.bandwidth, hosts[dr-hosts].count, hosts.3.count,\n' +
      'strategies.async-15min.protect[0].methods[0].interval, tiers[tier=1].rpo. See docs/capacity-planning.md.\n\n' +
      'Examples:\n  drsim sweep scenarios/flagship.yaml --set links.wan.bandwidth=100 Mbit/s,200 Mbit/s,500 Mbit/s,1 Gbit/s --trials 40\n' +
      '  drsim sweep s.yaml --set links.wan.bandwidth=100 Mbit/s,1 Gbit/s --set hosts[model=r650].count=1,2,4 --metric rto.p95')
    .action(async (file: string, opts: SweepOptions) => {
      await withInterrupts((signal) => sweepCommand(file, opts, signal));
    });
}

export async function sweepCommand(file: string, opts: SweepOptions, signal: AbortSignal): Promise<void> {
  const { scenario, doc } = openScenario(file, { seed: opts.seed, allowLarge: opts.allowLarge });
  const ctx = metricContext(scenario);
  const asked = inputErrors(() => (opts.metric ?? ['rpo.p95']).map((m) => parseMetric(m, ctx)));
  // The report answers "which is cheapest", so the annual total is always among its charts and tables.
  const metrics = asked.some((m) => m.id === 'cost.annualTotal') ? asked : [...asked, parseMetric('cost.annualTotal', ctx)];
  const sets = inputErrors(() => (opts.set ?? []).map(parseSetOption));
  const paths = sets.map((s) => s.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup !== undefined) throw new UserError(`--set ${dup} is given twice: put all its values in one --set`, 2);
  // Every point is loaded (a copy of the scenario) before any runs: check the grid before building it.
  const gridPoints = sets.reduce((a, s) => a * s.values.length, 1);
  checkGrid(file, scenario, gridPoints, opts.allowLarge);
  checkBudget(file, scenario, opts.trials ?? scenario.simulation.trials, { allowLarge: opts.allowLarge, workers: chooseWorkers(opts.workers, null).workers, times: gridPoints });
  const prepared = inputErrors(() => prepareSweep(doc, sets, { trials: opts.trials, seed: opts.seed }));
  const outDir = resolve(opts.out ?? join('reports', `${outputDirName(scenario.name)}-sweep`));
  await prepareOutputDir(outDir);
  const n = prepared.points.length;
  if (n > MANY_POINTS && !opts.quiet) process.stderr.write(`note: ${n} points × ${prepared.trials} trials; narrow the grid or lower --trials for a quicker answer\n`);

  const progress = startProgress({ total: n * prepared.trials, enabled: !opts.quiet, label: `trials (${n} points)` });
  const points = await withEvaluator(workersFor(opts.workers, opts.trials ?? scenario.simulation.trials, opts.quiet), signal, async (evaluator) => {
    try {
      return await runSweep(prepared, evaluator, file, progress.update);
    } finally {
      progress.stop();
    }
  });

  const source = { scenarioName: scenario.name, scenarioFile: file, version: DRSIM_VERSION, trials: prepared.trials, seed: prepared.seed };
  const written = await writeOutputSet(outDir, SWEEP_SET, signal, (set) => writeSweepReport(points, metrics, set.staging, source, { charts: opts.charts, png: opts.png, signal }));
  if (!opts.quiet) {
    for (const m of asked) process.stdout.write(formatSweepTable(points, m) + '\n\n');
    process.stdout.write(`wrote ${written.map((p) => relative(process.cwd(), p) || p).join(', ')}\n`);
    if (paths.length > 2 && opts.charts) process.stdout.write('(no charts for more than two swept values: plot sweep.csv yourself)\n');
  }
}
