/**
 * The house's floors (README, ARCHITECTURE.md): each floor imports only from itself and the floors below —
 * sim → models → experiment → report → cli, with import beside models. An import that runs upwards (the
 * domain reaching into the experiment's result types, the report re-deciding a domain rule) fails here.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Which floors each floor may import from (itself included). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  sim: ['sim'],
  models: ['sim', 'models'],
  import: ['sim', 'models', 'import'],
  experiment: ['sim', 'models', 'experiment'],
  report: ['sim', 'models', 'experiment', 'report'],
  cli: ['sim', 'models', 'import', 'experiment', 'report', 'cli'],
};

/** Relative import specifiers of a TypeScript source (static imports, re-exports and dynamic imports). */
function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const specifier = m[1] ?? m[2];
    if (specifier.startsWith('.')) found.push(specifier);
  }
  return found;
}

describe('the floors of the house', () => {
  test('every folder of src/ is a known floor', () => {
    const floors = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(floors).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  test('no import runs upwards', () => {
    const upwards: string[] = [];
    for (const floor of Object.keys(MAY_IMPORT)) {
      const root = join(SRC, floor);
      for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
        const from = join(root, file);
        for (const specifier of relativeImports(readFileSync(from, 'utf8'))) {
          const target = relative(SRC, resolve(dirname(from), specifier)).split(/[\\/]/)[0];
          if (!MAY_IMPORT[floor].includes(target)) upwards.push(`${floor}/${file} imports ${specifier} (${target})`);
        }
      }
    }
    expect(upwards).toEqual([]);
  });

  test('the check sees an upward import when there is one', () => {
    // The scanner itself must not be blind: a models file importing the experiment floor is found.
    const text = "import type { X } from '../../experiment/trial.js';\nconst y = await import('../report/render.js');";
    expect(relativeImports(text)).toEqual(['../../experiment/trial.js', '../report/render.js']);
  });
});
