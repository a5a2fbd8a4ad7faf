/**
 * What an import knows about the estate once the export is read, whatever its format: plain data in
 * internal units (bytes, GHz), plus a log of what was mapped, skipped or assumed. The scenario plan
 * (scenario-plan.ts) turns this into the scenario language.
 */
import type { Hypervisor } from '../models/scenario/model.js';

export interface InventoryVm {
  name: string;
  /** Spreadsheet row it came from (for messages). */
  row: number;
  vcpus: number;
  ramBytes: number;
  provisionedBytes: number;
  /** null when the export does not say (then used = provisioned). */
  usedBytes: number | null;
  site: string | null;
  cluster: string | null;
  host: string | null;
  hypervisor: Hypervisor | null;
  tier: number | null;
  app: string | null;
  lun: string | null;
  os: string | null;
  poweredOn: boolean;
}

export interface InventoryHost {
  name: string;
  row: number;
  site: string | null;
  cluster: string | null;
  model: string | null;
  ghz: number | null;
  sockets: number | null;
  cores: number | null;
  ramBytes: number | null;
}

/** Measured write rates of one VM, aggregated over the days of a performance export. */
export interface VmWriteRate {
  averageBytesPerSecond: number;
  peakBytesPerSecond: number;
  samples: number;
}

export interface Inventory {
  /** Where the VMs came from, for the file header. */
  source: string;
  vms: InventoryVm[];
  hosts: InventoryHost[];
  /** Write rates by VM name (lower-case), when a performance export was given. */
  writes: Map<string, VmWriteRate> | null;
  writesSource: string | null;
}

/** Messages for stderr. `notes` say what was mapped; `warnings` what was skipped, changed or could not be read. */
export class ImportLog {
  readonly notes: string[] = [];
  readonly warnings: string[] = [];
  /** Assumptions made where the export has no data; also written into the file as `# ASSUMPTION:`. */
  readonly assumptions: string[] = [];
  note(s: string): void { this.notes.push(s); }
  warn(s: string): void { this.warnings.push(s); }
  assume(s: string): void { this.assumptions.push(s); }
}

/** "rows 4, 9, 12 and 40 more": keeps a message about 5,000 bad rows to one line. */
export function listRows(rows: number[], max = 12): string {
  const shown = rows.slice(0, max).join(', ');
  return rows.length > max ? `${shown} and ${rows.length - max} more` : shown;
}
