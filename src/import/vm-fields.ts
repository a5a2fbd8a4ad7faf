/**
 * The VM fields an inventory column can feed, the header aliases that find them without a --map,
 * and how their values are read (powerstate words, hypervisor names, tier labels).
 */
import type { Hypervisor } from '../models/scenario/model.js';

export const VM_FIELDS = [
  'name', 'vcpus', 'ram', 'provisioned', 'used', 'site', 'cluster', 'host', 'hypervisor', 'tier', 'app', 'lun',
  'datastore', 'powerstate', 'os', 'template', 'placeholder',
] as const;
export type VmField = typeof VM_FIELDS[number];

export const REQUIRED_VM_FIELDS: readonly VmField[] = ['name', 'vcpus', 'ram', 'provisioned'];
export const SIZE_FIELDS: readonly VmField[] = ['ram', 'provisioned', 'used'];

/** Header aliases, most specific first (RVTools names, then PowerShell/SCVMM/Xen habits). */
export const VM_ALIASES: Record<VmField, string[]> = {
  name: ['VM', 'VM Name', 'VMName', 'Name', 'Virtual Machine', 'name_label'],
  vcpus: ['CPUs', 'vCPUs', 'vCPU', 'Num CPU', 'NumCpu', 'ProcessorCount', 'CPU Count', 'VCPUs_max', 'CPU'],
  ram: ['Memory', 'Memory MB', 'Memory MiB', 'Memory (MB)', 'Memory GB', 'MemoryMB', 'MemoryGB', 'RAM', 'RAM GB', 'RAM MB', 'MemoryStartup', 'MemoryAssigned'],
  provisioned: ['Provisioned MB', 'Provisioned MiB', 'Provisioned', 'Provisioned GB', 'Provisioned Space GB', 'ProvisionedSpaceGB', 'Disk', 'Disk GB', 'Disk Size', 'Total Disk GB', 'Capacity'],
  used: ['In Use MB', 'In Use MiB', 'In Use', 'Used', 'Used MB', 'Used GB', 'Used Space GB', 'UsedSpaceGB', 'Disk Used GB'],
  site: ['Datacenter', 'Data Center', 'Site', 'Location'],
  cluster: ['Cluster', 'Cluster Name', 'Pool'],
  host: ['Host', 'VMHost', 'ESX Host', 'ComputerName', 'Hyper-V Host', 'Resident On'],
  hypervisor: ['Hypervisor', 'Platform', 'Virtualization'],
  tier: ['Tier', 'DR Tier', 'Service Tier', 'Criticality'],
  app: ['App', 'Application', 'Service', 'Business Application'],
  lun: ['LUN', 'Cluster Shared Volume', 'CSV', 'SR'],
  datastore: ['Datastore', 'Storage', 'Path'],
  powerstate: ['Powerstate', 'Power State', 'State', 'power_state'],
  os: ['OS according to the configuration file', 'OS according to the VMware Tools', 'OS', 'Guest OS', 'OperatingSystem'],
  template: ['Template'],
  placeholder: ['SRM Placeholder'],
};

/** Columns RVTools puts in vInfo that we recognize but that have no place in a scenario. */
export const KNOWN_UNUSED = ['Annotation', 'Folder', 'Resource pool', 'VI SDK Server', 'VM UUID', 'DNS Name', 'Primary IP Address'];

const OFF = new Set(['poweredoff', 'powered off', 'off', 'stopped', 'halted', 'shutdown', 'shut down', 'false', '0', 'no', 'deallocated']);
const ON = new Set(['poweredon', 'powered on', 'on', 'running', 'true', '1', 'yes', 'suspended', 'saved', 'paused']);

/** true = powered on (suspended/saved VMs count: they come back), false = off, null = unknown word. */
export function parsePowerstate(s: string): boolean | null {
  const k = s.trim().toLowerCase();
  if (k === '') return null;
  if (OFF.has(k)) return false;
  if (ON.has(k)) return true;
  return null;
}

export function parseHypervisor(s: string): Hypervisor | null {
  const k = s.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (/^(vmware|esx|esxi|vsphere)/.test(k)) return 'vmware';
  if (/^(hyperv|microsoft|msft|scvmm)/.test(k)) return 'hyperv';
  if (/^(xen|citrix|xcp)/.test(k)) return 'xen';
  return null;
}

const TIER_WORDS: Record<string, number> = { platinum: 1, gold: 1, critical: 1, silver: 2, high: 2, bronze: 3, medium: 3, low: 4 };

/** "1", "Tier 2", "T3", "gold" → a tier number; null if unreadable. */
export function parseTier(s: string): number | null {
  const k = s.trim().toLowerCase();
  const m = /^(?:tier|t)?\s*-?\s*(\d+)$/.exec(k);
  if (m && Number(m[1]) >= 1) return Number(m[1]);
  return TIER_WORDS[k] ?? null;
}

export function parseBool(s: string): boolean {
  return ['true', 'yes', '1', 'y', 'x'].includes(s.trim().toLowerCase());
}

/** "[ds01] web01/web01.vmx" → "ds01" (RVTools' Path column); other text as is. */
export function datastoreOf(s: string): string {
  const m = /^\s*\[([^\]]+)\]/.exec(s);
  return (m ? m[1] : s).trim();
}
