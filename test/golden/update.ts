/**
 * `npm run golden:update [NAME…]`: rewrites the golden files (all, or the named cases) from the current
 * code, and prints what moved in each, old → new, for the commit message.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Evaluator } from '../../src/experiment/runner.js';
import { GOLDEN_DIR, GOLDEN_WORKERS, goldenCases, goldenPath, runGoldenCase } from './cases.js';
import { describeChanges, diffGolden } from './golden-diff.js';
import { formatGolden } from './golden-form.js';

const only = new Set(process.argv.slice(2));
const cases = goldenCases().filter((c) => only.size === 0 || only.has(c.name));
if (cases.length === 0) {
  console.error(`no golden case named ${[...only].join(', ')}; the cases: ${goldenCases().map((c) => c.name).join(', ')}`);
  process.exit(2);
}
mkdirSync(GOLDEN_DIR, { recursive: true });
const evaluator = new Evaluator({ workers: GOLDEN_WORKERS });
try {
  for (const c of cases) {
    const path = goldenPath(c);
    const text = formatGolden(await runGoldenCase(c, evaluator));
    if (!existsSync(path)) {
      console.log(`${c.name}: new golden file`);
    } else {
      const changes = diffGolden(JSON.parse(readFileSync(path, 'utf8')), JSON.parse(text));
      console.log(changes.length === 0 ? `${c.name}: unchanged` : describeChanges(c.name, changes, 200));
    }
    writeFileSync(path, text);
  }
} finally {
  await evaluator.close();
}
