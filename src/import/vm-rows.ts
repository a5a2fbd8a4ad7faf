/**
 * A VM table (RVTools vInfo or any CSV) → InventoryVm[]: binds columns to fields (explicit --map
 * first, then header aliases), decides each numeric column's decimal mark, reads every row, and
 * logs by spreadsheet row number what it skipped or changed. Never throws for a bad row; throws
 * ImportError only when a required column is missing.
 */
import { decimalMarks, parseLocaleNumber, type DecimalMark } from './locale-numbers.js';
import { ImportLog, listRows, type InventoryVm } from './inventory.js';
import { parseSizeCell, sizeUnitBytes, unitFromHeader } from './size-units.js';
import { cellText, findColumn, ImportError, isEmptyRow, listHeaders, normalizeHeader, type RawTable } from './table.js';
import {
  datastoreOf, KNOWN_UNUSED, parseBool, parseHypervisor, parsePowerstate, parseTier, REQUIRED_VM_FIELDS, SIZE_FIELDS, VM_ALIASES, VM_FIELDS,
  type VmField,
} from './vm-fields.js';

export interface ColumnBinding {
  field: VmField;
  column: number;
  /** Bytes per unit for size fields. */
  unitBytes: number;
  unitName: string;
}

export interface ExplicitMapping { column: string; unit: string | null }

export interface BindOptions {
  /** Default unit of each size field when neither the map nor the header names one. */
  defaultUnits: Partial<Record<VmField, string>>;
  /** What the table is, for "required column missing" messages ("vInfo", "the CSV"). */
  what: string;
}

export function bindColumns(table: RawTable, explicit: Map<VmField, ExplicitMapping>, opts: BindOptions, log: ImportLog): Map<VmField, ColumnBinding> {
  const bound = new Map<VmField, ColumnBinding>();
  const used = new Set<number>();
  const bind = (field: VmField, column: number, mapUnit: string | null): void => {
    const header = table.headers[column];
    let unitName = '';
    let unitBytes = 1;
    if (SIZE_FIELDS.includes(field)) {
      unitName = mapUnit ?? unitFromHeader(header) ?? opts.defaultUnits[field] ?? 'MiB';
      unitBytes = sizeUnitBytes(unitName) ?? 1;
      if (mapUnit === null && unitFromHeader(header) === null) {
        log.note(`${field}: column "${header}" names no unit; reading it as ${unitName} (say ${field}:GB in --map to change)`);
      }
    }
    bound.set(field, { field, column, unitBytes, unitName });
    used.add(column);
  };
  for (const [field, m] of explicit) {
    const column = findColumn(table.headers, [m.column]);
    if (column < 0) throw new ImportError(`${table.source}: --map names the column "${m.column}" (for ${field}), which is not there; columns found: ${listHeaders(table.headers)}`);
    bind(field, column, m.unit);
  }
  for (const field of VM_FIELDS) {
    if (bound.has(field)) continue;
    const aliases = VM_ALIASES[field].filter((a) => !used.has(findColumn(table.headers, [a])));
    const column = findColumn(table.headers, aliases);
    if (column >= 0) bind(field, column, null);
  }
  const missing = REQUIRED_VM_FIELDS.filter((f) => !bound.has(f));
  if (missing.length > 0) {
    const hints = missing.map((f) => `${f} (a column named ${VM_ALIASES[f].slice(0, 4).map((a) => `"${a}"`).join(', ')}, ...)`);
    throw new ImportError(`${table.source}: ${opts.what} has no column for ${hints.join('; ')}; columns found: ${listHeaders(table.headers)}` +
      '\n(map columns explicitly with --map "Column Name=field,...")');
  }
  const mapped = [...bound.values()].map((b) => `${b.field} ← "${table.headers[b.column]}"${b.unitName ? ` (${b.unitName})` : ''}`);
  log.note(`${table.source}: mapped ${mapped.join(', ')}`);
  const known = new Set(KNOWN_UNUSED.map(normalizeHeader));
  const ignored = table.headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  const unknown = ignored.filter((h) => !known.has(normalizeHeader(h)));
  if (ignored.length > 0) {
    log.note(`${table.source}: ignored ${ignored.length} column${ignored.length === 1 ? '' : 's'} the scenario has no place for` +
      `${unknown.length > 0 ? `: ${listHeaders(unknown, 12)}` : ''}`);
  }
  return bound;
}

export interface ReadVmOptions { includePoweredOff: boolean }

/** Row problems, grouped per kind so thousands of bad rows make a few lines. */
class RowIssues {
  private readonly byKind = new Map<string, number[]>();
  add(kind: string, row: number): void {
    const list = this.byKind.get(kind);
    if (list) list.push(row);
    else this.byKind.set(kind, [row]);
  }
  report(log: ImportLog, source: string): void {
    for (const [kind, rows] of this.byKind) log.warn(`${source}: ${kind}: row${rows.length === 1 ? '' : 's'} ${listRows(rows)}`);
  }
}

export function readVmRows(table: RawTable, bound: Map<VmField, ColumnBinding>, opts: ReadVmOptions, log: ImportLog): InventoryVm[] {
  const numeric = (['vcpus', 'ram', 'provisioned', 'used'] as const).filter((f) => bound.has(f)).map((f) => bound.get(f)!.column);
  const marks = decimalMarks(table, numeric);
  const markOf = (f: VmField): DecimalMark => marks.get(bound.get(f)!.column) ?? '.';
  const text = (row: RawTable['rows'][number], f: VmField): string => {
    const b = bound.get(f);
    return b ? cellText(row[b.column]) : '';
  };
  const size = (row: RawTable['rows'][number], f: VmField): number => {
    const b = bound.get(f)!;
    return parseSizeCell(row[b.column] ?? null, b.unitBytes, markOf(f));
  };
  const issues = new RowIssues();
  const vms: InventoryVm[] = [];
  let poweredOff = 0;
  let templates = 0;
  let placeholders = 0;
  let empty = 0;
  let clamped = 0;
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const rowNumber = table.rowNumbers[r];
    if (isEmptyRow(row)) {
      empty++;
      continue;
    }
    if (bound.has('template') && parseBool(text(row, 'template'))) { templates++; continue; }
    if (bound.has('placeholder') && parseBool(text(row, 'placeholder'))) { placeholders++; continue; }
    const name = text(row, 'name');
    const power = bound.has('powerstate') ? parsePowerstate(text(row, 'powerstate')) : true;
    if (power === null) issues.add(`powerstate "${text(row, 'powerstate')}" not understood, taken as powered on`, rowNumber);
    const poweredOn = power !== false;
    if (!poweredOn && !opts.includePoweredOff) { poweredOff++; continue; }
    const missing: string[] = [];
    if (name === '') missing.push('name');
    const vcpus = parseLocaleNumber(row[bound.get('vcpus')!.column] ?? null, markOf('vcpus'));
    if (!(Number.isInteger(vcpus) && vcpus >= 1)) missing.push('vcpus');
    const ramBytes = size(row, 'ram');
    if (!(ramBytes > 0)) missing.push('ram');
    const provisionedBytes = size(row, 'provisioned');
    if (!(provisionedBytes >= 0)) missing.push('provisioned');
    if (missing.length > 0) {
      issues.add(`skipped, missing or unreadable ${missing.join(', ')}`, rowNumber);
      continue;
    }
    let usedBytes: number | null = null;
    if (bound.has('used') && text(row, 'used') !== '') {
      usedBytes = size(row, 'used');
      if (!(usedBytes >= 0)) {
        issues.add('unreadable used size, taken as provisioned', rowNumber);
        usedBytes = null;
      } else if (usedBytes > provisionedBytes) {
        // In-use space counts snapshots and swap files, which can exceed the provisioned disks.
        usedBytes = provisionedBytes;
        clamped++;
      }
    }
    let tier: number | null = null;
    if (text(row, 'tier') !== '') {
      tier = parseTier(text(row, 'tier'));
      if (tier === null) issues.add(`tier "${text(row, 'tier')}" not understood (expected 1, "Tier 2", gold/silver/bronze), left to the default`, rowNumber);
    }
    let hypervisor = null;
    if (text(row, 'hypervisor') !== '') {
      hypervisor = parseHypervisor(text(row, 'hypervisor'));
      if (hypervisor === null) issues.add(`hypervisor "${text(row, 'hypervisor')}" not understood (expected VMware, Hyper-V or Xen)`, rowNumber);
    }
    const orNull = (s: string) => (s === '' ? null : s);
    vms.push({
      name, row: rowNumber, vcpus, ramBytes: Math.round(ramBytes), provisionedBytes: Math.round(provisionedBytes),
      usedBytes: usedBytes === null ? null : Math.round(usedBytes),
      site: orNull(text(row, 'site')), cluster: orNull(text(row, 'cluster')), host: orNull(text(row, 'host')),
      hypervisor, tier, app: orNull(text(row, 'app')),
      lun: orNull(text(row, 'lun')) ?? (bound.has('datastore') && text(row, 'datastore') !== '' ? datastoreOf(text(row, 'datastore')) : null),
      os: orNull(text(row, 'os')), poweredOn,
    });
  }
  issues.report(log, table.source);
  if (poweredOff > 0) log.note(`${table.source}: skipped ${poweredOff} powered-off VM${poweredOff === 1 ? '' : 's'} (--include-powered-off keeps them)`);
  if (templates > 0) log.note(`${table.source}: skipped ${templates} template${templates === 1 ? '' : 's'}`);
  if (placeholders > 0) log.note(`${table.source}: skipped ${placeholders} SRM placeholder VM${placeholders === 1 ? '' : 's'} (DR-side shadows of protected VMs)`);
  if (empty > 0) log.note(`${table.source}: skipped ${empty} empty row${empty === 1 ? '' : 's'}`);
  if (clamped > 0) log.note(`${table.source}: ${clamped} VM${clamped === 1 ? '' : 's'} use more space than provisioned (snapshots, swap): used set to provisioned`);
  return vms;
}
