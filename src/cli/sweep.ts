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
import { collect, inputErrors, metricContext, openScenario, prepareOutDir, withEvaluator } from './capacity-common.js';
import { UserError } from './errors.js';
import { parseNonNegativeInteger, parsePositiveInteger } from './options.js';
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
}

/** Grids larger than this get a note: the progress bar shows the ETA, but a smaller grid may answer sooner. */
const MANY_POINTS = 200;

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run the scenario over a grid of values (bandwidth, DR hosts, intervals, ...) and chart a metric against them')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--set <path=v1,v2,...>', 'a scenario value and the values to try (repeat for a grid); separate values with ";" when one contains a comma', collect)
    .option('-n, --trials <n>', 'trials per point (default: the scenario\'s simulation.trials)', parsePositiveInteger('--trials'))
    .option('-s, --seed <seed>', 'base random seed, the same at every point (default: the scenario\'s)', parseNonNegativeInteger('--seed'))
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkers()})`, parsePositiveInteger('--workers'))
    .option('-o, --out <dir>', 'output directory (default: reports/<scenario-name>-sweep/)')
    .option('-m, --metric <metric>', 'metric to chart, repeatable: rpo.p95, rto.p95, cost.annualTotal, wan.<link>.p95, tier1.rpoTargetMet, ... (default: rpo.p95)', collect)
    .option('--no-charts', 'write sweep.csv only')
    .option('--no-png', 'no PNG copies of the charts')
    .option('-q, --quiet', 'no progress bar, no table')
    .addHelpText('after', '\nPaths address the YAML by names: links.wan.bandwidth, hosts[dr-hosts].count, hosts.3.count,\n' +
      'strategies.async-15min.protect[0].methods[0].interval, tiers[tier=1].rpo. See docs/capacity-planning.md.\n\n' +
      'Examples:\n  drsim sweep scenarios/flagship.yaml --set links.wan.bandwidth=100 Mbit/s,200 Mbit/s,500 Mbit/s,1 Gbit/s --trials 40\n' +
      '  drsim sweep s.yaml --set links.wan.bandwidth=100 Mbit/s,1 Gbit/s --set hosts[model=r650].count=1,2,4 --metric rto.p95')
    .action(async (file: string, opts: SweepOptions) => {
      await sweepCommand(file, opts);
    });
}

export async function sweepCommand(file: string, opts: SweepOptions): Promise<void> {
  const { scenario, doc } = openScenario(file, { seed: opts.seed });
  const ctx = metricContext(scenario);
  const asked = inputErrors(() => (opts.metric ?? ['rpo.p95']).map((m) => parseMetric(m, ctx)));
  // The report answers "which is cheapest", so the annual total is always among its charts and tables.
  const metrics = asked.some((m) => m.id === 'cost.annualTotal') ? asked : [...asked, parseMetric('cost.annualTotal', ctx)];
  const sets = inputErrors(() => (opts.set ?? []).map(parseSetOption));
  const paths = sets.map((s) => s.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup !== undefined) throw new UserError(`--set ${dup} is given twice: put all its values in one --set`, 2);
  const prepared = inputErrors(() => prepareSweep(doc, sets, { trials: opts.trials, seed: opts.seed }));
  const outDir = resolve(opts.out ?? join('reports', `${scenario.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-sweep`));
  await prepareOutDir(outDir);
  const n = prepared.points.length;
  if (n > MANY_POINTS && !opts.quiet) process.stderr.write(`note: ${n} points × ${prepared.trials} trials; narrow the grid or lower --trials for a quicker answer\n`);

  const progress = startProgress({ total: n * prepared.trials, enabled: !opts.quiet, label: `trials (${n} points)` });
  const points = await withEvaluator(opts.workers ?? defaultWorkers(), async (evaluator) => {
    try {
      return await runSweep(prepared, evaluator, file, progress.update);
    } finally {
      progress.stop();
    }
  });

  const source = { scenarioName: scenario.name, scenarioFile: file, version: DRSIM_VERSION, trials: prepared.trials, seed: prepared.seed };
  const written = await writeSweepReport(points, metrics, outDir, source, { charts: opts.charts, png: opts.png });
  if (!opts.quiet) {
    for (const m of asked) process.stdout.write(formatSweepTable(points, m) + '\n\n');
    process.stdout.write(`wrote ${written.map((p) => relative(process.cwd(), p) || p).join(', ')}\n`);
    if (paths.length > 2 && opts.charts) process.stdout.write('(no charts for more than two swept values: plot sweep.csv yourself)\n');
  }
}
