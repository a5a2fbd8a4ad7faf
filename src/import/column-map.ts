/**
 * `--map "VM Name=name,Memory=ram:GB,Disk (GB)=provisioned"`: which column feeds which field, with an
 * optional size unit. Commas inside double quotes belong to the column name; the last `=` splits.
 */
import type { ExplicitMapping } from './vm-rows.js';
import { ImportError } from './table.js';
import { SIZE_FIELDS, VM_FIELDS, type VmField } from './vm-fields.js';
import { SIZE_UNITS } from './size-units.js';

function splitOutsideQuotes(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

export function parseColumnMap(specs: readonly string[]): Map<VmField, ExplicitMapping> {
  const out = new Map<VmField, ExplicitMapping>();
  for (const item of specs.flatMap(splitOutsideQuotes)) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new ImportError(`--map: "${item}" is not column=field (e.g. "VM Name=name", "Memory GB=ram:GB")`);
    const column = item.slice(0, eq).trim();
    const [fieldText, unitText] = item.slice(eq + 1).split(':').map((x) => x.trim());
    const field = fieldText.toLowerCase() as VmField;
    if (!VM_FIELDS.includes(field)) throw new ImportError(`--map: unknown field "${fieldText}" for column "${column}"; fields: ${VM_FIELDS.join(', ')}`);
    let unit: string | null = null;
    if (unitText !== undefined) {
      if (!SIZE_FIELDS.includes(field)) throw new ImportError(`--map: ${field} takes no unit (only ${SIZE_FIELDS.join(', ')} do), found "${item}"`);
      if (!(unitText.toLowerCase() in SIZE_UNITS)) throw new ImportError(`--map: unknown unit "${unitText}" in "${item}"; units: B, KB, MB, GB, TB (binary, as inventories count) or KiB, MiB, GiB, TiB`);
      unit = unitText;
    }
    if (out.has(field)) throw new ImportError(`--map: field ${field} is mapped twice ("${out.get(field)!.column}" and "${column}")`);
    out.set(field, { column, unit });
  }
  return out;
}
