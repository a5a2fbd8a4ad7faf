/**
 * The kernel is the house's ground floor: src/sim imports only itself, Node's built-ins and npm packages,
 * never src/models or anything above (ARCHITECTURE.md).
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const kernel = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/sim');

describe('the kernel floor', () => {
  test('src/sim imports nothing from outside src/sim but built-ins and packages', () => {
    const outside: string[] = [];
    for (const file of readdirSync(kernel, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(kernel, file), 'utf8');
      for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const specifier = match[1];
        if (!specifier.startsWith('.')) continue; // a built-in or a package
        const target = relative(kernel, resolve(kernel, dirname(file), specifier));
        if (target.startsWith('..')) outside.push(`${file} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
