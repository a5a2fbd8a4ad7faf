/**
 * Protection in normal operation (issue: protection): the synthetic 10,000-VM estate, one simulated week,
 * each strategy on its own: wall time, simulated events, groups, peak memory. Target: all strategies
 * together under 10 s, memory under 2 GiB.
 */
import type * as Loader from '../src/models/scenario/loader.js';
import type * as Protection from '../src/models/protection/simulate.js';
import type * as Groups from '../src/models/protection/groups.js';
import type * as Random from '../src/sim/random.js';
import { compiled, peakRssMiB, scenarioPath } from './compiled.js';

export const description = 'synthetic 10k VMs: one simulated week of protection per strategy (wall time, events, memory)';

export async function run(): Promise<Record<string, unknown>> {
  const { loadScenario } = await compiled<typeof Loader>('models/scenario/loader');
  const { simulateProtection } = await compiled<typeof Protection>('models/protection/simulate');
  const { planGroups } = await compiled<typeof Groups>('models/protection/groups');
  const { RandomStreams } = await compiled<typeof Random>('sim/random');
  const t0 = performance.now();
  const { scenario } = loadScenario(scenarioPath('synthetic-10k.yaml'));
  const loadSeconds = (performance.now() - t0) / 1000;
  const streams = new RandomStreams(scenario.simulation.seed);
  const week = 7 * 86400;
  const strategies: Record<string, unknown>[] = [];
  let total = 0;
  for (const strategy of scenario.strategies) {
    const groups = planGroups(scenario, strategy);
    const start = performance.now();
    const out = simulateProtection({ scenario, strategy, streams, trial: 0, linkOutages: scenario.links.map(() => []), horizonSeconds: week, groups });
    const seconds = (performance.now() - start) / 1000;
    total += seconds;
    strategies.push({ strategy: strategy.name, seconds: +seconds.toFixed(3), events: out.events, groups: groups.length, lagGrowthSeconds: out.links.map((l) => l.lagGrowthSeconds) });
  }
  return { vms: scenario.vms.length, loadSeconds: +loadSeconds.toFixed(2), strategies, totalSeconds: +total.toFixed(3), targetSeconds: 10, peakRssMiB: peakRssMiB() };
}
