/**
 * The scenario an import will write, still as data: what the YAML writer (yaml-writer.ts) prints.
 * Sizes in bytes, rates in bytes/s or bits/s; `assumed` marks values the export did not provide,
 * which the file flags with `# ASSUMPTION:` comments.
 */
import type { Hypervisor } from '../models/scenario/model.js';

export interface PlanSite { name: string; role: 'primary' | 'dr'; assumed: boolean }

export interface PlanHostModel {
  name: string; cores: number; sockets: number; ghz: number; ramBytes: number;
  /** The model text of the export ("PowerEdge R750 / Xeon Gold 6338"), null if assumed. */
  description: string | null;
  assumed: string | null;
}

export interface PlanCluster { name: string; site: string; assumed: boolean }

export interface PlanHostGroup {
  model: string; cluster: string; count: number;
  /** Real host names, for a comment (the language generates names like prod-01). */
  names: string[];
  assumed: string | null;
}

export interface PlanStorage { name: string; site: string; capacityBytes: number }
export interface PlanBackupTarget { name: string; site: string }
export interface PlanLink { name: string; site: string; dr: string; bandwidthBitsPerSecond: number; needBitsPerSecond: number }

export interface PlanWorkload {
  name: string;
  averageBytesPerSecond: number;
  peakBytesPerSecond: number | null;
  profile: string;
  /** Why this workload has these numbers (measured from N VMs, or an assumed default). */
  comment: string;
  assumed: boolean;
}

export interface PlanTier {
  tier: number; rto: string; rpo: string; downtimeCost: string; dataLossCost: string; priority: number; workload: string;
}

export interface PlanVm {
  name: string;
  cluster: string;
  vcpus: number;
  ramBytes: number;
  provisionedBytes: number;
  usedBytes: number | null;
  /** Written only when the export gave one. */
  tier: number | null;
  app: string | null;
  hypervisor: Hypervisor | null;
  lun: string | null;
  /** Written when it differs from the tier's default workload. */
  workload: string | null;
  writeScale: number | null;
}

export interface ScenarioPlan {
  name: string;
  description: string;
  source: string;
  sites: PlanSite[];
  drSite: string;
  hostModels: PlanHostModel[];
  clusters: PlanCluster[];
  hosts: PlanHostGroup[];
  storage: PlanStorage[];
  backupTargets: PlanBackupTarget[];
  links: PlanLink[];
  workloads: PlanWorkload[];
  tiers: PlanTier[];
  /** Whether any VM had a tier in the export (else every VM is the default tier 3). */
  tiersFromExport: boolean;
  vms: PlanVm[];
  /** The primary site a site disaster strikes (the one with the most VMs). */
  disasterSite: string;
}
