/**
 * The failure events a trial draws, and what recovery reports for each. Shared vocabulary between
 * protection (which produces recovery points), recovery (which consumes them) and the experiment
 * runner (which draws events and aggregates outcomes). Times are simulation seconds.
 */
import type { FailureKind, NotRecoveredReason, RansomwareLimit, RecoveryStep } from '../results.js';
import type { PointLog } from '../protection/recovery-points.js';
import type { CopyProtection, ProtectionMethod } from '../scenario/model.js';

export type FailureEvent =
  | { kind: 'site-disaster'; site: number; atSeconds: number }
  | { kind: 'storage-failure'; storage: number; atSeconds: number; repairSeconds: number }
  | { kind: 'host-failure'; host: number; atSeconds: number; repairSeconds: number }
  /** Logical corruption / ransomware of `vms`, beginning at `atSeconds`, noticed at `detectedAtSeconds`. */
  | { kind: 'corruption'; vms: number[]; atSeconds: number; detectedAtSeconds: number }
  /**
   * Ransomware: an attacker inside from `compromisedAtSeconds` encrypts `vms` at `atSeconds` and is found at
   * `detectedAtSeconds`; `reinfectionDraw`: uniform in [0, 1): a recovery from a point after the compromise
   * brings the foothold back when it falls below the recovery's reinfection chance (recover.ts).
   */
  | { kind: 'ransomware'; vms: number[]; compromisedAtSeconds: number; atSeconds: number; detectedAtSeconds: number; reinfectionDraw: number };

export type { FailureKind, NotRecoveredReason, RecoveryStep };

/** A WAN link's outages during a trial, as [start, end) intervals in time order. */
export interface OutageInterval {
  startSeconds: number;
  endSeconds: number;
}

/** How one VM is protected in one strategy: each method with the recovery points it produced. */
export interface VmProtection {
  methods: { method: ProtectionMethod; log: PointLog; copyProtection?: CopyProtection | null }[];
}

export interface VmRecovery {
  vm: number;
  /** Data lost (seconds of writes); null when not recovered. */
  rpoSeconds: number | null;
  /** Time from the failure (for corruption: from detection) until the VM's service is back; null when not recovered. */
  rtoSeconds: number | null;
  outcome: 'recovered' | NotRecoveredReason;
  /** Method used for the recovery ('ha' for a local HA restart), null when none. */
  via: ProtectionMethod['method'] | 'ha' | null;
  /** DR (or HA) host the VM runs on after recovery. */
  host: number | null;
  /** Steps relative to the failure time, for the Gantt chart. */
  steps: { step: RecoveryStep; startSeconds: number; endSeconds: number }[];
  /** Ransomware, a recovered VM: the stage that held it back longest. */
  limit?: RansomwareLimit;
}

export interface HostUtilizationSeries {
  host: number;
  timeSeconds: number[];
  cpuFraction: number[];
  ramFraction: number[];
}

export interface RecoveryOutcome {
  event: FailureEvent;
  /** Only the VMs the event affected. */
  vms: VmRecovery[];
  /** DR hosts that ended up running recovered VMs. */
  drHostsUsed: number;
  hostUtilization: HostUtilizationSeries[];
  /** Utilization spread after optional rebalancing (max − min CPU fraction across used hosts). */
  cpuImbalanceBefore: number;
  cpuImbalanceAfter: number;
}
