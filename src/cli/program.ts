import { Command } from 'commander';
import { DRSIM_VERSION } from './version.js';
import { escapeControlChars } from '../models/scenario/control-chars.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerMerge } from './merge.js';
import { registerValidate } from './validate.js';
import { registerSchema } from './schema.js';
import { registerInit } from './init.js';
import { registerImport } from './import.js';
import { registerSweep } from './sweep.js';
import { registerSize } from './size.js';
import { registerOptimize } from './optimize.js';
import { registerSensitivity } from './sensitivity.js';

/** Builds the `drsim` command tree. Each subcommand lives in its own module and registers itself here. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('drsim')
    .description('Simulates disaster-recovery strategies for virtualized server estates and compares the RPO, RTO, WAN bandwidth, DR capacity and cost each really achieves, over many seeded trials.')
    .version(DRSIM_VERSION, '-V, --version', 'print the drsim version')
    .showHelpAfterError('(run `drsim --help` for usage)')
    .addHelpText('after', '\nStart with `drsim run` (the bundled flagship example), `drsim init` for a starter scenario, or\n`drsim import rvtools export.xlsx` to build one from an inventory. Docs: README.md and docs/.')
    .configureOutput({ outputError: (str, write) => write(escapeControlChars(str, true)) })
    // Set before the subcommands are added: they inherit it, so their usage errors exit 2, not 1.
    .exitOverride();
  registerRun(program);
  registerMerge(program);
  registerValidate(program);
  registerSchema(program);
  registerInit(program);
  registerImport(program);
  registerReport(program);
  registerSweep(program);
  registerSize(program);
  registerOptimize(program);
  registerSensitivity(program);
  return program;
}
