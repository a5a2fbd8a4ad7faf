/**
 * `drsim optimize` results for people (the console) and for scripts (JSON): the chosen plan and the best
 * single strategy, both confirmed on fresh trials, what each costs and which targets each meets.
 */
import type { ConfirmedPlan, OptimizeResult, PlanEvaluation } from '../../experiment/optimize.js';
import { spaceSize } from '../../experiment/optimize-plan.js';
import { formatDuration, formatMoney, formatPercent } from '../../models/units/format.js';
import { maxOf, pushAll } from '../../sim/array-extremes.js';

function evalJson(e: PlanEvaluation, r: OptimizeResult) {
  return {
    annualTotal: e.annualTotal, outlays: e.outlays, expectedPenalties: e.penalties,
    groups: r.space.groups.map((g, k) => ({ group: g.label, method: r.space.candidates[k][e.choice[k]].from[0], ...e.groups[k] })),
  };
}

/** The result as JSON (`drsim optimize --json`). */
export function optimizeJson(r: OptimizeResult): unknown {
  return {
    method: r.method, plansEvaluated: r.plansEvaluated, plans: spaceSize(r.space),
    trials: r.trials, confirmTrials: r.confirmTrials, seed: r.seed, currency: r.currency,
    constraints: r.constraints.map((c) => ({ group: r.space.groups[c.group].label, target: c.which, enforced: c.enforced, bestSingleMet: c.bestMet, bestSingle: c.bestBy })),
    chosen: { description: r.chosen.description, missed: r.chosen.missed, search: evalJson(r.chosen.search, r), confirmed: evalJson(r.chosen.confirmed, r), yaml: r.chosen.yaml },
    bestSingle: { strategy: r.bestSingle.name, missed: r.bestSingle.missed, search: evalJson(r.bestSingle.search, r), confirmed: evalJson(r.bestSingle.confirmed, r) },
  };
}

const pct = formatPercent;

export function formatOptimize(r: OptimizeResult, budget: number | null, required: number, seconds: number): string {
  const money = (x: number) => formatMoney(x, r.currency);
  const plans = spaceSize(r.space);
  const lines = [
    `Optimizing protection per ${r.space.groups[0]?.tier !== null ? 'tier' : 'application'}: ${plans} plans, ${r.method === 'exhaustive' ? 'all evaluated' : `greedy coordinate descent (${r.plansEvaluated} evaluated)`}, ${r.trials} trials each (seed ${r.seed}); ${seconds.toFixed(1)} s`,
    `Objective: annual outlays + expected penalties${budget !== null ? `, outlays within ${money(budget)}/year` : ''}; each group's RPO and RTO targets met in ≥ ${pct(required)} of its VM-trials (site disaster).`,
  ];
  const out = r.constraints.filter((c) => !c.enforced);
  if (out.length > 0) {
    lines.push(`Out of reach for every strategy in the scenario (not enforced): ${out.map((c) => `${r.space.groups[c.group].label} ${c.which.toUpperCase()} (best ${pct(c.bestMet)}, ${c.bestBy})`).join('; ')}.`);
  }
  lines.push('', `Chosen plan — confirmed on fresh trials ${r.confirmTrials[0]}–${r.confirmTrials[1]}:`);
  pushAll(lines, planTable(r, r.chosen.confirmed, required));
  lines.push(`  annual total ${money(r.chosen.confirmed.annualTotal)} = outlays ${money(r.chosen.confirmed.outlays)} + expected penalties ${money(r.chosen.confirmed.penalties)}   (search trials: ${money(r.chosen.search.annualTotal)})`);
  lines.push(verdict(r.chosen, r));
  lines.push('', `Best single strategy: ${r.bestSingle.name} — on the same fresh trials:`);
  pushAll(lines, planTable(r, r.bestSingle.confirmed, required));
  lines.push(`  annual total ${money(r.bestSingle.confirmed.annualTotal)} = outlays ${money(r.bestSingle.confirmed.outlays)} + expected penalties ${money(r.bestSingle.confirmed.penalties)}${r.bestSingle.missed.length > 0 ? `; misses ${r.bestSingle.missed.join(', ')}` : ''}`);
  const saving = r.bestSingle.confirmed.annualTotal - r.chosen.confirmed.annualTotal;
  lines.push(`  the chosen plan ${saving >= 0 ? 'saves' : 'costs'} ${money(Math.abs(saving))} per year (${pct(Math.abs(saving) / Math.max(1, r.bestSingle.confirmed.annualTotal))}) against it`);
  lines.push('', 'Paste under `strategies:` in the scenario:', '', r.chosen.yaml.trimEnd());
  return lines.join('\n');
}

/** The plan per group: method, share of VM-trials meeting each target (✓ met, ✗ missed, – not enforced), p95s. */
export const PLAN_HEADER = ['group', 'methods from', 'RPO met', 'RTO met', 'RPO p95', 'RTO p95'];

export function planRows(r: OptimizeResult, e: PlanEvaluation, required: number): string[][] {
  return r.space.groups.map((g, k) => {
    const o = e.groups[k];
    const enforced = (which: 'rpo' | 'rto') => r.constraints.find((c) => c.group === k && c.which === which)!.enforced;
    const mark = (met: number, which: 'rpo' | 'rto') => `${pct(met)} ${met >= required ? '✓' : enforced(which) ? '✗' : '–'}`;
    return [g.label, r.space.candidates[k][e.choice[k]].from.join(' = '), mark(o.rpoMet, 'rpo'), mark(o.rtoMet, 'rto'), formatDuration(o.rpoP95Seconds), formatDuration(o.rtoP95Seconds)];
  });
}

/** Which strategies the plan's recovery section (runbook, DR hosts) comes from. */
export function recoveryFrom(r: OptimizeResult, e: PlanEvaluation): string {
  return r.space.recoveries[e.choice[e.choice.length - 1]].from.join(' = ');
}

function planTable(r: OptimizeResult, e: PlanEvaluation, required: number): string[] {
  const rows = planRows(r, e, required);
  const header = PLAN_HEADER;
  const widths = header.map((h, c) => Math.max(h.length, maxOf(rows.map((row) => row[c].length))));
  const fmt = (cells: string[]) => '  ' + cells.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [fmt(header), ...rows.map(fmt), `  recovery plan from ${recoveryFrom(r, e)}`];
}

function verdict(c: ConfirmedPlan, r: OptimizeResult): string {
  return `  ${c.missed.length === 0 ? '✓' : '✗'} ${planVerdict(c, r)}`;
}

/** Whether the plan holds on the confirmation trials, and if not, why (no plan meets all, or borderline). */
export function planVerdict(c: ConfirmedPlan, r: OptimizeResult): string {
  if (c.missed.length === 0) return 'meets every enforced target' + (r.constraints.some((x) => !x.enforced) ? ' (– marks targets out of reach for every strategy)' : '') + ' on the confirmation trials';
  const searchMissed = c.search.groups.length > 0 ? missedIn(c.search, r) : [];
  if (searchMissed.length > 0) return `misses ${c.missed.join(', ')}: no plan evaluated meets every reachable target at once (the groups compete for the WAN and DR hosts); this is the cheapest with the fewest misses, not a plan that meets them`;
  return `met every target on the search trials but misses ${c.missed.join(', ')} on the fresh trials (as did the runners-up): borderline — rerun with more --trials`;
}

function missedIn(e: PlanEvaluation, r: OptimizeResult): string[] {
  return r.constraints.filter((c) => c.enforced && (c.which === 'rpo' ? e.groups[c.group].rpoMet : e.groups[c.group].rtoMet) < r.required).map((c) => `${r.space.groups[c.group].label} ${c.which.toUpperCase()}`);
}
