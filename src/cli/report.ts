/**
 * `drsim report RESULTS.json [--out DIR] [--format csv,svg,png,html]`: regenerates the reports
 * from a results file alone (no simulation), e.g. after an upgrade or for other formats.
 */
import type { Command } from 'commander';
import { dirname, relative, resolve } from 'node:path';
import { readResults, ResultsFileError, writeReport, type ReportFormat } from '../report/index.js';
import { UserError } from './errors.js';
import { formatOption } from './options.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write CSV tables, charts (SVG, PNG, Vega-Lite) and a self-contained HTML report from a results.json')
    .argument('<results>', 'results.json written by `drsim run`')
    .option('-o, --out <dir>', 'output directory (default: the results file\'s directory)')
    .addOption(formatOption())
    .addHelpText('after', '\nExamples:\n  drsim report reports/regional-bank/results.json\n  drsim report results.json --out slides/ --format png,html')
    .action(async (resultsPath: string, opts: { out?: string; format: Set<ReportFormat> }) => {
      const formats = opts.format;
      let results;
      try {
        results = readResults(resultsPath);
      } catch (e) {
        if (e instanceof ResultsFileError) throw new UserError(e.message, 2);
        throw e;
      }
      const outDir = resolve(opts.out ?? dirname(resultsPath));
      let written: string[];
      try {
        written = await writeReport(results, outDir, { formats });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOSPC') {
          throw new UserError(`cannot write the report to ${outDir}: ${(e as Error).message}`, 2);
        }
        throw e;
      }
      const shown = relative(process.cwd(), outDir) || '.';
      process.stdout.write(`wrote ${written.length} report files in ${shown}:\n` + written.map((p) => `  ${relative(outDir, p)}\n`).join(''));
    });
}
