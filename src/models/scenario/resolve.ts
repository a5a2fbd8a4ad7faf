/** Validated YAML input → the normalized Scenario: the resolution passes in dependency order. */
import type { Scenario } from './model.js';
import type { ScenarioInput } from './schema.js';
import { ResolveContext } from './resolvers/context.js';
import { resolveEstate } from './resolvers/estate.js';
import { resolveWorkloads } from './resolvers/workloads.js';
import { resolveVms } from './resolvers/vms.js';
import { declaredApplications, resolveApplications } from './resolvers/applications.js';
import { resolveStrategies } from './resolvers/strategies.js';
import { resolveCosts, resolveFailures, resolveSensitivity } from './resolvers/failures.js';
import { coverProtectionCycles, profilePeriodSeconds, resolveSimulation } from './resolvers/simulation.js';
import { addWarnings } from './warnings.js';

export function resolveScenario(ctx: ResolveContext, input: ScenarioInput): Scenario {
  const costs = resolveCosts(input);
  const requested = resolveSimulation(ctx, input);
  const estate = resolveEstate(ctx, input, costs.defaultAmortizationYears);
  const { workloads, table: workloadTable } = resolveWorkloads(ctx, input);
  const declared = declaredApplications(ctx, input);
  const { vms, vmPaths } = resolveVms(ctx, input, estate, workloadTable, requested.seed, declared);
  const applications = resolveApplications(ctx, input, vms, declared);
  const strategies = resolveStrategies(ctx, input, estate, vms);
  const usedWorkloads = [...new Set(vms.map((v) => v.workload))].map((w) => workloads[w]);
  const simulation = coverProtectionCycles(requested, strategies, profilePeriodSeconds(usedWorkloads));
  const failures = resolveFailures(ctx, input, estate, vms, applications);
  const scenario: Scenario = {
    name: input.name,
    description: input.description,
    sites: estate.sites,
    hostModels: estate.hostModels,
    clusters: estate.clusters,
    hosts: estate.hosts,
    storage: estate.storage,
    backupTargets: estate.backupTargets,
    links: estate.links,
    workloads,
    vms,
    applications,
    strategies,
    failures,
    costs,
    simulation,
    sensitivity: resolveSensitivity(ctx, input),
    assumptions: ctx.assumptions,
  };
  // Warnings reason about a consistent scenario only; with errors they would mostly be noise.
  if (ctx.problems.length === 0) addWarnings(ctx, scenario, vmPaths);
  return scenario;
}
