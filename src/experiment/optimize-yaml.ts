/**
 * A plan as a `strategies:` entry ready to paste into the scenario: each protect rule is the source
 * strategy's rule (its methods exactly as written, units and all) narrowed to the groups that chose it,
 * the recovery section of the chosen strategy, and the blended licence prices. The fragment is checked by
 * loading the scenario with it appended: the loaded strategy must protect every VM exactly as the plan
 * does, else its rules fall back to explicit VM lists. The optimizer confirms the *loaded* strategy, so
 * what is printed is what was simulated.
 */
import { exactMoneyPerYear } from '../models/units/format.js';
import { isSeq, parseDocument, stringify } from 'yaml';
import type { Scenario, Strategy } from '../models/scenario/model.js';
import { parseScenario, type LoadedScenario } from '../models/scenario/loader.js';
import { planSlices, planStrategy, type Choice, type PlanSpace, type VmGroup } from './optimize-plan.js';
import type { Assignment, ScenarioDocument } from './scenario-overrides.js';

type Js = Record<string, unknown>;

export interface PlanYaml {
  name: string;
  data: Js;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function oneOrMany(list: unknown[]): unknown {
  return list.length === 1 ? list[0] : list;
}

/** The selector for some groups, or null when it cannot be written without VM names (VMs with no app). */
function groupSelector(groups: VmGroup[]): Js | null {
  if (groups.every((g) => g.tier !== null)) return { tier: oneOrMany(groups.map((g) => g.tier)) };
  if (groups.every((g) => g.app !== null)) return { app: oneOrMany(groups.map((g) => g.app)) };
  return null;
}

/** rule ∧ group, or null when the two cannot be combined into one selector. */
function intersect(rule: unknown, group: Js): Js | null {
  if (rule === 'all' || rule === undefined) return group;
  if (typeof rule !== 'object' || rule === null) return null;
  const out: Js = { ...(rule as Js) };
  for (const [k, v] of Object.entries(group)) {
    if (!(k in out)) { out[k] = v; continue; }
    if (k !== 'tier' && k !== 'app') return null;
    const both = asList(out[k]).filter((x) => asList(v).includes(x));
    if (both.length === 0) return null;
    out[k] = oneOrMany(both);
  }
  return out;
}

export function planYaml(scenario: Scenario, data: Js, space: PlanSpace, choice: Choice, name: string, explicit: boolean): PlanYaml {
  const strategies = data.strategies as Js[];
  const plan = planStrategy(scenario, space, choice, name);
  const protect = planSlices(space, choice).map((slice) => {
    const rule = (strategies[slice.strategy].protect as Js[])[slice.rule];
    const groups = space.groups.filter((g, k) => space.candidates[k][choice[k]].slices.some((s) => s.strategy === slice.strategy && s.rule === slice.rule));
    const sel = groupSelector(groups);
    const select = explicit || sel === null ? null : intersect(rule.select, sel);
    return { select: select ?? { vms: slice.vms.map((v) => scenario.vms[v].name) }, methods: rule.methods };
  });
  const source = strategies[space.recoveries[choice[choice.length - 1]].source];
  const currency = scenario.costs.currency;
  const money = (x: number) => exactMoneyPerYear(x, currency);
  const licences: Js = {};
  if (plan.licences.perVmPerYear > 0) licences.perVm = money(plan.licences.perVmPerYear);
  if (plan.licences.perSocketPerYear > 0) licences.perSocket = money(plan.licences.perSocketPerYear);
  if (plan.licences.perTBPerYear > 0) licences.perTB = money(plan.licences.perTBPerYear);
  return {
    name,
    data: {
      name,
      description: `drsim optimize: ${plan.description}`,
      protect,
      ...(source.recovery !== undefined ? { recovery: source.recovery } : {}),
      ...(Object.keys(licences).length > 0 ? { licences } : {}),
    },
  };
}

/** The fragment as YAML text: a one-item list to paste under `strategies:`. */
export function fragmentText(plan: PlanYaml): string {
  const doc = parseDocument(stringify([plan.data], { lineWidth: 0 }));
  // Flow style for selectors and methods keeps each rule to a few readable lines.
  const item = (doc.contents as { items: { get: (k: string, keep: true) => unknown }[] }).items[0];
  const protect = item.get('protect', true);
  if (isSeq(protect)) {
    for (const rule of protect.items as { get: (k: string, keep: true) => unknown }[]) {
      for (const key of ['select', 'methods']) {
        const node = rule.get(key, true) as { flow?: boolean; items?: { flow?: boolean }[] } | undefined;
        if (node === undefined) continue;
        if (key === 'select') node.flow = true;
        else for (const m of node.items ?? []) m.flow = true;
      }
    }
  }
  for (const key of ['recovery', 'licences']) {
    const node = item.get(key, true) as { flow?: boolean } | undefined;
    if (node) node.flow = true;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** Loads the scenario (with the fixed --set changes) and the plans appended to its strategies. */
export function loadWithPlans(doc: ScenarioDocument, fixed: Assignment[], plans: PlanYaml[]): LoadedScenario {
  const yaml = parseDocument(doc.textWith(fixed), { merge: true });
  const seq = yaml.get('strategies', true);
  if (!isSeq(seq)) throw new Error('the scenario has no strategies list');
  for (const p of plans) seq.add(yaml.createNode(p.data));
  return parseScenario(yaml.toString({ lineWidth: 0 }), `${doc.file} (with optimized plans)`, doc.options);
}

/** True when the loaded strategy protects, recovers and licenses exactly like the plan. */
export function samePlan(loaded: Strategy, plan: Strategy): boolean {
  const rules = (s: Strategy) => s.assignments.filter((a) => a.vms.length > 0).map((a) => JSON.stringify([a.vms, a.methods]));
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  return JSON.stringify(rules(loaded)) === JSON.stringify(rules(plan))
    && JSON.stringify(loaded.recovery) === JSON.stringify(plan.recovery)
    && close(loaded.licences.perVmPerYear, plan.licences.perVmPerYear)
    && close(loaded.licences.perTBPerYear, plan.licences.perTBPerYear)
    && close(loaded.licences.perSocketPerYear, plan.licences.perSocketPerYear);
}
