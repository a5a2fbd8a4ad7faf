/**
 * Ransomware results are deterministic like every other: the same scenario and seed give byte-identical
 * results on one worker, on two, and merged from shards (the per-VM stage codes travel in the shard files).
 */
import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../src/experiment/experiment.js';
import { mergePartials, runShard } from '../../src/experiment/partials.js';
import { loadScenario } from '../../src/models/scenario/loader.js';

const load = () => {
  const { scenario } = loadScenario(fileURLToPath(new URL('../../scenarios/ransomware.yaml', import.meta.url)));
  scenario.simulation.trials = 4;
  return scenario;
};

describe('ransomware determinism', () => {
  test('one worker, two workers and merged shards give the same bytes', async () => {
    const one = await runExperiment(load(), 'r', '0', { workers: 1 });
    expect(one.strategies.every((s) => s.ransomware !== undefined)).toBe(true);
    const two = await runExperiment(load(), 'r', '0', { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const parts: { path: string; data: unknown }[] = [];
    for (let i = 0; i < 2; i++) parts.push({ path: `p${i}.json`, data: JSON.parse(JSON.stringify(await runShard(load(), 'r', '0', { index: i, count: 2 }, { workers: 1 }))) });
    expect(JSON.stringify(mergePartials(parts, '0'))).toBe(JSON.stringify(one));
  }, 600_000);
});
