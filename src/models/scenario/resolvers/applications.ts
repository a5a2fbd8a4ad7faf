/**
 * Applications (business services): the ones declared under `applications:` and the ones VMs name with
 * `app:`, each with its members, targets, penalties and quorum; then one implicit application per VM
 * outside them, so that every VM belongs to exactly one. Defaults, most specific first:
 * - targets and priority: the application's own, else its tier's entry, else the strictest of its VMs';
 * - costs and penalty steps: the application's own, else its tier's entry, else the highest of its VMs'
 *   (an order system of 16 VMs at $25,000/h costs $25,000 an hour down, not 16 times that).
 */
import type { Application, PenaltyFunction, Vm } from '../model.js';
import type { ScenarioInput } from '../schema.js';
import type { ResolveContext } from './context.js';
import { minOf } from '../../../sim/array-extremes.js';

export type ApplicationInput = ScenarioInput['applications'][number];
type TierInput = ScenarioInput['tiers'][number];
type Steps = NonNullable<ApplicationInput['downtimePenalties']>;

function penalty(perHour: number, steps: Steps | undefined): PenaltyFunction {
  return { perHour, steps: (steps ?? []).map((s) => ({ afterSeconds: s.after, amount: s.amount })).sort((a, b) => a.afterSeconds - b.afterSeconds) };
}

/** Declared applications by name, for VM defaults (an application's targets and priority apply to its VMs). */
export function declaredApplications(ctx: ResolveContext, input: ScenarioInput): Map<string, ApplicationInput> {
  ctx.table('application', 'applications', input.applications);
  const out = new Map<string, ApplicationInput>();
  for (const a of input.applications) if (!out.has(a.name)) out.set(a.name, a);
  return out;
}

/** Sets every VM's `application` and returns the applications (named first, then one per remaining VM). */
export function resolveApplications(ctx: ResolveContext, input: ScenarioInput, vms: Vm[], declared: Map<string, ApplicationInput>): Application[] {
  return buildApplications(vms, declared, new Map(input.tiers.map((t) => [t.tier, t])), {
    warn: (at, message) => ctx.warn(at, message),
    error: (at, message) => ctx.error(at, message),
    pathOf: (name) => ['applications', input.applications.findIndex((a) => a.name === name)],
  });
}

/**
 * The applications of VMs built without a scenario file (tests, benchmarks): each `app:` name is one,
 * every other VM its own, with the defaults above. Sets every VM's `application`.
 */
export function applicationsOfVms(vms: Vm[]): Application[] {
  const ignore = () => {};
  return buildApplications(vms, new Map(), new Map(), { warn: ignore, error: ignore, pathOf: () => [] });
}

interface Report {
  warn(at: (string | number)[], message: string): void;
  error(at: (string | number)[], message: string): void;
  pathOf(name: string): (string | number)[];
}

function buildApplications(vms: Vm[], declared: Map<string, ApplicationInput>, tiers: Map<number, TierInput>, report: Report): Application[] {
  const order: string[] = [...declared.keys()];
  const members = new Map<string, number[]>(order.map((n) => [n, []]));
  for (const vm of vms) vm.application = -1;
  vms.forEach((vm, v) => {
    if (vm.app === null) return;
    let list = members.get(vm.app);
    if (list === undefined) {
      members.set(vm.app, (list = []));
      order.push(vm.app);
    }
    list.push(v);
  });
  const apps: Application[] = [];
  for (const name of order) {
    const list = members.get(name)!;
    const d = declared.get(name);
    const at = report.pathOf(name);
    if (list.length === 0) {
      report.warn(at, `application "${name}" has no VMs (none says app: ${name}): it is left out`);
      continue;
    }
    const tierNumber = d?.tier ?? minOf(list.map((v) => vms[v].tier));
    const tier = tiers.get(tierNumber);
    const most = (f: (vm: Vm) => number) => list.reduce((m, v) => Math.max(m, f(vms[v])), 0);
    const least = (f: (vm: Vm) => number) => list.reduce((m, v) => Math.min(m, f(vms[v])), Infinity);
    const quorum = d === undefined || d.needs === 'all' ? list.length : d.needs.quorum;
    if (quorum > list.length) report.error([...at, 'needs', 'quorum'], `application "${name}" needs ${quorum} VMs up but has ${list.length}`);
    const index = apps.length;
    for (const v of list) vms[v].application = index;
    apps.push({
      name,
      named: true,
      description: d?.description ?? '',
      tier: tierNumber,
      vms: list,
      rpoSeconds: d?.rpo ?? tier?.rpo ?? least((vm) => vm.rpoSeconds),
      rtoSeconds: d?.rto ?? tier?.rto ?? least((vm) => vm.rtoSeconds),
      priority: d?.priority ?? tier?.priority ?? least((vm) => vm.priority),
      quorum: Math.min(quorum, list.length),
      downtime: penalty(d?.downtimeCost ?? tier?.downtimeCost ?? most((vm) => vm.downtimeCostPerHour), d?.downtimePenalties ?? tier?.downtimePenalties),
      dataLoss: penalty(d?.dataLossCost ?? tier?.dataLossCost ?? most((vm) => vm.dataLossCostPerHour), d?.dataLossPenalties ?? tier?.dataLossPenalties),
    });
  }
  vms.forEach((vm, v) => {
    if (vm.application >= 0) return;
    const tier = tiers.get(vm.tier);
    vm.application = apps.length;
    apps.push({
      name: vm.name,
      named: false,
      description: '',
      tier: vm.tier,
      vms: [v],
      rpoSeconds: vm.rpoSeconds,
      rtoSeconds: vm.rtoSeconds,
      priority: vm.priority,
      quorum: 1,
      downtime: penalty(vm.downtimeCostPerHour, tier?.downtimePenalties),
      dataLoss: penalty(vm.dataLossCostPerHour, tier?.dataLossPenalties),
    });
  });
  return apps;
}
