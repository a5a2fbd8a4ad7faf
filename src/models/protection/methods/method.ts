/**
 * The plug-in interface of a protection method (backup, async, sync, CDP, ...): what it does in normal
 * operation for one protection group — schedule its own events on the trial's simulation, move bytes
 * over the shared links — and what it leaves behind: the recovery points (a PointLog) and its
 * accounting (DR storage, production impact, the link load it needs). A new method is one new module
 * registered in methods/index.ts, plus its schema.
 */
import type { FluidLink } from '../../../sim/fluid-link.js';
import type { Simulation } from '../../../sim/simulation.js';
import type { OutageInterval } from '../../failures/events.js';
import type { PointLog } from '../recovery-points.js';
import type { ProtectionMethod, Scenario, Workload } from '../../scenario/model.js';
import { uniqueFraction, type WriteCurve } from '../write-curve.js';

/** VMs that a method protects as one unit (one consistency group / LUN / application), and their writes. */
export interface ProtectionGroup {
  key: string;
  vms: number[];
  site: number;
  usedBytes: number;
  /** Raw writes per workload present in the group (unique-update curves differ per workload). */
  parts: { workload: Workload; curve: WriteCurve }[];
  /** All raw writes of the group. */
  writes: WriteCurve;
}

export interface ProtectionContext {
  sim: Simulation;
  scenario: Scenario;
  /** One fluid link per WAN link, at its usable capacity (bandwidth × efficiency), outages applied. */
  links: FluidLink[];
  /** The fluid link standing for a backup target's write throughput (shared by all groups backing up to it). */
  backupTargetFabric(target: number): FluidLink;
  linkOutages: OutageInterval[][];
  horizonSeconds: number;
  warmupSeconds: number;
  /** One helper per key for the whole strategy run (e.g. a snapshot schedule shared by every group on it). */
  shared<T>(key: string, make: () => T): T;
}

/** What a method needs and costs, filled in once the protection run is over. */
export interface MethodAccounting {
  replicaBytes: number;
  snapshotBytes: number;
  journalBytes: number;
  backupMediaBytes: number;
  /** Long-run mean bytes/s the method puts on each link it uses (for the sustainability check). */
  linkLoad: { link: number; meanBytesPerSecond: number }[];
  syncWriteLatencySeconds: number | null;
  throttledBytes: number;
  haltedSeconds: number;
  agentVcpuSeconds: number;
  /** Largest backlog seen (bytes) of this method on its link. */
  backlogPeakBytes: number;
  notes: string[];
}

export interface MethodRun {
  log: PointLog;
  /** Called once after the simulation reached the horizon. */
  account(): MethodAccounting;
}

export interface MethodModel<M extends ProtectionMethod = ProtectionMethod> {
  kind: M['method'];
  start(ctx: ProtectionContext, group: ProtectionGroup, method: M): MethodRun;
}

export function emptyAccounting(): MethodAccounting {
  return {
    replicaBytes: 0,
    snapshotBytes: 0,
    journalBytes: 0,
    backupMediaBytes: 0,
    linkLoad: [],
    syncWriteLatencySeconds: null,
    throttledBytes: 0,
    haltedSeconds: 0,
    agentVcpuSeconds: 0,
    backlogPeakBytes: 0,
    notes: [],
  };
}

/** Bytes that cross the wire for a window [a, b] of a group: unique writes of each workload, compressed. */
export function uniqueDeltaBytes(group: ProtectionGroup, a: number, b: number, compression: number): number {
  let bytes = 0;
  for (const part of group.parts) bytes += part.curve.writtenBetween(a, b) * uniqueFractionCached(part.workload, b - a);
  return bytes * (1 - compression);
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
