/**
 * `drsim size`: for each strategy, the smallest (or largest) value of one scenario path — WAN bandwidth,
 * DR host count, a snapshot interval — that meets every target, by bisection over simulations. Every probe
 * uses the same seed and trial indices (common random numbers), so two probes differ only by the value.
 * The answer comes with its margin (each metric at the answer and at the failing neighbour) and the
 * confidence of meeting each target: the fraction of trials in which it holds on that trial alone, and the
 * 95% confidence interval for mean-based metrics.
 */
import type { Scenario } from '../models/scenario/model.js';
import { aggregate } from './aggregate.js';
import { trialRange, type Evaluator } from './evaluator.js';
import { formatInScale, parseInScale, parseQuantityValue, roundInScale, type QuantityScale } from './quantity.js';
import type { StrategyResult } from '../models/results.js';
import { OverrideError, type Assignment, type ScenarioDocument } from './scenario-overrides.js';
import { bisect, type SearchProbe, type SearchSpec } from './size-search.js';
import { applySettings } from './sweep.js';
import { holds, relativeMargin, type Target } from './targets.js';
import type { TrialRecord } from './trial.js';

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
  probes: number;
}

export interface SizingResult {
  path: string;
  scale: QuantityScale;
  range: [string, string];
  trials: number;
  seed: number;
  strategies: StrategySizing[];
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
  const round = (x: number) => roundInScale(x, scale, 4);
  const spec: SearchSpec = { min, max, scale: scale.kind === 'count' ? 'integer' : scale.kind === 'fraction' ? 'linear' : 'geometric', tolerance: scale.kind === 'fraction' ? 0.005 : req.tolerance, round };

  /** Simulates the strategies at one value in one run: they share the trials' failures. */
  const evaluate = async (value: number, strategies: string[]): Promise<Map<string, SearchProbe<ProbeDetail>>> => {
    const text = formatInScale(value, scale);
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
        slack: Math.min(...req.targets.map((t, k) => relativeMargin(t, metrics[k]))),
        detail,
      });
    });
    return out;
  };

  // Both ends for every strategy at once, then one bisection per strategy.
  const [lowAll, highAll] = [await evaluate(min, names), await evaluate(max, names)];
  const sized: StrategySizing[] = [];
  for (const name of names) {
    const ends: [SearchProbe<ProbeDetail>, SearchProbe<ProbeDetail>] = [lowAll.get(name)!, highAll.get(name)!];
    const outcome = await bisect(spec, async (v) => (await evaluate(v, [name])).get(name)!, ends);
    const answer = outcome.kind === 'not-achievable' ? null : outcome.answer.detail;
    sized.push({
      strategy: name,
      outcome: outcome.kind,
      direction: outcome.kind === 'not-achievable' ? null : outcome.direction,
      answer,
      beyond: outcome.kind === 'found' ? outcome.beyond.detail : null,
      ends: [ends[0].detail, ends[1].detail],
      confidence: answer === null ? [] : confidence(req.targets, answer, req.file),
      probes: outcome.probes.length,
    });
  }
  const seed = req.seed ?? base.simulation.seed;
  return { path: req.path, scale, range: [formatInScale(min, scale), formatInScale(max, scale)], trials: req.trials, seed, strategies: sized };
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
