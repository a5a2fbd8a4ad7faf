/**
 * Golden results: every example and closed-form fixture, run small, must reproduce its committed golden
 * file exactly. On a difference the failure lists which strategies and fields moved, old → new. After an
 * intended change: `npm run golden:update`, and say in the commit message which numbers moved and why.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { Evaluator } from '../../src/experiment/runner.js';
import { GOLDEN_WORKERS, goldenCases, goldenPath, runGoldenCase } from './cases.js';
import { describeChanges, diffGolden } from './golden-diff.js';
import { formatGolden } from './golden-form.js';

const evaluator = new Evaluator({ workers: GOLDEN_WORKERS });
afterAll(() => evaluator.close());

describe('golden results', () => {
  test.each(goldenCases().map((c) => [c.name, c] as const))('%s reproduces its golden file', async (_name, c) => {
    const path = goldenPath(c);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run golden:update\` and commit it`);
    const golden: unknown = JSON.parse(readFileSync(path, 'utf8'));
    // Through the file's own text form, so what is compared is exactly what would be written.
    const now: unknown = JSON.parse(formatGolden(await runGoldenCase(c, evaluator)));
    const changes = diffGolden(golden, now);
    if (changes.length > 0) throw new Error(`${describeChanges(c.name, changes)}\n\nIf this change is intended: npm run golden:update, and say in the commit message which numbers moved and why.`);
    expect(changes).toEqual([]);
  });
});
