/**
 * The two imports end to end, without touching the output file: read the export(s), build the
 * inventory, plan the scenario, write its YAML text. The CLI decides where it goes.
 * Throws ImportError for unusable input; everything else is reported in the log.
 */
import { basename, extname } from 'node:path';
import type { Hypervisor } from '../models/scenario/model.js';
import { readHostRows } from './host-rows.js';
import { ImportLog, type Inventory, type InventoryHost } from './inventory.js';
import { openInput } from './read-input.js';
import { planScenario } from './scenario-plan.js';
import type { ScenarioPlan } from './plan-types.js';
import { ImportError, listHeaders, type RawTable } from './table.js';
import { bindColumns, readVmRows, type ExplicitMapping } from './vm-rows.js';
import type { VmField } from './vm-fields.js';
import { readWriteRates } from './write-rates.js';
import { writeScenarioYaml } from './yaml-writer.js';
import { parseColumnMap } from './column-map.js';

export interface CommonOptions {
  hostsFile?: string;
  writesFile?: string;
  includePoweredOff?: boolean;
  /** Scenario name; default: the input file's name without extension. */
  name?: string;
  schemaRef?: string | null;
}

export interface ImportResult {
  yaml: string;
  log: ImportLog;
  plan: ScenarioPlan;
}

async function csvTable(path: string, what: string, log: ImportLog): Promise<RawTable> {
  const opened = await openInput(path, [], what);
  opened.notes.forEach((n) => log.note(n));
  if (opened.kind === 'xlsx') throw new ImportError(`${path}: expected ${what} as CSV, found an .xlsx workbook (export the sheet as CSV)`);
  return opened.tables.get('')!;
}

/** Hosts from --hosts (CSV, or a workbook's vHost sheet) or from the main workbook's vHost sheet. */
async function readHosts(opts: CommonOptions, workbookHosts: RawTable | undefined, log: ImportLog): Promise<InventoryHost[]> {
  if (opts.hostsFile) {
    const opened = await openInput(opts.hostsFile, ['vHost'], 'a host list (RVTools vHost)');
    opened.notes.forEach((n) => log.note(n));
    const table = opened.kind === 'csv' ? opened.tables.get('') : opened.tables.get('vhost');
    if (!table) throw new ImportError(`${opts.hostsFile}: no vHost sheet; sheets found: ${listHeaders(opened.sheetNames)}`);
    return readHostRows(table, log);
  }
  if (workbookHosts) return readHostRows(workbookHosts, log);
  return [];
}

async function finish(vmTable: RawTable, explicit: Map<VmField, ExplicitMapping>, defaults: Partial<Record<VmField, string>>, what: string,
  hosts: InventoryHost[], opts: CommonOptions, command: string, hypervisor: Hypervisor | null, source: string, log: ImportLog): Promise<ImportResult> {
  const bound = bindColumns(vmTable, explicit, { defaultUnits: defaults, what }, log);
  const vms = readVmRows(vmTable, bound, { includePoweredOff: opts.includePoweredOff ?? false }, log);
  if (vms.length === 0) throw new ImportError(`${vmTable.source}: no usable VM rows (${vmTable.rows.length} rows read; see the messages above)`);
  let writes: Inventory['writes'] = null;
  if (opts.writesFile) writes = readWriteRates(await csvTable(opts.writesFile, 'a performance export', log), log);
  const inventory: Inventory = { source, vms, hosts, writes, writesSource: opts.writesFile ? basename(opts.writesFile) : null };
  const plan = planScenario(inventory, { name: opts.name ?? basename(source, extname(source)), hypervisor }, log);
  log.note(`scenario: ${plan.vms.length} VMs in ${plan.clusters.length} clusters at ${plan.sites.length} sites, ${plan.hostModels.length} host models`);
  const yaml = writeScenarioYaml(plan, { command, schemaRef: opts.schemaRef ?? null, assumptions: log.assumptions });
  return { yaml, log, plan };
}

/** `drsim import rvtools`: an RVTools .xlsx (vInfo + vHost sheets) or a vInfo CSV. */
export async function importRvtools(file: string, opts: CommonOptions = {}, log = new ImportLog()): Promise<ImportResult> {
  const opened = await openInput(file, ['vInfo', 'vHost'], 'an RVTools export (.xlsx, or the vInfo sheet as CSV)');
  opened.notes.forEach((n) => log.note(n));
  let vInfo: RawTable | undefined;
  if (opened.kind === 'xlsx') {
    vInfo = opened.tables.get('vinfo');
    if (!vInfo) throw new ImportError(`${file}: no vInfo sheet (is it an RVTools export?); sheets found: ${listHeaders(opened.sheetNames)}`);
  } else {
    vInfo = opened.tables.get('')!;
  }
  const hosts = await readHosts(opts, opened.tables.get('vhost'), log);
  return finish(vInfo, new Map(), { ram: 'MiB', provisioned: 'MiB', used: 'MiB' }, 'vInfo', hosts, opts, 'drsim import rvtools', null, basename(file), log);
}

export interface CsvImportOptions extends CommonOptions {
  /** --map values (each "column=field[:unit],..."). */
  map?: string[];
  /** Hypervisor of VMs whose row has none. */
  hypervisor?: Hypervisor;
}

/** `drsim import csv`: any inventory table, columns found by alias or named with --map. */
export async function importCsv(file: string, opts: CsvImportOptions = {}, log = new ImportLog()): Promise<ImportResult> {
  const explicit = parseColumnMap(opts.map ?? []);
  const vmTable = await csvTable(file, 'a CSV inventory', log);
  const hosts = await readHosts(opts, undefined, log);
  if (!opts.hypervisor) log.note('VMs whose row names no hypervisor are VMware (the language default); use --hypervisor hyperv|xen to change');
  return finish(vmTable, explicit, { ram: 'GiB', provisioned: 'GiB', used: 'GiB' }, 'the CSV', hosts, opts, 'drsim import csv', opts.hypervisor ?? null, basename(file), log);
}
