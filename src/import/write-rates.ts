/**
 * Measured write rates from a performance export → per-VM average and peak (bytes/s). Two shapes:
 * - wide: one row per VM (or per VM and day) with an average and a peak write-rate column, found by
 *   header words ("Avg Write KB/s", "Write Peak (MB/s)"); several rows of one VM are averaged
 *   (averages) and maxed (peaks);
 * - long (PowerCLI Get-Stat | Export-Csv): Entity, MetricId (disk.write.average, ...), Value; each
 *   sample is an interval average, so the VM's average is their mean and its peak their maximum.
 * Rates are KB/s unless the header names another unit; KB is 1024 bytes, as vCenter counts.
 */
import { decimalMarks, parseLocaleNumber } from './locale-numbers.js';
import { ImportLog, listRows, type VmWriteRate } from './inventory.js';
import { cellText, findColumn, ImportError, isEmptyRow, listHeaders, normalizeHeader, type RawTable } from './table.js';

const RATE_UNITS: Array<[RegExp, number, string]> = [
  [/(?<![a-z])(gb\/s|gbps|gib\/s)(?![a-z])/i, 2 ** 30, 'GB/s'],
  [/(?<![a-z])(mb\/s|mbps|mib\/s)(?![a-z])/i, 2 ** 20, 'MB/s'],
  [/(?<![a-z])(kb\/s|kbps|kib\/s)(?![a-z])/i, 2 ** 10, 'KB/s'],
  [/(?<![a-z])(b\/s|bps)(?![a-z])/i, 1, 'B/s'],
];

function rateUnit(header: string): { bytes: number; name: string } {
  for (const [re, bytes, name] of RATE_UNITS) if (re.test(header)) return { bytes, name };
  return { bytes: 1024, name: 'KB/s' };
}

function columnByWords(headers: string[], must: RegExp, any: RegExp): number {
  return headers.findIndex((h) => must.test(normalizeHeader(h)) && any.test(normalizeHeader(h)));
}

interface Acc { sumAvg: number; n: number; peak: number }

function add(acc: Map<string, Acc>, name: string, avg: number, peak: number): void {
  const key = name.toLowerCase();
  const a = acc.get(key);
  if (a) {
    a.sumAvg += avg;
    a.n++;
    a.peak = Math.max(a.peak, peak);
  } else {
    acc.set(key, { sumAvg: avg, n: 1, peak });
  }
}

export function readWriteRates(table: RawTable, log: ImportLog): Map<string, VmWriteRate> {
  const acc = new Map<string, Acc>();
  const bad: number[] = [];
  const entity = findColumn(table.headers, ['Entity']);
  const metric = findColumn(table.headers, ['MetricId', 'Metric']);
  const value = findColumn(table.headers, ['Value']);
  if (entity >= 0 && metric >= 0 && value >= 0) {
    const unit = rateUnit(table.headers[findColumn(table.headers, ['Unit'])] ?? '');
    const marks = decimalMarks(table, [value]);
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r];
      if (isEmptyRow(row) || !/write/i.test(cellText(row[metric]))) continue;
      const v = parseLocaleNumber(row[value] ?? null, marks.get(value) ?? '.');
      const name = cellText(row[entity]);
      if (name === '' || !(v >= 0)) { bad.push(table.rowNumbers[r]); continue; }
      add(acc, name, v * unit.bytes, v * unit.bytes);
    }
    log.note(`${table.source}: read write samples (Entity/MetricId/Value, ${unit.name}) for ${acc.size} VMs`);
  } else {
    const name = findColumn(table.headers, ['VM', 'VM Name', 'VMName', 'Name', 'Entity']);
    const avg = columnByWords(table.headers, /write/, /avg|average|mean/);
    const peak = columnByWords(table.headers, /write/, /peak|max/);
    if (name < 0 || avg < 0) {
      throw new ImportError(`${table.source}: expected a VM column and an average write-rate column (e.g. "VM", "Avg Write KB/s", "Peak Write KB/s"); columns found: ${listHeaders(table.headers)}`);
    }
    const avgUnit = rateUnit(table.headers[avg]);
    const peakUnit = peak >= 0 ? rateUnit(table.headers[peak]) : avgUnit;
    const marks = decimalMarks(table, peak >= 0 ? [avg, peak] : [avg]);
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r];
      if (isEmptyRow(row)) continue;
      const vm = cellText(row[name]);
      const a = parseLocaleNumber(row[avg] ?? null, marks.get(avg) ?? '.') * avgUnit.bytes;
      const p = peak >= 0 ? parseLocaleNumber(row[peak] ?? null, marks.get(peak) ?? '.') * peakUnit.bytes : a;
      if (vm === '' || !(a >= 0)) { bad.push(table.rowNumbers[r]); continue; }
      add(acc, vm, a, p >= a ? p : a);
    }
    log.note(`${table.source}: write rates ← "${table.headers[avg]}" (${avgUnit.name})${peak >= 0 ? `, peaks ← "${table.headers[peak]}" (${peakUnit.name})` : ' (no peak column: peak = average)'} for ${acc.size} VMs`);
  }
  if (bad.length > 0) log.warn(`${table.source}: skipped rows with no VM name or no readable write rate: row${bad.length === 1 ? '' : 's'} ${listRows(bad)}`);
  const out = new Map<string, VmWriteRate>();
  for (const [k, a] of acc) out.set(k, { averageBytesPerSecond: a.sumAvg / a.n, peakBytesPerSecond: Math.max(a.peak, a.sumAvg / a.n), samples: a.n });
  return out;
}
