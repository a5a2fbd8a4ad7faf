/**
 * `drsim size`: for each strategy, the smallest (or largest) value of one scenario path — WAN bandwidth,
 * DR host count, a snapshot interval — that meets every target, by bisection over simulations. Every probe
 * uses the same seed and trial indices (common random numbers), so two probes differ only by the value.
 * The answer comes with its margin (each metric at the answer and at the failing neighbour) and the
 * confidence of meeting each target: the fraction of trials in which it holds on that trial alone, and the
 * 95% confidence interval for mean-based metrics.
 */
import { purchasableBandwidths } from '../models/cost/link-price.js';
import { formatBitsPerSecond } from '../models/units/format.js';
import type { Scenario } from '../models/scenario/model.js';
import { aggregate } from './aggregate.js';
import { trialRange, type Evaluator } from './evaluator.js';
import { formatInScale, parseInScale, parseQuantityValue, roundInScale, type QuantityScale } from './quantity.js';
import type { StrategyResult } from '../models/results.js';
import { OverrideError, type Assignment, type ScenarioDocument } from './scenario-overrides.js';
import { studentTQuantile } from '../sim/student-t.js';
import { bisect, type SearchProbe, type SearchSpec } from './size-search.js';
import { applySettings } from './sweep.js';
import { holds, relativeMargin, type Target } from './targets.js';
import type { TrialRecord } from './trial.js';
import { minOf } from '../sim/array-extremes.js';

export interface SizeRequest {
  doc: ScenarioDocument;
  /** The path searched (--vary). */
  path: string;
  targets: Target[];
  min?: string;
  max?: string;
  /** Strategies to size (names); all when empty. */
  strategies: string[];
  /** Fixed overrides applied at every probe (--set with one value each). */
  fixed: Assignment[];
  trials: number;
  seed?: number;
  /** Relative resolution for continuous quantities (0.02 = 2%). */
  tolerance: number;
  file: string;
}

export interface ProbeDetail {
  text: string;
  /** Each target's metric at this value. */
  metrics: number[];
  sustainable: boolean;
  result: StrategyResult;
  records: TrialRecord[];
  scenario: Scenario;
}

export interface TargetConfidence {
  target: string;
  /** Trials in which the target holds on that trial alone. */
  trialsHolding: number;
  trials: number;
  /** 95% CI of the metric's mean (mean-based metrics only). */
  ci: [number, number] | null;
}

export interface StrategySizing {
  strategy: string;
  outcome: 'found' | 'met-everywhere' | 'not-achievable';
  direction: 'smallest' | 'largest' | null;
  answer: ProbeDetail | null;
  /** The failing neighbour of the answer (one step below for "smallest"). */
  beyond: ProbeDetail | null;
  /** Ends of the searched range with their metrics (for "not achievable"). */
  ends: [ProbeDetail, ProbeDetail];
  confidence: TargetConfidence[];
  /**
   * The uncertainty of the answer itself: every probed value at or beyond `high` meets the targets with 95%
   * confidence, every one at or before `low` confidently misses one; between them the trials do not settle
   * it. null when the answer is not a boundary (met everywhere, not achievable).
   */
  answerInterval: { low: string; high: string } | null;
  /** The bisection's probes in the order taken (the ends first): value in internal units, each target's metric, pass or fail. */
  trace: { text: string; value: number; metrics: number[]; feasible: boolean; sustainable: boolean }[];
  /** The answer re-run on fresh trials (other indices, same seed): do the targets still hold? */
  confirmation: { trials: [number, number]; metrics: number[]; holds: boolean[] } | null;
  probes: number;
}

export interface SizingResult {
  path: string;
  scale: QuantityScale;
  range: [string, string];
  trials: number;
  seed: number;
  strategies: StrategySizing[];
  /** The search ran over the sizes a link can be bought in (its price table). */
  purchasable: boolean;
}

/**
 * The purchasable bandwidths within [min, max] when the path is the bandwidth of a link priced by sizes, in
 * the search's internal unit (a data rate: bytes/s).
 */
function purchasableSizes(req: SizeRequest, base: Scenario, min: number, max: number): number[] | null {
  const keys = req.doc.resolve(req.path).keys;
  if (keys.length !== 3 || keys[0] !== 'links' || typeof keys[1] !== 'number' || keys[2] !== 'bandwidth') return null;
  const all = purchasableBandwidths(base.links[keys[1]])?.map((bitsPerSecond) => bitsPerSecond / 8);
  if (all === undefined) return null;
  const within = all.filter((b) => b >= min * (1 - 1e-9) && b <= max * (1 + 1e-9));
  if (within.length === 0) throw new OverrideError(`--vary ${req.path}: link "${base.links[keys[1]].name}" is bought in ${all.map((b) => formatBitsPerSecond(8 * b)).join(', ')}: none is between --min and --max`);
  return within;
}

/** The searched quantity's unit and range, from its value in the file and --min/--max. */
export function searchRange(req: SizeRequest): { scale: QuantityScale; min: number; max: number } {
  const current = req.doc.valueAt(req.path);
  const parsed = parseQuantityValue(current) ?? (req.min !== undefined ? parseQuantityValue(req.min) : null);
  if (parsed === null) {
    throw new OverrideError(`--vary ${req.path}: its value ${JSON.stringify(current ?? null)} is not a number or a quantity with units; size a count, a bandwidth, an interval, ...`);
  }
  const scale: QuantityScale = { kind: parsed.kind, unit: parsed.unit, perUnit: parsed.perUnit };
  const v = parsed.value;
  const defaults: [number, number] = scale.kind === 'count' ? [1, Math.max(8, 4 * v)] : scale.kind === 'fraction' ? [0, 1] : [v / 10, v * 10];
  const min = req.min !== undefined ? parseInScale(req.min, scale, '--min') : defaults[0];
  const max = req.max !== undefined ? parseInScale(req.max, scale, '--max') : defaults[1];
  if (!(min < max)) throw new OverrideError(`--min must be below --max (got ${formatInScale(min, scale)} and ${formatInScale(max, scale)})`);
  if (scale.kind === 'count' && (!Number.isInteger(min) || !Number.isInteger(max))) throw new OverrideError(`--vary ${req.path} is a count: --min and --max must be whole numbers`);
  return { scale, min, max };
}

/** Which strategies a sizing covers: the named ones, the one the path belongs to, or all. */
export function strategiesToSize(req: SizeRequest, scenario: Scenario): string[] {
  const names = scenario.strategies.map((s) => s.name);
  for (const n of req.strategies) {
    if (!names.includes(n)) throw new OverrideError(`--strategy "${n}": no such strategy (strategies: ${names.join(', ')})`);
  }
  if (req.strategies.length > 0) return req.strategies;
  const keys = req.doc.resolve(req.path).keys;
  if (keys[0] === 'strategies' && typeof keys[1] === 'number') return [names[keys[1]]];
  return names;
}

export async function size(req: SizeRequest, evaluator: Evaluator, onProbe?: (strategy: string, value: string) => void): Promise<SizingResult> {
  const { scale, min, max } = searchRange(req);
  // The seed is applied at every load (it reaches template jitter).
  const doc = req.doc.withSeed(req.seed);
  const base = doc.load(req.fixed).scenario;
  const names = strategiesToSize(req, base);
  const trials = trialRange(req.trials);
  // A link bought in sizes is sized in those sizes: the search runs over their indices.
  const sizes = purchasableSizes(req, base, min, max);
  const toValue = (x: number) => (sizes === null ? x : sizes[x]);
  const round = (x: number) => (sizes === null ? roundInScale(x, scale, 4) : Math.round(x));
  const spec: SearchSpec = sizes !== null
    ? { min: 0, max: sizes.length - 1, scale: 'integer', tolerance: 0, round }
    : { min, max, scale: scale.kind === 'count' ? 'integer' : scale.kind === 'fraction' ? 'linear' : 'geometric', tolerance: scale.kind === 'fraction' ? 0.005 : req.tolerance, round };
  const label = (x: number) => formatInScale(toValue(x), scale);

  /** Simulates the strategies at one value in one run: they share the trials' failures. */
  const evaluate = async (position: number, strategies: string[]): Promise<Map<string, SearchProbe<ProbeDetail>>> => {
    const value = position;
    const text = label(position);
    onProbe?.(strategies.length === 1 ? strategies[0] : 'all', text);
    const { scenario } = doc.load([...req.fixed, { path: req.path, value: text }]);
    applySettings(scenario, { trials: req.trials, seed: req.seed });
    scenario.strategies = scenario.strategies.filter((s) => strategies.includes(s.name));
    const { results, records } = await evaluator.evaluate(scenario, trials, req.file);
    const out = new Map<string, SearchProbe<ProbeDetail>>();
    results.strategies.forEach((result, s) => {
      const metrics = req.targets.map((t) => t.metric.value(result));
      const detail: ProbeDetail = { text, metrics, sustainable: result.summary.sustainable.sustainable, result, records: records.map((r) => ({ trial: r.trial, strategies: [r.strategies[s]] })), scenario: { ...scenario, strategies: [scenario.strategies[s]] } };
      out.set(result.name, {
        value,
        feasible: req.targets.every((t, k) => holds(t, metrics[k])),
        slack: minOf(req.targets.map((t, k) => relativeMargin(t, metrics[k]))),
        detail,
      });
    });
    return out;
  };

  // Both ends for every strategy at once, then one bisection per strategy.
  const [lowAll, highAll] = [await evaluate(spec.min, names), await evaluate(spec.max, names)];
  const sized: StrategySizing[] = [];
  for (const name of names) {
    const ends: [SearchProbe<ProbeDetail>, SearchProbe<ProbeDetail>] = [lowAll.get(name)!, highAll.get(name)!];
    const probeOne = async (v: number) => (await evaluate(v, [name])).get(name)!;
    const outcome = await bisect(spec, probeOne, ends);
    const answer = outcome.kind === 'not-achievable' ? null : outcome.answer.detail;
    const interval = outcome.kind === 'found'
      ? await answerInterval(req, spec, label, outcome.direction, [...outcome.probes], probeOne)
      : null;
    let confirmation: StrategySizing['confirmation'] = null;
    if (answer !== null) {
      // Fresh trials: the next req.trials indices, so none of the search's trials is reused.
      const fresh = trialRange(req.trials, req.trials);
      const { scenario } = req.doc.load([...req.fixed, { path: req.path, value: answer.text }]);
      applySettings(scenario, { trials: req.trials, seed: req.seed });
      scenario.strategies = scenario.strategies.filter((s) => s.name === name);
      const { results } = await evaluator.evaluate(scenario, fresh, req.file);
      const metrics = req.targets.map((t) => t.metric.value(results.strategies[0]));
      confirmation = { trials: [fresh[0], fresh[fresh.length - 1]], metrics, holds: req.targets.map((t, k) => holds(t, metrics[k])) };
    }
    sized.push({
      strategy: name,
      outcome: outcome.kind,
      direction: outcome.kind === 'not-achievable' ? null : outcome.direction,
      answer,
      beyond: outcome.kind === 'found' ? outcome.beyond.detail : null,
      ends: [ends[0].detail, ends[1].detail],
      confidence: answer === null ? [] : confidence(req.targets, answer, req.file),
      answerInterval: interval,
      confirmation,
      probes: outcome.probes.length,
      trace: outcome.probes.map((p) => ({ text: p.detail.text, value: toValue(p.value), metrics: p.detail.metrics, feasible: p.feasible, sustainable: p.detail.sustainable })),
    });
  }
  const seed = req.seed ?? base.simulation.seed;
  return { path: req.path, scale, range: [label(spec.min), label(spec.max)], trials: req.trials, seed, strategies: sized, purchasable: sizes !== null };
}

/** Per target: in how many trials it holds on that trial alone, and the CI of a mean. */
export function confidence(targets: Target[], at: ProbeDetail, file: string): TargetConfidence[] {
  const perTrial = at.records.map((r) => aggregate(at.scenario, [r], { scenarioFile: file, version: '' }).strategies[0]);
  return targets.map((t) => ({
    target: t.text,
    trialsHolding: perTrial.filter((s) => holds(t, t.metric.value(s))).length,
    trials: perTrial.length,
    ci: t.metric.ci ? t.metric.ci(at.result) : null,
  }));
}

type Verdict = 'pass' | 'fail' | 'unsure';

/**
 * A probe judged with 95% confidence: each target's metric over the trials taken one at a time (a t-interval
 * of the per-trial values; the mean's own interval for mean metrics), against the target.
 */
function judge(targets: Target[], p: SearchProbe<ProbeDetail>, file: string): Verdict {
  // Each trial aggregated alone only when a target needs it (a mean metric carries its own interval).
  let perTrial: StrategyResult[] | null = null;
  const trials = () => (perTrial ??= p.detail.records.map((r) => aggregate(p.detail.scenario, [r], { scenarioFile: file, version: '' }).strategies[0]));
  let all = true;
  for (const t of targets) {
    const [lo, hi] = t.metric.ci ? t.metric.ci(p.detail.result) : meanInterval(trials().map((s) => t.metric.value(s)), t.metric.value(p.detail.result));
    const good = holds(t, lo) && holds(t, hi);
    const bad = !holds(t, lo) && !holds(t, hi);
    if (bad) return 'fail';
    if (!good) all = false;
  }
  return all ? 'pass' : 'unsure';
}

/** The statistic ± a t-interval of the per-trial values (+∞ values: an unbounded side). */
function meanInterval(values: number[], statistic: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length < values.length) return [statistic, Infinity];
  const n = finite.length;
  if (n < 2) return [statistic, statistic];
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return [statistic - half, statistic + half];
}

/** Extra probes on each side of the answer until one confidently passes and one confidently fails (at most 3 a side). */
async function answerInterval(
  req: SizeRequest, spec: SearchSpec, label: (x: number) => string, direction: 'smallest' | 'largest', probes: SearchProbe<ProbeDetail>[],
  probe: (v: number) => Promise<SearchProbe<ProbeDetail>>,
): Promise<{ low: string; high: string }> {
  const judged = new Map<number, Verdict>();
  const verdictOf = (p: SearchProbe<ProbeDetail>) => {
    let v = judged.get(p.value);
    if (v === undefined) judged.set(p.value, (v = judge(req.targets, p, req.file)));
    return v;
  };
  // "Up" is the direction in which the targets get easier to meet.
  const up = direction === 'smallest' ? 1 : -1;
  const sorted = () => [...probes].sort((a, b) => up * (a.value - b.value));
  const step = (v: number, k: number): number => {
    if (spec.scale === 'integer') return v + up * k;
    if (spec.scale === 'linear') return v + up * k * 0.02;
    return v * (1 + spec.tolerance * 4) ** (up * k);
  };
  const inRange = (v: number) => v >= spec.min && v <= spec.max;
  const answer = sorted().find((p) => p.feasible)!;
  for (let k = 1; k <= 3 && !sorted().some((p) => up * (p.value - answer.value) >= 0 && verdictOf(p) === 'pass'); k++) {
    const v = spec.round(step(answer.value, k));
    if (!inRange(v) || probes.some((p) => p.value === v)) break;
    probes.push(await probe(v));
  }
  const failing = sorted().filter((p) => !p.feasible);
  const lastFail = failing[failing.length - 1];
  for (let k = 1; k <= 3 && lastFail !== undefined && !sorted().some((p) => up * (p.value - lastFail.value) <= 0 && verdictOf(p) === 'fail'); k++) {
    const v = spec.round(step(lastFail.value, -k));
    if (!inRange(v) || probes.some((p) => p.value === v)) break;
    probes.push(await probe(v));
  }
  const ordered = sorted();
  const high = ordered.find((p) => up * (p.value - answer.value) >= 0 && verdictOf(p) === 'pass') ?? ordered[ordered.length - 1];
  const confidentFails = ordered.filter((p) => verdictOf(p) === 'fail' && up * (p.value - answer.value) < 0);
  const low = confidentFails[confidentFails.length - 1] ?? ordered[0];
  const [a, b] = direction === 'smallest' ? [low.value, high.value] : [high.value, low.value];
  return { low: label(a), high: label(b) };
}
