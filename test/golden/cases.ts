/**
 * The golden cases: every example scenario and every closed-form fixture, run small (a few trials, the
 * file's own seed, two workers) so the check takes seconds. A new file in scenarios/ is picked up by
 * itself and fails until its golden file is written (`npm run golden:update`).
 */
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../src/experiment/experiment.js';
import type { Evaluator } from '../../src/experiment/runner.js';
import { loadScenario } from '../../src/models/scenario/loader.js';
import { goldenForm, type GoldenResults } from './golden-form.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GOLDEN_DIR = join(ROOT, 'test/golden/results');
export const GOLDEN_WORKERS = 2;
const FIXTURE_DIR = 'test/experiment/fixtures';

export interface GoldenCase {
  /** Name of the golden file (without .json). */
  name: string;
  /** Scenario file, relative to the repository root (as written into the results). */
  file: string;
}

export function goldenCases(): GoldenCase[] {
  const yamlIn = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).sort();
  return [
    ...yamlIn('scenarios').map((f) => ({ name: basename(f, '.yaml'), file: `scenarios/${f}` })),
    ...yamlIn(FIXTURE_DIR).map((f) => ({ name: `fixture-${basename(f, '.yaml')}`, file: `${FIXTURE_DIR}/${f}` })),
  ];
}

/** A few trials: enough to exercise every failure kind and path, few enough for seconds per case. */
export function goldenTrials(vmCount: number): number {
  return vmCount > 2000 ? 2 : 8;
}

export async function runGoldenCase(c: GoldenCase, evaluator: Evaluator): Promise<GoldenResults> {
  const { scenario } = loadScenario(join(ROOT, c.file));
  scenario.simulation.trials = goldenTrials(scenario.vms.length);
  const results = await runExperiment(scenario, relative(ROOT, join(ROOT, c.file)), 'golden', { workers: GOLDEN_WORKERS, evaluator });
  return goldenForm(results);
}

export function goldenPath(c: GoldenCase): string {
  return join(GOLDEN_DIR, `${c.name}.json`);
}
