/**
 * The plug-in interface of a protection method (backup, async, sync, CDP, ...). One module per method
 * implements MethodDefinition and is listed in registry.ts; nothing else in the tree names a method kind.
 * A definition covers the method's whole life:
 * - the language: its YAML entry (a zod schema) and its resolution (references, defaults, warnings);
 * - normal operation, for one protection group: schedule its own events on the trial's simulation, move
 *   bytes over the shared links, and leave the recovery points (a PointLog) and its accounting (DR storage,
 *   production impact, the link load it needs);
 * - what can be known without simulating (best-case RPO, long-run link demand) for warnings;
 * - what recovery needs from it: is its copy already at DR (promoted) or must it be restored, from where;
 * - its cost lines beyond the shared ones (e.g. a tape courier); where it keeps its bytes (StoredBytes, priced there).
 */
import type { z } from 'zod';
import type { FluidLink } from '../../../sim/fluid-link.js';
import type { Simulation } from '../../../sim/simulation.js';
import type { CostItem } from '../../results.js';
import type { OutageInterval } from '../../failures/events.js';
import type { PointLog } from '../recovery-points.js';
import type { Scenario, Vm, Workload } from '../../scenario/model.js';
import type { SchemaContext } from '../../scenario/schema.js';
import type { YamlPath } from '../../scenario/problems.js';
import type { UsedBytesCap } from '../unique-changes.js';
import { uniqueFraction, type WriteCurve } from '../write-curve.js';

/** The kinds of protection a method's copies may have against an attacker (scenario `copyProtection`). */
export type CopyProtectionKind = 'immutable' | 'vault' | 'offline';

/** What every resolved method has: its kind (the YAML `method:` value). */
export interface MethodBase {
  method: string;
}

/** One workload's VMs in a group: their summed writes, and the cap of their unique changes at their used bytes. */
export interface WorkloadPartWrites {
  workload: Workload;
  curve: WriteCurve;
  usedCap: UsedBytesCap;
}

/** VMs that a method protects as one unit (one consistency group / LUN / application), and their writes. */
export interface ProtectionGroup {
  key: string;
  vms: number[];
  site: number;
  usedBytes: number;
  provisionedBytes: number;
  /** Raw writes per workload present in the group (unique-update curves differ per workload). */
  parts: WorkloadPartWrites[];
  /** All raw writes of the group. */
  writes: WriteCurve;
}

export interface ProtectionContext {
  sim: Simulation;
  scenario: Scenario;
  /** One fluid link per WAN link, at its usable capacity (bandwidth × efficiency), outages applied. */
  links: FluidLink[];
  /** The strategy's DR site (where tapes are vaulted). */
  drSite: number;
  /**
   * A store's read or write throughput as a fluid link shared by every flow of the strategy run that names the
   * same key (e.g. 'write:target:0', 'read:array:2'); created at `bytesPerSecond` on first use.
   */
  fabric(key: string, bytesPerSecond: number): FluidLink;
  linkOutages: OutageInterval[][];
  horizonSeconds: number;
  warmupSeconds: number;
  /** One helper per key for the whole strategy run (e.g. a snapshot schedule shared by every group on it). */
  shared<T>(key: string, make: () => T): T;
}

/**
 * Where a method keeps bytes, priced and checked against capacity there: a storage array (replicas, snapshots,
 * journals), a backup target, or media that is neither (tapes in the vault; a copy on a like target at a site
 * that has none named).
 */
export type StoreRef =
  | { kind: 'array'; array: number }
  | { kind: 'backup-target'; target: number }
  | { kind: 'media'; name: string; site: number; pricePerTB: number };

export type StoredKind = 'replica' | 'snapshots' | 'journal' | 'backup-media';

export interface StoredBytes {
  kind: StoredKind;
  store: StoreRef;
  bytes: number;
}

/** What a method needs and costs, filled in once the protection run is over. */
export interface MethodAccounting {
  /** Bytes it keeps, and where. */
  stored: StoredBytes[];
  /** Long-run mean bytes/s the method puts on each link it uses (for the sustainability check). */
  linkLoad: { link: number; meanBytesPerSecond: number }[];
  syncWriteLatencySeconds: number | null;
  throttledBytes: number;
  /** Bytes the group wrote over the horizon while synchronously replicated (the whole that `throttledBytes` is part of). */
  syncWrittenBytes: number;
  /** The throttled writes as time: ∫ (share of the group's writes refused) dt — an hour at half the writes is half an hour. */
  throttledSeconds: number;
  haltedSeconds: number;
  agentVcpuSeconds: number;
  notes: string[];
}

export interface MethodRun {
  log: PointLog;
  /** Called once after the simulation reached the horizon. */
  account(): MethodAccounting;
  /**
   * The array holding the method's journal is full: it keeps only `fraction` (0..1) of the journal it asked
   * for, so its history shrinks in proportion (called after account(), before recovery reads the log).
   */
  keepJournalShare?(fraction: number): void;
  /** The store its link delivers into (a replica's target array): the stores a link feeds bound what it can deliver. */
  landing?: { link: number; storeKey: string; writeBytesPerSecond: number };
}

/** Where a replication method's link delivers: its target array. */
export function replicaLanding(scenario: Scenario, method: { link: number; target: number }): NonNullable<MethodRun['landing']> {
  return { link: method.link, storeKey: `array:${method.target}`, writeBytesPerSecond: scenario.storage[method.target].writeBytesPerSecond };
}

/** What a method's resolution can ask of the scenario being resolved (see resolvers/strategies.ts). */
export interface MethodResolution {
  /** YAML path of the method entry. */
  at: YamlPath;
  /** "strategy "name"", for messages. */
  label: string;
  drSite: number;
  /** Sites of the VMs the rule selects. */
  vmSites: number[];
  /** Another method of the same rule keeps a copy at DR (so a local-only copy is a deliberate choice). */
  ruleKeepsCopyAtDr: boolean;
  error(path: YamlPath, message: string): void;
  warn(path: YamlPath, message: string): void;
  /** A storage array at the DR site (named, or the only one there); -1 after reporting a problem. */
  replicaTarget(name: string | undefined, at: YamlPath): number;
  /** The link from the VMs' sites to the DR site (named, or the only one); -1 after reporting a problem. */
  replicationLink(name: string | undefined, at: YamlPath): number;
  /** A backup target (named, or the only / only local one); -1 after reporting a problem. */
  backupTarget(name: string | undefined, at: YamlPath): number;
  /** Any link by name; -1 after reporting a problem. */
  link(name: string, at: YamlPath): number;
  scenarioSites: { name: string }[];
  backupTargets: { name: string; site: number; pricePerTB: number; media: string }[];
  links: { name: string; siteA: number; siteB: number; rttSeconds: number }[];
  /** Records a default the scenario relies on (listed in results.json `scenario.assumptions`). */
  assume(message: string): void;
}

/** Where a restorable copy is read from, as recovery's restore fabrics need it (recovery/restore.ts). */
export interface RestoreCopy {
  /** Backup target holding the copy's original (restores from one target and copy share a fabric). */
  store: number;
  /** Site the copy sits at. */
  site: number;
  readBytesPerSecond: number;
  /** Restores that may run at once from this copy. */
  streams: number;
  /** Link the copy was sent over, preferred when restoring across sites (null: any joining link). */
  preferredLink: number | null;
  /** Each restore first mounts and positions its media (tapes), holding its stream. */
  mountSeconds: number;
  /** Each restore of a VM whose guest is gone first rebuilds it (file-level backups), holding its stream. */
  rebuildSeconds: number;
}

/**
 * How recovery uses a method's points: a replica already at DR is promoted where it is; a copy that must
 * first be restored says where it sits (the local copy, or the offsite one).
 */
export type RecoveryUse<M> =
  /**
   * Promoting the replica (storage failover: break the mirror, make it writable, rescan, register the VMs)
   * takes promoteSeconds; replicaTarget is the DR array holding the replica (-1 if unresolved).
   */
  | { kind: 'promote'; promoteSeconds(method: M): number; replicaTarget(method: M): number }
  | { kind: 'restore'; copy(scenario: Scenario, method: M, local: boolean, drSite: number): RestoreCopy };

/**
 * Default time to promote a replica at declaration: storage failover (break the mirror or fail the group over,
 * make the copy writable), rescan and mount the datastores, register and re-address the VMs — steps SRM runs
 * in minutes before the first power-on. A planning figure; measure yours in a drill.
 */
export const DEFAULT_PROMOTE_SECONDS = 5 * 60;

/** The promotion time a replication method's YAML asks for, or the default (recorded as an assumption). */
export function promoteSeconds(r: MethodResolution, given: number | undefined): number {
  if (given === undefined) r.assume('Promoting a replica at declaration (storage failover, rescan, register and re-address the VMs) takes 5 min (set promote on the method).');
  return given ?? DEFAULT_PROMOTE_SECONDS;
}

/** A replication method's replica target (a DR array) and link, resolved in that order. */
export function replicaPlacement(r: MethodResolution, input: { target?: string; link?: string }): { target: number; link: number } {
  const target = r.replicaTarget(input.target, [...r.at, 'target']);
  const link = r.replicationLink(input.link, [...r.at, 'link']);
  return { target, link };
}

export interface MethodDefinition<M extends MethodBase = MethodBase> {
  kind: M['method'];
  /** The YAML entry (with `method: <kind>`), built for the scenario's currency. */
  schema(ctx: SchemaContext): z.ZodObject;
  /** YAML input (already checked by `schema`) → the resolved method, or null after reporting a problem. */
  resolve(input: never, r: MethodResolution): M | null;
  /** Normal operation of one protection group. */
  start(ctx: ProtectionContext, group: ProtectionGroup, method: M): MethodRun;
  /**
   * Every period of the method's schedule (async interval; backup incrementals, fulls and tape shipments;
   * none for continuous streams): the span over which failures are drawn must cover the longest, and be a
   * whole number of each that divides a week, so failures see every phase of them.
   */
  cyclesSeconds(method: M): number[];
  /**
   * Time from the seeded start (every copy in step with the data at time 0) until the method's newest
   * point at DR comes from its own operation (its first run, one period for the copy, any wait for a tape
   * pickup and transit): the warm-up must cover it, or early failures would see the seeded copy.
   */
  settleSeconds(method: M): number;
  /** Smallest mean data loss the method can give (no contention, link up): for "cannot be met" warnings. */
  bestMeanRpoSeconds(method: M): number;
  /** Long-run bytes/s the method puts on a link for one VM of `vm`'s writes (null: no link), for warnings. */
  linkDemand(method: M, vm: Vm, workload: Workload): { link: number; bytesPerSecond: number } | null;
  recovery: RecoveryUse<M>;
  /**
   * What its copies can be given against ransomware (scenario `copyProtection`): an immutability lock on the
   * points it keeps, an isolated vault and offline media for a copy that leaves the primary on a schedule.
   */
  copyProtections: readonly CopyProtectionKind[];
  /** Production stops while the method's link is down (e.g. synchronous replication that halts). */
  haltsProductionOnLinkLoss(method: M): boolean;
  /** Cost lines of all the strategy's methods of this kind together (e.g. courier shipments), per year, each with what it buys. */
  costLines(methods: M[], scenario: Scenario): MethodCostLine[];
  /** What the results should say about the plan itself (e.g. synchronous replication beyond supported distances). */
  planNotes?(method: M, scenario: Scenario): string[];
  /**
   * The method with its compression ratio multiplied by `factor` (sensitivity analysis); absent for methods
   * that do not compress. See compressionAtRatioFactor.
   */
  withCompressionRatioScaled?(method: M, factor: number): M;
}

/**
 * The fraction saved by compression after multiplying the compression ratio (raw ÷ compressed) by `factor`:
 * the compressed share 1 − c is divided by it, and capped at 1 (a ratio below 1:1 is no compression at all).
 * A stream the scenario does not compress (c = 0) stays uncompressed: there is no ratio to be wrong about.
 */
export function compressionAtRatioFactor(compression: number, factor: number): number {
  if (factor === 1 || compression === 0) return compression;
  return 1 - Math.min(1, (1 - compression) / factor);
}

/** A method's cost line and what it pays for, in the bill of materials' terms (e.g. 52 shipments a year). */
export interface MethodCostLine {
  cost: CostItem;
  quantity: number;
  unit: string;
}

export function emptyAccounting(): MethodAccounting {
  return {
    stored: [],
    linkLoad: [],
    syncWriteLatencySeconds: null,
    throttledBytes: 0,
    syncWrittenBytes: 0,
    throttledSeconds: 0,
    haltedSeconds: 0,
    agentVcpuSeconds: 0,
    notes: [],
  };
}

/**
 * A replica's footprint on its DR array: the VMs' used data on a thin-provisioned array, their provisioned
 * disks on a thick one (the replica volume reserves the source's full size).
 */
export function replicaFootprintBytes(scenario: Scenario, group: ProtectionGroup, array: number): number {
  return scenario.storage[array]?.provisioning === 'thick' ? group.provisionedBytes : group.usedBytes;
}

/** Bytes that cross the wire for a window [a, b] of a group: unique writes of each workload (at most each VM's used bytes), compressed. */
export function uniqueDeltaBytes(group: ProtectionGroup, a: number, b: number, compression: number): number {
  let bytes = 0;
  for (const part of group.parts) bytes += partUniqueBytes(part, a, b);
  return bytes * (1 - compression);
}

/** Unique bytes one workload part changes over [a, b], capped VM by VM at their used bytes (raw, before compression). */
export function partUniqueBytes(part: WorkloadPartWrites, a: number, b: number): number {
  return part.usedCap.cap(part.curve.writtenBetween(a, b) * uniqueFractionCached(part.workload, b - a));
}

/** Long-run unique bytes/s of a part shipped once per window of `windowSeconds` (its mean rate coalesced, capped per VM). */
export function partUniqueRate(part: WorkloadPartWrites, windowSeconds: number): number {
  return part.usedCap.cap(part.curve.meanRate() * windowSeconds * uniqueFraction(part.workload.uniqueUpdates, windowSeconds)) / windowSeconds;
}

/** Most windows are exactly the method's interval: remember the last answer per workload. */
interface LastUnique { workload: Workload | null; windowSeconds: number; fraction: number }
const lastUnique = new WeakMap<Workload, LastUnique>();
/** The workload asked last (groups of one workload ask for it over and over), checked before the map. */
let recent: LastUnique = { workload: null, windowSeconds: NaN, fraction: 1 };

function uniqueFractionCached(workload: Workload, windowSeconds: number): number {
  let last = recent.workload === workload ? recent : lastUnique.get(workload);
  if (last === undefined) lastUnique.set(workload, (last = { workload, windowSeconds: NaN, fraction: 1 }));
  recent = last;
  if (last.windowSeconds !== windowSeconds) {
    last.windowSeconds = windowSeconds;
    last.fraction = uniqueFraction(workload.uniqueUpdates, windowSeconds);
  }
  return last.fraction;
}
