/**
 * The validated, normalized scenario: what the rest of drsim consumes. Everything here is in internal
 * units (seconds, bytes, bytes per second, bits per second only where named so, one currency unit) and
 * every reference is resolved to an index. The YAML language (src/models/scenario/schema.ts and the
 * loader) is the only producer; the simulation never sees human units or names it has to look up.
 *
 * Conventions: `...Seconds`, `...Bytes`, `...BytesPerSecond`, `...BitsPerSecond`, money in the
 * scenario's currency (`costs.currency`), fractions in [0, 1].
 */
import type { DistributionSpec } from '../../sim/distributions.js';

export type Hypervisor = 'vmware' | 'hyperv' | 'xen';
export type SiteRole = 'primary' | 'dr' | 'other';

export interface Site {
  name: string;
  role: SiteRole;
}

export interface HostModel {
  name: string;
  cores: number;
  ghz: number;
  ramBytes: number;
  price: number;
  powerWatts: number;
  amortizationYears: number;
  sockets: number;
}

/** Dev/test work a DR host carries in normal times; preempted (shut down) when a disaster is declared. */
export interface DevTestLoad {
  /** Fraction of the host's vCPU capacity (after overcommit) and RAM the dev/test VMs occupy. */
  cpuFraction: number;
  ramFraction: number;
  shutdownSeconds: DistributionSpec;
  /** Yearly value of the dev/test work (credited against the DR hosts' cost). */
  valuePerYear: number;
}

export interface Cluster {
  name: string;
  site: number;
  cpuOvercommit: number;
  /** Fraction of each host's RAM kept back for the hypervisor (not available to VMs). */
  ramReservationFraction: number;
}

export interface Host {
  name: string;
  model: number;
  site: number;
  cluster: number;
  devTest: DevTestLoad | null;
}

export interface StorageArray {
  name: string;
  site: number;
  capacityBytes: number;
  /** Thin: a VM disk or replica takes its used data; thick: its provisioned size. */
  provisioning: 'thin' | 'thick';
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
  pricePerTB: number;
}

export type BackupMedia = 'disk' | 'tape' | 'object';

export interface BackupTarget {
  name: string;
  site: number;
  media: BackupMedia;
  /** Before a restore reads: mount and position the media (tape), or 0 (disk, object storage). */
  mountSeconds: number;
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
  pricePerTB: number;
}

export interface OutageProcess {
  /** Mean time between outages (exponential inter-arrival), seconds; Infinity = never. */
  mtbfSeconds: number;
  durationSeconds: DistributionSpec;
}

/** A WAN link's price: fixed, per Mbit/s with a floor, or a table of the sizes one can buy. */
export type LinkPrice =
  | { kind: 'fixed'; monthly: number }
  | { kind: 'per-bandwidth'; perMbitPerMonth: number; minimumPerMonth: number }
  | { kind: 'sizes'; sizes: { bandwidthBitsPerSecond: number; monthly: number }[] };

export interface WanLink {
  name: string;
  siteA: number;
  siteB: number;
  /** Nominal bandwidth; the usable rate is bandwidth × efficiency. */
  bandwidthBitsPerSecond: number;
  efficiency: number;
  rttSeconds: number;
  /** What the link costs a month, as a function of its bandwidth (models/cost/link-price.ts). */
  price: LinkPrice;
  outages: OutageProcess | null;
}

/** Fraction of writes over a window that are to distinct blocks (monotone non-increasing in the window). */
export interface UniqueUpdatePoint {
  windowSeconds: number;
  uniqueFraction: number;
}

export interface BurstProcess {
  /** Write rate multiplier during a burst. */
  multiplier: number;
  meanDurationSeconds: number;
  perDay: number;
}

export interface Workload {
  name: string;
  averageWriteBytesPerSecond: number;
  peakWriteBytesPerSecond: number;
  /**
   * Relative write intensity for each hour of the week (168 values, Monday 00:00 first), normalized so
   * their mean is 1: the rate at hour h is average × profile[h] (before bursts).
   */
  weeklyProfile: number[];
  burst: BurstProcess | null;
  uniqueUpdates: UniqueUpdatePoint[];
  /** Fraction of bytes saved by compression (0.5 = halves the data). */
  compression: number;
}

export interface Vm {
  name: string;
  site: number;
  cluster: number;
  /** Index of the storage array (datastore) holding its disks. */
  storage: number;
  /** LUN name: on Hyper-V all VMs of a LUN fail over together. */
  lun: string;
  hypervisor: Hypervisor;
  vcpus: number;
  ramBytes: number;
  provisionedBytes: number;
  usedBytes: number;
  tier: number;
  app: string | null;
  rtoSeconds: number;
  rpoSeconds: number;
  downtimeCostPerHour: number;
  dataLossCostPerHour: number;
  /** Per hour of production held back by throttled writes (synchronous replication); default the downtime cost. */
  /** Per hour of production held back by throttled writes; null: SLOWDOWN_SHARE_OF_DOWNTIME of its application's downtime cost (cost/penalties.ts). */
  slowdownCostPerHour: number | null;
  bootSeconds: DistributionSpec;
  appRecoverySeconds: DistributionSpec;
  /** Recovery priority group, 1 (first) to 5. */
  priority: number;
  dependsOn: number[];
  workload: number;
  /** Write-rate scale of this VM relative to its workload (from template jitter); 1 = as the workload says. */
  workloadScale: number;
  consistencyGroup: string | null;
  /** Holds no data of its own (a web or app server): its application loses no updates when it is lost. */
  stateless: boolean;
  /** Index of its application (applications[]); a VM outside any named application is an application of its own. */
  application: number;
}

/** What an outage (or the data lost) costs as a function of its length: a rate plus contractual steps. */
export interface PenaltyFunction {
  perHour: number;
  /** One-off amounts due once the length exceeds `afterSeconds`, in increasing order. */
  steps: { afterSeconds: number; amount: number }[];
}

/**
 * A business service: it is down from a failure until `quorum` of its VMs are recovered, and loses the
 * updates of its data-bearing VMs (the worst one). Its penalties and targets count once per outage.
 */
export interface Application {
  name: string;
  /** False for the implicit application of a VM outside any named one (not listed in results). */
  named: boolean;
  /** What the scenario says the service is (`applications[].description`; '' if none): reported with its results. */
  description: string;
  tier: number;
  vms: number[];
  rpoSeconds: number;
  rtoSeconds: number;
  priority: number;
  /** VMs that must be up for the service to be up (all of them unless the scenario says a quorum). */
  quorum: number;
  downtime: PenaltyFunction;
  dataLoss: PenaltyFunction;
}

export type { MethodKind, ProtectionMethod } from '../protection/methods/registry.js';
import type { SensitivityInputKey, SensitivityRange } from '../sensitivity/input-keys.js';
import type { ProtectionMethod } from '../protection/methods/registry.js';

/** One rule of a strategy: the VMs it selects and the methods (one or more) protecting them. */
export interface ProtectionAssignment {
  /** Indices of the VMs this assignment covers (resolved from the selector; each VM by exactly one assignment). */
  vms: number[];
  methods: ProtectionMethod[];
  /** Per method (same order): what keeps its copies from an attacker (null or absent: nothing, they can be deleted). */
  copyProtection?: (CopyProtection | null)[];
}

/**
 * What keeps a method's copies from an attacker with administrator rights (ransomware). Immutability locks a
 * copy for a span from when it is written (object lock, hardened repository, snapshot lock); an isolated vault
 * (air gap) receives the copies at scheduled syncs and is unreachable in between; offline media (tape offsite)
 * cannot be reached at all. A copy none of these covers is deleted when the attacker strikes.
 */
export interface CopyProtection {
  /** Lock span from when a copy is written; 0: not immutable. */
  immutableSeconds: number;
  vault: VaultSchedule | null;
  /** The offsite copy is offline media. */
  offline: boolean;
  /** Yearly price of the protection (immutable capacity, vault service, media handling). */
  costPerYear: number;
}

/** An isolated vault: a sync every `everySeconds` (from time 0) lasting `windowSeconds`, unreachable in between. */
export interface VaultSchedule {
  everySeconds: number;
  windowSeconds: number;
  /** Restores read from the vault at this rate (null: the copy's own read rate). */
  readBytesPerSecond: number | null;
}

export type Runbook =
  | { kind: 'orchestrated'; maxParallelPowerOns: number; guestShutdownTimeoutSeconds: number }
  | { kind: 'manual'; operators: number; secondsPerVm: DistributionSpec };

export interface RecoveryPlan {
  runbook: Runbook;
  detectionSeconds: DistributionSpec;
  declarationSeconds: DistributionSpec;
  /** Rebalance VMs across DR hosts by live migration after recovery. */
  rebalance: boolean;
  /** DR site the strategy recovers to. */
  drSite: number;
  /** Ransomware: rate at which restore points are scanned for the attacker's foothold, shared by every scan at once. */
  scanBytesPerSecond?: number;
  /** Ransomware: scans that run at once (the rest queue in rank order), sharing scanBytesPerSecond. */
  scanStreams?: number;
  /** Ransomware: the isolated recovery environment VMs pass through (restored, scanned, cleaned); null or absent: none. */
  cleanRoom?: { vms: number; costPerYear: number } | null;
}

export interface StrategyLicences {
  perVmPerYear: number;
  perSocketPerYear: number;
  perTBPerYear: number;
}

export interface Strategy {
  name: string;
  description: string;
  assignments: ProtectionAssignment[];
  recovery: RecoveryPlan;
  licences: StrategyLicences;
}

export interface FailureRate {
  /** Events per year (per site, host, array or VM as named by the failure kind); 0 = not modelled. */
  perYear: number;
}

/** What one logical corruption hits: one VM, one application (a VM outside any is its own), a site's VMs, every VM. */
export type CorruptionScope = 'vm' | 'application' | 'site' | 'estate';

/** One source of logical corruption / ransomware (`failures.corruption`, one entry). */
export interface CorruptionSource {
  scope: CorruptionScope;
  /** Events per year of this source for the whole estate (the file's rate per unit × the scope's units). */
  perYear: number;
  /**
   * Which unit an event hits: each of the scope's units equally likely ('uniform-unit', the form with
   * `scope:`), or the unit of a uniformly drawn VM ('by-vm', the form without `scope:`: its application).
   */
  draw: 'uniform-unit' | 'by-vm';
  detectionSeconds: DistributionSpec;
}

/** Which restore point a ransomware recovery trusts (docs/recovery-model.md, "Ransomware"). */
export type CleanPointPolicy = 'before-compromise' | 'before-encryption';

/** What one ransomware attack hits: the estate, a site's VMs, or one application (a VM outside any is its own). */
export type RansomwareScope = 'estate' | 'site' | 'application';

/** Which point a ransomware recovery trusts for a set of VMs, and what trusting a point from after the compromise costs. */
export interface CleanPolicy {
  cleanPoint: CleanPointPolicy;
  /** Per VM restored from a point after the compromise (before-encryption): removing the foothold. */
  cleaningSeconds: DistributionSpec;
  /** Chance the foothold survives cleaning (before-encryption): a second recovery from before the compromise. */
  reinfectionProbability: number;
}

/** `failures.ransomware`: an attacker inside for a dwell time, then encrypting everything in scope at once. */
export interface RansomwareModel extends CleanPolicy {
  /** Attacks per year for the whole estate (the file's rate per unit × the scope's units). */
  perYear: number;
  scope: RansomwareScope;
  /** Compromise → encryption. */
  dwellSeconds: DistributionSpec;
  /** Encryption → detection (recovery starts). */
  detectionSeconds: DistributionSpec;
  /** Forensic sign-off before anything is restored. */
  signOffSeconds: DistributionSpec;
  /**
   * Per application index (scenario.applications): its policy — `applications[].ransomware` over the scenario's
   * own (the fields above). Absent when no application overrides it: every VM follows the scenario's.
   */
  policyByApplication?: CleanPolicy[];
  /** The application (directory services) rebuilt first: nothing else is restored until it is up; null: none. */
  identityApp: string | null;
}

export interface FailureModel {
  siteDisaster: (FailureRate & { site: number }) | null;
  hostFailure: (FailureRate & { repairSeconds: DistributionSpec; haDetectionSeconds: number }) | null;
  storageFailure: (FailureRate & { repairSeconds: DistributionSpec }) | null;
  /** Sources of corruption (none: off). A trial draws one corruption, from a source chosen in proportion to its rate. */
  corruption: CorruptionSource[];
  /** Null or absent: no ransomware simulated. */
  ransomware?: RansomwareModel | null;
  /** Failure rate of each DR host while recovery runs (per hour); 0 = off. */
  drHostFailurePerHour: number;
  analysis: { conditional: boolean; annualized: boolean };
}

export interface CostSettings {
  currency: string;
  powerPricePerKWh: number;
  /** Yearly price of DR storage capacity beyond the arrays' own price (e.g. backup media), per TB. */
  vaultPerMonth: number;
  /** Discount of capex into yearly figures uses each item's amortization; this is the default. */
  defaultAmortizationYears: number;
  /** How long a service that DR does not bring back counts as down (until the primary is rebuilt), for penalties. */
  unrecoveredOutageSeconds: number;
}

/**
 * How long each trial simulates. Resolution makes the span after warm-up a whole number of weeks that
 * covers every method's longest cycle, and the warm-up cover every method's settle time (see
 * resolvers/simulation.ts); failures strike uniformly over [warmupSeconds, horizonSeconds].
 */
export interface SimulationSettings {
  horizonSeconds: number;
  warmupSeconds: number;
  trials: number;
  seed: number;
  /** Why the horizon or warm-up differ from what the file asked for, in plain language (empty: they do not). */
  adjustments: string[];
}

/** Ranges of the uncertain inputs for a sensitivity analysis, as stated (inputs not stated take the default). */
export type SensitivityRanges = Partial<Record<SensitivityInputKey, SensitivityRange>>;

export interface Scenario {
  name: string;
  description: string;
  sites: Site[];
  hostModels: HostModel[];
  clusters: Cluster[];
  hosts: Host[];
  storage: StorageArray[];
  backupTargets: BackupTarget[];
  links: WanLink[];
  workloads: Workload[];
  vms: Vm[];
  /** Every VM belongs to exactly one: the named applications first, then one per VM outside them. */
  applications: Application[];
  strategies: Strategy[];
  failures: FailureModel;
  costs: CostSettings;
  simulation: SimulationSettings;
  sensitivity: SensitivityRanges;
  /** Defaults the scenario relies on, in plain words (reported in results.json `scenario.assumptions`). */
  assumptions: string[];
}
