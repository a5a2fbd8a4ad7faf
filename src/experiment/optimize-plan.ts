/**
 * The optimizer's search space: the estate split into groups (by tier or by application), and for each
 * group the candidate protections the scenario's strategies give it — "the optimizer recombines the
 * methods the scenario's strategies give each tier/app". A plan picks one candidate per group plus one
 * recovery plan (runbook, detection, declaration) from the strategies' recovery sections, and becomes
 * one ordinary Strategy, so it is simulated, costed and validated like any other.
 *
 * Licences follow the methods: a group protected by strategy S's methods pays S's per-VM and per-TB
 * prices for its VMs; the per-socket price of every strategy used is paid once. The plan's Strategy
 * carries the blend (per-VM and per-TB prices weighted by protected VMs and TB), which gives cost/strategy-cost.ts
 * exactly the per-group sums when all VMs sit at one primary site.
 */
import type { ProtectionAssignment, RecoveryPlan, Scenario, Strategy, StrategyLicences } from '../models/scenario/model.js';
import { pushAll } from '../sim/array-extremes.js';

export type GroupBy = 'tier' | 'app';

export interface VmGroup {
  label: string;
  tier: number | null;
  app: string | null;
  vms: number[];
}

export interface RuleSlice {
  /** Index of the source strategy and of its protect rule. */
  strategy: number;
  rule: number;
  vms: number[];
}

export interface Candidate {
  /** Strategy names that give this group exactly these methods and licence prices (the first is the label). */
  from: string[];
  source: number;
  slices: RuleSlice[];
  licences: StrategyLicences;
  /**
   * Another candidate gives the same methods at licence prices as low or lower: it can never be the cheaper
   * choice, so the search skips it — but it stays in the space, so the plan that is exactly its strategy
   * (the "best single strategy" comparison) can still be built.
   */
  dominated: boolean;
}

export interface RecoveryCandidate {
  from: string[];
  source: number;
  recovery: RecoveryPlan;
}

export interface PlanSpace {
  groups: VmGroup[];
  candidates: Candidate[][];
  recoveries: RecoveryCandidate[];
}

/** Candidate index per group, then the recovery index. */
export type Choice = number[];

export class PlanSpaceError extends Error {}

export function groupVms(scenario: Scenario, by: GroupBy): VmGroup[] {
  const groups = new Map<string, VmGroup>();
  scenario.vms.forEach((vm, v) => {
    const key = by === 'tier' ? `tier ${vm.tier}` : vm.app === null ? '(no application)' : `app ${vm.app}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { label: key, tier: by === 'tier' ? vm.tier : null, app: by === 'app' ? vm.app : null, vms: [] }));
    g.vms.push(v);
  });
  const list = [...groups.values()];
  // Tiers in order; applications by name with the VMs that have none last.
  return list.sort((a, b) => (by === 'tier' ? a.tier! - b.tier! : a.app === null ? 1 : b.app === null ? -1 : a.app.localeCompare(b.app)));
}

function ruleOfVm(strategy: Strategy): Map<number, number> {
  const m = new Map<number, number>();
  strategy.assignments.forEach((a, r) => { for (const v of a.vms) m.set(v, r); });
  return m;
}

function dominated(a: StrategyLicences, b: StrategyLicences): boolean {
  // b is at least as cheap as a in every price.
  return b.perVmPerYear <= a.perVmPerYear && b.perSocketPerYear <= a.perSocketPerYear && b.perTBPerYear <= a.perTBPerYear;
}

export function buildPlanSpace(scenario: Scenario, by: GroupBy): PlanSpace {
  if (scenario.strategies.length === 0) throw new PlanSpaceError('the scenario has no strategies to recombine');
  const drSites = new Set(scenario.strategies.map((s) => s.recovery.drSite));
  if (drSites.size > 1) throw new PlanSpaceError('the strategies recover to different DR sites; optimize recombines strategies of one DR site');
  const groups = groupVms(scenario, by);
  const rules = scenario.strategies.map(ruleOfVm);
  const candidates = groups.map((g) => {
    const found: { candidate: Candidate; methodsKey: string; key: string }[] = [];
    scenario.strategies.forEach((st, s) => {
      const methodsKey = JSON.stringify(g.vms.map((v) => st.assignments[rules[s].get(v)!].methods));
      const key = `${methodsKey}#${JSON.stringify(st.licences)}`;
      const same = found.find((f) => f.key === key);
      if (same) { same.candidate.from.push(st.name); return; }
      const slices: RuleSlice[] = [];
      for (const v of g.vms) {
        const r = rules[s].get(v)!;
        let slice = slices.find((x) => x.rule === r);
        if (slice === undefined) slices.push((slice = { strategy: s, rule: r, vms: [] }));
        slice.vms.push(v);
      }
      found.push({ candidate: { from: [st.name], source: s, slices, licences: st.licences, dominated: false }, methodsKey, key });
    });
    for (const f of found) {
      f.candidate.dominated = found.some((o) => o !== f && o.methodsKey === f.methodsKey && o.key !== f.key && dominated(f.candidate.licences, o.candidate.licences));
    }
    return found.map((f) => f.candidate);
  });
  const recoveries: RecoveryCandidate[] = [];
  scenario.strategies.forEach((st, s) => {
    const same = recoveries.find((r) => JSON.stringify(r.recovery) === JSON.stringify(st.recovery));
    if (same) same.from.push(st.name);
    else recoveries.push({ from: [st.name], source: s, recovery: st.recovery });
  });
  return { groups, candidates, recoveries };
}

/** Indices of a group's candidates the search considers (the dominated ones left out). */
export function searched(candidates: readonly Candidate[]): number[] {
  return candidates.flatMap((c, i) => (c.dominated ? [] : [i]));
}

/** Plans the search considers. */
export function spaceSize(space: PlanSpace): number {
  return space.candidates.reduce((n, c) => n * searched(c).length, 1) * space.recoveries.length;
}

export function choiceKey(choice: Choice): string {
  return choice.join('.');
}

/** The plan that is exactly strategy s (each group takes s's candidate, recovery from s). */
export function singleStrategyChoice(space: PlanSpace, scenario: Scenario, s: number): Choice {
  const name = scenario.strategies[s].name;
  return [
    ...space.candidates.map((cands) => cands.findIndex((c) => c.from.includes(name))),
    space.recoveries.findIndex((r) => r.from.includes(name)),
  ];
}

/** Every choice the search considers, the first group varying slowest. */
export function allChoices(space: PlanSpace): Choice[] {
  const dims = [...space.candidates.map(searched), space.recoveries.map((_, i) => i)];
  let out: Choice[] = [[]];
  for (const d of dims) out = out.flatMap((c) => d.map((i) => [...c, i]));
  return out;
}

/** Choices the search considers that differ from `choice` in one coordinate. */
export function neighbours(space: PlanSpace, choice: Choice): Choice[] {
  const dims = [...space.candidates.map(searched), space.recoveries.map((_, i) => i)];
  const out: Choice[] = [];
  dims.forEach((d, k) => { for (const i of d) if (i !== choice[k]) out.push(choice.map((x, j) => (j === k ? i : x))); });
  return out;
}

/** The plan's protect rules: one per (source strategy, rule), VMs in estate order, like the resolver makes them. */
export function planSlices(space: PlanSpace, choice: Choice): RuleSlice[] {
  const merged = new Map<string, RuleSlice>();
  space.groups.forEach((_, g) => {
    for (const slice of space.candidates[g][choice[g]].slices) {
      const key = `${slice.strategy}:${slice.rule}`;
      const m = merged.get(key);
      if (m) pushAll(m.vms, slice.vms);
      else merged.set(key, { ...slice, vms: [...slice.vms] });
    }
  });
  return [...merged.values()].map((s) => ({ ...s, vms: s.vms.sort((a, b) => a - b) })).sort((a, b) => a.strategy - b.strategy || a.rule - b.rule);
}

export function blendedLicences(scenario: Scenario, space: PlanSpace, choice: Choice): StrategyLicences {
  let vms = 0;
  let tb = 0;
  let perVm = 0;
  let perTB = 0;
  const socketPrices = new Map<number, number>();
  space.groups.forEach((_, g) => {
    const c = space.candidates[g][choice[g]];
    for (const slice of c.slices) {
      if (scenario.strategies[slice.strategy].assignments[slice.rule].methods.length === 0) continue;
      const bytes = slice.vms.reduce((acc, v) => acc + scenario.vms[v].usedBytes, 0) / 1e12;
      vms += slice.vms.length;
      tb += bytes;
      perVm += c.licences.perVmPerYear * slice.vms.length;
      perTB += c.licences.perTBPerYear * bytes;
      if (slice.vms.length > 0) socketPrices.set(c.source, c.licences.perSocketPerYear);
    }
  });
  return {
    perVmPerYear: vms > 0 ? perVm / vms : 0,
    perTBPerYear: tb > 0 ? perTB / tb : 0,
    perSocketPerYear: [...socketPrices.values()].reduce((a, b) => a + b, 0),
  };
}

export function planStrategy(scenario: Scenario, space: PlanSpace, choice: Choice, name: string): Strategy {
  const assignments: ProtectionAssignment[] = planSlices(space, choice).map((s) => ({ vms: s.vms, methods: scenario.strategies[s.strategy].assignments[s.rule].methods }));
  return {
    name,
    description: describeChoice(space, choice),
    assignments,
    recovery: space.recoveries[choice[choice.length - 1]].recovery,
    licences: blendedLicences(scenario, space, choice),
  };
}

export function describeChoice(space: PlanSpace, choice: Choice): string {
  const parts = space.groups.map((g, k) => `${g.label}: ${space.candidates[k][choice[k]].from[0]}`);
  return `${parts.join('; ')}; recovery: ${space.recoveries[choice[choice.length - 1]].from[0]}`;
}
