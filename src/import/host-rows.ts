/**
 * A host table (RVTools vHost, or any CSV with hosts) → InventoryHost[]. Speed is in MHz unless the
 * header says GHz; memory in MiB unless the header names a unit. Hosts missing cores or memory are
 * listed by row and left out (the plan then sizes the cluster from its VMs).
 */
import { decimalMarks, parseLocaleNumber } from './locale-numbers.js';
import { ImportLog, listRows, type InventoryHost } from './inventory.js';
import { parseSizeCell, sizeUnitBytes, unitFromHeader } from './size-units.js';
import { cellText, findColumn, ImportError, isEmptyRow, listHeaders, type RawTable } from './table.js';

const HOST_ALIASES = {
  name: ['Host', 'Name', 'Host Name', 'HostName', 'ComputerName'],
  site: ['Datacenter', 'Data Center', 'Site', 'Location'],
  cluster: ['Cluster', 'Cluster Name', 'Pool'],
  cpuModel: ['CPU Model', 'CPU', 'Processor'],
  serverModel: ['Model', 'Server Model', 'Hardware Model'],
  mhz: ['Speed', 'CPU Speed', 'Speed MHz', 'MHz', 'GHz', 'CPU GHz', 'Clock'],
  sockets: ['# CPU', 'CPU Sockets', 'Sockets', 'Num CPU', 'NumCpu'],
  coresPerSocket: ['Cores per CPU', 'Cores per Socket'],
  cores: ['# Cores', 'Cores', 'Total Cores', 'NumCpuCores', 'LogicalProcessorCount'],
  ram: ['# Memory', 'Memory', 'Memory MB', 'Memory GB', 'RAM', 'RAM GB', 'Total Memory'],
} as const;

type HostField = keyof typeof HOST_ALIASES;

export function readHostRows(table: RawTable, log: ImportLog): InventoryHost[] {
  const col = {} as Record<HostField, number>;
  for (const f of Object.keys(HOST_ALIASES) as HostField[]) col[f] = findColumn(table.headers, HOST_ALIASES[f]);
  if (col.name < 0) throw new ImportError(`${table.source}: no host name column ("Host" or "Name"); columns found: ${listHeaders(table.headers)}`);
  if (col.cores < 0 && (col.sockets < 0 || col.coresPerSocket < 0)) {
    throw new ImportError(`${table.source}: no core count ("# Cores", or "# CPU" and "Cores per CPU"); columns found: ${listHeaders(table.headers)}`);
  }
  if (col.ram < 0) throw new ImportError(`${table.source}: no memory column ("# Memory" or "Memory"); columns found: ${listHeaders(table.headers)}`);
  const numeric = Object.values(col).filter((c) => c >= 0);
  const marks = decimalMarks(table, numeric);
  const num = (row: RawTable['rows'][number], f: HostField): number =>
    col[f] < 0 ? NaN : parseLocaleNumber(row[col[f]] ?? null, marks.get(col[f]) ?? '.');
  const text = (row: RawTable['rows'][number], f: HostField): string => (col[f] < 0 ? '' : cellText(row[col[f]]));
  const ramUnit = unitFromHeader(table.headers[col.ram]) ?? 'MiB';
  const ramUnitBytes = sizeUnitBytes(ramUnit) ?? 2 ** 20;
  const speedInGhz = col.mhz >= 0 && /ghz/i.test(table.headers[col.mhz]);
  const skipped: number[] = [];
  const hosts: InventoryHost[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (isEmptyRow(row)) continue;
    const name = text(row, 'name');
    const sockets = num(row, 'sockets');
    let cores = num(row, 'cores');
    if (!(cores >= 1)) cores = sockets * num(row, 'coresPerSocket');
    const ramBytes = parseSizeCell(row[col.ram] ?? null, ramUnitBytes, marks.get(col.ram) ?? '.');
    if (name === '' || !(Number.isInteger(cores) && cores >= 1) || !(ramBytes > 0)) {
      skipped.push(table.rowNumbers[r]);
      continue;
    }
    const speed = num(row, 'mhz');
    const ghz = speed > 0 ? (speedInGhz || speed < 100 ? speed : speed / 1000) : null;
    const models = [text(row, 'serverModel'), text(row, 'cpuModel')].filter((s) => s !== '');
    hosts.push({
      name, row: table.rowNumbers[r], site: text(row, 'site') || null, cluster: text(row, 'cluster') || null,
      model: models.length > 0 ? models.join(' / ') : null, ghz: ghz === null ? null : Math.round(ghz * 100) / 100,
      sockets: Number.isInteger(sockets) && sockets >= 1 ? sockets : null, cores, ramBytes: Math.round(ramBytes),
    });
  }
  log.note(`${table.source}: read ${hosts.length} host${hosts.length === 1 ? '' : 's'} (memory in ${ramUnit}${col.mhz >= 0 ? `, speed in ${speedInGhz ? 'GHz' : 'MHz'}` : ''})`);
  if (skipped.length > 0) log.warn(`${table.source}: skipped hosts with no name, core count or memory: row${skipped.length === 1 ? '' : 's'} ${listRows(skipped)}`);
  return hosts;
}
