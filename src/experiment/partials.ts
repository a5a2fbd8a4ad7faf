/**
 * Shards: `drsim run --shard i/n` writes the records of its slice of the trials into a partial file, and
 * `drsim merge` combines all the parts into exactly the unsharded result. Parts travel between machines
 * and batch systems, so merge trusts no label: each part names the trial indexes it holds and a digest of
 * the scenario and options (seed, trials, drsim version); every record is checked against them and the
 * scenario's shape; the parts must cover every trial exactly once. Any problem is a MergeError naming
 * the file (exit 2), never a crash in aggregation.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../models/scenario/model.js';
import { PARTIAL_KIND, type ResultsFile } from '../models/results.js';
import { finish, shardTrials, type Shard } from './experiment.js';
import { runTrials, scenarioDigest, type TrialRunOptions } from './runner.js';
import { decodeTrial, encodeTrial, RecordError } from './trial-codec.js';
import type { TrialRecord } from './trial.js';

/** 2: trial indexes and a digest of scenario + options (1 trusted the shard label). */
export const PARTIAL_VERSION = 2;

export interface PartialFile {
  kind: typeof PARTIAL_KIND;
  version: number;
  generatedBy: string;
  scenarioFile: string;
  /** sha256 of the scenario, its seed and trial count, and the drsim version (partialDigest). */
  digest: string;
  scenarioDigest: string;
  seed: number;
  trials: number;
  shard: Shard;
  /** The trials this part holds: [from, to), one record each, in order. */
  trialIndexes: { from: number; to: number };
  scenario: Scenario;
  records: unknown[];
}

export class MergeError extends Error {}

/** What a part's results depend on: the scenario (seed and trial count included) and the code's version. */
export function partialDigest(scenario: Scenario, version: string): string {
  const { seed, trials } = scenario.simulation;
  return createHash('sha256').update(JSON.stringify({ version, seed, trials, scenario })).digest('hex');
}

export async function runShard(scenario: Scenario, scenarioFile: string, version: string, shard: Shard, options: TrialRunOptions): Promise<PartialFile> {
  const trials = shardTrials(scenario.simulation.trials, shard);
  const records = await runTrials(scenario, trials, options);
  return {
    kind: PARTIAL_KIND,
    version: PARTIAL_VERSION,
    generatedBy: version,
    scenarioFile,
    digest: partialDigest(scenario, version),
    scenarioDigest: scenarioDigest(scenario),
    seed: scenario.simulation.seed,
    trials: scenario.simulation.trials,
    shard,
    trialIndexes: { from: trials[0] ?? 0, to: (trials[trials.length - 1] ?? -1) + 1 },
    scenario,
    records: records.map(encodeTrial),
  };
}

interface CheckedPart { path: string; file: PartialFile }

const range = (from: number, to: number): string => (to - from === 1 ? `trial ${from}` : `trials ${from}–${to - 1}`);
const label = (s: Shard): string => `shard ${s.index + 1}/${s.count}`;

/** Combines shard files into exactly the result of the unsharded run (`version`: this drsim's). */
export function mergePartials(parts: { path: string; data: unknown }[], version: string): ResultsFile {
  if (parts.length === 0) throw new MergeError('no partial results given');
  const checked = parts.map(({ path, data }) => checkPartial(path, data, version));
  const [first] = checked as [CheckedPart];
  for (const p of checked) sameRun(p, first);
  const count = first.file.shard.count;
  const byShard = new Map<number, string>();
  for (const p of checked) {
    const other = byShard.get(p.file.shard.index);
    if (other !== undefined) throw new MergeError(`${p.path}: ${label(p.file.shard)} (${range(p.file.trialIndexes.from, p.file.trialIndexes.to)}) is also in ${other}`);
    byShard.set(p.file.shard.index, p.path);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byShard.has(i));
  if (missing.length > 0) {
    const trials = first.file.trials;
    throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => {
      const t = shardTrials(trials, { index: i, count });
      return `${i + 1}/${count}${t.length > 0 ? ` (${range(t[0]!, t[t.length - 1]! + 1)})` : ''}`;
    }).join(', ')}`);
  }
  const sc = first.file.scenario;
  const shape = { strategies: sc.strategies.length, vms: sc.vms.length, links: sc.links.length, sites: sc.sites.length, arrays: sc.storage.length, backupTargets: sc.backupTargets.length, applications: sc.applications.length };
  const records: TrialRecord[] = [];
  for (const p of [...checked].sort((a, b) => a.file.trialIndexes.from - b.file.trialIndexes.from)) {
    const { from, to } = p.file.trialIndexes;
    if (p.file.records.length !== to - from) throw new MergeError(`${p.path}: holds ${p.file.records.length} records for ${range(from, to)}`);
    p.file.records.forEach((r, i) => {
      let record: TrialRecord;
      try {
        record = decodeTrial(r, `records[${i}]`, shape);
      } catch (e) {
        if (e instanceof RecordError) throw new MergeError(`${p.path}: ${e.message} (the file is corrupted)`);
        throw e;
      }
      if (record.trial !== from + i) throw new MergeError(`${p.path}: records[${i}] is trial ${record.trial}, expected trial ${from + i}`);
      const kinds = (rec: TrialRecord) => rec.strategies.map((s) => s.events.map((e) => e.kind).join(',')).join(';');
      if (records.length > 0 && kinds(record) !== kinds(records[0]!)) throw new MergeError(`${p.path}: records[${i}] has other failure events than the first record (the file is corrupted)`);
      records.push(record);
    });
  }
  try {
    return finish(first.file.scenario, first.file.scenarioFile, version, records);
  } catch (e) {
    // The scenario passed its digest, so this is a part written by hand or by another program.
    throw new MergeError(`${first.path}: cannot merge: ${(e as Error).message} (the partial results are not what drsim run --shard writes)`);
  }
}

/** Checks one part on its own: kind, version, fields, digest, label against trial indexes. */
function checkPartial(path: string, data: unknown, version: string): CheckedPart {
  const f = data as Partial<PartialFile> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f) || f.kind !== PARTIAL_KIND) throw new MergeError(`${path}: not a drsim partial result (made with \`drsim run --shard i/n\`)`);
  if (f.version !== PARTIAL_VERSION) {
    throw new MergeError(`${path}: partial-result version ${JSON.stringify(f.version)}; this drsim reads version ${PARTIAL_VERSION}: run the shards again with this drsim`);
  }
  const whole = (x: unknown, min: number): x is number => Number.isSafeInteger(x) && (x as number) >= min;
  const s = f.shard;
  const t = f.trialIndexes;
  const sc = f.scenario as Scenario | undefined;
  if (typeof f.generatedBy !== 'string' || typeof f.digest !== 'string' || typeof f.scenarioFile !== 'string' || !whole(f.seed, 0) || !whole(f.trials, 1)
    || typeof s !== 'object' || s === null || !whole(s.count, 1) || !whole(s.index, 0) || s.index >= s.count
    || typeof t !== 'object' || t === null || !whole(t.from, 0) || !whole(t.to, 0) || t.from > t.to || t.to > f.trials
    || !Array.isArray(f.records) || typeof sc !== 'object' || sc === null || typeof sc.simulation !== 'object' || sc.simulation === null
    || !Array.isArray(sc.vms) || !Array.isArray(sc.strategies) || !Array.isArray(sc.links)) {
    throw new MergeError(`${path}: partial result is incomplete or corrupted (a field is missing or has the wrong type)`);
  }
  if (f.generatedBy !== version) throw new MergeError(`${path}: made by drsim ${f.generatedBy}; this is drsim ${version}: merge with the version that ran the shards, or run them again`);
  if (partialDigest(sc, f.generatedBy) !== f.digest || sc.simulation.seed !== f.seed || sc.simulation.trials !== f.trials) {
    throw new MergeError(`${path}: its digest does not match its content: the file was edited or corrupted`);
  }
  if (sc.vms.length === 0 || sc.strategies.length === 0) throw new MergeError(`${path}: the scenario holds no ${sc.vms.length === 0 ? 'VMs' : 'strategies'}: nothing to merge`);
  const expected = shardTrials(f.trials, s);
  const from = expected[0] ?? 0;
  const to = (expected[expected.length - 1] ?? -1) + 1;
  if (t.from !== from || t.to !== to) throw new MergeError(`${path}: labelled ${label(s)} (${range(from, to)}), but it holds ${range(t.from, t.to)}`);
  return { path, file: f as PartialFile };
}

/** Parts of one run share scenario, seed, trial count, shard count and drsim version. */
function sameRun(p: CheckedPart, first: CheckedPart): void {
  const a = p.file;
  const b = first.file;
  const differences = [
    a.seed !== b.seed ? `seed ${a.seed} vs ${b.seed}` : '',
    a.trials !== b.trials ? `${a.trials} trials vs ${b.trials}` : '',
    a.shard.count !== b.shard.count ? `${a.shard.count} shards vs ${b.shard.count}` : '',
  ].filter((d) => d !== '');
  if (differences.length === 0 && a.digest !== b.digest) differences.push('the scenario differs');
  if (differences.length > 0) throw new MergeError(`${p.path}: comes from another run than ${first.path} (${differences.join(', ')})`);
}
