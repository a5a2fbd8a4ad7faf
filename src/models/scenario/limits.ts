/**
 * How large a scenario may grow when templates and counts are expanded. A few bytes of YAML
 * (`count: 10000000`) would otherwise allocate millions of VMs and end in an out-of-memory abort minutes
 * later; resolution checks the totals before expanding anything and reports them like any other problem.
 * `--allow-large` raises the limits to what this process's heap can hold (about 1 KiB per resolved VM).
 */
import { getHeapStatistics } from 'node:v8';

export interface ScenarioLimits {
  maxVms: number;
  maxHosts: number;
  /** What raises the limits, for messages; null when they are already raised. */
  raisedBy: string | null;
}

/** 50× the synthetic 10,000-VM estate; a 20 MiB file of one-line VMs (~330,000) still loads. */
export const DEFAULT_MAX_VMS = 500_000;
export const DEFAULT_MAX_HOSTS = 100_000;
/** Longest name (templates repeat theirs per VM: a long pattern × a large count is memory too). */
export const MAX_NAME_LENGTH = 255;
/** Widest zero padding of an index pattern (`{i:06}`): 20 digits hold any index. */
export const MAX_INDEX_WIDTH = 20;

const BYTES_PER_RESOLVED_VM = 1024;

export function scenarioLimits(allowLarge = false): ScenarioLimits {
  if (!allowLarge) return { maxVms: DEFAULT_MAX_VMS, maxHosts: DEFAULT_MAX_HOSTS, raisedBy: '--allow-large' };
  const byHeap = Math.floor(getHeapStatistics().heap_size_limit / BYTES_PER_RESOLVED_VM);
  return { maxVms: Math.max(DEFAULT_MAX_VMS, byHeap), maxHosts: Math.max(DEFAULT_MAX_HOSTS, Math.floor(byHeap / 4)), raisedBy: null };
}

/** "above the limit of 500,000 (run with --allow-large to raise it)". */
export function limitText(limit: number, limits: ScenarioLimits): string {
  return `above the limit of ${limit.toLocaleString('en-US')}${limits.raisedBy !== null ? ` (${limits.raisedBy} raises it)` : ' (what this process\'s memory can hold)'}`;
}
