/**
 * Capacity planning on the flagship example (scenarios/flagship.yaml), end to end through the YAML and
 * the worker pool: sizing the WAN link for every strategy (targets: tier-2 RPO p95 ≤ 1 h) and the
 * optimizer (exhaustive over its 128 plans, and greedy coordinate descent). Targets: sizing < 30 s,
 * optimizer < 60 s. Flags: --workers=N, --trials=N (per probe / plan), --only=size|optimize.
 */
import { fileURLToPath } from 'node:url';
import { Evaluator } from '../src/experiment/evaluator.js';
import { optimize } from '../src/experiment/optimize.js';
import { defaultWorkers } from '../src/experiment/runner.js';
import { ScenarioDocument } from '../src/experiment/scenario-overrides.js';
import { size } from '../src/experiment/size.js';
import { parseTarget } from '../src/experiment/targets.js';

export const description = 'flagship: size the WAN for every strategy (< 30 s), optimize per tier exhaustive and greedy (< 60 s)';

const FLAGSHIP = fileURLToPath(new URL('../scenarios/flagship.yaml', import.meta.url));

function flag(args: string[], name: string): string | undefined {
  return args.find((x) => x.startsWith(`--${name}=`))?.split('=')[1];
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const workers = Number(flag(args, 'workers') ?? defaultWorkers());
  const only = flag(args, 'only');
  const doc = ScenarioDocument.fromFile(FLAGSHIP);
  const out: Record<string, unknown> = { workers };

  if (only === undefined || only === 'size') {
    const trials = Number(flag(args, 'trials') ?? 20);
    const evaluator = new Evaluator({ workers });
    const t0 = performance.now();
    const target = parseTarget('tier2.rpo.p95 <= 1 h', { links: ['wan'], tiers: [1, 2, 3], currency: 'USD' });
    const r = await size({ doc, path: 'links.wan.bandwidth', targets: [target], min: '20 Mbit/s', max: '2 Gbit/s', strategies: [], fixed: [], trials, tolerance: 0.02, file: FLAGSHIP }, evaluator);
    const seconds = (performance.now() - t0) / 1000;
    await evaluator.close();
    out.size = {
      target: target.text, trialsPerProbe: trials, seconds: Number(seconds.toFixed(2)), trialsRun: evaluator.trialsRun,
      answers: Object.fromEntries(r.strategies.map((s) => [s.strategy, s.answer?.text ?? s.outcome])),
      probes: r.strategies.reduce((n, s) => n + s.probes, 0), withinTarget: seconds < 30,
    };
  }

  if (only === undefined || only === 'optimize') {
    const trials = Number(flag(args, 'trials') ?? 12);
    for (const [label, maxExhaustive] of [['exhaustive', 128], ['greedy', 1]] as const) {
      const evaluator = new Evaluator({ workers });
      const t0 = performance.now();
      const r = await optimize({ doc, fixed: [], groupBy: 'tier', budget: null, required: 0.95, trials, confirmTrials: 2 * trials, maxExhaustive, file: FLAGSHIP }, evaluator);
      const seconds = (performance.now() - t0) / 1000;
      await evaluator.close();
      out[`optimize_${label}`] = {
        trialsPerPlan: trials, seconds: Number(seconds.toFixed(2)), plansEvaluated: r.plansEvaluated, trialsRun: evaluator.trialsRun,
        chosen: r.chosen.description, missed: r.chosen.missed, annualTotal: Math.round(r.chosen.confirmed.annualTotal),
        bestSingle: r.bestSingle.name, bestSingleAnnualTotal: Math.round(r.bestSingle.confirmed.annualTotal), withinTarget: seconds < 60,
      };
    }
  }
  return out;
}
