/**
 * Trial records as plain JSON (for shard files): typed arrays become arrays, NaN becomes null. Decoding
 * restores exactly the same numbers (JSON round-trips doubles), so merged shards aggregate to exactly the
 * unsharded result. A shard file comes from elsewhere (another machine, a batch system's scratch disk):
 * decoding checks every field aggregation reads against the scenario's shape, so a corrupted record is a
 * RecordError naming its path, never a crash in aggregation.
 */
import type { ArrayFill, StoreUse } from '../models/protection/dr-storage.js';
import type { StoreRef } from '../models/protection/methods/method.js';
import { FAILURE_KINDS, RANSOMWARE_LIMITS, type FailureKind } from '../models/results.js';
import { NO_LIMIT, OUTCOME_CODES, type EventRecord, type LinkTrialRecord, type StrategyTrialRecord, type TrialRecord } from './trial.js';

type Json = unknown;

export class RecordError extends Error {}

/** What a record must match: the scenario's counts. */
export interface RecordShape {
  strategies: number;
  vms: number;
  links: number;
  sites: number;
  arrays: number;
  backupTargets: number;
  applications: number;
}

const WEEK_HOURS = 168;
const LINK_NUMBERS = ['usableBytesPerSecond', 'meanBytesPerSecond', 'p95BytesPerSecond', 'p98BytesPerSecond', 'peakBytesPerSecond', 'utilization', 'backlogPeakBytes', 'demandBytesPerSecond', 'lagGrowthAllowanceSeconds'] as const;

const numbers = (a: ArrayLike<number>): (number | null)[] => Array.from(a, (x) => (Number.isNaN(x) ? null : x));

export function encodeTrial(r: TrialRecord): Json {
  return {
    trial: r.trial,
    strategies: r.strategies.map((s) => ({
      ...s,
      events: s.events.map((e) => ({
        ...e, vms: Array.from(e.vms), rpoSeconds: numbers(e.rpoSeconds), rtoSeconds: numbers(e.rtoSeconds), outcome: Array.from(e.outcome),
        ...(e.limit !== undefined ? { limit: Array.from(e.limit) } : {}),
      })),
      links: s.links.map((l) => ({ ...l, weekBytesPerSecond: Array.from(l.weekBytesPerSecond) })),
    })),
  };
}

function fail(path: string, problem: string): never {
  throw new RecordError(`${path}: ${problem}`);
}

function object(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Record<string, Json>;
}

function array(v: Json, path: string, length?: number): Json[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  if (length !== undefined && v.length !== length) fail(path, `expected ${length} items, found ${v.length}`);
  return v;
}

function finite(v: Json, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'expected a number');
  return v;
}

function floats(v: Json, path: string, length?: number, nullable = false): Float64Array {
  const a = array(v, path, length);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === null && nullable) out[i] = NaN;
    else out[i] = finite(x, `${path}[${i}]`);
  }
  return out;
}

function integers<T extends Int32Array | Uint8Array>(v: Json, path: string, make: (n: number) => T, below: number): T {
  const a = array(v, path);
  const out = make(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (!Number.isInteger(x) || (x as number) < 0 || (x as number) >= below) fail(`${path}[${i}]`, `expected a whole number from 0 to ${below - 1}`);
    out[i] = x as number;
  }
  return out;
}

function numberFields<K extends string>(v: Json, path: string, keys: readonly K[]): Record<K, number> {
  const o = object(v, path);
  return Object.fromEntries(keys.map((k) => [k, finite(o[k], `${path}.${k}`)])) as Record<K, number>;
}

function decodeEvent(v: Json, path: string, shape: RecordShape): EventRecord {
  const e = object(v, path);
  if (!(FAILURE_KINDS as readonly string[]).includes(e.kind as string)) fail(`${path}.kind`, `expected one of ${FAILURE_KINDS.join(', ')}`);
  const vms = integers(e.vms, `${path}.vms`, (n) => new Int32Array(n), shape.vms);
  return {
    kind: e.kind as FailureKind,
    vms,
    rpoSeconds: floats(e.rpoSeconds, `${path}.rpoSeconds`, vms.length, true),
    rtoSeconds: floats(e.rtoSeconds, `${path}.rtoSeconds`, vms.length, true),
    outcome: (() => {
      const o = integers(e.outcome, `${path}.outcome`, (n) => new Uint8Array(n), OUTCOME_CODES.length);
      if (o.length !== vms.length) fail(`${path}.outcome`, `expected ${vms.length} items, found ${o.length}`);
      return o;
    })(),
    drHostsUsed: finite(e.drHostsUsed, `${path}.drHostsUsed`),
    ...(e.limit !== undefined ? { limit: decodeLimits(e.limit, `${path}.limit`, vms.length) } : {}),
  };
}

/** A ransomware event's per-VM limit: an index into RANSOMWARE_LIMITS, or NO_LIMIT for a VM not recovered. */
function decodeLimits(v: Json, path: string, vmCount: number): Uint8Array {
  const a = array(v, path);
  if (a.length !== vmCount) fail(path, `expected ${vmCount} items, found ${a.length}`);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (!Number.isInteger(x) || ((x as number) >= RANSOMWARE_LIMITS.length && x !== NO_LIMIT) || (x as number) < 0) fail(`${path}[${i}]`, `expected a whole number from 0 to ${RANSOMWARE_LIMITS.length - 1}, or ${NO_LIMIT} (not recovered)`);
    out[i] = x as number;
  }
  return out;
}

function decodeLink(v: Json, path: string): LinkTrialRecord {
  const l = object(v, path);
  // No copy crosses the link: its lag has no trend (null).
  const lagGrowthSeconds = l.lagGrowthSeconds === null ? null : finite(l.lagGrowthSeconds, `${path}.lagGrowthSeconds`);
  return { ...numberFields(l, path, LINK_NUMBERS), lagGrowthSeconds, weekBytesPerSecond: floats(l.weekBytesPerSecond, `${path}.weekBytesPerSecond`, WEEK_HOURS) };
}

const STORED = ['replicaBytes', 'snapshotBytes', 'journalBytes', 'backupMediaBytes'] as const;

function wholeBelow(v: Json, path: string, below: number): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= below) fail(path, below > 0 ? `expected a whole number from 0 to ${below - 1}` : 'expected nothing here: the scenario has none');
  return v as number;
}

/** Where a store is: an index into the scenario's arrays or backup targets (aggregation looks them up), or named media. */
function decodeStoreRef(v: Json, path: string, shape: RecordShape): StoreRef {
  const o = object(v, path);
  if (o.kind === 'array') return { kind: 'array', array: wholeBelow(o.array, `${path}.array`, shape.arrays) };
  if (o.kind === 'backup-target') return { kind: 'backup-target', target: wholeBelow(o.target, `${path}.target`, shape.backupTargets) };
  if (o.kind === 'media') {
    if (typeof o.name !== 'string') fail(`${path}.name`, 'expected text');
    return { kind: 'media', name: o.name, site: wholeBelow(o.site, `${path}.site`, shape.sites), pricePerTB: finite(o.pricePerTB, `${path}.pricePerTB`) };
  }
  return fail(`${path}.kind`, 'expected array, backup-target or media');
}

function decodeStorage(v: Json, path: string, shape: RecordShape): StrategyTrialRecord['storage'] {
  const o = object(v, path);
  return {
    ...numberFields(o, path, STORED),
    stores: array(o.stores, `${path}.stores`).map((x, i): StoreUse => ({
      store: decodeStoreRef(object(x, `${path}.stores[${i}]`).store, `${path}.stores[${i}].store`, shape),
      ...numberFields(x, `${path}.stores[${i}]`, STORED),
    })),
    arrays: array(o.arrays, `${path}.arrays`).map((x, i): ArrayFill => ({
      array: wholeBelow(object(x, `${path}.arrays[${i}]`).array, `${path}.arrays[${i}].array`, shape.arrays),
      ...numberFields(x, `${path}.arrays[${i}]`, ['vmBytes', 'neededBytes', 'journalKeptFraction'] as const),
    })),
  };
}

function decodeImpact(v: Json, path: string, shape: RecordShape): StrategyTrialRecord['impact'] {
  const o = object(v, path);
  return {
    ...numberFields(o, path, ['syncWriteLatencySeconds', 'throttledBytes', 'syncWrittenBytes', 'haltedSeconds', 'agentVcpuSeconds', 'throttledVmSeconds'] as const),
    throttledCosts: array(o.throttledCosts, `${path}.throttledCosts`).map((x, i) => ({
      application: wholeBelow(object(x, `${path}.throttledCosts[${i}]`).application, `${path}.throttledCosts[${i}].application`, shape.applications),
      cost: finite((x as Record<string, Json>).cost, `${path}.throttledCosts[${i}].cost`),
    })),
  };
}

function decodeStrategy(v: Json, path: string, shape: RecordShape): StrategyTrialRecord {
  const s = object(v, path);
  return {
    events: array(s.events, `${path}.events`).map((e, i) => decodeEvent(e, `${path}.events[${i}]`, shape)),
    links: array(s.links, `${path}.links`, shape.links).map((l, i) => decodeLink(l, `${path}.links[${i}]`)),
    storage: decodeStorage(s.storage, `${path}.storage`, shape),
    impact: decodeImpact(s.impact, `${path}.impact`, shape),
    protectionHorizonSeconds: finite(s.protectionHorizonSeconds, `${path}.protectionHorizonSeconds`),
    simulatedEvents: finite(s.simulatedEvents, `${path}.simulatedEvents`),
  };
}

/** Decodes and checks one record against the scenario's shape; throws RecordError naming the first problem. */
export function decodeTrial(j: Json, path: string, shape: RecordShape): TrialRecord {
  const r = object(j, path);
  if (!Number.isInteger(r.trial) || (r.trial as number) < 0) fail(`${path}.trial`, 'expected a trial index');
  return {
    trial: r.trial as number,
    strategies: array(r.strategies, `${path}.strategies`, shape.strategies).map((s, i) => decodeStrategy(s, `${path}.strategies[${i}]`, shape)),
  };
}
