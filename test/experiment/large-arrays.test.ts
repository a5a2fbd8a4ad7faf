/**
 * Issue 17, "never lose a finished simulation in aggregation": a call like `Math.min(...values)` passes
 * every value as an argument and throws a RangeError above ~125,000 of them. Aggregation of a large estate
 * must finish, and no such spread of a possibly large array may remain anywhere in src/.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { aggregate } from '../../src/experiment/aggregate.js';
import { planTrials, runTrial } from '../../src/experiment/trial.js';
import { maxOf, minOf, pushAll } from '../../src/sim/array-extremes.js';
import { scenario, vm } from '../support/scenario-builder.js';

describe('large arrays', () => {
  test('a trial of 130,000 VMs in one tier aggregates (it threw a RangeError after the whole run)', () => {
    const vms = Array.from({ length: 130_000 }, (_, i) => vm(`v${i}`, { rpoSeconds: 900 + (i % 7), rtoSeconds: 3600 + (i % 5) }));
    const sc = scenario({ vms });
    const results = aggregate(sc, [runTrial(planTrials(sc), 0)], { scenarioFile: 'x', version: '' });
    expect(results.scenario.tiers).toEqual([{ tier: 1, vmCount: 130_000, rpoTargetSeconds: 900, rtoTargetSeconds: 3600 }]);
    expect(results.strategies[0].summary.byTier[0]).toMatchObject({ tier: 1, rpoTargetSeconds: 900, rtoTargetSeconds: 3600 });
  });

  test('minOf, maxOf and pushAll take any number of values and keep Math.min/max semantics', () => {
    const big = Float64Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_001);
    expect(minOf(big)).toBe(big.reduce((a, b) => Math.min(a, b), Infinity));
    expect(maxOf(big)).toBe(big.reduce((a, b) => Math.max(a, b), -Infinity));
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([3, NaN, 1])).toBeNaN();
    expect(Object.is(minOf([0, -0]), -0)).toBe(true);
    expect(Object.is(maxOf([-0, 0]), 0)).toBe(true);
    const target = [1];
    pushAll(target, Array.from({ length: 200_000 }, () => 2));
    expect(target.length).toBe(200_001);
  });

  test('no call in src/ spreads an array into its arguments (Math.min/max, push, unshift, splice, fromCharCode)', () => {
    const offenders: string[] = [];
    const CALL = /(Math\.min|Math\.max|\.push|\.unshift|\.splice|String\.fromCharCode|\.apply)\(/g;
    for (const file of sourceFiles('src')) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const m of text.matchAll(CALL)) {
        const at = m.index + m[0].length;
        if (spreadsAnArgument(text, at)) offenders.push(`${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}${text.slice(at, at + 60)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Whether the call whose argument list opens just before `from` spreads an argument (`f(a, ...xs)`). */
function spreadsAnArgument(text: string, from: number): boolean {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && text.startsWith('...', i)) return true;
  }
  return false;
}

/** Comments mention such calls to explain them; only code counts. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:])\/\/.*$/gm, '$1');
}
