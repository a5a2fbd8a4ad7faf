/**
 * results.json — the versioned contract between `drsim run` and everything that reads its output
 * (reports, sweeps, the optimizer, users' own scripts). Plain serializable data; units in field names;
 * money in the scenario's currency (`scenario.currency`). docs/results-schema.md documents each field.
 *
 * Compatibility: readers accept any `schemaVersion` <= RESULTS_SCHEMA_VERSION with the same major
 * number and refuse newer ones with a clear message.
 */
export const RESULTS_SCHEMA_VERSION = '2.7';

/** `kind` of the partial results `drsim run --shard i/n` writes (raw trial records; see experiment.ts). */
export const PARTIAL_KIND = 'drsim-partial-results';

/**
 * A distribution summary over VM-trials (or trials). Observations not recovered are *censored*: they
 * count as "later than the horizon" (+∞), never dropped and never 0. A statistic that depends on them is
 * null ("not recovered"): the mean (and its interval) as soon as one is censored, a percentile when it
 * falls among them. `mean` carries a 95% confidence interval.
 */
export interface Summary {
  /** Number of observations summarized, the censored ones included. */
  count: number;
  /** Of them, not recovered (by the end of the simulated recovery). */
  censored: number;
  mean: number | null;
  /** 95% confidence interval of the mean, from the spread of per-trial means (trials are independent). */
  ciLow: number | null;
  ciHigh: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** The quantiles at 0%, 1%, ..., 100% (101 values) for drawing CDFs, null where not recovered; empty when count = 0. */
  cdf: (number | null)[];
}

/** Every failure kind, in the order results list them (one list: readers and the shard codec check against it). */
export const FAILURE_KINDS = ['site-disaster', 'storage-failure', 'host-failure', 'corruption', 'ransomware'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * What held a VM back longest in a ransomware recovery: the forensic sign-off, waiting for the identity
 * application, waiting for a clean-room slot, scanning, restoring (or promoting), cleaning, powering on (host
 * placement, power-on queue, boot, application) — or a reinfection that forced a second recovery.
 */
export const RANSOMWARE_LIMITS = ['sign-off', 'identity', 'clean-room', 'scan', 'restore', 'cleaning', 'power-on', 'reinfection'] as const;
export type RansomwareLimit = (typeof RANSOMWARE_LIMITS)[number];

export type NotRecoveredReason = 'no-capacity' | 'no-clean-point' | 'not-offsite' | 'not-protected';

export interface TierResult {
  tier: number;
  vmCount: number;
  rpoTargetSeconds: number;
  rtoTargetSeconds: number;
  rpoSeconds: Summary;
  rtoSeconds: Summary;
  /** Fractions of VM-trials of this tier. */
  rpoTargetMet: number;
  rtoTargetMet: number;
  notRecovered: number;
}

/**
 * A business service (a named application) in the headline failure: down from the failure until the VMs
 * it needs are back, losing the updates of its data-bearing VMs (the worst one). One observation per trial.
 */
export interface ApplicationResult {
  name: string;
  /** The scenario's `applications[].description` ('' if none). Since 2.3: absent in older files. */
  description?: string;
  tier: number;
  vmCount: number;
  /** VMs that must be up for the service to be up. */
  quorum: number;
  rpoTargetSeconds: number;
  rtoTargetSeconds: number;
  /** Updates lost and time down, per trial (censored when the service does not come back). */
  rpoSeconds: Summary;
  rtoSeconds: Summary;
  /** Fractions of trials. */
  rpoTargetMet: number;
  rtoTargetMet: number;
  notRecovered: number;
  downtimeCostPerHour: number;
  dataLossCostPerHour: number;
  /** Expected yearly penalty: every failure kind (its outages × its penalty functions × their rates), production halted, and production slowed by throttled writes. */
  expectedPenaltyPerYear: number;
}

/** One target judged with its confidence (models/verdicts.ts). */
export interface TargetCheck {
  scope: 'tier' | 'application';
  /** The tier number or the application's name. */
  name: string;
  which: 'rpo' | 'rto';
  targetSeconds: number;
  /** Share of observations meeting the target (VM-trials of the tier, trials of the application). */
  share: number;
  /** 95% confidence interval of the share, from the independent trials. */
  ciLow: number;
  ciHigh: number;
  required: number;
  status: 'meets' | 'misses' | 'undecided';
  /** For an undecided check: about how many more trials would settle it (null: none can). */
  moreTrials: number | null;
}

export interface StrategyVerdict {
  status: 'meets' | 'misses' | 'undecided';
  sustainable: boolean;
  checks: TargetCheck[];
}

export interface LinkTraffic {
  link: string;
  capacityBitsPerSecond: number;
  /** Usable capacity = bandwidth × efficiency. */
  usableBitsPerSecond: number;
  /** Time-weighted over the simulated horizon after warm-up, averaged over trials. */
  meanBitsPerSecond: number;
  p95BitsPerSecond: number;
  peakBitsPerSecond: number;
  utilization: number;
  /** Largest replication backlog seen on the link (bytes). */
  backlogPeakBytes: number;
}

export interface Sustainability {
  /** False when the simulated lag grows over the measured span on some link (the formula decides below 2 trials). */
  sustainable: boolean;
  /** The long-run formula's explanation: how much more usable bandwidth the worst link would need (0 when it fits). */
  shortfallBitsPerSecond: number;
  /** Plain-language reasons, one per problem. */
  details: string[];
  /** Per link its copies cross: the simulated lag trend and the formula. Since schema 2.2 (absent in older files). */
  links?: LinkSustainability[];
}

/** One link's sustainability: what the simulation shows (the verdict) and what the formula says (the explanation). */
export interface LinkSustainability {
  link: string;
  /**
   * Growth of the age of the newest recovery point at DR from the start to the end of the measured span (seconds,
   * mean over the VMs whose copies cross the link): mean over trials with its 95% confidence interval.
   */
  lagGrowthSeconds: { trials: number; mean: number; ciLow: number; ciHigh: number };
  /** The simulation's verdict: the lag grows (one-sided t-test over trials at 1%), does not, or null (fewer than 2 trials). */
  lagGrows: boolean | null;
  /** Long-run demand on the link (worst trial) and what it delivers on average: usable rate × availability. */
  demandBitsPerSecond: number;
  deliverableBitsPerSecond: number;
  sustainable: boolean;
  explanation: string;
}

export interface StorageNeed {
  replicaBytes: number;
  snapshotBytes: number;
  journalBytes: number;
  backupMediaBytes: number;
  totalBytes: number;
  /** Where those bytes sit, each store priced at its own price per TB (means over trials). */
  stores: StoreNeed[];
}

/** One store's share of a strategy's storage: a storage array, a backup target, or other media (tapes, a like copy). */
export interface StoreNeed {
  store: string;
  kind: 'array' | 'backup-target' | 'media';
  site: string;
  replicaBytes: number;
  snapshotBytes: number;
  journalBytes: number;
  backupMediaBytes: number;
  pricePerTB: number;
  /** Arrays only (null otherwise): capacity, its own VMs' footprint, the largest fill seen (VMs + the strategy's copies). */
  capacityBytes: number | null;
  vmBytes: number | null;
  peakFillBytes: number | null;
  /** Arrays holding CDP journals: the smallest share of the requested journal space they could give (1: all; less shortens the history). */
  journalKeptFraction: number | null;
}

export interface ProductionImpact {
  /** Added latency per write from synchronous replication (RTT + transfer), mean over writes. */
  syncWriteLatencySeconds: number;
  /** Bytes of writes throttled (sync): the link could not carry them, or distance held the writers back; per year. */
  throttledBytesPerYear: number;
  /** The throttled writes as VM-hours of production held back per year (penalized at the VMs' downtime cost). */
  throttledVmHoursPerYear: number;
  /** Hours per year production writes halted (sync with halt policy during link loss). */
  haltedHoursPerYear: number;
  /** vCPU-hours per year spent by backup agents inside VMs. */
  agentOverheadVcpuHoursPerYear: number;
}

export interface CostItem {
  /** 'ransomware-protection' since schema 2.3 (copy protection and the clean room). */
  category: 'hosts' | 'storage' | 'wan' | 'licences' | 'power' | 'courier' | 'dev-test-credit' | 'penalties' | 'ransomware-protection';
  item: string;
  /** One-off purchase price (0 for pure opex items). */
  capex: number;
  /** Yearly figure: amortized capex + opex (negative for credits). */
  annual: number;
}

export interface CostBreakdown {
  capex: number;
  annualOpex: number;
  /** Amortized capex per year. */
  annualCapex: number;
  expectedAnnualPenalty: number;
  /** annualCapex + annualOpex + expectedAnnualPenalty (credits included in opex). */
  annualTotal: number;
  items: CostItem[];
}

/** What a bill-of-materials line is about. */
export type BomSection = 'dr-hosts' | 'storage' | 'wan' | 'licences' | 'courier' | 'power' | 'dev-test-credit' | 'ransomware-protection' | 'production-impact';

/** What DR storage holds, by purpose (backup media are onsite or offsite by where their store sits). */
export type BomPurpose = 'replicas' | 'snapshots' | 'cdp-journal' | 'backup-media';

/**
 * One line of a strategy's bill of materials: what is bought (or held) in a unit a budget reads, what
 * the simulation says is needed against what exists, and what it costs. Unlike the rest of the file the
 * numbers are in the line's own `unit` (TB = 10^12 bytes, Mbit/s = 10^6 bit/s, ms, %, hours/year…).
 * A line that only states a need (hosts in use, an array's fill, sync's production impact) costs 0.
 */
export interface BomLine {
  section: BomSection;
  item: string;
  /** Bought or held: hosts, TB stored, Mbit/s purchased, licences, shipments a year… */
  quantity: number;
  unit: string;
  /** What the simulation needs, in `unit` (null: not a sized quantity). WAN: p95 of the link load; hosts: p95 over trials. */
  needed: number | null;
  /** The higher level of the need, in `unit` (null: none): WAN p98 of the link load; hosts the maximum over trials. */
  neededHigh: number | null;
  /** What exists to meet the need, in `unit` (null: not applicable): DR hosts at the site, an array's capacity, a link's usable rate. */
  available: number | null;
  /** The need exceeds what exists (an array filled past capacity, a link's p98 above its usable rate, VMs left without a host). */
  overCapacity: boolean;
  /** One-off purchase price (capex), in the scenario's currency. */
  oneOff: number;
  /** Yearly figure: amortized capex + opex (negative for a credit), in the scenario's currency. */
  perYear: number;
  /** Plain-language detail (how the need was measured, onsite/offsite, …); empty when none. */
  note: string;
}

/** The DR hosts a strategy builds on, and how many the simulated recovery placement used. */
export interface BomDrHosts {
  models: { model: string; count: number; cores: number; ramBytes: number }[];
  available: number;
  /** Hosts holding recovered VMs after a site disaster: the smallest count enough in 95% of trials, and the maximum. */
  neededP95: number;
  neededMax: number;
  /** DR hosts whose dev/test work is preempted at declaration. */
  devTestPreempted: number;
}

/** Synchronous replication's cost to production (null when the strategy replicates nothing synchronously). */
export interface BomSyncImpact {
  /** Added latency per write (round trip + transfer). */
  writeLatencySeconds: number;
  /** Of the bytes the synchronously replicated VMs wrote, the share throttled (held back), over all trials. */
  throttledWriteFraction: number;
  throttledBytesPerYear: number;
  throttledVmHoursPerYear: number;
  haltedHoursPerYear: number;
}

/**
 * What it takes to build a strategy. The costed lines are the strategy's outlays (`cost.items` other than
 * penalties), one line each, in the same order and with the same amounts; `oneOffTotal` is `cost.capex`
 * and `perYearTotal` is `cost.annualCapex + cost.annualOpex` (each item and total is rounded to 10⁻⁶ on its
 * own, so the lines' sum may differ from a total by that rounding: at most 5·10⁻⁷ per line and per total).
 */
export interface BillOfMaterials {
  lines: BomLine[];
  oneOffTotal: number;
  perYearTotal: number;
  drHosts: BomDrHosts;
  syncImpact: BomSyncImpact | null;
}

export interface FailureResult {
  kind: FailureKind;
  /** Expected events per year for the estate (0 if the kind is not in the failure model). */
  eventsPerYear: number;
  /** Conditional view: what a VM affected by such an event gets. */
  rpoSeconds: Summary;
  rtoSeconds: Summary;
  affectedVmsMean: number;
  notRecovered: number;
  notRecoveredReasons: Record<NotRecoveredReason, number>;
  /** Annualized view. */
  expectedDowntimeHoursPerYear: number;
  expectedDataLossHoursPerYear: number;
  expectedPenaltyPerYear: number;
}

export interface VmResult {
  name: string;
  tier: number;
  priority: number;
  rpoTargetSeconds: number;
  rtoTargetSeconds: number;
  methods: string[];
  rpoSeconds: Summary;
  rtoSeconds: Summary;
  rpoTargetMet: number;
  rtoTargetMet: number;
  notRecovered: number;
}

export type RecoveryStep =
  | 'detection' | 'declaration' | 'preemption' | 'promote' | 'restore' | 'wait-capacity' | 'wait-dependencies'
  | 'power-on-queue' | 'boot' | 'app-recovery';

export interface TimelineVm {
  name: string;
  tier: number;
  priority: number;
  host: string | null;
  outcome: 'recovered' | NotRecoveredReason;
  steps: { step: RecoveryStep; startSeconds: number; endSeconds: number }[];
}

/** One representative disaster (the trial whose RTO p95 is the median over trials). */
export interface RecoveryTimeline {
  kind: FailureKind;
  trial: number;
  /** All times are seconds after the failure struck. */
  vms: TimelineVm[];
  hostUtilization: { host: string; model: string; timeSeconds: number[]; cpuFraction: number[]; ramFraction: number[] }[];
}

/** WAN traffic over a typical week: one series per link, averaged over trials. */
export interface WanWeek {
  link: string;
  stepSeconds: number;
  meanBitsPerSecond: number[];
}

/**
 * What a strategy buys against ransomware (schema 2.3; present when the scenario simulates it). The data lost
 * and the time until each VM is back are `failures[kind: ransomware]`'s rpoSeconds and rtoSeconds.
 */
export interface RansomwareResult {
  eventsPerYear: number;
  /** The scenario's policy (failures.ransomware.cleanPoint); an application may have its own (applications[].cleanPoint below). */
  cleanPoint: 'before-compromise' | 'before-encryption';
  /** Share of affected VM-trials for which a trusted restore point survived. */
  cleanPointExists: number;
  /** Share of trials in which a reinfection forced a second recovery. */
  reinfected: number;
  /** Share of recovered VM-trials each stage held back longest (they sum to 1 when any VM came back). */
  limitedBy: Record<RansomwareLimit, number>;
  /** Yearly price of the strategy's copy protection and of its clean room (also among cost.items). */
  protectionCostPerYear: { copies: number; cleanRoom: number };
  /** Expected yearly penalty of ransomware at its rate (as in failures[kind: ransomware]). */
  expectedPenaltyPerYear: number;
  /** Per named application: its outage as the business feels it, and what held it back. */
  applications: RansomwareApplication[];
}

export interface RansomwareApplication extends ApplicationResult {
  /**
   * Since schema 2.7 (absent before): the policy its VMs were recovered under — its own
   * (`applications[].ransomware`), else the scenario's — and the reinfection chance that came with it (0 before
   * the compromise: nothing restored from after it, nothing reinfected).
   */
  cleanPoint?: 'before-compromise' | 'before-encryption';
  reinfection?: number;
  /** Share of trials (with the application hit) in which every VM of it had a trusted point. */
  cleanPointExists: number;
  /** Per trial, the stage that held back the application's last VM back: shares over the trials it came back. */
  limitedBy: Record<RansomwareLimit, number>;
}

export interface StrategyResult {
  id: string;
  name: string;
  description: string;
  methods: string[];
  summary: {
    rpoSeconds: Summary;
    rtoSeconds: Summary;
    rpoTargetMet: number;
    rtoTargetMet: number;
    notRecovered: number;
    notRecoveredReasons: Record<NotRecoveredReason, number>;
    byTier: TierResult[];
    wanBitsPerSecond: LinkTraffic[];
    sustainable: Sustainability;
    drHostsUsed: { mean: number; max: number; available: number };
    storage: StorageNeed;
    productionImpact: ProductionImpact;
    /** Expected yearly downtime and data loss over all VMs (annualized view). */
    expectedDowntimeHoursPerYear: number;
    expectedDataLossHoursPerYear: number;
  };
  failures: FailureResult[];
  /** The named applications (declared under `applications:` or named by VMs' `app:`). */
  applications: ApplicationResult[];
  /** Whether it meets the targets, check by check, with the confidence of each. */
  verdict: StrategyVerdict;
  cost: CostBreakdown;
  /** What it takes to build (schema 2.5; absent in files written before). */
  billOfMaterials?: BillOfMaterials;
  flags: string[];
  vms: VmResult[];
  wanWeek: WanWeek[];
  timeline: RecoveryTimeline | null;
  /** Since schema 2.3, when the scenario simulates ransomware. */
  ransomware?: RansomwareResult;
}

export interface ResultsFile {
  schemaVersion: string;
  generatedBy: { tool: 'drsim'; version: string };
  scenario: {
    name: string;
    description: string;
    file: string;
    currency: string;
    counts: { sites: number; hosts: number; drHosts: number; vms: number; strategies: number };
    links: { name: string; between: [string, string]; bandwidthBitsPerSecond: number; efficiency: number; rttSeconds: number }[];
    tiers: { tier: number; vmCount: number; rpoTargetSeconds: number; rtoTargetSeconds: number }[];
    /** Plain-language assumptions the numbers rest on (defaults used, modelling simplifications). */
    assumptions: string[];
  };
  seed: number;
  trials: number;
  horizonSeconds: number;
  analysis: { conditional: boolean; annualized: boolean; failureKinds: FailureKind[] };
  strategies: StrategyResult[];
  /** `drsim run --sensitivity` (schema 2.4): what drives the answer, as `drsim sensitivity` computes it. */
  sensitivity?: SensitivityResults;
}

/** The results with their sensitivity section (since schema 2.4). */
export function withSensitivity(results: ResultsFile, sensitivity: SensitivityResults): ResultsFile {
  return { ...results, schemaVersion: RESULTS_SCHEMA_VERSION, sensitivity };
}

/**
 * `drsim sensitivity` (written as sensitivity.json; sensitivity.csv and report.html are made from it) and the
 * `sensitivity` section of `drsim run --sensitivity`'s results.json:
 * each uncertain input at its low and high multiple, every other input as the scenario states, with the
 * base run's seed and trials (common random numbers). Money in `currency`.
 */
export interface SensitivityResults {
  scenario: { name: string; file: string; currency: string };
  seed: number;
  trials: number;
  /** The inputs varied, in the language's order. */
  inputs: SensitivityInputInfo[];
  /** Inputs left out, with why (e.g. a failure kind not in the model). */
  skipped: { input: string; label: string; reason: string }[];
  strategies: SensitivityStrategy[];
  breakEven: BreakEven[];
}

export interface SensitivityInputInfo {
  input: string;
  label: string;
  /** Multipliers of the scenario's own value. */
  lowFactor: number;
  highFactor: number;
  /** Stated in the scenario's `sensitivity:` block (else the default range). */
  stated: boolean;
  /** The values in the scenario's words when the input is one number ("0.01/year"), else null. */
  lowText: string | null;
  baseText: string | null;
  highText: string | null;
  /** Annual penalties are proportional to it (rates, $/h): break-even is solved on its line. */
  linear: boolean;
}

/** A verdict's status, as StrategyVerdict and TargetCheck give it. */
export type VerdictStatusName = StrategyVerdict['status'];

/** One target check whose verdict differs between the low, base and high runs. */
export interface VerdictFlip {
  /** "tier 1 RPO", "application orders RTO", or "overall". */
  check: string;
  low: VerdictStatusName;
  base: VerdictStatusName;
  high: VerdictStatusName;
}

export interface SensitivityBar {
  input: string;
  annualTotal: { low: number; base: number; high: number };
  expectedAnnualPenalty: { low: number; base: number; high: number };
  /** |annual total at high − at low|: the bar's length. */
  swing: number;
  verdict: { low: VerdictStatusName; base: VerdictStatusName; high: VerdictStatusName };
  flips: VerdictFlip[];
}

export interface SensitivityStrategy {
  id: string;
  name: string;
  base: { annualTotal: number; expectedAnnualPenalty: number; verdict: VerdictStatusName };
  /** Sorted by swing, largest first (ties in input order). */
  bars: SensitivityBar[];
}

/** Where two strategies' annual totals cross as one linear input varies (each total = a + b × multiplier). */
export interface BreakEven {
  input: string;
  /** The multiplier of the scenario's value at the crossing, and the value itself when the input is one number. */
  factor: number;
  valueText: string | null;
  /** Cheaper below the crossing, cheaper above it (strategy names). */
  cheaperBelow: string;
  cheaperAbove: string;
  annualTotalAtCrossing: number;
  /** Whether the cheapest strategy of all changes there (not just the order of two others). */
  changesCheapest: boolean;
  /** Inside the stated (or default) range of the input. */
  withinRange: boolean;
  /** Each strategy's total was on a straight line through low, base and high (else the crossing is approximate). */
  exact: boolean;
}
