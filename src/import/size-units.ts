/**
 * Size units of inventory columns. Inventories say "MB" and mean MiB (VMware and Windows count in
 * powers of 1024), so KB/MB/GB/TB here are binary, like KiB/MiB/GiB/TiB. A column's unit comes from
 * the --map suffix (`ram:GB`), else from its header ("Memory (MB)", "Disk GiB"), else the field's
 * default. A cell may also carry its own unit ("16 GB"), which wins.
 */
import { parseBytes, UnitError } from '../models/units/parse.js';
import { parseLocaleNumber, type DecimalMark } from './locale-numbers.js';
import type { Cell } from './table.js';

export const SIZE_UNITS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  kb: 2 ** 10, kib: 2 ** 10, mb: 2 ** 20, mib: 2 ** 20, gb: 2 ** 30, gib: 2 ** 30, tb: 2 ** 40, tib: 2 ** 40,
};

/** Bytes per unit for a unit name ("GB", "MiB"), or null if unknown. */
export function sizeUnitBytes(unit: string): number | null {
  return SIZE_UNITS[unit.trim().toLowerCase()] ?? null;
}

/** A size unit named in a header: "Memory (MB)", "Provisioned MiB", "disk_gb", "Size [TB]". */
export function unitFromHeader(header: string): string | null {
  const m = /(?:^|[\s_([\-])(b|bytes|kb|kib|mb|mib|gb|gib|tb|tib)(?:[\s)\]]|$)/i.exec(header.trim());
  return m ? m[1] : null;
}

/** A size cell → bytes; NaN if it is not a size. A number is in `unitBytes`; "16 GB" names its own unit. */
export function parseSizeCell(c: Cell, unitBytes: number, mark: DecimalMark): number {
  const n = parseLocaleNumber(c, mark);
  if (Number.isFinite(n)) return n * unitBytes;
  if (typeof c !== 'string') return NaN;
  const m = /^\s*([-+\d.,\s\u00a0\u202f']+?)\s*([a-z]+)\s*$/i.exec(c);
  if (m) {
    const unit = sizeUnitBytes(m[2]);
    const num = parseLocaleNumber(m[1], mark);
    if (unit !== null && Number.isFinite(num)) return num * unit;
  }
  try {
    return parseBytes(c);
  } catch (err) {
    if (err instanceof UnitError) return NaN;
    throw err;
  }
}
