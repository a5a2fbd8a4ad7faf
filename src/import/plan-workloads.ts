/**
 * Tiers, workloads and per-VM write scales. The language gives each VM its tier's workload, scaled
 * by `writeScale`, so the file stays compact: one workload per tier. With measured write rates a
 * tier's workload is the mean of its measured VMs and each VM's writeScale its own average over that
 * mean (VMs without a measurement get the mean); without them, per-tier defaults, all assumptions.
 */
import type { Inventory, InventoryVm } from './inventory.js';
import { ImportLog } from './inventory.js';
import type { PlanTier, PlanWorkload } from './plan-types.js';

/** The language's default tier (scenario-resolve-vms.ts DEFAULT_TIER) for VMs the export gives none. */
export const DEFAULT_TIER = 3;
const DAY = 86400;
const GB = 1e9;

interface TierDefaults { rto: string; rpo: string; downtimeCost: string; dataLossCost: string; profile: string; writeBytesPerDay: number }

/** Starting points a DR planner edits: targets and costs typical of the tier, write rates of a typical VM. */
const TIER_DEFAULTS: Record<number, TierDefaults> = {
  1: { rto: '4 h', rpo: '15 min', downtimeCost: '$10,000/h', dataLossCost: '$5,000/h', profile: '24x7-web', writeBytesPerDay: 50 * GB },
  2: { rto: '8 h', rpo: '4 h', downtimeCost: '$2,000/h', dataLossCost: '$500/h', profile: 'business-hours', writeBytesPerDay: 20 * GB },
  3: { rto: '24 h', rpo: '24 h', downtimeCost: '$200/h', dataLossCost: '$0/h', profile: 'business-hours', writeBytesPerDay: 5 * GB },
};
const LOWER_TIER: TierDefaults = { rto: '72 h', rpo: '24 h', downtimeCost: '$50/h', dataLossCost: '$0/h', profile: 'business-hours', writeBytesPerDay: 2 * GB };

export function tierDefaults(tier: number): TierDefaults {
  return TIER_DEFAULTS[tier] ?? LOWER_TIER;
}

export interface WorkloadPlan {
  tiers: PlanTier[];
  workloads: PlanWorkload[];
  tiersFromExport: boolean;
  /** Per inventory VM: writeScale (null = 1) and its average write rate in bytes/s (for link sizing). */
  vmWriteScale: Array<number | null>;
  vmWriteBytesPerSecond: number[];
}

export function effectiveTier(vm: InventoryVm): number {
  return vm.tier ?? DEFAULT_TIER;
}

export function planWorkloads(inv: Inventory, vmNames: string[], log: ImportLog): WorkloadPlan {
  const tiersFromExport = inv.vms.some((vm) => vm.tier !== null);
  if (!tiersFromExport) log.assume(`no tier in the export: every VM is tier ${DEFAULT_TIER}; set \`tier:\` on the VMs that matter (or map a tier column)`);
  const tierNumbers = [...new Set([1, 2, 3, ...inv.vms.map(effectiveTier)])].sort((a, b) => a - b);
  const workloads: PlanWorkload[] = [];
  const tiers: PlanTier[] = [];
  const vmWriteScale: Array<number | null> = inv.vms.map(() => null);
  const vmWriteBytesPerSecond = inv.vms.map(() => 0);
  const writes = inv.writes;
  let unmeasured = 0;
  const defaulted: number[] = [];

  for (const t of tierNumbers) {
    const d = tierDefaults(t);
    const members = inv.vms.map((vm, i) => i).filter((i) => effectiveTier(inv.vms[i]) === t);
    const measured = writes ? members.filter((i) => writes.has(inv.vms[i].name.toLowerCase())) : [];
    const rates = measured.map((i) => writes!.get(inv.vms[i].name.toLowerCase())!);
    const sumAvg = rates.reduce((a, r) => a + r.averageBytesPerSecond, 0);
    let workload: PlanWorkload;
    if (measured.length > 0 && sumAvg > 0) {
      const mean = sumAvg / measured.length;
      const sumPeak = rates.reduce((a, r) => a + r.peakBytesPerSecond, 0);
      workload = {
        name: `tier${t}-measured`, averageBytesPerSecond: mean, peakBytesPerSecond: mean * (sumPeak / sumAvg), profile: d.profile, assumed: false,
        comment: `mean of ${measured.length} measured VM${measured.length === 1 ? '' : 's'}; peak = mean × their write-weighted peak/average (${(sumPeak / sumAvg).toFixed(2)})`,
      };
      measured.forEach((i, k) => {
        vmWriteScale[i] = Number((rates[k].averageBytesPerSecond / mean).toPrecision(3));
      });
      unmeasured += members.length - measured.length;
    } else {
      workload = {
        name: `tier${t}-default`, averageBytesPerSecond: d.writeBytesPerDay / DAY, peakBytesPerSecond: null, profile: d.profile, assumed: true,
        comment: `ASSUMPTION: ${d.writeBytesPerDay / GB} GB/day per VM (no measured write rates${writes ? ' for this tier' : ''})`,
      };
      if (members.length > 0) defaulted.push(t);
    }
    workloads.push(workload);
    members.forEach((i) => { vmWriteBytesPerSecond[i] = workload.averageBytesPerSecond * (vmWriteScale[i] ?? 1); });
    tiers.push({ tier: t, rto: d.rto, rpo: d.rpo, downtimeCost: d.downtimeCost, dataLossCost: d.dataLossCost, priority: Math.min(t, 5), workload: workload.name });
  }

  if (writes) {
    const known = new Set(inv.vms.map((vm) => vm.name.toLowerCase()));
    const extra = [...writes.keys()].filter((k) => !known.has(k));
    if (extra.length > 0) log.warn(`${inv.writesSource}: ${extra.length} VM${extra.length === 1 ? '' : 's'} with write rates but not in the inventory (ignored): ${extra.slice(0, 8).join(', ')}${extra.length > 8 ? ', ...' : ''}`);
    if (unmeasured > 0) log.assume(`${unmeasured} VM${unmeasured === 1 ? '' : 's'} without measured write rates: each gets its tier's measured mean`);
    const dupes = vmNames.length - new Set(inv.vms.map((vm) => vm.name.toLowerCase())).size;
    if (dupes > 0) log.warn(`write rates are matched by VM name: VMs sharing a name (${dupes}) all got that name's rates`);
  }
  for (const t of defaulted) {
    const d = tierDefaults(t);
    log.assume(`tier ${t} write rate: ${d.writeBytesPerDay / GB} GB/day per VM, ${d.profile} profile${writes ? ' (no measured VM in this tier)' : ' (give --writes perf.csv for measured rates)'}`);
  }
  log.assume(`tier targets and costs (RTO, RPO, $/h of downtime and of lost data) are typical values, not yours: edit \`tiers:\``);
  return { tiers, workloads, tiersFromExport, vmWriteScale, vmWriteBytesPerSecond };
}
