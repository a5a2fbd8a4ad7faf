/**
 * One measurement of the scale benchmark, in a process of its own (so builds and sizes do not share a JIT or
 * a heap): `node --import tsx bench/scale-child.ts DIST SCENARIO.yaml TRIALS`. Loads the scenario with the
 * build in DIST, runs warm-up trials (10,000 VMs' worth of them, at least one), then TRIALS trials one strategy after another, timing in CPU
 * time each strategy's normal operation (protection) and its recoveries. Prints one JSON line: the median
 * over trials of µs per VM and trial, per strategy, and the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Loader from '../src/models/scenario/loader.js';
import type * as Trial from '../src/experiment/trial.js';
import type * as Random from '../src/sim/random.js';
import type * as Draws from '../src/models/failures/draws.js';
import type * as Outages from '../src/models/failures/outages.js';
import type * as Protection from '../src/models/protection/simulate.js';
import type * as Recover from '../src/models/recovery/recover.js';
import type { WriteCurveCache } from '../src/models/protection/groups.js';

const [dist, scenarioFile, trialsArg] = process.argv.slice(2);
const load = async <T>(module: string): Promise<T> => (await import(pathToFileURL(join(dist, `${module}.js`)).href)) as T;
const { parseScenario } = await load<typeof Loader>('models/scenario/loader');
const { planTrials } = await load<typeof Trial>('experiment/trial');
const { RandomStreams } = await load<typeof Random>('sim/random');
const { drawTrialFailures, strategyHorizonSeconds } = await load<typeof Draws>('models/failures/draws');
const { drawLinkOutages } = await load<typeof Outages>('models/failures/outages');
const { simulateProtection } = await load<typeof Protection>('models/protection/simulate');
const { recover } = await load<typeof Recover>('models/recovery/recover');

const { scenario } = parseScenario(readFileSync(scenarioFile, 'utf8'), scenarioFile);
const plan = planTrials(scenario);
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/** What runTrial does, strategy by strategy, timed: protection, then the recoveries of the trial's failures. */
function trial(t: number): { protectionMs: number[]; recoveryMs: number[] } {
  const streams = new RandomStreams(scenario.simulation.seed);
  const failures = drawTrialFailures(scenario, streams, t);
  const outages = drawLinkOutages(scenario, streams, t, failures.horizonSeconds + 30 * 86_400);
  // Per simulated span, as runTrial does (curves are built to their span's end).
  const curveCaches = new Map<number, WriteCurveCache>();
  const protectionMs: number[] = [];
  const recoveryMs: number[] = [];
  scenario.strategies.forEach((strategy, s) => {
    let c0 = process.cpuUsage();
    // A baseline build from before per-strategy horizons (issue 20) simulates every strategy to the trial's.
    const horizonSeconds = typeof strategyHorizonSeconds === 'function' ? strategyHorizonSeconds(scenario, strategy, failures) : failures.horizonSeconds;
    let curveCache = curveCaches.get(horizonSeconds);
    if (curveCache === undefined) curveCaches.set(horizonSeconds, (curveCache = { trial: new Map(), steady: plan.steadyCurves }));
    const protection = simulateProtection({ scenario, strategy, streams, trial: t, linkOutages: outages, horizonSeconds, curveCache, groups: plan.groups[s] });
    protectionMs.push(cpuMs(c0));
    c0 = process.cpuUsage();
    for (const event of failures.events) {
      recover({ scenario, strategy, protection: protection.vmProtection, event, rng: streams.stream(`recovery:${event.kind}`, t), linkOutages: outages, recordTimeline: false });
    }
    recoveryMs.push(cpuMs(c0));
  });
  return { protectionMs, recoveryMs };
}

const trials = Number(trialsArg);
const warmUp = Math.max(1, Math.round(10_000 / scenario.vms.length));
for (let t = 0; t < warmUp; t++) trial(t);
const rows = Array.from({ length: trials }, (_, i) => trial(warmUp + i));
const median = (xs: number[]): number => {
  const a = xs.slice().sort((x, y) => x - y);
  return a.length % 2 === 1 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const perVmTrial = (ms: number) => +((ms * 1000) / scenario.vms.length).toFixed(2);
process.stdout.write(JSON.stringify({
  vms: scenario.vms.length,
  drHosts: scenario.hosts.filter((h) => h.site === scenario.strategies[0].recovery.drSite).length,
  trials,
  strategies: scenario.strategies.map((s) => s.name),
  protectionUsPerVmTrial: scenario.strategies.map((_, s) => perVmTrial(median(rows.map((r) => r.protectionMs[s])))),
  recoveryUsPerVmTrial: scenario.strategies.map((_, s) => perVmTrial(median(rows.map((r) => r.recoveryMs[s])))),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
