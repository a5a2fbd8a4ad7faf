/**
 * `drsim import rvtools FILE` and `drsim import csv FILE`: build a commented scenario from an
 * inventory export. The YAML goes to --out (written atomically, never over an existing file without
 * --force) or to stdout; what was mapped, skipped and assumed goes to stderr. The generated file is
 * validated before it is written: a file that does not load is an internal error, never output.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { importCsv, importRvtools, type CommonOptions, type ImportResult } from '../import/importer.js';
import { ImportError } from '../import/table.js';
import { escapeControlChars } from '../models/scenario/control-chars.js';
import { formatProblem, parseScenario, ScenarioError } from '../models/scenario/loader.js';
import type { Hypervisor } from '../models/scenario/model.js';
import { UserError } from './errors.js';
import { withInterrupts } from './interrupt.js';
import { nonEmptyPath } from './options.js';
import { checkOutputFile, writeOutputFile } from './output.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url));

interface OutputOptions { out?: string; force?: boolean; quiet?: boolean }

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseHypervisorFlag(value: string): Hypervisor {
  const v = value.trim().toLowerCase().replace(/[-_\s]/g, '');
  if (v === 'vmware' || v === 'hyperv' || v === 'xen') return v;
  throw new InvalidArgumentError(`--hypervisor expects vmware, hyperv or xen, got "${value}"`);
}

function schemaRefFor(out: string | undefined): string {
  let ref = relative(out ? dirname(resolve(out)) : process.cwd(), SCHEMA_PATH).split('\\').join('/');
  if (!ref.startsWith('.')) ref = `./${ref}`;
  return ref;
}

async function runImport(opts: OutputOptions, work: (common: CommonOptions) => Promise<ImportResult>): Promise<void> {
  await withInterrupts((signal) => importInterruptibly(opts, work, signal));
}

async function importInterruptibly(opts: OutputOptions, work: (common: CommonOptions) => Promise<ImportResult>, signal: AbortSignal): Promise<void> {
  // Refused before any reading: an existing --out needs --force; a directory or a device never works.
  if (opts.out !== undefined) checkOutputFile(opts.out, opts.force, `--out ${opts.out}`);
  let result: ImportResult;
  try {
    result = await work({ schemaRef: schemaRefFor(opts.out) });
  } catch (err) {
    if (err instanceof ImportError) throw new UserError(err.message, 2);
    throw err;
  }
  const { log, yaml, plan } = result;
  // The messages quote names and headers from someone else's export: escaped, one line each.
  const say = (s: string) => { if (!opts.quiet) process.stderr.write(escapeControlChars(s, true)); };
  for (const n of log.notes) say(`note: ${n}\n`);
  for (const w of log.warnings) process.stderr.write(escapeControlChars(`warning: ${w}`) + '\n');
  for (const a of log.assumptions) say(`assumption: ${a}\n`);
  const label = opts.out ?? '<stdout>';
  try {
    const { warnings } = parseScenario(yaml, label);
    for (const w of warnings) say(`check: ${formatProblem(w)}\n`);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const problems = err.problems.slice(0, 10).map(formatProblem).join('\n');
    throw new Error(`the generated scenario does not validate (a bug in the importer):\n${problems}`);
  }
  if (opts.out === undefined) {
    process.stdout.write(yaml);
    return;
  }
  await writeOutputFile(resolve(opts.out), yaml, signal, opts.out);
  say(`wrote ${opts.out}: ${plan.vms.length} VMs; edit the ASSUMPTION lines, then: drsim validate ${opts.out}\n`);
}

function outputOptions(cmd: Command): Command {
  return cmd
    .option('--hosts <file>', 'host list: RVTools vHost sheet as CSV (or an .xlsx with a vHost sheet)', nonEmptyPath('--hosts'))
    .option('--writes <file>', 'measured write rates per VM (CSV: VM, average and peak write KB/s; or PowerCLI Get-Stat Entity/MetricId/Value)', nonEmptyPath('--writes'))
    .option('-o, --out <file>', 'write the scenario here (default: stdout)', nonEmptyPath('--out'))
    .option('-f, --force', 'overwrite an existing --out file')
    .option('--include-powered-off', 'keep powered-off VMs (skipped by default)')
    .option('--name <name>', 'scenario name (default: the input file name)')
    .option('-q, --quiet', 'print only warnings and errors');
}

interface ImportFlags extends OutputOptions { hosts?: string; writes?: string; includePoweredOff?: boolean; name?: string }

function common(o: ImportFlags, c: CommonOptions): CommonOptions {
  return { ...c, hostsFile: o.hosts, writesFile: o.writes, includePoweredOff: o.includePoweredOff, name: o.name };
}

export function registerImport(program: Command): void {
  const cmd = program
    .command('import')
    .description('build a scenario from an inventory export (RVTools, or any CSV)');

  outputOptions(cmd.command('rvtools')
    .description('import an RVTools export: the .xlsx (vInfo and vHost sheets) or vInfo exported as CSV')
    .argument('<file>', 'RVTools .xlsx, or vInfo.csv', nonEmptyPath('FILE')))
    .action(async (file: string, o: ImportFlags) => {
      await runImport(o, (c) => importRvtools(file, common(o, c)));
    });

  outputOptions(cmd.command('csv')
    .description('import a CSV inventory (Hyper-V, Xen or any tool); columns are found by name or mapped with --map')
    .argument('<file>', 'CSV file, one VM per row', nonEmptyPath('FILE'))
    .option('--map <spec>', 'column=field[:unit],... e.g. "VMName=name,Memory GB=ram:GB" (fields: name, vcpus, ram, provisioned, used, site, cluster, host, hypervisor, tier, app, lun, datastore, powerstate, os); repeatable', collect, [])
    .option('--hypervisor <name>', 'hypervisor of VMs whose row does not say: vmware, hyperv or xen', parseHypervisorFlag))
    .action(async (file: string, o: ImportFlags & { map: string[]; hypervisor?: Hypervisor }) => {
      await runImport(o, (c) => importCsv(file, { ...common(o, c), map: o.map, hypervisor: o.hypervisor }));
    });
}
