/**
 * `drsim optimize`: picks a protection per group (tier or application) from the candidates the scenario's
 * strategies offer, minimizing annual outlays + expected penalties (HP Labs' "Designing for disasters"),
 * subject to each group's RPO and RTO targets (met in at least `required` of the VM-trials of a site
 * disaster) and optionally a budget on annual outlays. Groups share the WAN link and the DR hosts, so
 * plans are evaluated by simulation, all on the same trials (common random numbers):
 *
 * - exhaustive enumeration when the space has at most `maxExhaustive` plans;
 * - otherwise greedy coordinate descent from the best single strategy: evaluate every plan that changes
 *   one group (or the recovery plan), move to the best if it ranks better, repeat until none does. It
 *   finds a local optimum: a better plan that needs two groups to change at once can be missed.
 *
 * Ranking: within budget first, then fewer missed targets, then lower annual total. A group target that
 * none of the scenario's own strategies meets is reported as out of reach and not enforced.
 *
 * The best plans are then re-run on fresh trials (indices after the search's), loaded from the YAML that
 * is printed; the first that still meets every target it claimed is chosen, and if none does the result
 * says so rather than claiming it.
 */
import type { Scenario, Strategy } from '../models/scenario/model.js';
import { trialRange, type Evaluator } from './evaluator.js';
import { allChoices, buildPlanSpace, searched, choiceKey, describeChoice, neighbours, planStrategy, singleStrategyChoice, spaceSize, type Choice, type GroupBy, type PlanSpace } from './optimize-plan.js';
import { fragmentText, loadWithPlans, planYaml, samePlan, type PlanYaml } from './optimize-yaml.js';
import { quantileSorted } from '../sim/quantiles.js';
import type { StrategyResult } from '../models/results.js';
import type { Assignment, ScenarioDocument } from './scenario-overrides.js';
import { applySettings } from './sweep.js';
import type { TrialRecord } from './trial.js';

export interface OptimizeRequest {
  doc: ScenarioDocument;
  fixed: Assignment[];
  groupBy: GroupBy;
  /** Limit on annual outlays (capex amortized + opex, without penalties); null = none. */
  budget: number | null;
  /** Fraction of a group's VM-trials that must meet its RPO (and RTO) target. */
  required: number;
  trials: number;
  confirmTrials: number;
  seed?: number;
  maxExhaustive: number;
  file: string;
}

export interface GroupOutcome {
  rpoMet: number;
  rtoMet: number;
  rpoP95Seconds: number;
  rtoP95Seconds: number;
}

export interface PlanEvaluation {
  choice: Choice;
  annualTotal: number;
  outlays: number;
  penalties: number;
  groups: GroupOutcome[];
  result: StrategyResult;
}

export interface Constraint {
  group: number;
  which: 'rpo' | 'rto';
  /** Best fraction met by any of the scenario's strategies, and by which. */
  bestMet: number;
  bestBy: string;
  enforced: boolean;
}

export interface ConfirmedPlan {
  choice: Choice;
  description: string;
  search: PlanEvaluation;
  confirmed: PlanEvaluation;
  /** Targets (and the budget) the confirmation run missed; empty when it holds everything it claimed. */
  missed: string[];
  yaml: string;
}

export interface OptimizeResult {
  space: PlanSpace;
  method: 'exhaustive' | 'coordinate-descent';
  plansEvaluated: number;
  constraints: Constraint[];
  chosen: ConfirmedPlan;
  bestSingle: { name: string; search: PlanEvaluation; confirmed: PlanEvaluation; missed: string[] };
  trials: number;
  confirmTrials: [number, number];
  seed: number;
  currency: string;
  required: number;
}

/** Strategies per simulation run: bounds the memory of one batch's records. */
const BATCH = 32;
/** Plans re-run on fresh trials, best first. */
const CONFIRM = 3;

export async function optimize(req: OptimizeRequest, evaluator: Evaluator, log: (line: string) => void = () => {}): Promise<OptimizeResult> {
  // The seed is applied at every load (it reaches template jitter).
  const doc = req.doc.withSeed(req.seed);
  const base = doc.load(req.fixed).scenario;
  applySettings(base, { trials: req.trials, seed: req.seed });
  const space = buildPlanSpace(base, req.groupBy);
  const groupOf = new Int32Array(base.vms.length);
  space.groups.forEach((g, k) => { for (const v of g.vms) groupOf[v] = k; });
  const trials = trialRange(req.trials);
  const memo = new Map<string, PlanEvaluation>();

  const evaluateChoices = async (choices: Choice[]): Promise<PlanEvaluation[]> => {
    const todo = choices.filter((c, i) => !memo.has(choiceKey(c)) && choices.findIndex((d) => choiceKey(d) === choiceKey(c)) === i);
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      const evals = await evaluateStrategies(evaluator, base, batch.map((c, k) => planStrategy(base, space, c, `plan-${i + k}`)), trials, groupOf, space.groups.length, req.file);
      batch.forEach((c, k) => memo.set(choiceKey(c), { ...evals[k], choice: c }));
    }
    return choices.map((c) => memo.get(choiceKey(c))!);
  };

  const size = spaceSize(space);
  const singles = base.strategies.map((_, s) => singleStrategyChoice(space, base, s));
  log(`${space.groups.length} groups (${space.groups.map((g, k) => `${g.label}: ${searched(space.candidates[k]).length}`).join(', ')} candidates), ${space.recoveries.length} recovery plan(s): ${size} plans`);
  const singleEvals = await evaluateChoices(singles);
  const constraints = constraintsFrom(space, singleEvals, base, req.required);
  const rank = (e: PlanEvaluation) => rankKey(e, constraints, req);

  let method: OptimizeResult['method'];
  if (size <= req.maxExhaustive) {
    method = 'exhaustive';
    log(`evaluating all ${size} plans on ${req.trials} trials`);
    await evaluateChoices(allChoices(space));
  } else {
    method = 'coordinate-descent';
    let current = [...singleEvals].sort((a, b) => compare(rank(a), rank(b)))[0];
    for (let round = 1; round <= 4 * (space.groups.length + 1); round++) {
      const next = await evaluateChoices(neighbours(space, current.choice));
      const best = [...next].sort((a, b) => compare(rank(a), rank(b)))[0];
      log(`round ${round}: ${next.length} neighbours of "${describeChoice(space, current.choice)}"`);
      if (best === undefined || compare(rank(best), rank(current)) >= 0) break;
      current = best;
    }
  }

  const ranked = [...memo.values()].sort((a, b) => compare(rank(a), rank(b)) || choiceKey(a.choice).localeCompare(choiceKey(b.choice)));
  const clean = ranked.filter((e) => rank(e)[0] === 0 && rank(e)[1] === 0);
  const toConfirm = (clean.length > 0 ? clean : ranked).slice(0, CONFIRM);
  const bestSingleIndex = singles.map((c, s) => ({ s, e: memo.get(choiceKey(c))! })).sort((a, b) => compare(rank(a.e), rank(b.e)))[0].s;
  log(`confirming the best ${toConfirm.length} plan(s) and the best single strategy on ${req.confirmTrials} fresh trials`);
  const bestSingle = { index: bestSingleIndex, search: memo.get(choiceKey(singles[bestSingleIndex]))! };
  return confirm(req, evaluator, base, space, constraints, toConfirm, bestSingle, groupOf, { method, plansEvaluated: memo.size });
}

type Rank = [number, number, number];

function rankKey(e: PlanEvaluation, constraints: Constraint[], req: Pick<OptimizeRequest, 'budget' | 'required'>): Rank {
  const over = req.budget !== null && e.outlays > req.budget ? 1 : 0;
  return [over, missedTargets(e, constraints, req.required).length, e.annualTotal];
}

function compare(a: Rank, b: Rank): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function missedTargets(e: PlanEvaluation, constraints: Constraint[], required: number): Constraint[] {
  return constraints.filter((c) => c.enforced && (c.which === 'rpo' ? e.groups[c.group].rpoMet : e.groups[c.group].rtoMet) < required);
}

function constraintsFrom(space: PlanSpace, singles: PlanEvaluation[], scenario: Scenario, required: number): Constraint[] {
  return space.groups.flatMap((_, g) => (['rpo', 'rto'] as const).map((which) => {
    let bestMet = -1;
    let bestBy = '';
    singles.forEach((e, s) => {
      const met = which === 'rpo' ? e.groups[g].rpoMet : e.groups[g].rtoMet;
      if (met > bestMet) { bestMet = met; bestBy = scenario.strategies[s].name; }
    });
    return { group: g, which, bestMet, bestBy, enforced: bestMet >= required };
  }));
}

async function evaluateStrategies(evaluator: Evaluator, base: Scenario, strategies: Strategy[], trials: number[], groupOf: Int32Array, groups: number, file: string): Promise<Omit<PlanEvaluation, 'choice'>[]> {
  const scenario: Scenario = { ...base, strategies };
  const { results, records } = await evaluator.evaluate(scenario, trials, file);
  return results.strategies.map((result, p) => ({
    annualTotal: result.cost.annualTotal,
    outlays: result.cost.annualCapex + result.cost.annualOpex,
    penalties: result.cost.expectedAnnualPenalty,
    groups: groupOutcomes(scenario, records, p, groupOf, groups),
    result,
  }));
}

/** Per group, over the VM-trials of the site disaster: target-met fractions (not recovered = missed) and p95s. */
function groupOutcomes(scenario: Scenario, records: TrialRecord[], p: number, groupOf: Int32Array, groups: number): GroupOutcome[] {
  const rpo: number[][] = Array.from({ length: groups }, () => []);
  const rto: number[][] = Array.from({ length: groups }, () => []);
  const met = Array.from({ length: groups }, () => ({ rpo: 0, rto: 0, n: 0 }));
  for (const r of records) {
    const e = r.strategies[p].events.find((x) => x.kind === 'site-disaster');
    if (e === undefined) continue;
    for (let i = 0; i < e.vms.length; i++) {
      const v = e.vms[i];
      const g = groupOf[v];
      const recovered = e.outcome[i] === 0;
      const rpoS = recovered ? e.rpoSeconds[i] : Infinity;
      const rtoS = recovered ? e.rtoSeconds[i] : Infinity;
      rpo[g].push(rpoS);
      rto[g].push(rtoS);
      met[g].n++;
      if (rpoS <= scenario.vms[v].rpoSeconds) met[g].rpo++;
      if (rtoS <= scenario.vms[v].rtoSeconds) met[g].rto++;
    }
  }
  const p95 = (xs: number[]) => (xs.length === 0 ? NaN : quantileSorted(Float64Array.from(xs).sort(), 0.95));
  return met.map((m, g) => ({ rpoMet: m.n > 0 ? m.rpo / m.n : 0, rtoMet: m.n > 0 ? m.rto / m.n : 0, rpoP95Seconds: p95(rpo[g]), rtoP95Seconds: p95(rto[g]) }));
}

function uniqueName(scenario: Scenario, wanted: string): string {
  const names = new Set(scenario.strategies.map((s) => s.name));
  let name = wanted;
  for (let k = 2; names.has(name); k++) name = `${wanted}-${k}`;
  return name;
}

async function confirm(
  req: OptimizeRequest, evaluator: Evaluator, base: Scenario, space: PlanSpace, constraints: Constraint[],
  plans: PlanEvaluation[], bestSingle: { index: number; search: PlanEvaluation }, groupOf: Int32Array, info: { method: OptimizeResult['method']; plansEvaluated: number },
): Promise<OptimizeResult> {
  const data = req.doc.dataWith(req.fixed);
  const names = plans.map((_, k) => uniqueName(base, k === 0 ? 'optimized' : `optimized-${k + 1}`));
  const yamls: PlanYaml[] = plans.map((p, k) => planYaml(base, data, space, p.choice, names[k], false));
  let loaded = loadWithPlans(req.doc.withSeed(req.seed), req.fixed, yamls).scenario;
  // Narrowed selectors must select exactly the plan's VMs; where they do not, name the VMs.
  let redo = false;
  plans.forEach((p, k) => {
    const got = loaded.strategies.find((s) => s.name === names[k])!;
    if (!samePlan(got, planStrategy(base, space, p.choice, names[k]))) { yamls[k] = planYaml(base, data, space, p.choice, names[k], true); redo = true; }
  });
  if (redo) loaded = loadWithPlans(req.doc.withSeed(req.seed), req.fixed, yamls).scenario;
  plans.forEach((p, k) => {
    if (!samePlan(loaded.strategies.find((s) => s.name === names[k])!, planStrategy(base, space, p.choice, names[k]))) {
      throw new Error(`the YAML written for plan "${describeChoice(space, p.choice)}" does not load back to the same plan`);
    }
  });
  applySettings(loaded, { trials: req.trials, seed: req.seed });
  const strategies = [...names.map((n) => loaded.strategies.find((s) => s.name === n)!), loaded.strategies[bestSingle.index]];
  const fresh = trialRange(req.confirmTrials, req.trials);
  const evals = await evaluateStrategies(evaluator, loaded, strategies, fresh, groupOf, space.groups.length, req.file);
  const missed = (e: Omit<PlanEvaluation, 'choice'>) => [
    ...missedTargets(e as PlanEvaluation, constraints, req.required).map((c) => `${space.groups[c.group].label} ${c.which.toUpperCase()}`),
    ...(req.budget !== null && e.outlays > req.budget ? ['budget'] : []),
  ];
  const confirmed = plans.map((p, k) => ({ choice: p.choice, description: describeChoice(space, p.choice), search: p, confirmed: { ...evals[k], choice: p.choice }, missed: missed(evals[k]), yaml: fragmentText(yamls[k]) }));
  // The first plan (in search order) that still holds what it claimed; it claimed only what it met in the search.
  const claims = (c: (typeof confirmed)[number]) => missed(c.search).length === 0 ? c.missed.length === 0 : c.missed.every((m) => missed(c.search).includes(m));
  const chosen = confirmed.find(claims) ?? confirmed[0];
  const singleEval = evals[evals.length - 1];
  return {
    space,
    method: info.method,
    plansEvaluated: info.plansEvaluated,
    constraints,
    chosen,
    bestSingle: { name: base.strategies[bestSingle.index].name, search: bestSingle.search, confirmed: { ...singleEval, choice: bestSingle.search.choice }, missed: missed(singleEval) },
    trials: req.trials,
    confirmTrials: [fresh[0], fresh[fresh.length - 1]],
    seed: base.simulation.seed,
    currency: base.costs.currency,
    required: req.required,
  };
}
