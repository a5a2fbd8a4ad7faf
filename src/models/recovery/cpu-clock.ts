/**
 * CPU capacity across heterogeneous hosts (DOMAIN: hosts differ in cores and clock). A vCPU is as fast as the
 * core it runs on, so CPU is counted in *reference vCPUs*: vCPUs at the fastest host clock of the estate.
 * A host of c cores at g GHz offers c × overcommit × g / ref; a VM of v vCPUs needs v × home / ref, where
 * home is the clock its vCPUs run at in normal operation (the cores-weighted mean clock of its cluster's
 * hosts; the reference clock when the cluster has none). So a VM moving from 2.9 GHz hosts to 2.2 GHz DR
 * hosts needs 2.9 / 2.2 ≈ 1.3 times the DR vCPUs it had; on an estate of one clock everything is as counted.
 */
import type { Scenario } from '../scenario/model.js';
import { freezeScenario } from '../scenario/frozen.js';

export interface CpuClock {
  /** The reference clock (GHz): the fastest host model's. */
  referenceGhz: number;
  /** Per host: its clock / the reference (multiplies cores × overcommit). */
  hostFactor: Float64Array;
  /** Per VM: its CPU demand in reference vCPUs. */
  vmDemand: Float64Array;
}

const clocks = new WeakMap<Scenario, CpuClock>();

/** The clock of a scenario the simulation uses (computed once; the scenario is frozen from then on). */
export function cpuClock(scenario: Scenario): CpuClock {
  let c = clocks.get(scenario);
  if (c === undefined) {
    freezeScenario(scenario);
    clocks.set(scenario, (c = computeCpuClock(scenario)));
  }
  return c;
}

/** The same, uncached, for a scenario still being resolved. */
export function computeCpuClock(scenario: Scenario): CpuClock {
  const ghzOf = (h: number) => scenario.hostModels[scenario.hosts[h].model]?.ghz ?? NaN;
  let reference = 0;
  for (let h = 0; h < scenario.hosts.length; h++) if (ghzOf(h) > reference) reference = ghzOf(h);
  if (!(reference > 0)) reference = 1;
  const hostFactor = Float64Array.from(scenario.hosts, (_, h) => (ghzOf(h) > 0 ? ghzOf(h) / reference : 1));
  // Each cluster's clock: cores-weighted mean of its hosts (exactly the clock when they all share one).
  const clusterGhz = scenario.clusters.map((_, c) => {
    let cores = 0;
    let weighted = 0;
    let min = Infinity;
    let max = -Infinity;
    scenario.hosts.forEach((host, h) => {
      if (host.cluster !== c || !(ghzOf(h) > 0)) return;
      const n = scenario.hostModels[host.model].cores;
      cores += n;
      weighted += n * ghzOf(h);
      min = Math.min(min, ghzOf(h));
      max = Math.max(max, ghzOf(h));
    });
    if (cores === 0) return reference;
    return min === max ? min : weighted / cores;
  });
  const vmDemand = Float64Array.from(scenario.vms, (vm) => {
    const home = clusterGhz[vm.cluster] ?? reference;
    return home === reference ? vm.vcpus : (vm.vcpus * home) / reference;
  });
  return { referenceGhz: reference, hostFactor, vmDemand };
}
