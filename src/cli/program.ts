import { Command } from 'commander';
import { DRSIM_VERSION } from './version.js';
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

/** Builds the `drsim` command tree. Each subcommand lives in its own module and registers itself here. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('drsim')
    .description('Discrete-event simulator for disaster-recovery planning of virtualized server estates.\n' +
      'Compares protection strategies (backup-restore, async/sync replication, CDP) by the RPO, RTO,\n' +
      'WAN bandwidth, DR capacity and cost they really achieve, over many seeded trials.')
    .version(DRSIM_VERSION, '-V, --version', 'print the drsim version')
    .showHelpAfterError('(run `drsim --help` for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
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
  return program;
}
