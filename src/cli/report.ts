/**
 * `drsim report RESULTS.json [--out DIR] [--format csv,svg,png,html]`: regenerates the reports
 * from a results file alone (no simulation), e.g. after an upgrade or for other formats. The reports
 * replace the directory's previous ones as one set (output.ts); the results file itself is never touched.
 */
import type { Command } from 'commander';
import { dirname, relative, resolve } from 'node:path';
import { readResults, ResultsFileError, writeReport, type ReportFormat } from '../report/index.js';
import { REPORT_SET } from '../report/output-set.js';
import { UserError } from './errors.js';
import { withInterrupts } from './interrupt.js';
import { formatOption, nonEmptyPath } from './options.js';
import { prepareOutputDir, writeOutputSet } from './output.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write CSV tables, charts (SVG, PNG, Vega-Lite) and a self-contained HTML report from a results.json')
    .argument('<results>', 'results.json written by `drsim run`', nonEmptyPath('RESULTS'))
    .option('-o, --out <dir>', 'output directory (default: the results file\'s directory)', nonEmptyPath('--out'))
    .addOption(formatOption())
    .addHelpText('after', '\nExamples:\n  drsim report reports/regional-bank/results.json\n  drsim report results.json --out slides/ --format png,html')
    .action(async (resultsPath: string, opts: { out?: string; format: Set<ReportFormat> }) => {
      await withInterrupts((signal) => reportCommand(resultsPath, opts, signal));
    });
}

async function reportCommand(resultsPath: string, opts: { out?: string; format: Set<ReportFormat> }, signal: AbortSignal): Promise<void> {
  let results;
  try {
    results = readResults(resultsPath);
  } catch (e) {
    if (e instanceof ResultsFileError) throw new UserError(e.message, 2);
    throw e;
  }
  const outDir = resolve(opts.out ?? dirname(resultsPath));
  await prepareOutputDir(outDir);
  const written = await writeOutputSet(outDir, REPORT_SET, signal, (set) => writeReport(results, set.staging, { formats: opts.format, signal }));
  const shown = relative(process.cwd(), outDir) || '.';
  process.stdout.write(`wrote ${written.length} report files in ${shown}:\n` + written.map((p) => `  ${relative(outDir, p)}\n`).join(''));
}
