/**
 * Which recovery point a VM comes back from, and where that point lives. Per failure kind:
 * - site disaster: the newest point that is *offsite* at the failure time (local backups died with the
 *   site); RPO = t − point.
 * - storage failure: the newest point local or offsite at the failure time; RPO = t − point.
 * - corruption: the newest *clean* point (taken before the corruption, still retained at detection);
 *   RPO = detectedAt − point (everything since the point is rolled back).
 * Over several methods the newest point wins; on a tie a method with no data to move (a replica) beats
 * a restore, then the first listed method wins. A point that exists locally is restored locally even if
 * a copy is also offsite (no WAN, faster media).
 * No point at all: 'not-protected' (no method), 'no-clean-point' (corruption) or 'not-offsite'.
 */
import type { NotRecoveredReason } from '../results.js';
import type { FailureEvent, VmProtection } from '../failures/events.js';
import { filled } from './arrays.js';
import { newestCleanPoint, newestPoint, type PointLog } from '../protection/recovery-points.js';
import { methodDefinition } from '../protection/methods/registry.js';
import type { RestoreCopy } from '../protection/methods/method.js';
import type { CleanPointPolicy, CopyProtection, MethodKind, ProtectionMethod, Scenario } from '../scenario/model.js';
import { trustedPoint, type SurvivingCopy } from '../failures/ransomware-points.js';

/** A copy to restore from (a method whose copy is not already a replica at DR). */
export interface RestoreSource extends RestoreCopy {
  /** Restoring the local copy (true) or the offsite one. */
  local: boolean;
}

/**
 * The chosen source of each VM of one recovery, as parallel arrays over its affected VMs (no object per VM).
 * Recoverable VMs have a method; the others a reason.
 */
export class VmSources {
  /** Null when recoverable. */
  readonly reason: (NotRecoveredReason | null)[];
  /** The method a recoverable VM comes back by. */
  readonly via: (MethodKind | null)[];
  readonly rpoSeconds: number[];
  /** Null for replication methods: the replica is promoted where it is (at DR). */
  readonly restore: (RestoreSource | null)[];
  /** 1: recover on the strategy's DR hosts; 0: in place at the VM's own site. */
  readonly atDr: number[];
  /** For a promoted replica: its storage failover time (0 for restores). */
  readonly promoteSeconds: number[];
  /** Ransomware: restore points scanned to find the trusted one (0 for other failures). */
  readonly scannedPoints: number[];
  /** The few distinct restore sources, shared by the VMs that restore alike. */
  private readonly restores: RestoreSource[] = [];
  private readonly restoreMethods: ProtectionMethod[] = [];
  private readonly restoreVaults: boolean[] = [];

  constructor(count: number) {
    this.reason = new Array<NotRecoveredReason | null>(count).fill(null);
    this.via = new Array<MethodKind | null>(count).fill(null);
    this.rpoSeconds = filled(count, 0);
    this.restore = new Array<RestoreSource | null>(count).fill(null);
    this.atDr = filled(count, 1);
    this.promoteSeconds = filled(count, 0);
    this.scannedPoints = filled(count, 0);
  }

  ok(i: number): boolean {
    return this.reason[i] === null;
  }

  /** The shared RestoreSource for (method, local, vault): the copy as the method describes it (the vault's at its read rate). */
  restoreSource(method: ProtectionMethod, local: boolean, copy: () => RestoreCopy, vaultReadBytesPerSecond: number | null = null): RestoreSource {
    const vault = vaultReadBytesPerSecond !== null;
    for (let k = 0; k < this.restores.length; k++) {
      if (this.restoreMethods[k] === method && this.restores[k].local === local && this.restoreVaults[k] === vault) return this.restores[k];
    }
    const r = { ...copy(), local };
    if (vault) r.readBytesPerSecond = vaultReadBytesPerSecond;
    this.restores.push(r);
    this.restoreMethods.push(method);
    this.restoreVaults.push(vault);
    return r;
  }
}

/** Whether the point `pointTime` of a discrete log is available locally at time t. */
function pointIsLocal(log: PointLog, pointTime: number, t: number): boolean {
  if (log.kind !== 'discrete') return false;
  const times = log.pointTimes;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < pointTime) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < times.length && times[i] === pointTime; i++) if (log.localAt[i] <= t) return true;
  return false;
}

/** Chooses the source of every VM in `vms` (`protection` is per scenario VM index); `policyOf`: ransomware's clean point per VM. */
export function chooseSources(
  scenario: Scenario, vms: readonly number[], protection: readonly (VmProtection | undefined)[], event: FailureEvent, drSite: number,
  policyOf: (vm: number) => CleanPointPolicy = () => 'before-compromise',
): VmSources {
  const sources = new VmSources(vms.length);
  const memo = new CandidateMemo();
  for (let i = 0; i < vms.length; i++) chooseSource(scenario, vms[i], protection[vms[i]], event, drSite, sources, i, memo, policyOf(vms[i]));
  return sources;
}

/**
 * What one method's point log offers for the event: the point, and for a backup where its copy sits. The
 * VMs of a protection group share their logs and mostly sit next to each other in index order, so the last
 * answer per method position is remembered.
 */
class CandidateMemo {
  private readonly log: (PointLog | null)[] = [];
  private readonly method: (ProtectionMethod | null)[] = [];
  /** Ransomware: the policy the answer follows (VMs of one group may belong to applications with different policies). */
  private readonly policy: (CleanPointPolicy | null)[] = [];
  readonly point: (number | null)[] = [];
  /** The method's copy must be restored (else a replica is promoted). */
  readonly restores: boolean[] = [];
  readonly local: boolean[] = [];
  readonly copySite: number[] = [];
  /** Ransomware: points scanned, and whether the surviving copy is the vault's. */
  readonly scanned: number[] = [];
  readonly vaultRead: (number | null)[] = [];

  /** Whether position m holds the answer for (method, log, policy); if not, compute() must fill it. */
  has(m: number, method: ProtectionMethod, log: PointLog, policy: CleanPointPolicy): boolean {
    return this.log[m] === log && this.method[m] === method && this.policy[m] === policy;
  }

  compute(m: number, scenario: Scenario, method: ProtectionMethod, log: PointLog, event: FailureEvent, drSite: number, copyProtection: CopyProtection | null, policy: CleanPointPolicy): void {
    while (this.log.length <= m) {
      this.log.push(null);
      this.method.push(null);
      this.policy.push(null);
      this.point.push(null);
      this.restores.push(false);
      this.local.push(false);
      this.copySite.push(0);
      this.scanned.push(0);
      this.vaultRead.push(null);
    }
    let point: number | null;
    let survivor: SurvivingCopy | null = null;
    let scanned = 0;
    if (event.kind === 'ransomware') {
      const trusted = trustedPoint(log, copyProtection, { compromisedAtSeconds: event.compromisedAtSeconds, encryptedAtSeconds: event.atSeconds, detectedAtSeconds: event.detectedAtSeconds }, policy);
      point = trusted?.pointSeconds ?? null;
      survivor = trusted?.copy ?? null;
      scanned = trusted?.scannedPoints ?? 0;
    } else if (event.kind === 'site-disaster') point = newestPoint(log, event.atSeconds, 'offsite');
    else if (event.kind === 'corruption') point = newestCleanPoint(log, event.atSeconds, event.detectedAtSeconds, 'local-or-offsite');
    else point = newestPoint(log, event.atSeconds, 'local-or-offsite');
    let local = false;
    let copySite = 0;
    const use = methodDefinition(method).recovery;
    if (point !== null && use.kind === 'restore') {
      const evalAt = event.kind === 'corruption' ? event.detectedAtSeconds : event.atSeconds;
      if (event.kind === 'ransomware') local = survivor === 'local';
      else local = event.kind !== 'site-disaster' && pointIsLocal(log, point, evalAt);
      copySite = use.copy(scenario, method, local, drSite).site;
    }
    this.scanned[m] = scanned;
    // The vault is restored like the method's offsite copy (its target when it has none), at the vault's own read rate if given.
    this.vaultRead[m] = survivor === 'vault' ? (copyProtection?.vault?.readBytesPerSecond ?? null) : null;
    this.log[m] = log;
    this.method[m] = method;
    this.policy[m] = policy;
    this.point[m] = point;
    this.restores[m] = use.kind === 'restore';
    this.local[m] = local;
    this.copySite[m] = copySite;
  }
}

/** Writes VM `vm`'s source into entry i of `into`. */
function chooseSource(scenario: Scenario, vm: number, protection: VmProtection | undefined, event: FailureEvent, drSite: number, into: VmSources, i: number, memo: CandidateMemo, policy: CleanPointPolicy): void {
  const methods = protection?.methods ?? [];
  if (methods.length === 0) {
    into.reason[i] = 'not-protected';
    return;
  }
  const vmSite = scenario.vms[vm].site;
  const evalAt = event.kind === 'corruption' || event.kind === 'ransomware' ? event.detectedAtSeconds : event.atSeconds;
  let best = -1;
  let bestPoint = 0;
  for (let m = 0; m < methods.length; m++) {
    const { method, log, copyProtection } = methods[m];
    if (!memo.has(m, method, log, policy)) memo.compute(m, scenario, method, log, event, drSite, copyProtection ?? null, policy);
    const point = memo.point[m];
    if (point === null) continue;
    if (best < 0 || point > bestPoint || (point === bestPoint && memo.restores[best] && !memo.restores[m])) {
      best = m;
      bestPoint = point;
    }
  }
  if (best < 0) {
    into.reason[i] = event.kind === 'corruption' || event.kind === 'ransomware' ? 'no-clean-point' : 'not-offsite';
    return;
  }
  const method = methods[best].method;
  into.via[i] = method.method;
  into.rpoSeconds[i] = Math.max(0, evalAt - bestPoint);
  into.scannedPoints[i] = memo.scanned[best];
  const use = methodDefinition(method).recovery;
  if (use.kind === 'promote') into.promoteSeconds[i] = use.promoteSeconds(method);
  else {
    const copySite = memo.copySite[best];
    into.restore[i] = into.restoreSource(method, memo.local[best], () => use.copy(scenario, method, memo.local[best], drSite), memo.vaultRead[best]);
    into.atDr[i] = event.kind === 'site-disaster' || copySite !== vmSite ? 1 : 0;
  }
}
