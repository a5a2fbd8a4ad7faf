/** `drsim merge PARTS... --out DIR`: combines `drsim run --shard i/n` partial results into the whole run's results. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MergeError, mergePartials } from '../experiment/partials.js';
import type { ReportFormat } from '../report/index.js';
import { ShapeError, validateResultsShape } from '../report/validate-results.js';
import { UserError } from './errors.js';
import { formatOption, nonEmptyPath, nonEmptyPaths } from './options.js';
import { withInterrupts } from './interrupt.js';
import { prepareOutputDir } from './output.js';
import { writeResults } from './run.js';
import { DRSIM_VERSION } from './version.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the partial results of `drsim run --shard i/n` into exactly the unsharded run\'s results')
    .argument('<parts...>', 'partial result files (partial-I-of-N.json)', nonEmptyPaths('each part'))
    .requiredOption('-o, --out <dir>', 'output directory for results.json and the reports', nonEmptyPath('--out'))
    .option('--json', 'print results.json on stdout instead of the table')
    .option('-q, --quiet', 'no table')
    .addOption(formatOption())
    .option('--no-report', 'write results.json only')
    .action(async (parts: string[], opts: MergeOptions) => {
      await withInterrupts((signal) => mergeCommand(parts, opts, signal));
    });
}

interface MergeOptions { out: string; json?: boolean; quiet?: boolean; format: Set<ReportFormat>; report: boolean }

async function mergeCommand(parts: string[], opts: MergeOptions, signal: AbortSignal): Promise<void> {
  const loaded = [];
  for (const path of parts) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new UserError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 2);
    }
    try {
      loaded.push({ path, data: JSON.parse(text) as unknown });
    } catch (e) {
      throw new UserError(`${path}: not valid JSON (${(e as Error).message})`, 2);
    }
  }
  let results;
  try {
    results = mergePartials(loaded, DRSIM_VERSION);
    // What the parts' scenario named goes into charts and tables: the results reader's checks apply.
    validateResultsShape(results);
  } catch (e) {
    if (e instanceof MergeError) throw new UserError(e.message, 2);
    if (e instanceof ShapeError) throw new UserError(`${parts[0]}: the merged results are not valid: ${e.message}`, 2);
    throw e;
  }
  const outDir = resolve(opts.out);
  await prepareOutputDir(outDir);
  await writeResults(results, outDir, opts, signal);
}
