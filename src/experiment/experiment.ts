/**
 * The main job: run a scenario's trials, aggregate them into results.json, and attach the representative
 * recovery timeline of each strategy. Shards (one slice of the trials) and their merge: partials.ts.
 */
import type { RecoveryOutcome } from '../models/failures/events.js';
import type { Scenario } from '../models/scenario/model.js';
import { aggregate, ResultsAccumulator } from './aggregate.js';
import { InOrderFeed } from './in-order-feed.js';
import type { RecoveryTimeline, ResultsFile } from '../models/results.js';
import type { RepresentativeRequest } from './evaluator.js';
import { withEvaluator, type TrialRunOptions } from './runner.js';
import { trialRange } from './evaluator.js';
import { planTrials, runTimeline, type TrialRecord } from './trial.js';
import { pushAll } from '../sim/array-extremes.js';

export interface Shard {
  index: number;
  count: number;
}

/** The bounds [start, end) of shard i of n: contiguous slices, so shards concatenate in trial order. */
export function shardBounds(trials: number, shard: Shard | null): { start: number; end: number } {
  if (shard === null) return { start: 0, end: trials };
  return { start: Math.floor((trials * shard.index) / shard.count), end: Math.floor((trials * (shard.index + 1)) / shard.count) };
}

/** Trial indices of shard i of n (only the shard's: a 1/1000 slice of 10⁹ trials allocates its own). */
export function shardTrials(trials: number, shard: Shard | null): number[] {
  const { start, end } = shardBounds(trials, shard);
  return Array.from({ length: end - start }, (_, i) => start + i);
}

/**
 * Sequential stopping (`drsim run --precision`): after the scenario's trials, more trials are added while a
 * verdict is undecided, until every one is settled or `maxTrials` is reached. Each round adds at least half
 * the trials so far (and as many as the undecided checks estimate they need), so the rounds are few; trial
 * indices continue, so the result is deterministic for a seed and equals a plain run of that many trials.
 */
export interface SequentialOptions {
  maxTrials: number;
  /** Told when a round starts: the trials so far and the total after the round. */
  onRound?: (done: number, total: number) => void;
}

export async function runExperiment(scenario: Scenario, scenarioFile: string, version: string, options: TrialRunOptions & { sequential?: SequentialOptions }): Promise<ResultsFile> {
  let trials = shardTrials(scenario.simulation.trials, null);
  return withEvaluator(options, async (evaluator) => {
    const seq = options.sequential;
    if (seq === undefined) {
      // Records are aggregated as they come, while the workers run the next trials, and not kept: of a trial
      // only its aggregate contributions and its score for the representative timeline stay.
      const accumulator = new ResultsAccumulator(scenario, trials.length);
      const feed = new InOrderFeed((record) => accumulator.add(record));
      const scores: RepresentativeScore[][] = scenario.strategies.map(() => []);
      await evaluator.stream(scenario, trials, (done) => options.onProgress?.(done, trials.length), (position, chunk) => {
        // Scores in any order (they are sorted); the aggregation takes the records in trial order.
        for (const record of chunk) {
          scenario.strategies.forEach((_, s) => {
            const p95 = representativeScore(record, s);
            if (p95 !== null) scores[s].push({ trial: record.trial, p95 });
          });
        }
        feed.put(position, chunk);
      });
      // The timelines re-run on the pool's warm workers while this thread finishes the aggregation.
      const requests = scores.map((scored, s) => {
        const trial = pickRepresentative(scored);
        return trial === null ? null : { trial, request: { strategy: s, kind: 'site-disaster' as const } };
      });
      const outcomes = evaluator.timelines(scenario, requests);
      await feed.drained();
      const results = accumulator.finish({ scenarioFile, version });
      return withTimelines(scenario, results, requests, await outcomes);
    }
    const records = await evaluator.run(scenario, trials, (done) => options.onProgress?.(done, trials.length));
    let results = aggregate(scenario, records, { scenarioFile, version });
    while (records.length < seq.maxTrials && results.strategies.some((s) => s.verdict.status === 'undecided')) {
      const n = records.length;
      const wanted = results.strategies.flatMap((s) => s.verdict.checks.filter((c) => c.status === 'undecided').map((c) => c.moreTrials ?? n));
      const add = Math.min(seq.maxTrials - n, Math.max(Math.ceil(n / 2), wanted.reduce((m, x) => Math.max(m, x), 0)));
      seq.onRound?.(n, n + add);
      trials = trialRange(add, n);
      pushAll(records, await evaluator.run(scenario, trials, (done) => options.onProgress?.(n + done, n + add)));
      results = aggregate(scenario, records, { scenarioFile, version });
    }
    results = { ...results, scenario: { ...results.scenario, assumptions: [...results.scenario.assumptions, sequentialNote(results, seq.maxTrials)] } };
    const requests = representativeRequests(scenario, records);
    return withTimelines(scenario, results, requests, await evaluator.timelines(scenario, requests));
  });
}

function sequentialNote(results: ResultsFile, maxTrials: number): string {
  const open = results.strategies.filter((s) => s.verdict.status === 'undecided').map((s) => s.name);
  return `Trials were added until every verdict was settled (--precision): ${results.trials} trials` +
    (open.length > 0 ? `; the cap of ${maxTrials} was reached with ${open.join(', ')} still undecided.` : '.');
}

/** Aggregates records into the results file, re-running the representative timelines in process. */
export function finish(scenario: Scenario, scenarioFile: string, version: string, records: TrialRecord[]): ResultsFile {
  const results = aggregate(scenario, records, { scenarioFile, version });
  const plan = planTrials(scenario);
  const requests = representativeRequests(scenario, records);
  return withTimelines(scenario, results, requests, requests.map((r) => (r === null ? null : runTimeline(plan, r.trial, r.request))));
}

/** Per strategy: its representative trial's site disaster (null when no trial has one). */
function representativeRequests(scenario: Scenario, records: TrialRecord[]): (RepresentativeRequest | null)[] {
  return scenario.strategies.map((_, s) => {
    const trial = representativeTrial(records, s);
    return trial === null ? null : { trial, request: { strategy: s, kind: 'site-disaster' } };
  });
}

function withTimelines(scenario: Scenario, results: ResultsFile, requests: (RepresentativeRequest | null)[], outcomes: (RecoveryOutcome | null)[]): ResultsFile {
  const timelines = outcomes.map((o, s) => (o === null ? null : toTimeline(scenario, o, requests[s]!.trial)));
  return { ...results, strategies: results.strategies.map((st, s) => ({ ...st, timeline: timelines[s] })) };
}

/** The trial whose site-disaster RTO p95 is the median over trials (ties: the lowest trial index). */
export function representativeTrial(records: TrialRecord[], s: number): number | null {
  const scored: RepresentativeScore[] = [];
  for (const r of records) {
    const p95 = representativeScore(r, s);
    if (p95 !== null) scored.push({ trial: r.trial, p95 });
  }
  return pickRepresentative(scored);
}

interface RepresentativeScore {
  trial: number;
  p95: number;
}

/** A trial's site-disaster RTO p95 for strategy s (null: no site disaster in it). */
function representativeScore(r: TrialRecord, s: number): number | null {
  const e = r.strategies[s]?.events.find((x) => x.kind === 'site-disaster');
  if (e === undefined) return null;
  // A VM not recovered is later than any recovered one (+∞), not left out.
  const rto = Float64Array.from(e.rtoSeconds, (x) => (Number.isNaN(x) ? Infinity : x)).sort();
  return rto.length > 0 ? rto[Math.min(rto.length - 1, Math.floor(0.95 * (rto.length - 1)))] : Infinity;
}

/** The median score's trial (ties: the lowest trial index); null if none. */
function pickRepresentative(scored: RepresentativeScore[]): number | null {
  if (scored.length === 0) return null;
  scored.sort((a, b) => a.p95 - b.p95 || a.trial - b.trial);
  return scored[Math.floor((scored.length - 1) / 2)].trial;
}

function toTimeline(scenario: Scenario, outcome: RecoveryOutcome, trial: number): RecoveryTimeline {
  return {
    kind: outcome.event.kind,
    trial,
    vms: outcome.vms.map((v) => ({
      name: scenario.vms[v.vm].name,
      tier: scenario.vms[v.vm].tier,
      priority: scenario.vms[v.vm].priority,
      host: v.host === null ? null : scenario.hosts[v.host].name,
      outcome: v.outcome,
      steps: v.steps.map((s) => ({ step: s.step, startSeconds: round3(s.startSeconds), endSeconds: round3(s.endSeconds) })),
    })),
    hostUtilization: outcome.hostUtilization.map((h) => ({
      host: scenario.hosts[h.host].name,
      model: scenario.hostModels[scenario.hosts[h.host].model].name,
      timeSeconds: h.timeSeconds.map(round3),
      cpuFraction: h.cpuFraction.map(round3),
      ramFraction: h.ramFraction.map(round3),
    })),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
